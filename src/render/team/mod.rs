//! "Working with us": the team card's page, with every contact resolved to
//! the people who hold it today; the card's summary at the top of the home
//! and start-here pages; the services on their area's page.

pub mod drawing;
pub mod export;

use serde::Serialize;

use crate::i18n::Strings;
use crate::model::Entity;
use crate::model::QUARTER_DAYS;
use crate::model::team::{Intake, Runbook, Service, Team};
use crate::render::duties::{OnDuty, on_duty};
use crate::render::ownership::{ReviewView, review_view};
use crate::render::views::{Facts, Item, Party};
use crate::urls;
use drawing::{Drawing, Other, drawing};

pub const TEMPLATE: &str = "team.html";

#[derive(Serialize)]
pub struct TeamView {
    /// Empty when the card has no `name`: the page is "Working with us".
    name: String,
    mission: String,
    kind: String,
    /// What the type means, after Team Topologies.
    kind_meaning: String,
    customers: Vec<String>,
    hours: Option<HoursView>,
    channels: Vec<ChannelView>,
    intakes: Vec<IntakeView>,
    services: Vec<ServiceView>,
    interactions: Vec<InteractionView>,
    drawing: Drawing,
    review: ReviewView,
    history: Vec<Item>,
}

#[derive(Serialize)]
struct HoursView {
    /// "10:00–16:00".
    core: String,
    timezone: String,
    /// "4h".
    response: String,
}

#[derive(Serialize)]
struct ChannelView {
    name: String,
    purpose: String,
    url: String,
}

#[derive(Serialize)]
struct IntakeView {
    what: String,
    how: String,
    url: String,
    /// Who answers today: the area's owners, or the role's holders.
    contacts: Vec<Party>,
    /// The area the contacts own, and "owner of" or "owners of".
    through: Option<Item>,
    through_note: String,
    /// For an intake routed to a duty: who is on it now and next.
    on_duty: Option<OnDuty>,
}

#[derive(Serialize)]
pub struct ServiceView {
    name: String,
    area: Option<Item>,
    owners: Vec<Party>,
    repo: String,
    runbook: Option<Link>,
    dashboard: String,
}

/// A link that leads into the site or out of it.
#[derive(Serialize)]
struct Link {
    url: String,
    /// Out of the site: the template does not prefix it with `root`.
    external: bool,
    title: String,
}

#[derive(Serialize)]
struct InteractionView {
    team: String,
    mode: String,
    mode_label: String,
    purpose: String,
    since: String,
    until: String,
    ended: bool,
}

/// The card in a few lines, for the top of the home and start-here pages.
#[derive(Serialize)]
pub struct CardSummary {
    mission: String,
    kind: String,
    channel: Option<ChannelView>,
    hours: String,
    url: String,
    /// "3 ways to ask us · 2 services · works with 3 teams".
    counts: String,
}

/// A type or mode in words: "Stream-aligned", "X-as-a-service".
fn label(s: &Strings, word: &str) -> String {
    match s.get(&format!("topology.{word}")) {
        "" => crate::words::capital(word),
        said => said.to_string(),
    }
}

fn meaning<'s>(s: &'s Strings, kind: &str) -> &'s str {
    s.get(&format!("topology.meaning.{kind}"))
}

/// The card's hours, in their own zone or else the team's.
fn hours(hb: &crate::model::Handbook, team: &Team) -> Option<HoursView> {
    let h = team.hours.as_ref()?;
    Some(HoursView {
        core: h.core.map_or(String::new(), |(a, b)| format!("{}–{}", a.strftime("%H:%M"), b.strftime("%H:%M"))),
        timezone: h.timezone.as_ref().unwrap_or(&hb.config.timezone).name.clone(),
        response: h.response.as_ref().map_or(String::new(), |(written, _)| written.clone()),
    })
}

fn channel(c: &crate::model::team::Channel) -> ChannelView {
    ChannelView {
        name: c.name.clone(),
        purpose: c.purpose.clone().unwrap_or_default(),
        url: c.url.clone().unwrap_or_default(),
    }
}

/// Who answers an intake today, and the area they own (a role's holders
/// are named with the role already).
fn contacts(facts: &Facts<'_>, i: &Intake) -> (Vec<Party>, Option<Item>) {
    let hb = facts.hb;
    match (i.area.as_ref().and_then(|r| r.to), i.role.as_ref().and_then(|r| r.to)) {
        (Some(Entity::Area(a)), _) => (facts.whos(&hb.areas[a].owners), Some(facts.item(Entity::Area(a)))),
        (_, Some(role)) => (vec![facts.who(role)], None),
        _ => (Vec::new(), None),
    }
}

fn service(facts: &Facts<'_>, s: &Service) -> ServiceView {
    let hb = facts.hb;
    let area = s.area.as_ref().and_then(|r| r.to);
    let runbook = s.runbook.as_ref().and_then(|r| match r {
        Runbook::Url(url) => Some(Link { url: url.clone(), external: true, title: "Runbook".into() }),
        Runbook::Page(r) => r.to.map(|e| Link { url: urls::page(hb, e), external: false, title: hb.title(e) }),
    });
    ServiceView {
        name: s.name.clone(),
        area: area.map(|e| facts.item(e)),
        owners: match area {
            Some(Entity::Area(a)) => facts.whos(&hb.areas[a].owners),
            _ => Vec::new(),
        },
        repo: s.repo.clone().unwrap_or_default(),
        runbook,
        dashboard: s.dashboard.clone().unwrap_or_default(),
    }
}

