//! The team card (`[team]` in teambook.toml): what another team or a new
//! hire asks first. What the team is for, how to reach it, how to ask it for
//! something, what it runs and whom it works with, after Team Topologies'
//! Team API. Intakes and services name areas and roles, resolved like any
//! field; who answers is worked out from them, never typed twice.

use jiff::SignedDuration;
use jiff::civil::{Date, Time};

use super::area::interval;
use super::review::{Interval, Standing};
use super::{Kind, Ref, one_ref, refs};
use crate::diagnostics::{Code, Diagnostics, did_you_mean};
use crate::fields::{At, Field, Schema, Table, Ty, Zone};

/// The four fundamental team types of Team Topologies.
pub const TYPES: [&str; 4] = ["stream-aligned", "platform", "enabling", "complicated-subsystem"];

/// The three interaction modes of Team Topologies.
pub const MODES: [&str; 3] = ["collaboration", "x-as-a-service", "facilitating"];

#[derive(Debug, Clone, Default)]
pub struct Team {
    /// Where `[team]` is written, for problems with the card as a whole.
    pub pos: usize,
    /// The team's name, for "Working with Payments" and team-api.json.
    pub name: Option<String>,
    pub mission: Option<String>,
    /// One of `TYPES`.
    pub kind: Option<&'static str>,
    pub customers: Vec<String>,
    pub hours: Option<Hours>,
    pub channels: Vec<Channel>,
    pub intakes: Vec<Intake>,
    pub services: Vec<Service>,
    pub interactions: Vec<Interaction>,
    pub review_every: Option<Interval>,
    pub reviewed: Option<At<Date>>,
    pub reviewed_by: Vec<Ref>,
    /// Dated changes of the card, for the weekly digest.
    pub history: Vec<CardChange>,
}

/// When the team works and how soon it answers.
#[derive(Debug, Clone, Default)]
pub struct Hours {
    pub timezone: Option<Zone>,
    /// Core hours, start and end.
    pub core: Option<(Time, Time)>,
    /// How soon a request gets an answer, as written and as a duration.
    pub response: Option<(String, SignedDuration)>,
}

#[derive(Debug, Clone)]
pub struct Channel {
    pub name: String,
    pub purpose: Option<String>,
    pub url: Option<String>,
}

/// "How to ask us for X".
#[derive(Debug, Clone)]
pub struct Intake {
    pub pos: usize,
    /// What is asked for (`for`).
    pub what: String,
    pub how: Option<String>,
    pub url: Option<String>,
    /// Whose it is: the contact shown is whoever holds it today.
    pub area: Option<Ref>,
    pub role: Option<Ref>,
    /// Or a duty: the contact is whoever is on it.
    pub duty: Option<Ref>,
}

