//! A free page: its body, where it sits among the sections, the pages beside
//! it, and who keeps it.

use serde::Serialize;

use crate::model::Entity;
use crate::render::views::{Facts, Item, long_date};

pub const TEMPLATE: &str = "page.html";

#[derive(Serialize)]
pub struct PageView {
    body: String,
    /// The body has its own level-1 heading, so the template adds none.
    has_h1: bool,
    owner: Option<Item>,
    review_by: String,
    needs_review: bool,
    /// Where the page sits: its section pages, top down.
    trail: Vec<Item>,
    /// The pages of the section this page introduces, or of its own section.
    children: Vec<Item>,
    siblings: Vec<Item>,
    #[serde(skip)]
    pub nav_key: String,
}

pub fn view(facts: &Facts<'_>, i: usize, path: &str) -> PageView {
    let hb = facts.hb;
    let g = &hb.pages[i];
    let section_page = |dir: &str| hb.pages.iter().position(|p| p.is_section_index && p.path == dir);
    let mut trail = Vec::new();
    let mut dir = g.section.as_str();
    while !dir.is_empty() {
        if let Some(s) = section_page(dir) {
            trail.insert(0, facts.item(Entity::Page(s)));
        }
        dir = dir.rsplit_once('/').map_or("", |(parent, _)| parent);
    }
    let list = |dir: &str| -> Vec<Item> {
        facts
            .sections
            .get(dir)
            .into_iter()
            .flatten()
            .filter(|&&p| p != i)
            .map(|&p| facts.item(Entity::Page(p)))
            .collect()
    };
    let top = g.path.split('/').next().unwrap_or(&g.path);
    PageView {
        body: facts.html(g.doc.file, &g.doc.body, path),
        has_h1: g.doc.body.headings.iter().any(|h| h.level == 1),
        owner: g.owner.as_ref().and_then(|o| o.to).map(|e| facts.party(e)),
        review_by: g.review_by.as_ref().map_or(String::new(), |r| long_date(r.value)),
        needs_review: g.review_by.as_ref().is_some_and(|r| r.value < hb.today),
        trail,
        children: if g.is_section_index { list(&g.path) } else { Vec::new() },
        siblings: if g.section.is_empty() { Vec::new() } else { list(&g.section) },
        nav_key: format!("pages/{top}"),
    }
}
