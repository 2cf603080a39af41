//! The ownership-changes log: every area's history in one timeline, newest
//! first.

use std::collections::HashMap;

use serde::Serialize;

use super::{ChangeView, change_views};
use crate::render::paging::slice_of;
use crate::render::views::Facts;

pub const TEMPLATE: &str = "changes.html";

#[derive(Serialize)]
pub struct ChangesView {
    changes: Vec<ChangeView>,
}

pub fn view(facts: &Facts<'_>, n: usize) -> ChangesView {
    // Each area's changes are made into views once, for the entries of this page.
    let mut per_area: HashMap<usize, Vec<ChangeView>> = HashMap::new();
    let changes = slice_of(facts.changes_newest(), n)
        .iter()
        .filter_map(|&(_, i, k)| per_area.entry(i).or_insert_with(|| change_views(facts, i)).get(k).cloned())
        .collect();
    ChangesView { changes }
}
