//! The index of every free page (`pages/index.html`, then `page-2.html`,
//! ...): the pages of each folder under its title, folders in path order,
//! top level first. The navigation and a folder's page show only some of
//! its pages; this is where all of them are.

use serde::Serialize;

use crate::model::Entity;
use crate::render::views::{Facts, Item};
use crate::urls::PER_PAGE;

pub const TEMPLATE: &str = "pages.html";

#[derive(Serialize)]
pub struct PagesView {
    groups: Vec<GroupView>,
}

/// The pages of one folder that fall on this page of the index.
#[derive(Serialize)]
struct GroupView {
    /// The folder's path; "" for the top level.
    folder: String,
    /// The folder's page, when it has one.
    section: Option<Item>,
    pages: Vec<Item>,
}

pub fn view(facts: &Facts<'_>, n: usize) -> PagesView {
    let window = (n - 1) * PER_PAGE..n * PER_PAGE;
    let mut groups = Vec::new();
    let mut before = 0;
    for (folder, pages) in &facts.sections.children {
        let range = before..before + pages.len();
        before = range.end;
        if range.end <= window.start || range.start >= window.end {
            continue;
        }
        let from = window.start.saturating_sub(range.start);
        let to = (window.end - range.start).min(pages.len());
        groups.push(GroupView {
            folder: folder.clone(),
            section: facts.sections.pages.get(folder).map(|&s| facts.item(Entity::Page(s))),
            pages: pages[from..to]
                .iter()
                .map(|&p| facts.noted(Entity::Page(p), if facts.hb.pages[p].is_section_index { "folder" } else { "" }))
                .collect(),
        });
    }
    PagesView { groups }
}