/// The team's name as its pages say it: the card's `name`, else "us".
fn team_name(team: &Team) -> Option<String> {
    team.name.clone().filter(|n| !n.trim().is_empty())
}

pub fn view(facts: &Facts<'_>) -> Option<TeamView> {
    let hb = facts.hb;
    let team = hb.config.team.as_ref()?;
    let name = team_name(team);
    let interactions: Vec<InteractionView> = team
        .interactions
        .iter()
        .map(|i| {
            let mode = i.mode.unwrap_or("");
            InteractionView {
                team: i.team.clone(),
                mode: mode.to_string(),
                mode_label: label(&hb.strings, mode),
                purpose: i.purpose.clone().unwrap_or_default(),
                since: i.since.as_ref().map_or(String::new(), |d| facts.long_date(d.value)),
                until: i.until.as_ref().map_or(String::new(), |d| facts.long_date(d.value)),
                ended: i.until.as_ref().is_some_and(|u| u.value < hb.today),
            }
        })
        .collect();
    let others: Vec<Other<'_>> = interactions
        .iter()
        .map(|i| Other { team: &i.team, mode: &i.mode, mode_label: &i.mode_label, purpose: &i.purpose, ended: i.ended })
        .collect();
    let drawing = drawing(&hb.strings, name.as_deref().unwrap_or(hb.strings.get("team.our_team")), &others);
    Some(TeamView {
        mission: team.mission.clone().unwrap_or_default(),
        kind: team.kind.map_or(String::new(), |k| label(&hb.strings, k)),
        kind_meaning: team.kind.map_or("", |k| meaning(&hb.strings, k)).to_string(),
        customers: team.customers.clone(),
        hours: hours(hb, team),
        channels: team.channels.iter().map(channel).collect(),
        intakes: team
            .intakes
            .iter()
            .map(|i| {
                let (contacts, through) = contacts(facts, i);
                let people: usize = contacts.iter().map(|p| p.people.len().max(1) + p.more).sum();
                IntakeView {
                    through_note: hb
                        .strings
                        .get(if people > 1 { "team.owners_of" } else { "team.owner_of" })
                        .to_string(),
                    what: i.what.clone(),
                    how: i.how.clone().unwrap_or_default(),
                    url: i.url.clone().unwrap_or_default(),
                    contacts,
                    through,
                    on_duty: match i.duty.as_ref().and_then(|r| r.to) {
                        Some(Entity::Duty(k)) => Some(on_duty(facts, k, QUARTER_DAYS)),
                        _ => None,
                    },
                }
            })
            .collect(),
        services: team.services.iter().map(|s| service(facts, s)).collect(),
        interactions,
        drawing,
        review: review_view(facts, team.reviewed.as_ref().map(|r| r.value), team.review_every, &team.reviewed_by),
        history: team
            .history
            .iter()
            .rev()
            .map(|c| Item { title: c.change.clone(), url: String::new(), note: facts.long_date(c.date.value) })
            .collect(),
        name: name.unwrap_or_default(),
    })
}

/// The card's summary, when there is a card.
pub fn summary(facts: &Facts<'_>) -> Option<CardSummary> {
    let hb = facts.hb;
    let team = hb.config.team.as_ref()?;
    let plural = |n: usize, key: &str| (n > 0).then(|| hb.strings.count(key, i64::try_from(n).unwrap_or(0), &[]));
    let counts: Vec<String> = [
        plural(team.intakes.len(), "team_card.intakes"),
        plural(team.services.len(), "team_card.services"),
        plural(team.interactions.len(), "team_card.interactions"),
    ]
    .into_iter()
    .flatten()
    .collect();
    Some(CardSummary {
        mission: team.mission.clone().unwrap_or_default(),
        kind: team.kind.map_or(String::new(), |k| label(&hb.strings, k)),
        channel: team.channels.first().map(channel),
        hours: hours(hb, team).map_or(String::new(), |h| {
            [h.core, h.timezone].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
        }),
        url: urls::page(hb, Entity::Index(crate::model::Index::Team)),
        counts: counts.join(" · "),
    })
}

/// The services an area owns, for its page.
pub fn services_of(facts: &Facts<'_>, area: usize) -> Vec<ServiceView> {
    let Some(team) = &facts.hb.config.team else { return Vec::new() };
    team.services
        .iter()
        .filter(|s| s.area.as_ref().and_then(|r| r.to) == Some(Entity::Area(area)))
        .map(|s| service(facts, s))
        .collect()
}

/// What search finds the card's page by: the team, its services and the
/// teams it works with (strong); what it is asked for, how, and where
/// (body); its mission (the excerpt).
pub fn search_text(hb: &crate::model::Handbook) -> (String, String, String) {
    let Some(team) = &hb.config.team else { return Default::default() };
    let mut strong: Vec<&str> = team.name.iter().map(String::as_str).collect();
    strong.extend(team.services.iter().map(|s| s.name.as_str()));
    strong.extend(team.interactions.iter().map(|i| i.team.as_str()));
    let mut body: Vec<&str> = team.mission.iter().map(String::as_str).collect();
    body.extend(team.customers.iter().map(String::as_str));
    body.extend(team.kind);
    for c in &team.channels {
        body.push(&c.name);
        body.extend(c.purpose.as_deref());
    }
    for i in &team.intakes {
        body.push(&i.what);
        body.extend(i.how.as_deref());
    }
    for i in &team.interactions {
        body.extend(i.mode);
        body.extend(i.purpose.as_deref());
    }
    (strong.join(" "), body.join(" "), team.mission.clone().unwrap_or_default())
}
