//! The 1:1 map: the org chart (the drawing of the people page) with the
//! cadence of each report's 1:1 on the line from their manager, each
//! manager's 1:1 hours a week, and beside the chart the pairs that are not
//! manager and report (co-leads, skip-levels, peers). The policy in words
//! heads it.

use serde::Serialize;

use super::{PairLine, hours, line};
use crate::model::{Pair, Why};
use crate::render::people::directory::{PersonCard, card, chart_order, nesting};
use crate::render::views::{Facts, minutes};

#[derive(Serialize)]
pub struct MapView {
    /// The policy, one sentence a rule.
    policy: Vec<String>,
    chart: Vec<MapNode>,
    /// The pairs drawn beside the chart.
    beside: Vec<PairLine>,
}

/// A node of the chart, as the people page draws it, with its 1:1.
#[derive(Serialize)]
struct MapNode {
    card: PersonCard,
    reports: usize,
    leaves: bool,
    close: usize,
    /// The 1:1 with their manager on the line to them: "weekly · 30 min";
    /// "no 1:1" when there is none (reported by check).
    edge: String,
    /// Their hours of 1:1s a week, for someone with reports.
    hours: String,
    agenda: String,
}

pub fn map(facts: &Facts<'_>) -> MapView {
    let hb = facts.hb;
    let pairs = hb.current_pairs();
    let order = chart_order(hb);
    let depths: Vec<usize> = order.iter().map(|&(_, d)| d).collect();
    let (shape, leaves) = nesting(&depths);
    let chart = order
        .into_iter()
        .zip(shape)
        .zip(leaves)
        .map(|(((p, _), (reports, close)), leaves)| {
            let up = hb.current_manager(p).map(|m| pairs.iter().find(|q| q.has(m) && q.has(p)));
            let edge = match up {
                None => String::new(),
                Some(None) => "no 1:1".to_string(),
                Some(Some(q)) => edge(&hb.strings, q),
            };
            let agenda = up.flatten().and_then(|q| q.agenda_doc.clone()).unwrap_or_default();
            let manages = !hb.people[p].reports.is_empty();
            let hours = if manages { hours(&hb.strings, &pairs, p) } else { String::new() };
            MapNode { card: card(facts, p), reports, leaves, close, edge, hours, agenda }
        })
        .collect();
    let beside = pairs.iter().filter(|q| q.why != Why::Reports).map(|q| line(facts, q)).collect();
    MapView { policy: policy(facts), chart, beside }
}

/// "weekly · 30 min"
fn edge(s: &crate::i18n::Strings, q: &Pair) -> String {
    let parts: Vec<String> = q
        .cadence
        .map(|c| c.name().to_string())
        .into_iter()
        .chain(q.duration.map(|d| minutes(s, d.as_mins())))
        .collect();
    parts.join(" · ")
}

fn policy(facts: &Facts<'_>) -> Vec<String> {
    let Some(file) = &facts.hb.one_on_ones else { return Vec::new() };
    let p = &file.policy;
    let rule = |who: &str, r: &crate::model::one_on_one::Rule| {
        let length =
            r.duration.map_or_else(String::new, |d| format!(" for {}", minutes(&facts.hb.strings, d.as_mins())));
        format!("{who} meet {}{length}.", r.cadence.words(&facts.hb.strings))
    };
    let mut out = Vec::new();
    out.extend(p.reports.as_ref().map(|r| rule("Every report and their manager", r)));
    out.extend(p.counterparts.as_ref().map(|r| rule("The co-leads", r)));
    out.extend(p.new_joiners.as_ref().map(|n| {
        format!(
            "A new joiner meets their manager at least {} in their first {} days.",
            n.cadence.words(&facts.hb.strings),
            n.days
        )
    }));
    out.extend(p.skip_level.as_ref().map(|r| rule("Each report and their manager's manager", r)));
    out.extend(
        p.minimum.as_ref().map(|m| format!("No 1:1 with a manager or co-lead is less often than {}.", m.value.name())),
    );
    out
}
