//! The goals page, with the objectives of the periods under way today in
//! full and the other periods as links, and the page of each period.

use serde::Serialize;

use super::{Card, card, of_period, period_item, state};
use crate::model::Period;
use crate::render::views::{Facts, Item};

/// The goals page.
pub const TEMPLATE: &str = "goals.html";
/// The objectives of one period.
pub const PERIOD_TEMPLATE: &str = "goals_period.html";

#[derive(Serialize)]
pub struct GoalsView {
    /// The periods under way today, each with its objectives.
    current: Vec<PeriodView>,
    upcoming: Vec<Item>,
    /// Newest first.
    past: Vec<Item>,
}

#[derive(Serialize)]
pub struct PeriodView {
    period: Item,
    /// "current", "past" or "upcoming".
    state: &'static str,
    objectives: Vec<Card>,
}

pub fn view(facts: &Facts<'_>) -> GoalsView {
    let periods = facts.hb.periods();
    let pick = |wanted: &'static str| periods.iter().copied().filter(move |&p| state(facts, p) == wanted);
    GoalsView {
        current: pick("current").map(|p| period_view(facts, p)).collect(),
        upcoming: pick("upcoming").map(|p| period_item(facts, p)).collect(),
        past: pick("past").rev().map(|p| period_item(facts, p)).collect(),
    }
}

/// A period's page.
pub fn period_view(facts: &Facts<'_>, p: Period) -> PeriodView {
    PeriodView {
        period: period_item(facts, p),
        state: state(facts, p),
        objectives: of_period(facts, p).into_iter().map(|g| card(facts, g)).collect(),
    }
}
