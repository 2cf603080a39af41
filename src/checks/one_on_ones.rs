//! 1:1s judged against the policy of `one_on_ones.toml` (nothing is checked
//! without the file): reports without a 1:1 with their manager, 1:1s less
//! often than `minimum`, new joiners meeting their manager less often than
//! `new_joiners`, co-leads who never meet, written pairs with someone who
//! has left or written twice, and 1:1s at the time of a ceremony one of the
//! two attends.

use std::collections::BTreeSet;

use jiff::civil::Date;
use jiff::{SignedDuration, ToSpan};

use crate::diagnostics::{Code, Diagnostics};
use crate::model::one_on_one::OneOnOnes;
use crate::model::{Entity, Handbook, Pair, Why};
use crate::recurrence::weekday_name;
use crate::source::SourceFile;

/// The length of a 1:1 whose duration nobody wrote, for clashes.
const DEFAULT_MINUTES: i64 = 30;

/// How far ahead clashes with ceremonies are looked for.
const CLASH_DAYS: i64 = 91;

pub fn check(hb: &Handbook, d: &mut Diagnostics) {
    let Some(file) = &hb.one_on_ones else { return };
    let source = hb.file(file.file);
    let pairs = hb.pairs();
    twice(hb, file, source, d);
    alumni(hb, file, source, d);
    // What an unreadable rule would have given is not reported as missing too.
    if !file.policy.unreadable {
        without_cadence(hb, file, source, &pairs, d);
        reports(hb, file, &pairs, d);
        co_leads(hb, &pairs, d);
    }
    too_rare(file, source, &pairs, d);
    new_joiners(hb, file, source, &pairs, d);
    clashes(hb, file, source, &pairs, d);
}

/// The pair of a person with their manager.
fn with_manager(pairs: &[Pair], m: usize, p: usize) -> Option<&Pair> {
    pairs.iter().find(|q| q.has(m) && q.has(p))
}

fn name(hb: &Handbook, p: usize) -> &str {
    &hb.people[p].name
}

/// The same two people in two `[[pair]]`s: an error at the second.
fn twice(hb: &Handbook, file: &OneOnOnes, source: &SourceFile, d: &mut Diagnostics) {
    let mut seen: Vec<(BTreeSet<&str>, usize)> = Vec::new();
    for w in &file.pairs {
        let ids: BTreeSet<&str> = w.people.iter().map(|r| r.id.as_str()).collect();
        match seen.iter().find(|(s, _)| *s == ids) {
            Some((_, first)) => {
                let (line, _) = source.line_col(*first);
                let who: Vec<String> = w
                    .people
                    .iter()
                    .map(|r| match r.to {
                        Some(Entity::Person(p)) => name(hb, p).to_string(),
                        _ => r.id.clone(),
                    })
                    .collect();
                d.report(
                    Code::DuplicatePair,
                    source,
                    w.people_at.clone(),
                    format!("the pair {} and {} is written twice (first at line {line})", who[0], who[1]),
                )
                .hint("one [[pair]] per two people: merge the two into the first");
            }
            None => seen.push((ids, w.pos)),
        }
    }
}

/// A written pair naming someone who has left.
fn alumni(hb: &Handbook, file: &OneOnOnes, source: &SourceFile, d: &mut Diagnostics) {
    for w in &file.pairs {
        for r in &w.people {
            let Some(Entity::Person(p)) = r.to else { continue };
            let person = &hb.people[p];
            if !person.alumnus {
                continue;
            }
            let left = person.left.as_ref().map_or_else(String::new, |l| format!(" on {}", l.value));
            d.report(
                Code::PairWithAlumnus,
                source,
                r.span(),
                format!("{} left the team{left} but still has a 1:1 here", person.name),
            )
            .hint("remove this [[pair]]; their earlier 1:1s stay in the [[history]] of the other person's file");
        }
    }
}

/// A written pair that nothing gives a cadence.
fn without_cadence(hb: &Handbook, file: &OneOnOnes, source: &SourceFile, pairs: &[Pair], d: &mut Diagnostics) {
    for q in pairs.iter().filter(|q| q.cadence.is_none()) {
        let Some(w) = q.written.map(|k| &file.pairs[k]) else { continue };
        d.report(
            Code::MissingField,
            source,
            w.pos,
            format!(
                "the pair {} and {} has no `cadence`, and the policy gives none to {}",
                name(hb, q.a),
                name(hb, q.b),
                match q.why {
                    Why::Peers => "peers".to_string(),
                    why => format!("a {} pair", why.name()),
                }
            ),
        )
        .hint("say how often they meet: cadence = \"weekly\"");
    }
}

