//! `duties/<id>.md`: a duty that passes from person to person in turns
//! (on-call, triage, release captain, the weekly update's writer): when turns
//! start and how long they last, who is in the pool, the written overrides,
//! who to escalate to and the hand-off document. The turns themselves are
//! computed in `rota`.

use jiff::civil::{Date, Time, Weekday, time};

use super::{DOC_FIELDS, Doc, Kind, Ref, one_ref, read_doc, refs};
use crate::config::Config;
use crate::diagnostics::{Code, Diagnostics};
use crate::fields::{At, Field, Schema, Table, Ty, Zone};
use crate::recurrence::weekday_name;
use crate::source::SourceFile;

#[derive(Debug, Clone)]
pub struct Duty {
    pub doc: Doc,
    pub title: String,
    /// The ownership area it serves.
    pub area: Option<Ref>,
    /// The zone turns are handed off in.
    pub zone: Zone,
    /// The day the first turn starts; `None` when missing or invalid (reported).
    pub start: Option<At<Date>>,
    /// The length of a turn, in days; `None` when missing or invalid (reported).
    pub turn: Option<At<i64>>,
    /// The local time a turn starts and ends at.
    pub handoff: Time,
    /// People and roles, in order; a role stands for its current holders.
    pub pool: Vec<Ref>,
    /// Nobody's first turn before they have been on the team this many days.
    pub onboard_after: Option<At<i64>>,
    pub escalation: Vec<Ref>,
    pub handoff_doc: Option<String>,
    pub overrides: Vec<Override>,
}

/// Someone on duty instead of the person the rotation gives: from the
/// hand-off time on `from` to the hand-off time on `to`.
#[derive(Debug, Clone)]
pub struct Override {
    /// Where the `[[override]]` table starts.
    pub pos: usize,
    pub from: At<Date>,
    pub to: At<Date>,
    pub person: Ref,
    pub instead_of: Ref,
    pub reason: String,
}

/// A turn's length written as days or weeks: "1d" ... "4w".
const MAX_TURN_DAYS: i64 = 28;

/// The hand-off time when `handoff` does not say.
pub const DEFAULT_HANDOFF: Time = time(10, 0, 0, 0);

const PARTY: &[Kind] = &[Kind::Role, Kind::Person];

/// The front matter of `duties/<id>.md`.
pub static SCHEMA: Schema = Schema {
    doc: "a duty that passes from person to person in turns (duties/<id>.md)",
    fields: &[
        Field::required("title", Ty::Text, "the duty's name: \"Primary on-call\""),
        Field::new("area", Ty::Id(&[Kind::Area]), "the ownership area this duty serves"),
        Field::new("timezone", Ty::Zone, "the IANA zone turns are handed off in (default: the handbook's)"),
        Field::required("start", Ty::Date, "the day the first turn starts, with the pool's first person"),
        Field::required("turn", Ty::Text, "how long a turn lasts: \"1d\" ... \"4w\""),
        Field::new("handoff", Ty::Table(&HANDOFF), "when a turn passes on: { day = \"mon\", time = \"10:00\" }"),
        Field::required("pool", Ty::Ids(PARTY), "who takes turns, in order: people, or roles (their current holders)"),
        Field::new(
            "onboard_after",
            Ty::Text,
            "nobody's first turn before they have been on the team this long: \"6w\"",
        ),
        Field::new("escalation", Ty::Ids(PARTY), "whom the person on duty turns to, in order"),
        Field::new("handoff_doc", Ty::Url, "the hand-off document"),
        Field::new("override", Ty::Tables(&OVERRIDE), "someone on duty instead of the person the rotation gives"),
    ],
    common: DOC_FIELDS,
    rest: None,
    synonyms: &[
        ("name", "title"),
        ("tz", "timezone"),
        ("first", "start"),
        ("length", "turn"),
        ("rotation", "turn"),
        ("members", "pool"),
        ("people", "pool"),
        ("rota", "pool"),
        ("overrides", "override"),
        ("escalate_to", "escalation"),
        ("runbook", "handoff_doc"),
    ],
};

static HANDOFF: Schema = Schema {
    doc: "when a turn passes on",
    fields: &[
        Field::new("day", Ty::Text, "the weekday turns of whole weeks start on (the weekday of `start`): mon ... sun"),
        Field::new("time", Ty::Time, "the local time a turn starts, HH:MM (default 10:00)"),
    ],
    common: &[],
    rest: None,
    synonyms: &[("weekday", "day"), ("at", "time")],
};

