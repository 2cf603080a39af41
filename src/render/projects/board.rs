//! The project board: a column per stage, cards with owners and impact, and
//! the numeric impact totals of each stage.

use serde::Serialize;

use super::{ImpactView, Metric, impact, metric_label, number};
use crate::model::Entity;
use crate::render::views::{Facts, Item, long_date};
use crate::urls;

pub const TEMPLATE: &str = "projects.html";

#[derive(Serialize)]
pub struct BoardView {
    columns: Vec<ColumnView>,
}

#[derive(Serialize)]
struct ColumnView {
    stage: String,
    /// Projects in the stage, on every page.
    count: usize,
    cards: Vec<CardView>,
    totals: Vec<Metric>,
}

#[derive(Serialize)]
struct CardView {
    project: Item,
    kind: String,
    owners: Vec<Item>,
    impact: ImpactView,
    target: String,
}

/// Page `n` of the board: every stage, with its count and totals over all
/// its projects, and the cards that fall on this page (cards are numbered
/// stage by stage).
pub fn view(facts: &Facts<'_>, n: usize) -> BoardView {
    let hb = facts.hb;
    let window = (n - 1) * urls::PER_PAGE..n * urls::PER_PAGE;
    let mut before = 0;
    let columns = hb
        .config
        .stages
        .iter()
        .enumerate()
        .map(|(s, stage)| {
            let projects: Vec<usize> = (0..hb.projects.len()).filter(|&p| hb.projects[p].stage == Some(s)).collect();
            let mut totals: Vec<(String, f64)> = Vec::new();
            for &p in &projects {
                for (k, v) in hb.projects[p].impact.iter().flat_map(|i| &i.metrics) {
                    match totals.iter_mut().find(|(key, _)| key == k) {
                        Some((_, sum)) => *sum += v,
                        None => totals.push((k.clone(), *v)),
                    }
                }
            }
            totals.sort_by(|a, b| a.0.cmp(&b.0));
            let first = before;
            before += projects.len();
            ColumnView {
                stage: stage.clone(),
                count: projects.len(),
                cards: projects
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| window.contains(&(first + k)))
                    .map(|(_, &p)| CardView {
                        project: facts.item(Entity::Project(p)),
                        kind: hb.projects[p].kind.clone().unwrap_or_default(),
                        owners: facts.items(&hb.projects[p].owners),
                        impact: impact(facts, p),
                        target: hb.projects[p].target.map_or(String::new(), long_date),
                    })
                    .collect(),
                totals: totals.into_iter().map(|(k, v)| Metric { label: metric_label(&k), value: number(v) }).collect(),
            }
        })
        .collect();
    BoardView { columns }
}
