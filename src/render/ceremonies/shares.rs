//! Who facilitates the ceremonies: each role's share of the meetings (and
//! hours) over the next twelve months, as bars, and how the co-leads split
//! the meetings they lead between them (the seed's "the PM leads half").

use std::collections::BTreeMap;

use jiff::ToSpan;
use serde::Serialize;

use crate::model::{Entity, Handbook, targets};
use crate::render::views::{Facts, Item, Party};

/// Roles shown: the rest facilitate less than the last one shown.
const SHOWN: usize = 100;

#[derive(Serialize)]
pub struct SharesView {
    /// Roles by their share, largest first.
    pub bars: Vec<ShareBar>,
    pub colead: Option<Split>,
}

#[derive(Serialize)]
pub struct ShareBar {
    pub role: Item,
    /// The people who hold it.
    pub who: Party,
    /// Of all facilitated meetings, in percent.
    pub percent: f64,
    pub per_month: f64,
    pub hours_per_month: f64,
    /// One of the co-leads.
    pub colead: bool,
}

/// How two co-lead roles split the meetings either of them leads.
#[derive(Serialize)]
pub struct Split {
    pub first: Item,
    pub second: Item,
    /// Of the meetings the two lead, in percent (adding up to 100).
    pub first_percent: f64,
    pub second_percent: f64,
    /// Of all facilitated meetings, the two together.
    pub together: f64,
}

pub fn view(facts: &Facts<'_>) -> SharesView {
    let hb = facts.hb;
    let (counts, total) = counts(hb);
    let pair = hb.roles.iter().enumerate().find_map(|(r, role)| match role.counterpart.as_ref().and_then(|c| c.to) {
        Some(Entity::Role(c)) if c != r => Some((r, c)),
        _ => None,
    });
    let share = |r: usize| counts.get(&r).map_or(0.0, |c| c.0);
    let colead = pair.filter(|&(a, b)| share(a) + share(b) > 0.0).map(|(a, b)| {
        let both = share(a) + share(b);
        let first_percent = round1(100.0 * share(a) / both);
        Split {
            first: facts.noted(Entity::Role(a), hb.roles[a].short_name()),
            second: facts.noted(Entity::Role(b), hb.roles[b].short_name()),
            first_percent,
            second_percent: round1(100.0 - first_percent),
            together: round1(100.0 * both / total.max(1.0)),
        }
    });
    let mut bars: Vec<ShareBar> = counts
        .iter()
        .map(|(&r, &(count, hours))| ShareBar {
            role: facts.noted(Entity::Role(r), hb.roles[r].short_name()),
            who: facts.who(Entity::Role(r)),
            percent: round1(100.0 * count / total.max(1.0)),
            per_month: round1(count / 12.0),
            hours_per_month: round1(hours / 12.0),
            colead: pair.is_some_and(|(a, b)| r == a || r == b),
        })
        .collect();
    bars.sort_by(|x, y| y.percent.total_cmp(&x.percent).then_with(|| x.role.title.cmp(&y.role.title)));
    bars.truncate(SHOWN);
    SharesView { bars, colead }
}

/// Meetings and hours each role facilitates over the twelve months from
/// today, and the number of facilitated meetings. A person counts for their
/// first role.
fn counts(hb: &Handbook) -> (BTreeMap<usize, (f64, f64)>, f64) {
    let to = hb.today.checked_add(1.year()).unwrap_or(hb.today);
    let mut per_role: BTreeMap<usize, (f64, f64)> = BTreeMap::new();
    let mut total = 0.0_f64;
    for c in &hb.ceremonies {
        for o in c.occurrences(hb.today, to) {
            let role = match hb.leader(c, &o) {
                Some(Entity::Role(r)) => Some(r),
                Some(Entity::Person(p)) => targets(&hb.people[p].roles).find_map(|e| match e {
                    Entity::Role(r) => Some(r),
                    _ => None,
                }),
                _ => None,
            };
            if let Some(r) = role {
                let hours = o.end.timestamp().duration_since(o.start.timestamp()).as_secs_f64() / 3600.0;
                let entry = per_role.entry(r).or_default();
                entry.0 += 1.0;
                entry.1 += hours;
                total += 1.0;
            }
        }
    }
    (per_role, total)
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
