//! A weekly update's page: its authors, status and projects, with links to
//! the updates just older and newer.

use serde::Serialize;

use crate::model::Entity;
use crate::render::views::{Facts, Item, long_date};

pub const TEMPLATE: &str = "update.html";

#[derive(Serialize)]
pub struct UpdateView {
    date: String,
    authors: Vec<Item>,
    status: String,
    projects: Vec<Item>,
    body: String,
    newer: Option<Item>,
    older: Option<Item>,
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
        body: facts.html(u.doc.file, &u.doc.body, path),
        newer: newer.map(|n| facts.update_item(n)),
        older: older.map(|n| facts.update_item(n)),
    }
}
