//! Duties judged against their schedule: pool members who have left or
//! leave during a turn given to them, overrides outside a turn of the
//! person they stand in for or overlapping another, first turns too soon
//! after joining; and over the next quarter, one person on two duties at
//! once and shares of turns far above the pool's mean. (An override naming
//! someone unknown is an unknown id, found as ids are resolved.)

use std::collections::{BTreeMap, BTreeSet};

use jiff::{Timestamp, ToSpan};

use crate::diagnostics::{Code, Diagnostics};
use crate::model::{Duty, Entity, Handbook, Member, QUARTER_DAYS, Rota, Shift};

/// How many turns an override's span is followed before it is taken as
/// within one person's turns (a pool of one person has nothing but).
const MAX_SCANNED_TURNS: usize = 10_000;

/// Over this many times the pool's mean share of the next quarter is unfair.
const FAIR_FACTOR: f64 = 1.5;

pub fn check(hb: &Handbook, d: &mut Diagnostics) {
    let until = after_days(hb.now, QUARTER_DAYS);
    let mut quarter: Vec<(usize, Shift)> = Vec::new();
    for (i, duty) in hb.duties.iter().enumerate() {
        let Some(rota) = duty.rota(hb) else { continue };
        members_left(hb, &rota, d);
        overrides(hb, &rota, d);
        onboarding(hb, &rota, d);
        let shifts = rota.shifts(hb.now, until);
        fair_share(hb, &rota, &shifts, (hb.now, until), d);
        quarter.extend(shifts.into_iter().map(|s| (i, s)));
    }
    two_at_once(hb, &quarter, d);
}

fn after_days(t: Timestamp, days: i64) -> Timestamp {
    t.checked_add(days.saturating_mul(24).hours()).unwrap_or(Timestamp::MAX)
}

/// Where a member of the pool is written: the person, or their role.
fn entry_pos(duty: &Duty, m: &Member) -> std::ops::Range<usize> {
    duty.pool[m.entry].span()
}

fn dates(s: &Shift) -> String {
    format!("{} to {}", s.start.strftime("%Y-%m-%d %H:%M"), s.end.strftime("%Y-%m-%d %H:%M"))
}

/// The first shift given to `person` from `from` on, within a round of the pool.
fn next_turn_of(rota: &Rota<'_>, person: usize, from: Timestamp) -> Option<Shift> {
    let days = rota.duty.turn.as_ref().map_or(1, |t| t.value);
    let window = days.saturating_mul(i64::try_from(rota.members.len() + 1).unwrap_or(i64::MAX));
    rota.shifts(from, after_days(from, window)).into_iter().find(|s| s.person == person && s.end.timestamp() > from)
}

/// Someone named in the pool who has left, or who leaves before a turn the
/// schedule gives them ends (a role's holders who have left are not in it).
fn members_left(hb: &Handbook, rota: &Rota<'_>, d: &mut Diagnostics) {
    let duty = rota.duty;
    let file = hb.file(duty.doc.file);
    for m in &rota.members {
        let person = &hb.people[m.person];
        let Some(left) = &person.left else { continue };
        if person.alumnus {
            d.report(
                Code::DutyMemberLeft,
                file,
                entry_pos(duty, m),
                format!("{} left the team on {} but is still in the pool of {:?}", person.name, left.value, duty.title),
            )
            .hint(format!("take {:?} out of `pool`", person.doc.id));
            continue;
        }
        let Some(gone) = rota.at(left.value).map(|z| z.timestamp()) else { continue };
        // The turn under way when they leave, or the first after it.
        let from = rota.turn_at(gone).and_then(|k| rota.turn_start(k)).map_or(gone, |s| s.timestamp());
        let Some(turn) = next_turn_of(rota, m.person, from).filter(|s| s.end.timestamp() > gone) else { continue };
        d.report(
            Code::DutyMemberLeft,
            file,
            entry_pos(duty, m),
            format!(
                "{} leaves on {}, but {:?} gives them the turn from {}",
                person.name,
                left.value,
                duty.title,
                dates(&turn)
            ),
        )
        .hint(format!(
            "add an [[override]] giving that turn to someone else, or take {:?} out of `pool` before they leave",
            person.doc.id
        ));
    }
}

