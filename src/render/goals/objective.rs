//! An objective's page: its period, owners and parent, its progress, and
//! each key result with the chart and the table of its check-ins and the
//! projects that serve it (the first hundred).

use serde::Serialize;

use super::charts::{Bar, Chart, chart, objective_bar};
use super::{KrView, kr_view, period_item};
use crate::model::{KrId, Parent};
use crate::render::views::{Facts, Item, Party};
use crate::words;

pub const TEMPLATE: &str = "goal.html";

#[derive(Serialize)]
pub struct ObjectiveView {
    period: Option<Item>,
    /// Shown as on its card (`super::Card`).
    owners: Vec<Party>,
    parent: Option<ParentView>,
    bar: Option<Bar>,
    body: String,
    key_results: Vec<KeyResultView>,
}

/// The objective above: a page of this handbook, or an address elsewhere.
#[derive(Serialize)]
struct ParentView {
    title: String,
    url: String,
    external: bool,
}

#[derive(Serialize)]
struct KeyResultView {
    kr: KrView,
    chart: Option<Chart>,
    check_ins: Vec<CheckInLine>,
}

#[derive(Serialize)]
struct CheckInLine {
    date: String,
    iso: String,
    value: String,
    progress: String,
    note: String,
}

pub fn view(facts: &Facts<'_>, g: usize, path: &str) -> ObjectiveView {
    let hb = facts.hb;
    let goal = &hb.goals[g];
    let parent = goal.parent.as_ref().and_then(|p| match p {
        Parent::Url(url) => Some(ParentView { title: url.clone(), url: url.clone(), external: true }),
        Parent::Objective(r) => r.to.map(|e| {
            let item = facts.item(e);
            ParentView { title: item.title, url: item.url, external: false }
        }),
    });
    let key_results = goal
        .key_results
        .iter()
        .enumerate()
        .map(|(k, kr)| KeyResultView {
            kr: kr_view(facts, KrId { goal: g, kr: k }, crate::urls::PER_PAGE),
            chart: goal.period.and_then(|p| chart(&hb.strings, kr, p, hb.today)),
            check_ins: kr
                .check_ins
                .iter()
                .map(|c| CheckInLine {
                    date: words::date(&facts.hb.strings, c.date.value),
                    iso: c.date.value.to_string(),
                    value: words::amount(c.value, kr.unit.as_deref()),
                    progress: kr.fraction(c.value).map_or(String::new(), words::percent),
                    note: c.note.clone().unwrap_or_default(),
                })
                .collect(),
        })
        .collect();
    ObjectiveView {
        period: goal.period.map(|p| period_item(facts, p)),
        owners: facts.whos(&goal.owners),
        parent,
        bar: objective_bar(&hb.strings, goal),
        body: facts.html(goal.doc.file, &goal.doc.body, path),
        key_results,
    }
}
