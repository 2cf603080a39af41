//! The projects: the board and each project's page, which show impact,
//! targets and health the same way.

pub mod board;
pub mod health;
pub mod project;
pub mod said;
pub mod timeline;

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

/// The numbers of some projects' impact, summed key by key, in the order of
/// `[board.impact]`, then as first written.
pub fn totals(facts: &Facts<'_>, projects: &[usize]) -> Vec<Metric> {
    let hb = facts.hb;
    summed(
        facts,
        projects
            .iter()
            .flat_map(|&p| hb.projects[p].impact.iter().flat_map(|i| &i.metrics))
            .map(|(k, v)| (k.as_str(), *v)),
    )
}

/// Figures summed key by key, in the order of `[board.impact]`, then as
/// first written.
pub fn summed<'k>(facts: &Facts<'_>, figures: impl Iterator<Item = (&'k str, f64)>) -> Vec<Metric> {
    let mut sums: Vec<(&str, f64)> = Vec::new();
    for (k, v) in figures {
        match sums.iter_mut().find(|(key, _)| *key == k) {
            // Saturating: two of 1.7e308 make no infinity.
            Some((_, sum)) => *sum = (*sum + v).clamp(-f64::MAX, f64::MAX),
            None => sums.push((k, v)),
        }
    }
    sums.sort_by_key(|(k, _)| rank(facts, k));
    sums.into_iter().map(|(k, v)| Metric::of(facts, k, v)).collect()
}

/// Where an impact key comes in `[board.impact]`; keys it does not list come after.
pub fn rank(facts: &Facts<'_>, key: &str) -> usize {
    let told = &facts.hb.config.impact;
    told.iter().position(|(k, _)| k == key).unwrap_or(told.len())
}
