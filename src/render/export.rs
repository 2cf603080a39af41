//! `handbook.json`: the resolved handbook for integrations (a Slack bot, a
//! dashboard). References are qualified ids (`people/mitra`), dates are
//! ISO 8601, and every entity carries the path of its page.

use std::collections::BTreeMap;

use serde::Serialize;

use super::views::{Facts, schedule};
use crate::model::review::Standing;
use crate::model::{Entity, Parent, Ref, UPCOMING, targets};
use crate::urls;

pub const FILE: &str = "handbook.json";

#[derive(Serialize)]
struct Export<'a> {
    title: &'a str,
    description: Option<&'a str>,
    base_url: Option<&'a str>,
    timezone: &'a str,
    generated: String,
    stages: &'a [String],
    roles: Vec<RoleOut<'a>>,
    people: Vec<PersonOut<'a>>,
    areas: Vec<AreaOut<'a>>,
    ceremonies: Vec<CeremonyOut<'a>>,
    projects: Vec<ProjectOut<'a>>,
    goals: Vec<GoalOut<'a>>,
    updates: Vec<UpdateOut<'a>>,
    pages: Vec<PageOut<'a>>,
    decisions: Vec<DecisionOut<'a>>,
    /// The team card (`[team]`), when there is one.
    team: Option<super::team::export::CardOut<'a>>,
    duties: Vec<super::duties::export::DutyOut<'a>>,
    /// The 1:1 policy and pairs, with a `one_on_ones.toml`.
    one_on_ones: Option<super::one_on_ones::export::OneOnOnesOut<'a>>,
}

#[derive(Serialize)]
struct RoleOut<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    short: Option<&'a str>,
    summary: Option<&'a str>,
    focus: &'a [String],
    counterpart: Option<String>,
    people: Vec<String>,
}

#[derive(Serialize)]
struct PersonOut<'a> {
    id: &'a str,
    url: String,
    name: &'a str,
    title: Option<&'a str>,
    roles: Vec<String>,
    manager: Option<String>,
    timezone: Option<&'a str>,
    joined: Option<String>,
    left: Option<String>,
    alumnus: bool,
    links: BTreeMap<&'a str, &'a str>,
    /// Their earlier managers, oldest first (`[[history]]`).
    history: Vec<ManagerOut<'a>>,
}

#[derive(Serialize)]
struct ManagerOut<'a> {
    /// The day `manager` stopped being theirs.
    until: String,
    manager: Option<String>,
    agenda_doc: Option<&'a str>,
}

#[derive(Serialize)]
struct AreaOut<'a> {
    id: &'a str,
    url: String,
    name: &'a str,
    group: Option<&'a str>,
    owners: Vec<String>,
    decision: Option<&'a str>,
    consulted: Vec<String>,
    informed: Vec<String>,
    ceremonies: Vec<String>,
    /// What each role or person contributes, by qualified id.
    expect: BTreeMap<String, &'a str>,
    review_every: Option<String>,
    reviewed: Option<String>,
    reviewed_by: Vec<String>,
    /// When the next review is due (absent when reviews are not tracked;
    /// today when it was never reviewed).
    review_due: Option<String>,
    decisions: Vec<String>,
    history: Vec<ChangeOut<'a>>,
}

#[derive(Serialize)]
struct ChangeOut<'a> {
    date: String,
    from: Vec<String>,
    to: Vec<String>,
    reason: Option<&'a str>,
    decision: Option<String>,
}

#[derive(Serialize)]
struct DecisionOut<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    date: String,
    status: Option<&'a str>,
    areas: Vec<String>,
    projects: Vec<String>,
    driver: Option<String>,
    approvers: Vec<String>,
    contributors: Vec<String>,
    informed: Vec<String>,
    supersedes: Vec<String>,
    superseded_by: Vec<String>,
    review_by: Option<String>,
}

#[derive(Serialize)]
struct CeremonyOut<'a> {
    id: &'a str,
    url: String,
    calendar: String,
    title: &'a str,
    schedule: String,
    cadence: Option<&'a str>,
    rrule: Option<String>,
    time: Option<String>,
    duration_minutes: Option<i64>,
    timezone: &'a str,
    start: Option<String>,
    until: Option<String>,
    skip: Vec<String>,
    facilitators: Vec<String>,
    attendees: Vec<String>,
    areas: Vec<String>,
    agenda: Vec<AgendaOut<'a>>,
    agenda_doc: Option<&'a str>,
    /// The next ten meetings from today.
    next: Vec<OccurrenceOut>,
}

