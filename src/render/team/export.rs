//! The team card for machines: the `team` object of `handbook.json`
//! (contacts resolved to the people who hold them today, as qualified ids)
//! and `team-api.json`, the card in the shape of Team Topologies'
//! TeamAPI-As-Code (github.com/TeamTopologies/TeamAPI-As-Code, spec/teamapi.md).

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::model::team::{Runbook, Team};
use crate::model::{Entity, Handbook, Ref, targets};
use crate::urls;

pub const TEAM_API: &str = "team-api.json";

/// The version of the TeamAPI specification the file follows.
const TEAM_API_VERSION: &str = "0.1.0";

#[derive(Serialize)]
pub struct CardOut<'a> {
    url: String,
    name: Option<&'a str>,
    mission: Option<&'a str>,
    #[serde(rename = "type")]
    kind: Option<&'a str>,
    customers: &'a [String],
    hours: Option<HoursOut>,
    channels: Vec<Value>,
    intakes: Vec<Value>,
    services: Vec<Value>,
    interactions: Vec<Value>,
    review_every: Option<String>,
    reviewed: Option<String>,
    reviewed_by: Vec<String>,
    /// When the next review is due (absent when reviews are not tracked).
    review_due: Option<String>,
    history: Vec<Value>,
}

#[derive(Serialize)]
struct HoursOut {
    /// The zone of the core hours: the card's, else the team's.
    timezone: String,
    /// "10:00-16:00".
    core: Option<String>,
    response: Option<String>,
}

/// The people who hold these parties today (a role's current holders), as
/// qualified ids, each once.
fn people_today(hb: &Handbook, refs: &[Ref]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in targets(refs) {
        let people: Vec<usize> = match e {
            Entity::Person(p) => vec![p],
            Entity::Role(r) => hb.roles[r].people.iter().copied().filter(|&p| !hb.people[p].alumnus).collect(),
            _ => Vec::new(),
        };
        for p in people {
            let id = hb.qualified_id(Entity::Person(p));
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}

fn qualified(hb: &Handbook, r: &Option<Ref>) -> Option<String> {
    r.as_ref().and_then(|r| r.to).map(|e| hb.qualified_id(e))
}

/// Who is on a duty at build time (handbook.json lists the quarter's
/// shifts under `duties` for anyone who wants later ones).
fn on_duty_now(hb: &Handbook, r: &Option<Ref>) -> Vec<String> {
    let Some(Entity::Duty(k)) = r.as_ref().and_then(|r| r.to) else { return Vec::new() };
    let Some(rota) = hb.duties[k].rota(hb) else { return Vec::new() };
    rota.ahead(hb.now, 1)
        .iter()
        .filter(|s| s.start.timestamp() <= hb.now && hb.now < s.end.timestamp())
        .map(|s| hb.qualified_id(Entity::Person(s.person)))
        .collect()
}

/// Who answers for an area today: its owners' people.
fn area_people(hb: &Handbook, r: &Option<Ref>) -> Vec<String> {
    match r.as_ref().and_then(|r| r.to) {
        Some(Entity::Area(a)) => people_today(hb, &hb.areas[a].owners),
        _ => Vec::new(),
    }
}

pub fn card(hb: &Handbook) -> Option<CardOut<'_>> {
    let team = hb.config.team.as_ref()?;
    let date = |d: &Option<crate::fields::At<jiff::civil::Date>>| d.as_ref().map(|d| d.value.to_string());
    Some(CardOut {
        url: urls::page(hb, Entity::Index(crate::model::Index::Team)),
        name: team.name.as_deref(),
        mission: team.mission.as_deref(),
        kind: team.kind,
        customers: &team.customers,
        hours: team.hours.as_ref().map(|h| HoursOut {
            timezone: h.timezone.as_ref().unwrap_or(&hb.config.timezone).name.clone(),
            core: h.core.map(|(a, b)| format!("{}-{}", a.strftime("%H:%M"), b.strftime("%H:%M"))),
            response: h.response.as_ref().map(|(written, _)| written.clone()),
        }),
        channels: team.channels.iter().map(|c| json!({ "name": c.name, "purpose": c.purpose, "url": c.url })).collect(),
        intakes: team
            .intakes
            .iter()
            .map(|i| {
                let contacts = match (&i.area, &i.role) {
                    (Some(_), _) => area_people(hb, &i.area),
                    (None, Some(r)) => people_today(hb, std::slice::from_ref(r)),
                    (None, None) => on_duty_now(hb, &i.duty),
                };
                json!({
                    "for": i.what, "how": i.how, "url": i.url,
                    "area": qualified(hb, &i.area), "role": qualified(hb, &i.role), "duty": qualified(hb, &i.duty),
                    "contacts": contacts,
                })
            })
            .collect(),
        services: team
            .services
            .iter()
            .map(|s| {
                let runbook = match &s.runbook {
                    Some(Runbook::Url(u)) => json!({ "url": u }),
                    Some(Runbook::Page(r)) => match r.to {
                        Some(e) => json!({ "page": hb.qualified_id(e), "url": urls::page(hb, e) }),
                        None => Value::Null,
                    },
                    None => Value::Null,
                };
                json!({
                    "name": s.name, "area": qualified(hb, &s.area), "owners": area_people(hb, &s.area),
                    "repo": s.repo, "runbook": runbook, "dashboard": s.dashboard,
                })
            })
            .collect(),
        interactions: team
            .interactions
            .iter()
            .map(|i| {
                json!({
                    "team": i.team, "mode": i.mode, "purpose": i.purpose,
                    "since": date(&i.since), "until": date(&i.until),
                    "ended": i.until.as_ref().is_some_and(|u| u.value < hb.today),
                })
            })
            .collect(),
        review_every: team.review_every.map(|e| e.name()),
        reviewed: date(&team.reviewed),
        reviewed_by: team.reviewed_by.iter().filter_map(|r| r.to).map(|e| hb.qualified_id(e)).collect(),
        review_due: team.review_every.map(|every| match &team.reviewed {
            Some(r) => every.after(r.value).to_string(),
            None => hb.today.to_string(),
        }),
        history: team.history.iter().map(|c| json!({ "date": c.date.value.to_string(), "change": c.change })).collect(),
    })
}

/// A channel's type, which TeamAPI requires and the card does not say: a
/// chat channel (`#payments`), an email address, else a link.
fn channel_type(name: &str) -> &'static str {
    if name.starts_with('#') {
        "chat"
    } else if name.contains('@') {
        "email"
    } else {
        "link"
    }
}

