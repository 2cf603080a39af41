//! The ownership-changes log: every area's history in one timeline, newest
//! first.

use serde::Serialize;

use super::{ChangeView, change_views};
use crate::render::paging::page_of;
use crate::render::views::Facts;

pub const TEMPLATE: &str = "changes.html";

#[derive(Serialize)]
pub struct ChangesView {
    changes: Vec<ChangeView>,
}

pub fn view(facts: &Facts<'_>, n: usize) -> ChangesView {
    let hb = facts.hb;
    let mut all: Vec<(jiff::civil::Date, usize, usize)> = Vec::new();
    for (i, a) in hb.areas.iter().enumerate() {
        all.extend(a.history.iter().enumerate().map(|(k, c)| (c.date.value, i, k)));
    }
    all.sort_by(|x, y| y.cmp(x));
    let all = page_of(all, n);
    let mut per_area: Vec<Option<Vec<ChangeView>>> = (0..hb.areas.len()).map(|_| None).collect();
    let changes = all
        .into_iter()
        .filter_map(|(_, i, k)| {
            let views = per_area[i].get_or_insert_with(|| change_views(facts, i));
            views.get(k).cloned()
        })
        .collect();
    ChangesView { changes }
}