#[derive(Serialize)]
struct AgendaOut<'a> {
    item: &'a str,
    minutes: Option<i64>,
}

#[derive(Serialize)]
struct OccurrenceOut {
    start: String,
    end: String,
    facilitator: Option<String>,
}

#[derive(Serialize)]
struct ProjectOut<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    stage: Option<&'a str>,
    owners: Vec<String>,
    kind: Option<&'a str>,
    /// The first target (the baseline), the target now, and the days between.
    target: Option<String>,
    current_target: Option<String>,
    slip_days: Option<i64>,
    impact: Option<ImpactOut<'a>>,
    key_results: Vec<&'a str>,
    history: Vec<StageOut<'a>>,
    updates: Vec<String>,
    decisions: Vec<String>,
}

#[derive(Serialize)]
struct GoalOut<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    period: Option<String>,
    starts: Option<String>,
    ends: Option<String>,
    owners: Vec<String>,
    /// An objective's qualified id, or an address.
    parent: Option<String>,
    /// The mean of its key results' progress (0 to 1 each).
    progress: Option<f64>,
    key_results: Vec<KeyResultOut<'a>>,
}

#[derive(Serialize)]
struct KeyResultOut<'a> {
    id: &'a str,
    title: &'a str,
    unit: Option<&'a str>,
    baseline: Option<f64>,
    target: Option<f64>,
    /// Where the latest check-in stands: 0 at the baseline, 1 at the target.
    progress: Option<f64>,
    check_ins: Vec<CheckInOut<'a>>,
    projects: Vec<String>,
}

#[derive(Serialize)]
struct CheckInOut<'a> {
    date: String,
    value: f64,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct ImpactOut<'a> {
    summary: Option<&'a str>,
    okr: Option<&'a str>,
    metrics: BTreeMap<&'a str, f64>,
}

#[derive(Serialize)]
struct StageOut<'a> {
    date: String,
    stage: Option<&'a str>,
    target: Option<String>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct UpdateOut<'a> {
    id: &'a str,
    url: String,
    date: String,
    title: &'a str,
    authors: Vec<String>,
    status: Option<&'a str>,
    projects: Vec<String>,
    /// Qualified project id → `on-track`, `at-risk` or `off-track`.
    health: BTreeMap<String, &'static str>,
}

#[derive(Serialize)]
struct PageOut<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    section: &'a str,
    weight: i64,
    owner: Option<String>,
    review_by: Option<String>,
    description: Option<&'a str>,
    tags: Vec<&'a str>,
}