/// Something the team runs.
#[derive(Debug, Clone)]
pub struct Service {
    pub pos: usize,
    pub name: String,
    /// The area that owns it.
    pub area: Option<Ref>,
    pub repo: Option<String>,
    pub runbook: Option<Runbook>,
    pub dashboard: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Runbook {
    Url(String),
    /// A free page of the handbook (`pages/runbooks/payouts`).
    Page(Ref),
}

/// How the team works with another team.
#[derive(Debug, Clone)]
pub struct Interaction {
    pub pos: usize,
    /// Another team: an id in a department, else its name.
    pub team: String,
    /// One of `MODES`.
    pub mode: Option<&'static str>,
    pub purpose: Option<String>,
    pub since: Option<At<Date>>,
    /// When it is meant to end (a collaboration usually is).
    pub until: Option<At<Date>>,
}

/// One change of the card worth telling the team about.
#[derive(Debug, Clone)]
pub struct CardChange {
    pub date: At<Date>,
    pub change: String,
}

pub static SCHEMA: Schema = Schema {
    doc: "the team card: what the team is for, how to reach it and ask it for things, what it runs, whom it works with",
    fields: &[
        Field::new("name", Ty::Text, "the team's name: \"Payments\" (the page is then \"Working with Payments\")"),
        Field::new("mission", Ty::Text, "what the team is for, in one sentence"),
        Field::new("type", Ty::OneOf(&TYPES), "the team's type, after Team Topologies"),
        Field::new("customers", Ty::Texts, "whom the team serves"),
        Field::new("hours", Ty::Table(&HOURS), "when the team works and how soon it answers"),
        Field::new(
            "review_every",
            Ty::Text,
            "how often the card is reviewed: \"month\", \"quarter\", \"half\", \"year\", or days (\"90d\")",
        ),
        Field::new("reviewed", Ty::Date, "when the card was last reviewed"),
        Field::new("reviewed_by", Ty::Ids(&[Kind::Role, Kind::Person]), "who reviewed it: role or person ids"),
        Field::new("channel", Ty::Tables(&CHANNEL), "a place to reach the team"),
        Field::new("intake", Ty::Tables(&INTAKE), "how to ask the team for something"),
        Field::new("service", Ty::Tables(&SERVICE), "something the team runs"),
        Field::new("interaction", Ty::Tables(&INTERACTION), "another team the team works with"),
        Field::new("history", Ty::Tables(&CHANGE), "dated changes of the card, oldest first"),
    ],
    common: &[],
    rest: None,
    synonyms: &[
        ("purpose", "mission"),
        ("focus", "mission"),
        ("team_type", "type"),
        ("kind", "type"),
        ("channels", "channel"),
        ("intakes", "intake"),
        ("requests", "intake"),
        ("services", "service"),
        ("interactions", "interaction"),
        ("changes", "history"),
    ],
};

static HOURS: Schema = Schema {
    doc: "when the team works and how soon it answers",
    fields: &[
        Field::new("timezone", Ty::Zone, "the zone of the core hours (default: teambook.toml's)"),
        Field::new("core", Ty::Text, "core hours, \"HH:MM-HH:MM\": \"10:00-16:00\""),
        Field::new("response", Ty::Duration, "how soon a request gets an answer: \"4h\""),
    ],
    common: &[],
    rest: None,
    synonyms: &[("tz", "timezone"), ("zone", "timezone"), ("sla", "response")],
};

static CHANNEL: Schema = Schema {
    doc: "a place to reach the team",
    fields: &[
        Field::required("name", Ty::Text, "the channel: \"#payments\""),
        Field::new("purpose", Ty::Text, "what it is for: \"questions and requests\""),
        Field::new("url", Ty::Url, "its address"),
    ],
    common: &[],
    rest: None,
    synonyms: &[("for", "purpose"), ("link", "url")],
};

static INTAKE: Schema = Schema {
    doc: "how to ask the team for something",
    fields: &[
        Field::required("for", Ty::Text, "what is asked for: \"A new payment method\""),
        Field::new("how", Ty::Text, "what to do: \"Open a request on the Payments board\""),
        Field::new("url", Ty::Url, "where to do it"),
        Field::new("area", Ty::Id(&[Kind::Area]), "the area it belongs to: its owners today are the contact"),
        Field::new("role", Ty::Id(&[Kind::Role]), "or the role whose holders today are the contact"),
        Field::new("duty", Ty::Id(&[Kind::Duty]), "or the duty whose person on duty is the contact"),
    ],
    common: &[],
    rest: None,
    synonyms: &[("what", "for"), ("link", "url"), ("owner", "area")],
};

static SERVICE: Schema = Schema {
    doc: "something the team runs",
    fields: &[
        Field::required("name", Ty::Text, "the service: \"Payouts API\""),
        Field::new("area", Ty::Id(&[Kind::Area]), "the area that owns it"),
        Field::new("repo", Ty::Url, "its repository"),
        Field::new("runbook", Ty::Text, "its runbook: a page id (\"pages/runbooks/payouts\") or a URL"),
        Field::new("dashboard", Ty::Url, "its dashboard"),
    ],
    common: &[],
    rest: None,
    synonyms: &[("repository", "repo"), ("owner", "area"), ("playbook", "runbook")],
};

static INTERACTION: Schema = Schema {
    doc: "another team the team works with",
    fields: &[
        Field::required("team", Ty::Text, "the other team: an id in the department, else its name"),
        Field::required("mode", Ty::OneOf(&MODES), "how: collaboration, x-as-a-service or facilitating"),
        Field::new("purpose", Ty::Text, "what for: \"Fraud scores at checkout\""),
        Field::new("since", Ty::Date, "when it started"),
        Field::new("until", Ty::Date, "when it is meant to end"),
    ],
    common: &[],
    rest: None,
    synonyms: &[("with", "team"), ("name", "team"), ("start", "since"), ("end", "until")],
};

static CHANGE: Schema = Schema {
    doc: "a change of the card",
    fields: &[
        Field::required("date", Ty::Date, "when it changed"),
        Field::required("change", Ty::Text, "what changed: \"Payout requests now go through the tracker\""),
    ],
    common: &[],
    rest: None,
    synonyms: &[("note", "change"), ("what", "change")],
};

impl Team {
    /// Where the card's review stands on `today`.
    pub fn standing(&self, today: Date) -> Standing {
        Standing::of(self.reviewed.as_ref().map(|r| r.value), self.review_every, today)
    }

