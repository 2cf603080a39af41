//! Ownership: the matrix of every area, each area's page and the log of
//! ownership changes, which share the way a change is shown.

pub mod area;
pub mod changes;
pub mod matrix;

use serde::Serialize;

use crate::model::Entity;
use crate::render::views::{Facts, Item, long_date};

/// One ownership change, as the area page and the changes log show it.
#[derive(Serialize, Clone)]
pub struct ChangeView {
    date: String,
    /// The date as YYYY-MM-DD, for `<time datetime>`.
    iso: String,
    area: Item,
    from: Vec<Item>,
    to: Vec<Item>,
    reason: String,
}

/// The history of area `i`, oldest first.
pub fn change_views(facts: &Facts<'_>, i: usize) -> Vec<ChangeView> {
    (0..facts.hb.areas[i].history.len()).map(|k| change_view(facts, i, k)).collect()
}

/// Change `k` of area `i`'s history.
pub fn change_view(facts: &Facts<'_>, i: usize, k: usize) -> ChangeView {
    let c = &facts.hb.areas[i].history[k];
    ChangeView {
        date: long_date(c.date.value),
        iso: c.date.value.to_string(),
        area: facts.item(Entity::Area(i)),
        from: facts.items(&c.from),
        to: facts.items(&c.to),
        reason: c.reason.clone().unwrap_or_default(),
    }
}