pub fn json(facts: &Facts<'_>) -> Vec<u8> {
    let hb = facts.hb;
    let pairs = hb.pairs();
    let ids = |refs: &[Ref]| -> Vec<String> { targets(refs).map(|e| hb.qualified_id(e)).collect() };
    let one = |r: &Option<Ref>| r.as_ref().and_then(|r| r.to).map(|e| hb.qualified_id(e));
    let url = |e: Entity| urls::page(hb, e);
    let stage = |s: Option<usize>| s.and_then(|s| hb.config.stages.get(s)).map(String::as_str);
    let decisions_of =
        |list: &[usize]| -> Vec<String> { list.iter().map(|&x| hb.qualified_id(Entity::Decision(x))).collect() };
    let export = Export {
        title: &hb.config.title,
        description: hb.config.description.as_deref(),
        base_url: hb.config.base_url.as_deref(),
        timezone: &hb.config.timezone.name,
        generated: hb.now.to_string(),
        stages: &hb.config.stages,
        roles: hb
            .roles
            .iter()
            .enumerate()
            .map(|(i, r)| RoleOut {
                id: &r.doc.id,
                url: url(Entity::Role(i)),
                title: &r.title,
                short: r.short.as_deref(),
                summary: r.summary.as_deref(),
                focus: &r.focus,
                counterpart: one(&r.counterpart),
                people: r.people.iter().map(|&p| hb.qualified_id(Entity::Person(p))).collect(),
            })
            .collect(),
        people: hb
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| PersonOut {
                id: &p.doc.id,
                url: url(Entity::Person(i)),
                name: &p.name,
                title: p.title.as_deref(),
                roles: ids(&p.roles),
                manager: one(&p.manager),
                timezone: p.timezone.as_ref().map(|z| z.name.as_str()),
                joined: p.joined.map(|d| d.to_string()),
                left: p.left.as_ref().map(|d| d.value.to_string()),
                alumnus: p.alumnus,
                links: p.links.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect(),
                history: p
                    .history
                    .iter()
                    .map(|h| ManagerOut {
                        until: h.date.value.to_string(),
                        manager: h.manager.to.map(|e| hb.qualified_id(e)),
                        agenda_doc: h.agenda_doc.as_deref(),
                    })
                    .collect(),
            })
            .collect(),
        areas: hb
            .areas
            .iter()
            .enumerate()
            .map(|(i, a)| AreaOut {
                id: &a.id,
                url: url(Entity::Area(i)),
                name: &a.name,
                group: a.group.as_deref(),
                owners: ids(&a.owners),
                decision: a.decision.as_deref(),
                consulted: ids(&a.consulted),
                informed: ids(&a.informed),
                ceremonies: a.ceremonies.iter().map(|&c| hb.qualified_id(Entity::Ceremony(c))).collect(),
                expect: a
                    .expect
                    .iter()
                    .filter_map(|(r, text)| r.to.map(|e| (hb.qualified_id(e), text.as_str())))
                    .collect(),
                review_every: a.review_every.map(|e| e.name()),
                reviewed: a.reviewed.as_ref().map(|r| r.value.to_string()),
                reviewed_by: ids(&a.reviewed_by),
                review_due: match a.standing(hb.today) {
                    Standing::Untracked => None,
                    Standing::Overdue { due: None, .. } => Some(hb.today.to_string()),
                    Standing::Overdue { due: Some(due), .. } | Standing::Soon { due, .. } | Standing::Fine { due } => {
                        Some(due.to_string())
                    }
                },
                decisions: decisions_of(&a.decisions),
                history: a
                    .history
                    .iter()
                    .map(|c| ChangeOut {
                        date: c.date.value.to_string(),
                        from: ids(&c.from),
                        to: ids(&c.to),
                        reason: c.reason.as_deref(),
                        decision: one(&c.decision),
                    })
                    .collect(),
            })
            .collect(),
        ceremonies: hb
            .ceremonies
            .iter()
            .enumerate()
            .map(|(i, c)| CeremonyOut {
                id: &c.doc.id,
                url: url(Entity::Ceremony(i)),
                calendar: urls::ceremony_calendar(hb, i),
                title: &c.title,
                schedule: schedule(facts, c),
                cadence: c.cadence.as_deref(),
                rrule: c.schedule.as_ref().map(|r| r.to_string()),
                time: c.time.map(|t| t.strftime("%H:%M").to_string()),
                duration_minutes: c.duration.as_ref().map(|d| d.value.as_mins()),
                timezone: &c.zone.name,
                start: c.start.map(|d| d.to_string()),
                until: c.until.map(|d| d.to_string()),
                skip: c.skip.iter().map(|d| d.to_string()).collect(),
                facilitators: ids(&c.facilitators),
                attendees: ids(&c.attendees),
                areas: c.area_links.iter().map(|&a| hb.qualified_id(Entity::Area(a))).collect(),
                agenda: c.agenda.iter().map(|a| AgendaOut { item: &a.item, minutes: a.minutes }).collect(),
                agenda_doc: c.agenda_doc.as_deref(),
                next: c
                    .upcoming(hb.today, UPCOMING)
                    .into_iter()
                    .map(|o| OccurrenceOut {
                        start: o.start.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
                        end: o.end.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
                        facilitator: hb.leader(c, &o).map(|e| hb.qualified_id(e)),
                    })
                    .collect(),
            })
            .collect(),
        projects: hb
            .projects
            .iter()
            .enumerate()
            .map(|(i, p)| ProjectOut {
                id: &p.doc.id,
                url: url(Entity::Project(i)),
                title: &p.title,
                stage: stage(p.stage),
                owners: ids(&p.owners),
                kind: p.kind.as_deref(),
                target: p.baseline_target().map(|d| d.to_string()),
                current_target: p.current_target().map(|d| d.to_string()),
                slip_days: p.slip_days(),
                key_results: p.key_results.iter().map(|k| k.id.value.as_str()).collect(),
                impact: p.impact.as_ref().map(|im| ImpactOut {
                    summary: im.summary.as_deref(),
                    okr: im.okr.as_deref(),
                    metrics: im.metrics.iter().map(|(k, v)| (k.as_str(), *v)).collect(),
                }),
                history: p
                    .history
                    .iter()
                    .map(|h| StageOut {
                        date: h.date.to_string(),
                        stage: stage(h.stage),
                        target: h.target.map(|d| d.to_string()),
                        note: h.note.as_deref(),
                    })
                    .collect(),
                updates: p.updates.iter().map(|&u| hb.qualified_id(Entity::Update(u))).collect(),
                decisions: decisions_of(&p.decisions),
            })
            .collect(),
        goals: hb
            .goals
            .iter()
            .enumerate()
            .map(|(i, g)| GoalOut {
                id: &g.doc.id,
                url: url(Entity::Goal(i)),
                title: &g.title,
                period: g.period.map(|p| p.to_string()),
                starts: g.period.map(|p| p.first_day().to_string()),
                ends: g.period.map(|p| p.last_day().to_string()),
                owners: ids(&g.owners),
                parent: g.parent.as_ref().and_then(|p| match p {
                    Parent::Url(u) => Some(u.clone()),
                    Parent::Objective(r) => r.to.map(|e| hb.qualified_id(e)),
                }),
                progress: g.progress(),
                key_results: g
                    .key_results
                    .iter()
                    .map(|k| KeyResultOut {
                        id: &k.id.value,
                        title: &k.title,
                        unit: k.unit.as_deref(),
                        baseline: k.baseline,
                        target: k.target,
                        progress: k.progress(),
                        check_ins: k
                            .check_ins
                            .iter()
                            .map(|c| CheckInOut {
                                date: c.date.value.to_string(),
                                value: c.value,
                                note: c.note.as_deref(),
                            })
                            .collect(),
                        projects: k.projects.iter().map(|&p| hb.qualified_id(Entity::Project(p))).collect(),
                    })
                    .collect(),
            })
            .collect(),
        updates: facts
            .updates_newest()
            .iter()
            .map(|&u| {
                let up = &hb.updates[u];
                UpdateOut {
                    id: &up.doc.id,
                    url: url(Entity::Update(u)),
                    date: up.date.to_string(),
                    title: &up.title,
                    authors: ids(&up.authors),
                    status: up.status.map(|s| s.name()),
                    projects: up.mentions.iter().map(|&p| hb.qualified_id(Entity::Project(p))).collect(),
                    health: up.health.iter().filter_map(|(r, s)| Some((hb.qualified_id(r.to?), s.name()))).collect(),
                }
            })
            .collect(),
        pages: hb
            .pages
            .iter()
            .enumerate()
            .map(|(i, g)| PageOut {
                id: &g.doc.id,
                url: url(Entity::Page(i)),
                title: &g.title,
                section: &g.section,
                weight: g.weight,
                owner: one(&g.owner),
                review_by: g.review_by.as_ref().map(|d| d.value.to_string()),
                description: g.description.as_deref(),
                tags: g.tags.iter().map(|t| t.value.as_str()).collect(),
            })
            .collect(),
        decisions: hb
            .decisions
            .iter()
            .enumerate()
            .map(|(i, x)| DecisionOut {
                id: &x.doc.id,
                url: url(Entity::Decision(i)),
                title: &x.title,
                date: x.date.to_string(),
                status: x.verdict().map(|v| v.name()),
                areas: ids(&x.areas),
                projects: ids(&x.projects),
                driver: one(&x.driver),
                approvers: ids(&x.approvers),
                contributors: ids(&x.contributors),
                informed: ids(&x.informed),
                supersedes: ids(&x.supersedes),
                superseded_by: decisions_of(&x.superseded_by),
                review_by: x.review_by.as_ref().map(|d| d.value.to_string()),
            })
            .collect(),
        team: super::team::export::card(hb),
        duties: super::duties::export::duties(hb),
        one_on_ones: super::one_on_ones::export::one_on_ones(hb, &pairs),
    };
    // Compact: at 10,000 pages the indented form is 40% larger; `jq .` reads it.
    let mut bytes = serde_json::to_vec(&export).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
