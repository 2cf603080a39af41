//! 1:1s on the site: the 1:1 map (`map`: the org chart with each pair's
//! cadence on the line to the manager, the other pairs beside it), a
//! person's 1:1s, hours and earlier managers (`person`), and on a role's
//! start-here page whom a new hire meets first (`first`).

pub mod export;
pub mod first;
pub mod map;
pub mod person;

use serde::Serialize;

use crate::model::one_on_one::when_words;
use crate::model::{Entity, Handbook, Pair, Why};
use crate::render::views::{Facts, Item, minutes};

pub const TEMPLATE: &str = "one_on_ones.html";

pub use map::map;

/// A pair as a page shows it, from one side or from above.
#[derive(Serialize, Clone, Debug)]
pub struct PairLine {
    pub a: Item,
    pub b: Item,
    /// "manager", "co-leads", "skip-level", "peers".
    pub why: &'static str,
    /// "weekly"; empty when nothing gives one (reported by check).
    pub cadence: String,
    /// "Tuesdays at 15:00 (America/New_York)", when written.
    pub when: String,
    /// "45 min", when known.
    pub duration: String,
    /// The running agenda document.
    pub agenda: String,
    /// Why the pair differs from the policy, as written.
    pub reason: String,
}

pub fn line(facts: &Facts<'_>, q: &Pair) -> PairLine {
    let hb = facts.hb;
    let mut when = when_words(q.day, q.time);
    if q.time.is_some() {
        when.push_str(&format!(" ({})", zone_of(hb, q.a)));
    }
    PairLine {
        a: facts.item(Entity::Person(q.a)),
        b: facts.item(Entity::Person(q.b)),
        why: q.why.name(),
        cadence: q.cadence.map_or_else(String::new, |c| c.name().to_string()),
        when,
        duration: q.duration.map_or_else(String::new, |d| minutes(&facts.hb.strings, d.as_mins())),
        agenda: q.agenda_doc.clone().unwrap_or_default(),
        reason: q.reason.clone().unwrap_or_default(),
    }
}

/// The zone a pair's time is in: the first person's, else the handbook's.
fn zone_of(hb: &Handbook, p: usize) -> String {
    hb.people[p].timezone.as_ref().unwrap_or(&hb.config.timezone).name.clone()
}

/// "2 h 15 min a week": the time someone spends in 1:1s, on average, to
/// five minutes; empty when no duration is known.
pub fn hours(s: &crate::i18n::Strings, pairs: &[Pair], p: usize) -> String {
    let total: f64 = pairs.iter().filter(|q| q.has(p)).filter_map(Pair::minutes_per_week).sum();
    let rounded = (total / 5.0).round() as i64 * 5;
    if rounded == 0 { String::new() } else { format!("{} a week", minutes(s, rounded)) }
}

/// How the other person stands to `p`: "your manager" reads "manager".
pub fn relation(q: &Pair, p: usize) -> &'static str {
    match q.why {
        Why::Reports if q.a == p => "report",
        Why::Reports => "manager",
        Why::SkipLevel if q.a == p => "skip-level report",
        Why::SkipLevel => "skip-level manager",
        Why::Counterparts => "co-lead",
        Why::Peers => "peer",
    }
}
