//! A person's 1:1s on their page: whom they meet, how often, when and where
//! the agenda is, their hours of 1:1s a week, and their earlier managers
//! (`[[history]]`) with the agenda documents of those 1:1s. A section of
//! its own (`one_on_ones_person` in one_on_one_parts.html).

use serde::Serialize;

use super::{hours, line, relation};
use crate::model::Entity;
use crate::render::views::{Facts, Item};

#[derive(Serialize, Default)]
pub struct PersonOneOnOnes {
    /// Each 1:1, seen from this person: `with` is the other one.
    pairs: Vec<MineLine>,
    hours: String,
    earlier: Vec<EarlierManager>,
}

#[derive(Serialize)]
struct MineLine {
    with: Item,
    relation: &'static str,
    cadence: String,
    when: String,
    duration: String,
    agenda: String,
    reason: String,
}

#[derive(Serialize)]
struct EarlierManager {
    manager: Item,
    /// "until 4 May 2026"
    until: String,
    until_iso: String,
    agenda: String,
}

pub fn view(facts: &Facts<'_>, p: usize) -> PersonOneOnOnes {
    let hb = facts.hb;
    let pairs = if hb.people[p].alumnus { Vec::new() } else { hb.current_pairs() };
    let mine = pairs
        .iter()
        .filter(|q| q.has(p))
        .map(|q| {
            let l = line(facts, q);
            let with = if q.a == p { l.b } else { l.a };
            MineLine {
                with,
                relation: relation(q, p),
                cadence: l.cadence,
                when: l.when,
                duration: l.duration,
                agenda: l.agenda,
                reason: l.reason,
            }
        })
        .collect();
    let earlier = hb.people[p]
        .history
        .iter()
        .filter_map(|h| {
            let manager = h.manager.to.filter(|e| matches!(e, Entity::Person(_)))?;
            Some(EarlierManager {
                manager: facts.item(manager),
                until: facts.long_date(h.date.value),
                until_iso: h.date.value.to_string(),
                agenda: h.agenda_doc.clone().unwrap_or_default(),
            })
        })
        .collect();
    PersonOneOnOnes { pairs: mine, hours: hours(&facts.hb.strings, &pairs, p), earlier }
}
