//! On a role's start-here page: whom a new hire meets first, how often and
//! where the agenda is. The manager most of the role's current holders
//! report to, at the `new_joiners` cadence (else the `reports` one); for a
//! co-lead role without a manager, the co-lead. A report's 1:1 is their
//! own (the policy's cadence, an agenda of their own to start); the
//! co-leads' 1:1 is the role's, so a new co-lead takes over its cadence and
//! its running agenda.

use serde::Serialize;

use crate::model::{Entity, Why};
use crate::render::views::{Facts, Item, minutes};

#[derive(Serialize)]
pub struct FirstOneOnOne {
    with: Item,
    /// "every week for your first 90 days, then every week"
    how_often: String,
    duration: String,
    agenda: String,
}

pub fn view(facts: &Facts<'_>, role: usize) -> Option<FirstOneOnOne> {
    let hb = facts.hb;
    let file = hb.one_on_ones.as_ref()?;
    let policy = &file.policy;
    let holders: Vec<usize> = hb.roles[role].people.iter().copied().filter(|&p| !hb.people[p].alumnus).collect();
    let pairs = hb.current_pairs();
    let mut managers: Vec<(usize, usize)> = Vec::new();
    for &p in &holders {
        if let Some(m) = hb.current_manager(p) {
            match managers.iter_mut().find(|(x, _)| *x == m) {
                Some((_, n)) => *n += 1,
                None => managers.push((m, 1)),
            }
        }
    }
    // The most common manager, the first of them on a tie.
    let manager = managers.iter().rev().max_by_key(|(_, n)| *n).map(|&(m, _)| m);
    let (with, rule, pair) = match manager {
        Some(m) => (m, policy.reports.as_ref(), None),
        None => {
            let pair = pairs.iter().find(|q| q.why == Why::Counterparts && holders.iter().any(|&p| q.has(p)))?;
            let other = holders.iter().find(|&&p| pair.has(p)).map(|&p| pair.other(p))?;
            (other, policy.counterparts.as_ref(), Some(pair))
        }
    };
    let regular = pair.and_then(|q| q.cadence).or(rule.map(|r| r.cadence));
    let how_often = match (&policy.new_joiners, regular, manager) {
        (Some(n), Some(c), Some(_)) if c.rarer_than(n.cadence) => {
            format!(
                "{} for your first {} days, then {}",
                n.cadence.words(&facts.hb.strings),
                n.days,
                c.words(&facts.hb.strings)
            )
        }
        (Some(n), None, Some(_)) => format!("{} for your first {} days", n.cadence.words(&facts.hb.strings), n.days),
        (_, Some(c), _) => c.words(&facts.hb.strings).to_string(),
        _ => String::new(),
    };
    let duration = pair.and_then(|q| q.duration).or(rule.and_then(|r| r.duration));
    let agenda = pair.and_then(|q| q.agenda_doc.clone()).unwrap_or_default();
    Some(FirstOneOnOne {
        with: facts.item(Entity::Person(with)),
        how_often,
        duration: duration.map_or_else(String::new, |d| minutes(&facts.hb.strings, d.as_mins())),
        agenda,
    })
}
