//! The decision log: every decision newest first (`log`), each decision's
//! page (`decision`), and the way a decision is listed on the pages of its
//! areas, projects, people and roles.

pub mod decision;
pub mod log;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Daci, Entity, Handbook, Via};
use crate::render::views::{Facts, Item, via_note};

/// A decision in a list: its title, status badge and date, and how the
/// page's person or role took part in it.
#[derive(Serialize, Clone)]
pub struct DecisionLine {
    decision: Item,
    status: String,
    date: String,
    /// The date as YYYY-MM-DD, for `<time datetime>`.
    iso: String,
    /// "approved as EM", "drove, approved": empty on area and project pages.
    part: String,
}

pub fn line(facts: &Facts<'_>, x: usize, part: String) -> DecisionLine {
    let d = &facts.hb.decisions[x];
    DecisionLine {
        decision: facts.item(Entity::Decision(x)),
        status: d.verdict().map_or("", |v| v.name()).to_string(),
        date: facts.long_date(d.date),
        iso: d.date.to_string(),
        part,
    }
}

/// Decisions, newest first (ties by id).
pub fn newest(hb: &Handbook, mut list: Vec<usize>) -> Vec<usize> {
    list.sort_by(|&a, &b| {
        let (x, y) = (&hb.decisions[a], &hb.decisions[b]);
        (y.date, &x.doc.id).cmp(&(x.date, &y.doc.id))
    });
    list.dedup();
    list
}

/// The decisions of an area or a project, newest first.
pub fn lines(facts: &Facts<'_>, list: &[usize]) -> Vec<DecisionLine> {
    newest(facts.hb, list.to_vec()).into_iter().map(|x| line(facts, x, String::new())).collect()
}

/// A decision in the list of an entity's page: noted with its status, its
/// date and the part the page's person or role took ("accepted · 2 June
/// 2025 · approved as EM").
pub fn item(facts: &Facts<'_>, x: usize, part: &str) -> Item {
    let d = &facts.hb.decisions[x];
    let mut note = vec![d.verdict().map_or("", |v| v.name()).to_string(), facts.long_date(d.date)];
    if !part.is_empty() {
        note.push(part.to_string());
    }
    note.retain(|n| !n.is_empty());
    facts.noted(Entity::Decision(x), note.join(" · "))
}

/// The decisions a person or role drove or approved, newest first, each
/// once with every part they took: "drove, approved as EM".
pub fn taken_part(facts: &Facts<'_>, list: &[Via<(usize, Daci)>]) -> Vec<(usize, String)> {
    let mut parts: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for v in list {
        let via = via_note(facts, v);
        let part = if via.is_empty() { v.item.1.name().to_string() } else { format!("{} {via}", v.item.1.name()) };
        parts.entry(v.item.0).or_default().push(part);
    }
    newest(facts.hb, parts.keys().copied().collect())
        .into_iter()
        .map(|x| (x, parts.get(&x).map_or_else(String::new, |p| p.join(", "))))
        .collect()
}