/// An override must fall within turns of the person it stands in for, and
/// no two may cover the same time.
fn overrides(hb: &Handbook, rota: &Rota<'_>, d: &mut Diagnostics) {
    let duty = rota.duty;
    let file = hb.file(duty.doc.file);
    let mut spans: Vec<(Timestamp, Timestamp, usize)> = Vec::new();
    for (i, o) in duty.overrides.iter().enumerate() {
        let Some((from, to)) = rota.span_of(o) else { continue };
        spans.push((from, to, i));
        let Some(Entity::Person(instead)) = o.instead_of.to else { continue };
        if let Some(other) = outside(rota, instead, from, to) {
            let whose = other.map_or_else(
                || {
                    format!(
                        "the first turn starts on {}",
                        duty.start.as_ref().map_or_else(String::new, |s| s.value.to_string())
                    )
                },
                |(k, p)| {
                    let at = rota.turn_start(k).map_or_else(String::new, |s| s.strftime("%Y-%m-%d").to_string());
                    format!("the turn from {at} is {}'s", hb.people[p].name)
                },
            );
            d.report(
                Code::OverrideOutsideTurn,
                file,
                o.instead_of.span(),
                format!(
                    "the override from {} to {} is not within a turn of {}: {whose}",
                    o.from.value, o.to.value, hb.people[instead].name
                ),
            )
            .hint("check the dates against the duty's page, or name in `instead_of` whose turn it is");
        }
    }
    spans.sort();
    let mut latest: Option<(Timestamp, usize)> = None;
    for (from, to, i) in spans {
        if let Some((end, j)) = latest
            && from < end
        {
            let (o, other) = (&duty.overrides[i], &duty.overrides[j]);
            let (line, _) = file.line_col(other.pos);
            d.report(
                Code::OverridesOverlap,
                file,
                o.from.span(),
                format!(
                    "this override ({} to {}) overlaps the one from {} to {} (line {line})",
                    o.from.value, o.to.value, other.from.value, other.to.value
                ),
            )
            .hint("one override per stretch of time: shorten one, or merge them");
        }
        if latest.is_none_or(|(end, _)| to > end) {
            latest = Some((to, i));
        }
    }
}

/// Whether `[from, to)` leaves the turns of `person`: `Some(None)` when it
/// starts before the first turn, `Some(Some((turn, whose)))` at the first
/// turn that is someone else's.
fn outside(rota: &Rota<'_>, person: usize, from: Timestamp, to: Timestamp) -> Option<Option<(usize, usize)>> {
    let Some(first) = rota.turn_at(from) else { return Some(None) };
    for k in (first..).take(MAX_SCANNED_TURNS) {
        match rota.turn_start(k) {
            Some(s) if s.timestamp() < to => {}
            _ => return None,
        }
        let whose = rota.scheduled(k).person;
        if whose != person {
            return Some(Some((k, whose)));
        }
    }
    None
}

/// A member's next turn, when it starts before they have been on the team
/// for `onboard_after`.
fn onboarding(hb: &Handbook, rota: &Rota<'_>, d: &mut Diagnostics) {
    let duty = rota.duty;
    let Some(after) = &duty.onboard_after else { return };
    let file = hb.file(duty.doc.file);
    for m in &rota.members {
        let person = &hb.people[m.person];
        let Some(joined) = person.joined else { continue };
        let Some(ready) = joined.checked_add(after.value.days()).ok() else { continue };
        let Some(turn) = next_turn_of(rota, m.person, hb.now) else { continue };
        if turn.start.date() < ready {
            d.report(
                Code::FirstTurnTooSoon,
                file,
                entry_pos(duty, m),
                format!(
                    "{} joined on {joined}, and {:?} gives them a turn from {}, before `onboard_after` ({}) has passed on {ready}",
                    person.name,
                    duty.title,
                    dates(&turn),
                    duty.onboard_words()
                ),
            )
            .hint("add an [[override]] giving that turn to someone who has been here longer, or move them later in `pool`");
        }
    }
}