/// An address outside the site for a page of it, when `base_url` is known.
fn absolute(hb: &Handbook, path: String) -> Option<String> {
    hb.config.base_url.as_ref().map(|base| format!("{base}{path}"))
}

/// `team-api.json`, when there is a card.
pub fn team_api(hb: &Handbook) -> Option<Vec<u8>> {
    let team: &Team = hb.config.team.as_ref()?;
    let mut root = Map::new();
    root.insert("teamapi".into(), TEAM_API_VERSION.into());
    let mut info = Map::new();
    info.insert("name".into(), team.name.clone().unwrap_or_else(|| hb.config.title.clone()).into());
    if let Some(m) = &team.mission {
        info.insert("focus".into(), m.clone().into());
    }
    if let Some(k) = team.kind {
        info.insert("type".into(), k.into());
    }
    root.insert("info".into(), info.into());
    if !team.channels.is_empty() {
        let channels: Vec<Value> =
            team.channels.iter().map(|c| json!({ "type": channel_type(&c.name), "name": c.name })).collect();
        root.insert("channels".into(), channels.into());
    }
    if !team.services.is_empty() {
        let services: Vec<Value> = team
            .services
            .iter()
            .map(|s| {
                let mut out = Map::new();
                out.insert("name".into(), s.name.clone().into());
                // The documentation of the software: its runbook.
                let url = match &s.runbook {
                    Some(Runbook::Url(u)) => Some(u.clone()),
                    Some(Runbook::Page(r)) => r.to.and_then(|e| absolute(hb, urls::page(hb, e))),
                    None => None,
                };
                if let Some(u) = url.or_else(|| s.dashboard.clone()) {
                    out.insert("url".into(), u.into());
                }
                if let Some(r) = &s.repo {
                    out.insert("repository".into(), r.clone().into());
                }
                out.into()
            })
            .collect();
        root.insert("services".into(), services.into());
    }
    if !team.interactions.is_empty() {
        let interactions: Vec<Value> = team
            .interactions
            .iter()
            .map(|i| {
                let mut out = Map::new();
                out.insert("teamName".into(), i.team.clone().into());
                if let Some(mode) = i.mode {
                    // As TeamAPI writes it: `Collaboration`, `X-as-a-service`, `Facilitating`.
                    out.insert("mode".into(), crate::words::capital(mode).into());
                }
                if let Some(p) = &i.purpose {
                    out.insert("purpose".into(), p.clone().into());
                }
                if let Some(s) = &i.since {
                    out.insert("startDate".into(), s.value.to_string().into());
                    if let Some(u) = &i.until {
                        let days = crate::model::review::days_between(s.value, u.value);
                        out.insert("expectedDuration".into(), days.to_string().into());
                        out.insert("expectedDurationUnit".into(), "Days".into());
                    }
                }
                out.into()
            })
            .collect();
        root.insert("interactions".into(), interactions.into());
    }
    let mut bytes = serde_json::to_vec_pretty(&Value::Object(root)).unwrap_or_default();
    bytes.push(b'\n');
    Some(bytes)
}