    /// Reads `[team]`.
    pub fn read(mut t: Table<'_>, d: &mut Diagnostics) -> Team {
        let team = Team {
            pos: t.pos(),
            name: t.string(d, "name").map(|s| s.value),
            mission: t.string(d, "mission").map(|s| s.value),
            kind: one_of(&mut t, d, "type", &TYPES),
            customers: t.strings(d, "customers").into_iter().map(|s| s.value).collect(),
            hours: t.table(d, "hours").map(|h| hours(h, d)),
            review_every: interval(&mut t, d),
            reviewed: t.date(d, "reviewed"),
            reviewed_by: refs(&mut t, d, "reviewed_by"),
            channels: t.tables(d, "channel").into_iter().filter_map(|c| channel(c, d)).collect(),
            intakes: t.tables(d, "intake").into_iter().filter_map(|i| intake(i, d)).collect(),
            services: t.tables(d, "service").into_iter().filter_map(|s| service(s, d)).collect(),
            interactions: t.tables(d, "interaction").into_iter().filter_map(|i| interaction(i, d)).collect(),
            history: t.tables(d, "history").into_iter().filter_map(|h| change(h, d)).collect(),
        };
        t.finish(d);
        team
    }
}

fn hours(mut t: Table<'_>, d: &mut Diagnostics) -> Hours {
    let timezone = t.time_zone(d, "timezone").map(|z| z.value);
    let core = t.string(d, "core").and_then(|c| {
        let parsed = c
            .value
            .split_once('-')
            .and_then(|(a, b)| Some((a.trim().parse::<Time>().ok()?, b.trim().parse::<Time>().ok()?)));
        match parsed {
            Some((start, end)) if start < end => Some((start, end)),
            _ => {
                d.report(
                    Code::InvalidTime,
                    t.file(),
                    c.span(),
                    format!("`{}` {:?} is not a range of hours", t.name("core"), c.value),
                )
                .hint("write it as \"HH:MM-HH:MM\" on a 24-hour clock, the start first: \"10:00-16:00\"");
                None
            }
        }
    });
    let response_text = t.span_of("response").map(|s| t.file().text[s].trim_matches(['"', '\'']).to_string());
    let response = t.duration(d, "response").map(|r| (response_text.unwrap_or_default(), r.value));
    t.finish(d);
    Hours { timezone, core, response }
}

fn channel(mut t: Table<'_>, d: &mut Diagnostics) -> Option<Channel> {
    let name = t.required_string(d, "name", "\"#payments\"");
    let purpose = t.string(d, "purpose").map(|s| s.value);
    let url = web_address(&mut t, d, "url");
    t.finish(d);
    Some(Channel { name: name?.value, purpose, url })
}

fn intake(mut t: Table<'_>, d: &mut Diagnostics) -> Option<Intake> {
    let pos = t.pos();
    let what = t.required_string(d, "for", "\"A new payment method\"");
    let how = t.string(d, "how").map(|s| s.value);
    let url = web_address(&mut t, d, "url");
    let area = one_ref(&mut t, d, "area");
    let mut role = one_ref(&mut t, d, "role");
    let mut duty = one_ref(&mut t, d, "duty");
    // One place only: the first written of area, role, duty is kept, each
    // later one is reported where it is written.
    let mut kept: Option<&str> = area.as_ref().map(|_| "area");
    for (key, r) in [("role", &mut role), ("duty", &mut duty)] {
        let Some(written) = r.as_ref() else { continue };
        match kept {
            Some(first) => {
                d.report(
                    Code::InvalidValue,
                    t.file(),
                    written.span(),
                    format!("an intake goes to one place: `{first}` and `{key}` are both given"),
                )
                .hint("keep the one whose people answer these requests, and remove the other");
                *r = None;
            }
            None => kept = Some(key),
        }
    }
    t.finish(d);
    Some(Intake { pos: what.as_ref().map_or(pos, |w| w.pos), what: what?.value, how, url, area, role, duty })
}

fn service(mut t: Table<'_>, d: &mut Diagnostics) -> Option<Service> {
    let pos = t.pos();
    let name = t.required_string(d, "name", "\"Payouts API\"");
    let area = one_ref(&mut t, d, "area");
    let repo = web_address(&mut t, d, "repo");
    let runbook = t.string(d, "runbook").and_then(|r| {
        if r.value.contains("://") {
            checked_address(&t, d, "runbook", r).map(Runbook::Url)
        } else {
            Some(Runbook::Page(Ref::from(r)))
        }
    });
    let dashboard = web_address(&mut t, d, "dashboard");
    t.finish(d);
    Some(Service { pos: name.as_ref().map_or(pos, |n| n.pos), name: name?.value, area, repo, runbook, dashboard })
}

fn interaction(mut t: Table<'_>, d: &mut Diagnostics) -> Option<Interaction> {
    let pos = t.pos();
    let team = t.required_string(d, "team", "\"risk\"");
    let mode_written = t.has("mode");
    let mode = one_of(&mut t, d, "mode", &MODES);
    if !mode_written {
        t.missing(d, "mode", "\"x-as-a-service\"");
    }
    let purpose = t.string(d, "purpose").map(|s| s.value);
    let since = t.date(d, "since");
    let until = t.date(d, "until");
    if let (Some(s), Some(u)) = (&since, &until)
        && u.value < s.value
    {
        d.report(Code::InvalidValue, t.file(), u.span(), format!("`until` {} is before `since` {}", u.value, s.value))
            .hint("an interaction ends after it starts: check both dates");
    }
    t.finish(d);
    Some(Interaction { pos: team.as_ref().map_or(pos, |n| n.pos), team: team?.value, mode, purpose, since, until })
}

fn change(mut t: Table<'_>, d: &mut Diagnostics) -> Option<CardChange> {
    let date = t.required_date(d, "date", "2026-12-01");
    let change = t.required_string(d, "change", "\"Payout requests now go through the tracker\"");
    t.finish(d);
    Some(CardChange { date: date?, change: change?.value })
}

/// A word out of a fixed set, reported with the nearest when it is none of them.
fn one_of(
    t: &mut Table<'_>,
    d: &mut Diagnostics,
    key: &'static str,
    set: &'static [&'static str],
) -> Option<&'static str> {
    let written = t.string(d, key)?;
    let lower = written.value.trim().to_lowercase();
    let found = set.iter().copied().find(|w| *w == lower);
    if found.is_none() {
        let all = set.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(", ");
        let hint = match did_you_mean(&lower, set.iter().copied()) {
            Some(near) => format!("{near} `{key}` is one of {all}"),
            None => format!("`{key}` is one of {all}"),
        };
        d.report(
            Code::InvalidValue,
            t.file(),
            written.span(),
            format!("unknown `{}` {:?}", t.name(key), written.value),
        )
        .hint(hint);
    }
    found
}

/// A web address field: absolute http(s), nothing a link cannot hold.
fn web_address(t: &mut Table<'_>, d: &mut Diagnostics, key: &'static str) -> Option<String> {
    let written = t.string(d, key)?;
    checked_address(t, d, key, written)
}

fn checked_address(t: &Table<'_>, d: &mut Diagnostics, key: &str, written: At<String>) -> Option<String> {
    match crate::config::normal_web_address(&written.value) {
        Ok(url) => Some(url),
        Err((message, hint)) => {
            d.report(Code::InvalidValue, t.file(), written.span(), format!("`{}` {message}", t.name(key))).hint(hint);
            None
        }
    }
}
