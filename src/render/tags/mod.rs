//! The tag pages: `tags/index.html` lists every tag with how many pages
//! carry it, and `tags/<slug>/index.html` (then `page-2.html`, ...) the
//! pages of one tag, each with its folder.

use serde::Serialize;

use super::paging::{PagerView, slice_of};
use super::views::{Facts, Item};
use crate::model::{Entity, Index};
use crate::urls::{self, PER_PAGE};

pub const INDEX_TEMPLATE: &str = "tags.html";
pub const TEMPLATE: &str = "tag.html";

/// Page `n` (from 1) of the pages of the tag whose slug is `slug`.
pub fn path(slug: &str, n: usize) -> String {
    match n {
        1 => format!("tags/{slug}/index.html"),
        n => format!("tags/{slug}/page-{n}.html"),
    }
}

/// How many pages the list of tag `t` takes.
pub fn pages(facts: &Facts<'_>, t: usize) -> usize {
    facts.tags[t].pages.len().div_ceil(PER_PAGE).max(1)
}

/// A tag as a link: its name, its page, and how many pages carry it.
#[derive(Serialize)]
pub struct TagItem {
    title: String,
    url: String,
    count: usize,
}

pub fn item(facts: &Facts<'_>, t: usize) -> TagItem {
    let tag = &facts.tags[t];
    TagItem { title: tag.name.clone(), url: path(&tag.slug, 1), count: tag.pages.len() }
}

/// The tags of one page, as links, in the page's order.
pub fn of_page(facts: &Facts<'_>, page: usize) -> Vec<TagItem> {
    let mut out: Vec<TagItem> = Vec::new();
    for tag in &facts.hb.pages[page].tags {
        let slug = crate::model::tag::slug(&tag.value);
        if let Some(t) = facts.tags.iter().position(|t| t.slug == slug)
            && !out.iter().any(|i| i.url == path(&slug, 1))
        {
            out.push(item(facts, t));
        }
    }
    out
}

#[derive(Serialize)]
pub struct TagsView {
    tags: Vec<TagItem>,
}

pub fn index_view(facts: &Facts<'_>) -> TagsView {
    TagsView { tags: (0..facts.tags.len()).map(|t| item(facts, t)).collect() }
}

#[derive(Serialize)]
pub struct TagView {
    name: String,
    count: usize,
    /// The pages of this page of the list, each noted with its folder.
    pages: Vec<Item>,
    /// The index of every tag.
    all: String,
}

pub fn view(facts: &Facts<'_>, t: usize, n: usize) -> (TagView, PagerView) {
    let tag = &facts.tags[t];
    let hb = facts.hb;
    let pages = slice_of(&tag.pages, n)
        .iter()
        .map(|&p| {
            let folder = facts.sections.trail(p).last().map_or(String::new(), |&s| hb.pages[s].title.clone());
            facts.noted(Entity::Page(p), folder)
        })
        .collect();
    let view = TagView {
        name: tag.name.clone(),
        count: tag.pages.len(),
        pages,
        all: urls::page(hb, Entity::Index(Index::Tags)),
    };
    (view, PagerView::new(n, pages_of(tag.pages.len()), |k| path(&tag.slug, k)))
}

fn pages_of(count: usize) -> usize {
    count.div_ceil(PER_PAGE).max(1)
}
