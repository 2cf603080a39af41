//! A weekly update's page: its authors, status, projects and their health,
//! what changed in the handbook that week, and links to the updates just
//! older and newer.

use serde::Serialize;

use super::digest::DigestView;
use crate::digest::week_of;
use crate::model::Entity;
use crate::render::views::{Facts, Item, long_date};

pub const TEMPLATE: &str = "update.html";

#[derive(Serialize)]
pub struct UpdateView {
    date: String,
    authors: Vec<Item>,
    status: String,
    projects: Vec<Item>,
    health: Vec<HealthLine>,
    body: String,
    digest: DigestView,
    newer: Option<Item>,
    older: Option<Item>,
}

/// A project's health as the update rates it.
#[derive(Serialize)]
struct HealthLine {
    project: Item,
    status: &'static str,
    words: &'static str,
}

pub fn view(facts: &Facts<'_>, i: usize, path: &str) -> UpdateView {
    let hb = facts.hb;
    let u = &hb.updates[i];
    let [older, newer] = facts.next_to(i);
    UpdateView {
        date: long_date(u.date),
        authors: facts.items(&u.authors),
        status: u.status.map_or(String::new(), |s| s.name().to_string()),
        projects: u
            .mentions
            .iter()
            .map(|&p| facts.noted(Entity::Project(p), facts.stage_name(hb.projects[p].stage)))
            .collect(),
        health: u
            .health
            .iter()
            .filter_map(|(r, s)| Some(HealthLine { project: facts.item(r.to?), status: s.name(), words: s.words() }))
            .collect(),
        body: facts.html(u.doc.file, &u.doc.body, path),
        digest: super::digest::view(facts, week_of(u.date)),
        newer: newer.map(|n| facts.update_item(n)),
        older: older.map(|n| facts.update_item(n)),
    }
}
