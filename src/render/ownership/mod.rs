//! Ownership: the matrix of every area, each area's page, the log of
//! ownership changes and the areas due for review, which share the way a
//! change, a review and an expectation are shown.

pub mod area;
pub mod changes;
pub mod due;
pub mod matrix;

use serde::Serialize;

use jiff::civil::Date;

use crate::model::review::{Interval, Standing};
use crate::model::{Area, Entity, Ref};
use crate::render::views::{Facts, Item, Party};

/// One ownership change, as the area page and the changes log show it.
#[derive(Serialize, Clone)]
pub struct ChangeView {
    date: String,
    /// The date as YYYY-MM-DD, for `<time datetime>`.
    iso: String,
    area: Item,
    from: Vec<Item>,
    to: Vec<Item>,
    reason: String,
    /// The decision that made the change, if it is named.
    decision: Option<Item>,
}

impl ChangeView {
    pub fn without_decision(self) -> ChangeView {
        ChangeView { decision: None, ..self }
    }
}

/// The history of area `i`, oldest first.
pub fn change_views(facts: &Facts<'_>, i: usize) -> Vec<ChangeView> {
    (0..facts.hb.areas[i].history.len()).map(|k| change_view(facts, i, k)).collect()
}

/// Change `k` of area `i`'s history.
pub fn change_view(facts: &Facts<'_>, i: usize, k: usize) -> ChangeView {
    let c = &facts.hb.areas[i].history[k];
    ChangeView {
        date: facts.long_date(c.date.value),
        iso: c.date.value.to_string(),
        area: facts.item(Entity::Area(i)),
        from: facts.items(&c.from),
        to: facts.items(&c.to),
        reason: c.reason.clone().unwrap_or_default(),
        decision: c.decision.as_ref().and_then(|r| r.to).map(|e| facts.item(e)),
    }
}

/// What a role or person contributes to an area (`[area.expect]`).
#[derive(Serialize)]
pub struct ExpectView {
    who: Party,
    /// The role's short name, or the person's name: for the matrix.
    short: String,
    text: String,
}

pub fn expectations(facts: &Facts<'_>, a: &Area) -> Vec<ExpectView> {
    a.expect
        .iter()
        .filter_map(|(r, text)| {
            let e = r.to?;
            let short = match e {
                Entity::Role(i) => facts.hb.roles[i].short_name().to_string(),
                e => facts.hb.title(e),
            };
            Some(ExpectView { who: facts.who(e), short, text: text.clone() })
        })
        .collect()
}

/// When an area's ownership was last reviewed, and where it stands.
#[derive(Serialize)]
pub struct ReviewView {
    /// "1 September 2026"; empty when never reviewed.
    date: String,
    iso: String,
    /// "Sep 2026", for the matrix.
    month: String,
    by: Vec<Party>,
    /// "every quarter"; empty when reviews are not tracked.
    every: String,
    /// "overdue by 3 weeks", "due in 8 days", "next due 1 December 2026".
    standing: String,
    overdue: bool,
    /// Listed as due for review (overdue, or due within two weeks).
    due: bool,
}

pub fn review(facts: &Facts<'_>, a: &Area) -> ReviewView {
    review_view(facts, a.reviewed.as_ref().map(|r| r.value), a.review_every, &a.reviewed_by)
}

/// A review as pages show it: of an area, or of the team card.
pub fn review_view(facts: &Facts<'_>, reviewed: Option<Date>, every: Option<Interval>, by: &[Ref]) -> ReviewView {
    let standing = Standing::of(reviewed, every, facts.hb.today);
    ReviewView {
        date: reviewed.map_or(String::new(), |d| facts.long_date(d)),
        iso: reviewed.map_or(String::new(), |d| d.to_string()),
        month: reviewed.map_or(String::new(), |d| facts.hb.strings.date(d, crate::i18n::Style::ShortMonthYear)),
        by: facts.whos(by),
        every: every.map_or(String::new(), |e| e.describe_in(&facts.hb.strings)),
        standing: standing.describe_in(&facts.hb.strings),
        overdue: standing.is_overdue(),
        due: standing.is_listed(),
    }
}
