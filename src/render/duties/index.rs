//! The duties index: every duty with who is on it at build time (and, in
//! the browser, now), who is next, its rhythm and its area; 100 a page.

use serde::Serialize;

use super::{OnDuty, on_duty};
use crate::model::{Entity, QUARTER_DAYS};
use crate::render::paging::page_of;
use crate::render::views::{Facts, Item};

pub const TEMPLATE: &str = "duties.html";

#[derive(Serialize)]
pub struct IndexView {
    duties: Vec<IndexLine>,
}

#[derive(Serialize)]
struct IndexLine {
    on: OnDuty,
    rhythm: String,
    area: Option<Item>,
}

/// Page `n` of the index, duties in file order.
pub fn view(facts: &Facts<'_>, n: usize) -> IndexView {
    let hb = facts.hb;
    let duties = page_of((0..hb.duties.len()).collect(), n)
        .into_iter()
        .map(|i| IndexLine {
            on: on_duty(facts, i, QUARTER_DAYS),
            rhythm: super::duty::rhythm(facts, &hb.duties[i]),
            area: hb.duties[i].area.as_ref().and_then(|a| a.to).map(|e: Entity| facts.item(e)),
        })
        .collect();
    IndexView { duties }
}