/// Every report meets their manager.
fn reports(hb: &Handbook, file: &OneOnOnes, pairs: &[Pair], d: &mut Diagnostics) {
    for p in 0..hb.people.len() {
        let Some(m) = hb.current_manager(p) else { continue };
        if with_manager(pairs, m, p).is_some() {
            continue;
        }
        let at = hb.people[p].manager.as_ref().map_or(0..0, |r| r.span());
        d.report(
            Code::NoOneOnOne,
            hb.file(hb.people[p].doc.file),
            at,
            format!("{} reports to {} but has no 1:1 with them in one_on_ones.toml", name(hb, p), name(hb, m)),
        )
        .hint(if file.policy.reports.is_none() {
            "add reports = { cadence = \"weekly\", duration = \"30m\" } to [policy], or a [[pair]] for the two"
        } else {
            "add a [[pair]] for the two"
        });
    }
}

/// A 1:1 with a manager or a co-lead, or between peers, less often than
/// `minimum` (skip-levels are rarer by nature): once at a policy rule that
/// is, else at the written cadence.
fn too_rare(file: &OneOnOnes, source: &SourceFile, pairs: &[Pair], d: &mut Diagnostics) {
    let Some(min) = &file.policy.minimum else { return };
    let policy = &file.policy;
    for (key, rule) in [("reports", &policy.reports), ("counterparts", &policy.counterparts)] {
        let Some(rule) = rule.as_ref().filter(|r| r.cadence.rarer_than(min.value)) else { continue };
        d.report(
            Code::OneOnOneTooRare,
            source,
            rule.pos.clone(),
            format!("`{key}` meet {}, less often than `minimum` ({})", rule.cadence.name(), min.value.name()),
        )
        .hint(format!("meet at least {}, or lower `minimum`", min.value.name()));
    }
    for q in pairs.iter().filter(|q| q.why != Why::SkipLevel) {
        let Some(c) = q.written.and_then(|k| file.pairs[k].cadence.as_ref()) else { continue };
        if c.value.rarer_than(min.value) {
            d.report(
                Code::OneOnOneTooRare,
                source,
                c.span(),
                format!("this pair meets {}, less often than `minimum` ({})", c.value.name(), min.value.name()),
            )
            .hint(format!("meet at least {}, or lower `minimum`", min.value.name()));
        }
    }
}

/// A new joiner, within `new_joiners.for` of joining, meeting their manager
/// less often than `new_joiners.cadence`.
fn new_joiners(hb: &Handbook, file: &OneOnOnes, source: &SourceFile, pairs: &[Pair], d: &mut Diagnostics) {
    let Some(rule) = &file.policy.new_joiners else { return };
    for p in 0..hb.people.len() {
        let (Some(m), Some(joined)) = (hb.current_manager(p), hb.people[p].joined) else { continue };
        let Ok(until) = joined.checked_add(rule.days.days()) else { continue };
        if hb.today < joined || hb.today >= until {
            continue;
        }
        let Some(q) = with_manager(pairs, m, p) else { continue };
        let Some(c) = q.cadence.filter(|c| c.rarer_than(rule.cadence)) else { continue };
        // Where the cadence comes from: the pair's own, else the policy's.
        let written = q.written.and_then(|k| file.pairs[k].cadence.as_ref()).map(|c| c.span());
        let at = written.or_else(|| file.policy.reports.as_ref().map(|r| r.pos.clone())).unwrap_or(rule.pos.clone());
        d.report(
            Code::NewJoinerOneOnOnes,
            source,
            at,
            format!(
                "{} joined on {joined} and meets {} {}, less often than `new_joiners` asks ({}) until {until}",
                name(hb, p),
                name(hb, m),
                c.name(),
                rule.cadence.name()
            ),
        )
        .hint(format!("write a [[pair]] for the two with cadence = \"{}\" for their first weeks", rule.cadence.name()));
    }
}

