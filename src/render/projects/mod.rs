//! The projects: the board and each project's page, which show impact the
//! same way.

pub mod board;
pub mod project;

use serde::Serialize;

use crate::render::views::Facts;

pub mod impact;

/// A project's impact: its summary, OKR and numbers, each read like a
/// sentence.
#[derive(Serialize, Default)]
pub struct ImpactView {
    summary: String,
    okr: String,
    metrics: Vec<Metric>,
}

/// One number of an impact (or a stage's total of one): "$250k/year" of "Revenue".
#[derive(Serialize, Clone)]
pub struct Metric {
    /// "Revenue", "CI retry rate".
    pub label: String,
    /// The label as a sentence goes on after the number: "revenue", "CI retry rate".
    pub phrase: String,
    pub value: String,
    /// "higher" or "lower" when `[board.impact]` says which is better, else "".
    pub better: &'static str,
}

impl Metric {
    pub fn of(facts: &Facts<'_>, key: &str, x: f64) -> Metric {
        let m = impact::measure(&facts.hb.config, key);
        let better = match m.higher_is_better {
            Some(true) => "higher",
            Some(false) => "lower",
            None => "",
        };
        Metric { value: impact::format(&m, x), phrase: impact::phrase(&m.label), label: m.label, better }
    }
}

/// A project's impact, its numbers in the order written.
pub fn impact(facts: &Facts<'_>, p: usize) -> ImpactView {
    facts.hb.projects[p].impact.as_ref().map_or_else(ImpactView::default, |i| ImpactView {
        summary: i.summary.clone().unwrap_or_default(),
        okr: i.okr.clone().unwrap_or_default(),
        metrics: i.metrics.iter().map(|(k, v)| Metric::of(facts, k, *v)).collect(),
    })
}
