//! The projects: the board and each project's page, which show impact the
//! same way.

pub mod board;
pub mod project;

use serde::Serialize;

use crate::render::views::Facts;

#[derive(Serialize, Default)]
pub struct ImpactView {
    summary: String,
    okr: String,
    metrics: Vec<Metric>,
}

#[derive(Serialize, Clone)]
pub struct Metric {
    pub label: String,
    pub value: String,
}

/// `eng_hours_saved_per_month` → "Eng hours saved per month"
pub fn metric_label(key: &str) -> String {
    let words = key.replace('_', " ");
    let mut chars = words.chars();
    chars.next().map_or(String::new(), |c| c.to_uppercase().collect::<String>() + chars.as_str())
}

/// A number for reading: thousands separated, a true minus sign.
pub fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        let n = x as i64;
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        if n < 0 { format!("−{out}") } else { out }
    } else {
        format!("{x}")
    }
}

/// A project's impact: summary, OKR and labelled numeric metrics.
pub fn impact(facts: &Facts<'_>, p: usize) -> ImpactView {
    facts.hb.projects[p].impact.as_ref().map_or_else(ImpactView::default, |i| ImpactView {
        summary: i.summary.clone().unwrap_or_default(),
        okr: i.okr.clone().unwrap_or_default(),
        metrics: i.metrics.iter().map(|(k, v)| Metric { label: metric_label(k), value: number(*v) }).collect(),
    })
}