/// Co-leads with neither a 1:1 nor a ceremony they both attend: at the
/// role's `counterpart`.
fn co_leads(hb: &Handbook, pairs: &[Pair], d: &mut Diagnostics) {
    let ceremonies = |p: usize| hb.people[p].ceremonies.iter().map(|v| v.item.0).collect::<BTreeSet<usize>>();
    let mut told: Vec<(usize, usize)> = Vec::new();
    for role in &hb.roles {
        let Some(c) = &role.counterpart else { continue };
        let Some(Entity::Role(other)) = c.to else { continue };
        for &x in role.people.iter().filter(|&&p| !hb.people[p].alumnus) {
            for &y in hb.roles[other].people.iter().filter(|&&p| !hb.people[p].alumnus) {
                if x == y || told.contains(&(y, x)) || told.contains(&(x, y)) {
                    continue;
                }
                told.push((x, y));
                let meet = pairs.iter().any(|q| q.has(x) && q.has(y));
                if meet || !ceremonies(x).is_disjoint(&ceremonies(y)) {
                    continue;
                }
                d.report(
                    Code::CoLeadsNeverMeet,
                    hb.file(role.doc.file),
                    c.span(),
                    format!(
                        "{} and {} co-lead ({} and {}) but have neither a 1:1 nor a ceremony they both attend",
                        name(hb, x),
                        name(hb, y),
                        role.short_name(),
                        hb.roles[other].short_name()
                    ),
                )
                .hint("add counterparts = { cadence = \"weekly\", duration = \"45m\" } to [policy] of one_on_ones.toml, or a [[pair]] for the two");
            }
        }
    }
}

/// A 1:1 with a day and time that falls, in the next quarter, within a
/// meeting of a ceremony one of the two attends; once per pair and ceremony.
/// A 1:1 is taken to meet on its day every week: which weeks a biweekly or
/// monthly one skips is not written.
fn clashes(hb: &Handbook, file: &OneOnOnes, source: &SourceFile, pairs: &[Pair], d: &mut Diagnostics) {
    let to = hb.today.checked_add(CLASH_DAYS.days()).unwrap_or(Date::MAX);
    for q in pairs {
        let (Some(day), Some(time), Some(w)) = (q.day, q.time, q.written.map(|k| &file.pairs[k])) else { continue };
        if hb.people[q.a].alumnus || hb.people[q.b].alumnus {
            continue;
        }
        let zone = hb.people[q.a].timezone.as_ref().unwrap_or(&hb.config.timezone);
        let length = q.duration.unwrap_or(SignedDuration::from_mins(DEFAULT_MINUTES));
        let mut ceremonies: Vec<(usize, usize)> = Vec::new();
        for p in [q.a, q.b] {
            for v in &hb.people[p].ceremonies {
                if !ceremonies.iter().any(|(c, _)| *c == v.item.0) {
                    ceremonies.push((v.item.0, p));
                }
            }
        }
        ceremonies.sort_unstable();
        for (c, p) in ceremonies {
            let ceremony = &hb.ceremonies[c];
            let hit = ceremony.occurrences(hb.today, to).into_iter().find_map(|o| {
                let start = o.start.with_time_zone(zone.tz.clone());
                let end = o.end.with_time_zone(zone.tz.clone());
                let date = start.date();
                if date.weekday() != day {
                    return None;
                }
                let ours = zone.tz.to_ambiguous_zoned_datetime(date.to_datetime(time)).compatible().ok()?;
                let ours_end = ours.checked_add(length).ok()?;
                (ours.timestamp() < end.timestamp() && start.timestamp() < ours_end.timestamp()).then_some(start)
            });
            let Some(at) = hit else { continue };
            let at_span = w.time.as_ref().map_or(w.pos..w.pos, |t| t.span());
            d.report(
                Code::OneOnOneClash,
                source,
                at_span,
                format!(
                    "the 1:1 of {} and {} ({}s at {}) is at the time of {:?}, which {} attends (on {} at {})",
                    name(hb, q.a),
                    name(hb, q.b),
                    weekday_name(day),
                    time.strftime("%H:%M"),
                    ceremony.title,
                    name(hb, p),
                    at.date(),
                    at.strftime("%H:%M")
                ),
            )
            .hint("move the 1:1 to another `day` or `time`");
        }
    }
}
