//! The goals: the goals page (the objectives of the current period first,
//! the others by period), a page per period, and a page per objective. An
//! objective shows the same way wherever it is listed (`card`).

pub mod charts;
pub mod index;
pub mod objective;

use serde::Serialize;

use super::projects::{Metric, totals};
use super::views::{Facts, Item, Party};
use crate::digest::kr_anchor;
use crate::model::{Entity, KrId, Period};
use crate::{urls, words};
use charts::{Bar, key_result_bar, objective_bar};

/// Projects listed under a key result; the objective's page lists them all.
const CARD_PROJECTS: usize = 12;

/// An objective as the goals pages list it.
#[derive(Serialize)]
pub struct Card {
    objective: Item,
    /// The people who own it, as every field naming someone shows them
    /// (a role by the people who hold it), here and on its page alike.
    owners: Vec<Party>,
    bar: Option<Bar>,
    key_results: Vec<KrView>,
}

/// A key result: where it stands, its latest check-in, and the projects
/// that serve it with their summed numeric impact.
#[derive(Serialize)]
pub struct KrView {
    id: String,
    anchor: String,
    title: String,
    /// Its place on its objective's page.
    url: String,
    bar: Option<Bar>,
    /// "from 48 to 4 hours (lower is better)".
    way: String,
    /// "26 hours on 3 Aug 2026: batch payouts for all merchants."
    latest: String,
    projects: Vec<Item>,
    /// Projects not listed here.
    more_projects: usize,
    impact: Vec<Metric>,
}

pub fn card(facts: &Facts<'_>, g: usize) -> Card {
    let goal = &facts.hb.goals[g];
    Card {
        objective: facts.noted(Entity::Goal(g), goal.period.map_or(String::new(), |p| p.label(&facts.hb.strings))),
        owners: facts.whos(&goal.owners),
        bar: objective_bar(&facts.hb.strings, goal),
        key_results: (0..goal.key_results.len())
            .map(|k| kr_view(facts, KrId { goal: g, kr: k }, CARD_PROJECTS))
            .collect(),
    }
}

pub fn kr_view(facts: &Facts<'_>, id: KrId, max_projects: usize) -> KrView {
    let hb = facts.hb;
    let k = &hb.goals[id.goal].key_results[id.kr];
    let unit = k.unit.as_deref();
    let way = match (k.baseline, k.target) {
        (Some(b), Some(t)) => {
            let s = &hb.strings;
            let lower = if k.lower_is_better() { format!(" {}", s.get("metric.lower")) } else { String::new() };
            s.fill("goal.way", &[("from", &words::number(b)), ("to", &words::amount(t, unit))]) + &lower
        }
        _ => String::new(),
    };
    let latest = k.latest().map_or(String::new(), |c| {
        let note = c.note.as_deref().map_or(String::new(), |n| format!(": {n}"));
        let on = [("value", words::amount(c.value, unit)), ("date", words::date(&hb.strings, c.date.value))];
        hb.strings.fill("goal.value_on", &on.each_ref().map(|(k, v)| (*k, v.as_str()))) + &note
    });
    let anchor = kr_anchor(&k.id.value);
    KrView {
        id: k.id.value.clone(),
        url: format!("{}#{anchor}", urls::page(hb, Entity::Goal(id.goal))),
        anchor,
        title: k.title.clone(),
        bar: key_result_bar(&hb.strings, k),
        way,
        latest,
        projects: k
            .projects
            .iter()
            .take(max_projects)
            .map(|&p| facts.noted(Entity::Project(p), facts.stage_name(hb.projects[p].stage)))
            .collect(),
        more_projects: k.projects.len().saturating_sub(max_projects),
        impact: totals(facts, &k.projects),
    }
}

/// Where a period stands against today.
fn state(facts: &Facts<'_>, p: Period) -> &'static str {
    let today = facts.hb.today;
    if p.contains(today) {
        "current"
    } else if p.last_day() < today {
        "past"
    } else {
        "upcoming"
    }
}

/// The objectives of a period, in file order.
fn of_period(facts: &Facts<'_>, p: Period) -> Vec<usize> {
    (0..facts.hb.goals.len()).filter(|&g| facts.hb.goals[g].period == Some(p)).collect()
}

/// A period as a link to its page, noted with its objectives and their mean
/// progress (once anything was measured).
fn period_item(facts: &Facts<'_>, p: Period) -> Item {
    let goals = of_period(facts, p);
    let measured = |g: &usize| facts.hb.goals[*g].key_results.iter().any(|k| !k.check_ins.is_empty());
    let progress: Vec<f64> =
        goals.iter().filter(|g| measured(g)).filter_map(|&g| facts.hb.goals[g].progress()).collect();
    let s = &facts.hb.strings;
    let count = s.count("goals.objectives", i64::try_from(goals.len()).unwrap_or(0), &[]);
    let note = match progress.is_empty() {
        true => count,
        false => s.fill(
            "goals.overall",
            &[("count", &count), ("percent", &words::percent(progress.iter().sum::<f64>() / progress.len() as f64))],
        ),
    };
    Item { title: p.label(&facts.hb.strings), url: urls::goal_period(p), note }
}