static OVERRIDE: Schema = Schema {
    doc: "someone on duty instead of the person the rotation gives",
    fields: &[
        Field::required("from", Ty::Date, "the day it starts, at the hand-off time"),
        Field::required("to", Ty::Date, "the day it ends, at the hand-off time"),
        Field::required("person", Ty::Id(&[Kind::Person]), "who is on duty instead (a person id)"),
        Field::required("instead_of", Ty::Id(&[Kind::Person]), "whose turn it is (a person id)"),
        Field::new("reason", Ty::Text, "why, shown on the duty's page"),
    ],
    common: &[],
    rest: None,
    synonyms: &[("start", "from"), ("end", "to"), ("until", "to"), ("who", "person"), ("replaces", "instead_of")],
};

impl Duty {
    pub fn read(source: &SourceFile, stem: &str, config: &Config, diags: &mut Diagnostics) -> Duty {
        let default_zone = &config.timezone;
        read_doc(source, stem, &SCHEMA, config, diags, |t, d| {
            let title =
                t.required_string(d, "title", "\"Primary on-call\"").map_or_else(|| stem.to_string(), |s| s.value);
            let area = one_ref(t, d, "area");
            let zone = t.time_zone(d, "timezone").map_or_else(|| default_zone.clone(), |z| z.value);
            let start = t.required_date(d, "start", "2026-11-02");
            let turn = match t.string(d, "turn") {
                Some(s) => days(t, d, &s, "turn", 1..=MAX_TURN_DAYS),
                None => {
                    if !t.has("turn") {
                        t.missing(d, "turn", "\"1w\"");
                    }
                    None
                }
            };
            let handoff = handoff(t, d, start.as_ref(), turn.as_ref());
            let pool_at = t.span_of("pool");
            let pool = refs(t, d, "pool");
            match pool_at {
                None => t.missing(d, "pool", "[\"aisha\", \"engineer\"]"),
                Some(at) if pool.is_empty() => {
                    d.report(Code::MissingField, t.file(), at, "`pool` is empty")
                        .hint("list who takes turns: person ids, or role ids for their current holders");
                }
                Some(_) => {}
            }
            let onboard_after = t.string(d, "onboard_after").and_then(|s| days(t, d, &s, "onboard_after", 1..=3660));
            let escalation = refs(t, d, "escalation");
            let handoff_doc = t.string(d, "handoff_doc").map(|s| s.value);
            let overrides = t.tables(d, "override").into_iter().filter_map(|o| read_override(o, d)).collect();
            move |doc| Duty {
                doc,
                title,
                area,
                zone,
                start,
                turn,
                handoff,
                pool,
                onboard_after,
                escalation,
                handoff_doc,
                overrides,
            }
        })
    }

    /// "1 week", "2 weeks", "3 days": how long a turn lasts.
    pub fn turn_words(&self) -> String {
        self.turn.as_ref().map_or_else(String::new, |t| length(t.value))
    }

    /// "6 weeks": how long before someone's first turn.
    pub fn onboard_words(&self) -> String {
        self.onboard_after.as_ref().map_or_else(String::new, |t| length(t.value))
    }
}

fn length(days: i64) -> String {
    if days % 7 == 0 { plural(days / 7, "week") } else { plural(days, "day") }
}

fn plural(n: i64, unit: &str) -> String {
    if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") }
}

/// A length written as "3d" or "2w", in days, within `range`.
fn days(
    t: &Table<'_>,
    d: &mut Diagnostics,
    s: &At<String>,
    key: &str,
    range: std::ops::RangeInclusive<i64>,
) -> Option<At<i64>> {
    let text = s.value.trim().to_ascii_lowercase();
    let split = text.len().saturating_sub(1);
    let count = text.get(..split).and_then(|n| n.trim().parse::<i64>().ok());
    let n = match (count, text.get(split..)) {
        (Some(n), Some("d")) => Some(n),
        (Some(n), Some("w")) => n.checked_mul(7),
        _ => None,
    };
    let max = range.end();
    match n {
        Some(n) if range.contains(&n) => Some(At::new(n, s.span())),
        Some(_) => {
            let longest = if max % 7 == 0 { format!("{}w", max / 7) } else { format!("{max}d") };
            d.report(Code::InvalidDuration, t.file(), s.span(), format!("`{key}` = {:?} is out of range", s.value))
                .hint(format!("write from \"1d\" to \"{longest}\""));
            None
        }
        None => {
            d.report(Code::InvalidDuration, t.file(), s.span(), format!("invalid length {:?} in `{key}`", s.value))
                .hint("write days or weeks: \"1d\", \"3d\", \"1w\", \"2w\"");
            None
        }
    }
}