/// Someone on duty for over 1.5 times the pool's mean share of the next
/// quarter, beyond what the rotation's rounding gives.
fn fair_share(hb: &Handbook, rota: &Rota<'_>, shifts: &[Shift], window: (Timestamp, Timestamp), d: &mut Diagnostics) {
    let duty = rota.duty;
    let mut time: BTreeMap<usize, i64> = BTreeMap::new();
    for s in shifts {
        let (from, to) = (s.start.timestamp().max(window.0), s.end.timestamp().min(window.1));
        *time.entry(s.person).or_default() += (to.as_second() - from.as_second()).max(0);
    }
    let total: i64 = time.values().sum();
    let members = rota.members.len();
    let turn = duty.turn.as_ref().map_or(1, |t| t.value) * 86_400;
    let turns = shifts.iter().map(|s| s.turn).collect::<BTreeSet<_>>().len();
    // The rotation alone gives some members one turn more than others.
    let rounding = i64::try_from(turns.div_ceil(members)).unwrap_or(i64::MAX).saturating_mul(turn);
    let mean = total as f64 / members as f64;
    let file = hb.file(duty.doc.file);
    for (&p, &t) in &time {
        if (t as f64) <= FAIR_FACTOR * mean || t <= rounding {
            continue;
        }
        // Where it is written: their place in the pool, else the override that puts them on.
        let at = rota.members.iter().find(|m| m.person == p).map(|m| entry_pos(duty, m)).or_else(|| {
            duty.overrides.iter().find(|o| o.person.to == Some(Entity::Person(p))).map(|o| o.person.span())
        });
        let Some(at) = at else { continue };
        let days = |s: i64| (s as f64 / 86_400.0).round() as i64;
        d.report(
            Code::UnfairShare,
            file,
            at,
            format!(
                "{} is on {:?} for {} of the next {} days, over {FAIR_FACTOR} times the pool's mean ({} days)",
                hb.people[p].name,
                duty.title,
                days(t),
                days(total),
                days(mean as i64)
            ),
        )
        .hint("spread the overrides over the pool, or add people to it");
    }
}

/// One person on two duties at the same time, once per person and pair of
/// duties, at the later duty.
fn two_at_once(hb: &Handbook, quarter: &[(usize, Shift)], d: &mut Diagnostics) {
    let mut by_person: BTreeMap<usize, Vec<&(usize, Shift)>> = BTreeMap::new();
    for x in quarter {
        by_person.entry(x.1.person).or_default().push(x);
    }
    for (p, mut list) in by_person {
        list.sort_by_key(|(i, s)| (s.start.timestamp(), *i));
        let mut told: BTreeSet<(usize, usize)> = BTreeSet::new();
        // The shifts still under way, by the time each next one starts.
        let mut open: Vec<&(usize, Shift)> = Vec::new();
        for x in list {
            open.retain(|o| o.1.end.timestamp() > x.1.start.timestamp());
            for o in &open {
                let (a, b) = (o.0.min(x.0), o.0.max(x.0));
                if a == b || !told.insert((a, b)) {
                    continue;
                }
                let later = if o.0 == b { o } else { &x };
                let duty = &hb.duties[b];
                let at = match later.1.by {
                    Some(k) => duty.overrides[k].person.span(),
                    None => duty
                        .rota(hb)
                        .and_then(|r| r.members.iter().find(|m| m.person == p).map(|m| entry_pos(duty, m)))
                        .unwrap_or(duty.doc.pos..duty.doc.pos),
                };
                let start = o.1.start.timestamp().max(x.1.start.timestamp());
                d.report(
                    Code::DutiesOverlap,
                    hb.file(duty.doc.file),
                    at,
                    format!(
                        "{} is on {:?} and {:?} at once, from {}",
                        hb.people[p].name,
                        hb.duties[a].title,
                        duty.title,
                        start.to_zoned_datetime(duty.zone.tz.clone()).strftime("%Y-%m-%d %H:%M")
                    ),
                )
                .hint("add an [[override]] to one of them, or shift one duty's `start`");
            }
            open.push(x);
        }
    }
}
