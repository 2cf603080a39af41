//! The areas due for an ownership review: never reviewed first, then the
//! most overdue, then those due within two weeks, each with its owners (who
//! review it). The matrix lists up to three (more get a banner); the whole list has pages of
//! its own (`ownership/due.html`).

use serde::Serialize;

use super::{ReviewView, review};
use crate::model::{Entity, Handbook};
use crate::render::paging::page_of;
use crate::render::views::{Facts, Item, Party};

pub const TEMPLATE: &str = "due.html";

#[derive(Serialize)]
pub struct DueLine {
    area: Item,
    owners: Vec<Party>,
    review: ReviewView,
}

#[derive(Serialize)]
pub struct DueView {
    areas: Vec<DueLine>,
    /// Some area has an interval: its reviews are tracked.
    tracked: bool,
}

/// Every area due for review, most urgent first (then in file order).
pub fn due_areas(hb: &Handbook) -> Vec<usize> {
    let mut due: Vec<(usize, (u8, i32))> = hb
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| (i, a.standing(hb.today)))
        .filter(|(_, s)| s.is_listed())
        .map(|(i, s)| (i, s.urgency()))
        .collect();
    due.sort_by_key(|&(i, urgency)| (urgency, i));
    due.into_iter().map(|(i, _)| i).collect()
}

pub fn lines(facts: &Facts<'_>, areas: Vec<usize>) -> Vec<DueLine> {
    areas
        .into_iter()
        .map(|i| {
            let a = &facts.hb.areas[i];
            DueLine { area: facts.item(Entity::Area(i)), owners: facts.whos(&a.owners), review: review(facts, a) }
        })
        .collect()
}

/// Page `n` of the areas due for review.
pub fn view(facts: &Facts<'_>, n: usize) -> DueView {
    let tracked = facts.hb.areas.iter().any(|a| a.review_every.is_some());
    DueView { areas: lines(facts, page_of(due_areas(facts.hb), n)), tracked }
}