/// The hand-off time; checks that the hand-off day is the weekday of
/// `start` and that turns last whole weeks, so every turn starts on it.
fn handoff(t: &mut Table<'_>, d: &mut Diagnostics, start: Option<&At<Date>>, turn: Option<&At<i64>>) -> Time {
    let Some(mut h) = t.table(d, "handoff") else {
        return DEFAULT_HANDOFF;
    };
    let day = h.string(d, "day");
    let at = h.time(d, "time").map_or(DEFAULT_HANDOFF, |x| x.value);
    if let Some(day) = day {
        match super::ceremony::parse_day(&day.value) {
            None => {
                d.report(Code::InvalidSchedule, h.file(), day.span(), format!("unknown weekday {:?}", day.value))
                    .hint("use mon, tue, wed, thu, fri, sat or sun");
            }
            Some(w) => check_day(&h, d, &day, w, start, turn),
        }
    }
    h.finish(d);
    at
}

fn check_day(
    h: &Table<'_>,
    d: &mut Diagnostics,
    day: &At<String>,
    w: Weekday,
    start: Option<&At<Date>>,
    turn: Option<&At<i64>>,
) {
    if let Some(turn) = turn.filter(|n| n.value % 7 != 0) {
        d.report(
            Code::InvalidSchedule,
            h.file(),
            day.span(),
            format!("turns of {} days do not all start on a {}", turn.value, weekday_name(w)),
        )
        .hint("remove `day` (turns start every few days from `start`), or make `turn` whole weeks: \"1w\"");
    } else if let Some(s) = start.filter(|s| s.value.weekday() != w) {
        d.report(
            Code::InvalidSchedule,
            h.file(),
            s.span(),
            format!(
                "`start` ({}) is a {}, but turns are handed off on {}s",
                s.value,
                weekday_name(s.value.weekday()),
                weekday_name(w)
            ),
        )
        .hint(format!("start on a {}, e.g. {}", weekday_name(w), next_weekday(s.value, w)));
    }
}

/// The first day on or after `from` that is a `w`.
fn next_weekday(from: Date, w: Weekday) -> Date {
    let ahead = (w.to_monday_zero_offset() - from.weekday().to_monday_zero_offset()).rem_euclid(7);
    from.checked_add(jiff::Span::new().days(ahead)).unwrap_or(from)
}

fn read_override(mut o: Table<'_>, d: &mut Diagnostics) -> Option<Override> {
    let pos = o.pos();
    let from = o.required_date(d, "from", "2026-12-21");
    let to = o.required_date(d, "to", "2026-12-28");
    let person = one_ref(&mut o, d, "person");
    if !o.has("person") {
        o.missing(d, "person", "\"jonas\"");
    }
    let instead_of = one_ref(&mut o, d, "instead_of");
    if !o.has("instead_of") {
        o.missing(d, "instead_of", "\"aisha\"");
    }
    let reason = o.string(d, "reason").map(|s| s.value).unwrap_or_default();
    if let (Some(f), Some(t)) = (&from, &to)
        && t.value <= f.value
    {
        d.report(
            Code::InvalidSchedule,
            o.file(),
            t.span(),
            format!("the override ends ({}) before it starts ({})", t.value, f.value),
        )
        .hint("`to` is the day the turn goes back, after `from`");
    }
    if let (Some(p), Some(i)) = (&person, &instead_of)
        && p.id == i.id
    {
        d.report(
            Code::InvalidValue,
            o.file(),
            p.span(),
            format!("the override puts {:?} on duty instead of themselves", p.id),
        )
        .hint("`person` is who takes the turn, `instead_of` whose turn it is: two different people");
    }
    o.finish(d);
    let (from, to) = (from?, to?);
    (to.value > from.value).then_some(())?;
    Some(Override { pos, from, to, person: person?, instead_of: instead_of?, reason })
}
