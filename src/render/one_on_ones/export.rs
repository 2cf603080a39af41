//! The 1:1s in `handbook.json`: the policy as written, and every pair (those
//! the policy implies and the written ones), with who, why, how often and
//! for how long, when, the agenda link, and for a written exception its
//! reason. `null` without a `one_on_ones.toml`.

use serde::Serialize;

use crate::model::one_on_one::{Policy, Rule};
use crate::model::{Entity, Handbook, Pair, Why};

#[derive(Serialize)]
pub struct OneOnOnesOut<'a> {
    policy: PolicyOut,
    /// Whether the 1:1s with a day and time are in the team calendar.
    calendar: bool,
    pairs: Vec<PairOut<'a>>,
}

#[derive(Serialize)]
struct PolicyOut {
    reports: Option<RuleOut>,
    counterparts: Option<RuleOut>,
    new_joiners: Option<NewJoinersOut>,
    skip_level: Option<RuleOut>,
    minimum: Option<&'static str>,
}

#[derive(Serialize)]
struct RuleOut {
    cadence: &'static str,
    duration_minutes: Option<i64>,
}

#[derive(Serialize)]
struct NewJoinersOut {
    cadence: &'static str,
    days: i64,
}

#[derive(Serialize)]
struct PairOut<'a> {
    /// The two people, the manager first where there is one.
    people: [String; 2],
    /// "manager", "co-leads", "skip-level" or "peers".
    kind: &'static str,
    cadence: Option<&'static str>,
    duration_minutes: Option<i64>,
    day: Option<&'static str>,
    time: Option<String>,
    /// The zone `time` is in: the first person's, else the handbook's.
    timezone: &'a str,
    agenda_doc: Option<&'a str>,
    /// Whether a `[[pair]]` gives it (else the policy implies it alone).
    written: bool,
    /// Whether it meets at another cadence than the policy's for its kind.
    exception: bool,
    reason: Option<&'a str>,
    /// Whether one of the two has left (the pair is reported by check).
    alumnus: bool,
}

/// Weekdays as `day` is written.
const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn rule(r: &Option<Rule>) -> Option<RuleOut> {
    r.as_ref().map(|r| RuleOut { cadence: r.cadence.name(), duration_minutes: r.duration.map(|d| d.as_mins()) })
}

fn policy(p: &Policy) -> PolicyOut {
    PolicyOut {
        reports: rule(&p.reports),
        counterparts: rule(&p.counterparts),
        new_joiners: p.new_joiners.as_ref().map(|n| NewJoinersOut { cadence: n.cadence.name(), days: n.days }),
        skip_level: rule(&p.skip_level),
        minimum: p.minimum.as_ref().map(|m| m.value.name()),
    }
}

/// The policy's rule for a kind of pair.
fn rule_for(p: &Policy, why: Why) -> Option<&Rule> {
    match why {
        Why::Reports => p.reports.as_ref(),
        Why::Counterparts => p.counterparts.as_ref(),
        Why::SkipLevel => p.skip_level.as_ref(),
        Why::Peers => None,
    }
}

fn pair<'a>(hb: &'a Handbook, p: &Policy, q: &'a Pair) -> PairOut<'a> {
    let person = |i: usize| hb.qualified_id(Entity::Person(i));
    PairOut {
        people: [person(q.a), person(q.b)],
        kind: q.why.name(),
        cadence: q.cadence.map(|c| c.name()),
        duration_minutes: q.duration.map(|d| d.as_mins()),
        day: q.day.map(|w| DAYS[w.to_monday_zero_offset() as usize]),
        time: q.time.map(|t| t.strftime("%H:%M").to_string()),
        timezone: &hb.people[q.a].timezone.as_ref().unwrap_or(&hb.config.timezone).name,
        agenda_doc: q.agenda_doc.as_deref(),
        written: q.written.is_some(),
        exception: q.written.is_some() && rule_for(p, q.why).is_some_and(|r| Some(r.cadence) != q.cadence),
        reason: q.reason.as_deref(),
        alumnus: hb.people[q.a].alumnus || hb.people[q.b].alumnus,
    }
}

pub fn one_on_ones<'a>(hb: &'a Handbook, pairs: &'a [Pair]) -> Option<OneOnOnesOut<'a>> {
    let file = hb.one_on_ones.as_ref()?;
    Some(OneOnOnesOut {
        policy: policy(&file.policy),
        calendar: file.calendar,
        pairs: pairs.iter().map(|q| pair(hb, &file.policy, q)).collect(),
    })
}
