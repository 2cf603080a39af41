//! The decision log: every decision, newest first, with its status, date,
//! areas and driver; and the areas of the decisions shown, each leading to
//! the decisions about it on its page (the log filtered by area).

use serde::Serialize;

use super::{DecisionLine, line, newest};
use crate::model::{Entity, Verdict, targets};
use crate::render::paging::page_of;
use crate::render::views::{Facts, Item, Party};

pub const TEMPLATE: &str = "decisions.html";

#[derive(Serialize)]
pub struct LogView {
    decisions: Vec<LogLine>,
    /// The areas of the decisions on this page; the note is how many
    /// decisions (in the whole log) are about each.
    areas: Vec<Item>,
    /// How many decisions there are in each status: "8 accepted".
    counts: Vec<String>,
}

#[derive(Serialize)]
struct LogLine {
    line: DecisionLine,
    areas: Vec<Item>,
    driver: Vec<Party>,
}

/// Page `n` of the log.
pub fn view(facts: &Facts<'_>, n: usize) -> LogView {
    let hb = facts.hb;
    let shown = page_of(newest(hb, (0..hb.decisions.len()).collect()), n);
    let mut areas: Vec<usize> = Vec::new();
    let decisions = shown
        .into_iter()
        .map(|x| {
            let d = &hb.decisions[x];
            let about: Vec<usize> =
                targets(&d.areas).filter_map(|e| if let Entity::Area(a) = e { Some(a) } else { None }).collect();
            areas.extend(&about);
            LogLine {
                line: line(facts, x, String::new()),
                areas: about.into_iter().map(|a| facts.item(Entity::Area(a))).collect(),
                driver: facts.whos(d.driver.as_slice()),
            }
        })
        .collect();
    areas.sort_unstable();
    areas.dedup();
    let counts = [Verdict::Proposed, Verdict::Accepted, Verdict::Rejected, Verdict::Superseded]
        .into_iter()
        .filter_map(|v| {
            let n = hb.decisions.iter().filter(|d| d.verdict() == Some(v)).count();
            (n > 0).then(|| format!("{n} {}", v.name()))
        })
        .collect();
    LogView {
        decisions,
        areas: areas
            .into_iter()
            .map(|a| {
                let item = facts.noted(Entity::Area(a), hb.areas[a].decisions.len().to_string());
                Item { url: format!("{}#tb-decisions", item.url), ..item }
            })
            .collect(),
        counts,
    }
}
