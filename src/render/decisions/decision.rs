//! A decision's page: its status and dates, who drove, approved, contributed
//! and was informed (names first), the areas it is about with their current
//! owners and decision rule, its projects, what it superseded and what
//! superseded it, and the ownership changes it made.

use serde::Serialize;

use super::{DecisionLine, lines};
use crate::model::{Entity, Verdict, targets};
use crate::render::ownership::{ChangeView, change_view};
use crate::render::views::{Facts, Item, Party};

pub const TEMPLATE: &str = "decision.html";

#[derive(Serialize)]
pub struct DecisionView {
    status: String,
    date: String,
    iso: String,
    review_by: String,
    review_iso: String,
    /// A proposal past its `review_by`.
    review_due: bool,
    driver: Vec<Party>,
    approvers: Vec<Party>,
    contributors: Vec<Party>,
    informed: Vec<Party>,
    areas: Vec<AreaLine>,
    projects: Vec<Item>,
    supersedes: Vec<DecisionLine>,
    superseded_by: Vec<DecisionLine>,
    changes: Vec<ChangeView>,
    body: String,
}

/// An area a decision is about, with who owns it now and how they decide.
#[derive(Serialize)]
struct AreaLine {
    area: Item,
    owners: Vec<Party>,
    rule: String,
}

pub fn view(facts: &Facts<'_>, i: usize, path: &str) -> DecisionView {
    let hb = facts.hb;
    let d = &hb.decisions[i];
    let supersedes: Vec<usize> =
        targets(&d.supersedes).filter_map(|e| if let Entity::Decision(x) = e { Some(x) } else { None }).collect();
    DecisionView {
        status: d.verdict().map_or("", |v| v.name()).to_string(),
        date: facts.long_date(d.date),
        iso: d.date.to_string(),
        review_by: d.review_by.as_ref().map_or(String::new(), |r| facts.long_date(r.value)),
        review_iso: d.review_by.as_ref().map_or(String::new(), |r| r.value.to_string()),
        review_due: d.verdict() == Some(Verdict::Proposed) && d.review_by.as_ref().is_some_and(|r| r.value < hb.today),
        driver: facts.whos(d.driver.as_slice()),
        approvers: facts.whos(&d.approvers),
        contributors: facts.whos(&d.contributors),
        informed: facts.whos(&d.informed),
        areas: targets(&d.areas)
            .filter_map(|e| match e {
                Entity::Area(a) => Some(AreaLine {
                    area: facts.item(e),
                    owners: facts.whos(&hb.areas[a].owners),
                    rule: hb.areas[a].decision.clone().unwrap_or_default(),
                }),
                _ => None,
            })
            .collect(),
        projects: targets(&d.projects).map(|e| facts.item(e)).collect(),
        supersedes: lines(facts, &supersedes),
        superseded_by: lines(facts, &d.superseded_by),
        // The decision that made them is this page's.
        changes: d.changes.iter().map(|&(a, k)| change_view(facts, a, k).without_decision()).collect(),
        body: facts.html(d.doc.file, &d.doc.body, path),
    }
}
