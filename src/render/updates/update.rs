//! A weekly update's page: its authors, status, its projects each once
//! with the health it gives them, what changed in the handbook that week
//! (under the header), its text without the sections that say only
//! "None.", and links to the updates just older and newer.

use serde::Serialize;

use super::digest::DigestView;
use crate::digest::week_of;
use crate::model::Entity;
use crate::render::views::{Facts, Item};

use super::empty_sections::without_empty_sections;

pub const TEMPLATE: &str = "update.html";

#[derive(Serialize)]
pub struct UpdateView {
    date: String,
    authors: Vec<Item>,
    status: String,
    /// The status in words: "on track".
    status_words: String,
    /// The projects it names or rates, each once, with the rating it gives.
    projects: Vec<ProjectLine>,
    body: String,
    digest: DigestView,
    newer: Option<Item>,
    older: Option<Item>,
}

/// A project the update names, with the health it gives it ("" when none).
#[derive(Serialize)]
struct ProjectLine {
    project: Item,
    status: &'static str,
    words: String,
}

pub fn view(facts: &Facts<'_>, i: usize, path: &str) -> UpdateView {
    let hb = facts.hb;
    let u = &hb.updates[i];
    let [older, newer] = facts.next_to(i);
    let rating = |p: usize| u.health.iter().find(|(r, _)| r.to == Some(Entity::Project(p))).map(|(_, s)| *s);
    let mut projects: Vec<ProjectLine> = Vec::new();
    let mut seen: Vec<usize> = Vec::new();
    let rated = u.health.iter().filter_map(|(r, _)| match r.to {
        Some(Entity::Project(p)) => Some(p),
        _ => None,
    });
    for p in u.mentions.iter().copied().chain(rated) {
        if seen.contains(&p) {
            continue;
        }
        seen.push(p);
        let health = rating(p);
        projects.push(ProjectLine {
            project: facts.noted(Entity::Project(p), facts.stage_name(hb.projects[p].stage)),
            status: health.map_or("", |s| s.name()),
            words: health.map_or(String::new(), |s| s.words(&facts.hb.strings).to_string()),
        });
    }
    UpdateView {
        date: facts.long_date(u.date),
        authors: facts.items(&u.authors),
        status: u.status.map_or(String::new(), |s| s.name().to_string()),
        status_words: u.status.map_or(String::new(), |s| s.words(&facts.hb.strings).to_string()),
        projects,
        body: without_empty_sections(&facts.html(u.doc.file, &u.doc.body, path)),
        digest: super::digest::view(facts, week_of(u.date)),
        newer: newer.map(|n| facts.update_item(n)),
        older: older.map(|n| facts.update_item(n)),
    }
}
