//! The project board: a column per stage, in the order of `[board] stages`,
//! compact cards (title, people, one headline figure, the target and its
//! slip, the latest health rating, and whether no update has mentioned it
//! for three weeks), and each stage's totals of the figures its cards show.
//! A stage with no project is drawn narrow.

use serde::Serialize;

use super::health::{Rating, latest};
use super::{Metric, rank, summed};
use crate::digest::week_of;
use crate::model::Entity;
use crate::render::views::{Facts, Item, Party};
use crate::{urls, words};

pub const TEMPLATE: &str = "projects.html";

/// Totals a column shows: the rest are on its projects' pages.
const TOTALS: usize = 8;

#[derive(Serialize)]
pub struct BoardView {
    columns: Vec<ColumnView>,
    /// Stages with projects: the columns drawn full width.
    busy: usize,
}

#[derive(Serialize)]
struct ColumnView {
    stage: String,
    /// Projects in the stage, on every page.
    count: usize,
    cards: Vec<CardView>,
    /// The headline figures of the stage's projects (what its cards show)
    /// summed key by key, in the order of `[board.impact]`, then as first written.
    totals: Vec<Metric>,
}

#[derive(Serialize)]
struct CardView {
    project: Item,
    owners: Vec<Party>,
    /// The project's first number (in the order of `[board.impact]`, else as written).
    headline: Option<Metric>,
    /// The target now: "18 Dec 2026", or "".
    target: String,
    /// How far it moved since the baseline: "+4 weeks", or "".
    slip: String,
    /// The latest rating an update gave it.
    health: Option<Rating>,
    /// In flight, and no update has mentioned it for three weeks.
    quiet: bool,
}

/// Page `n` of the board: every stage, with its count and totals over all
/// its projects, and the cards that fall on this page (cards are numbered
/// stage by stage).
pub fn view(facts: &Facts<'_>, n: usize) -> BoardView {
    let hb = facts.hb;
    let window = (n - 1) * urls::PER_PAGE..n * urls::PER_PAGE;
    let mut by_stage: Vec<Vec<usize>> = vec![Vec::new(); hb.config.stages.len()];
    for (p, project) in hb.projects.iter().enumerate() {
        if let Some(s) = project.stage.filter(|&s| s < by_stage.len()) {
            by_stage[s].push(p);
        }
    }
    let quiet: Vec<usize> = facts.chronicle().quiet(week_of(hb.today)).into_iter().map(|(p, _)| p).collect();
    let mut before = 0;
    let columns: Vec<ColumnView> = hb
        .config
        .stages
        .iter()
        .zip(&by_stage)
        .map(|(stage, projects)| {
            let first = before;
            before += projects.len();
            ColumnView {
                stage: stage.clone(),
                count: projects.len(),
                cards: projects
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| window.contains(&(first + k)))
                    .map(|(_, &p)| card(facts, p, quiet.contains(&p)))
                    .collect(),
                totals: summed(facts, projects.iter().filter_map(|&p| headline(facts, p)))
                    .into_iter()
                    .take(TOTALS)
                    .collect(),
            }
        })
        .collect();
    BoardView { busy: columns.iter().filter(|c| c.count > 0).count(), columns }
}

/// A project's first number, in the order of `[board.impact]`, else as written.
fn headline<'h>(facts: &Facts<'h>, p: usize) -> Option<(&'h str, f64)> {
    facts.hb.projects[p]
        .impact
        .iter()
        .flat_map(|i| &i.metrics)
        .enumerate()
        .min_by_key(|(k, (key, _))| (rank(facts, key), *k))
        .map(|(_, (key, v))| (key.as_str(), *v))
}

fn card(facts: &Facts<'_>, p: usize, quiet: bool) -> CardView {
    let project = &facts.hb.projects[p];
    let headline = headline(facts, p).map(|(key, v)| Metric::of(facts, key, v));
    CardView {
        project: facts.item(Entity::Project(p)),
        owners: facts.whos(&project.owners),
        headline,
        target: project.current_target().map_or(String::new(), |d| facts.medium_date(d)),
        slip: project.slip_days().map_or(String::new(), |d| words::slip(&facts.hb.strings, d)),
        health: latest(facts.hb, p),
        quiet,
    }
}
