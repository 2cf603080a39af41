//! The navigation every page shows: home, the generated sections, and the
//! first `NAV_PAGES` top-level free pages and folders in weight order; when
//! there are more, a last entry leads to the index of every page. It stays
//! the same size however many pages the handbook has.

use serde::Serialize;

use super::views::page_order;
use crate::model::{Entity, Handbook, Index};
use crate::urls;

/// Top-level free pages and folders the navigation shows.
pub const NAV_PAGES: usize = 10;

/// One entry of the navigation.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct NavEntry {
    /// What the current page's `key` is when it belongs to this entry.
    pub key: String,
    pub title: String,
    pub url: String,
}

/// The navigation of a handbook. When it changes, every page changes.
pub fn nav(hb: &Handbook) -> Vec<NavEntry> {
    let mut nav = vec![NavEntry { key: "home".into(), title: "Home".into(), url: urls::HOME.into() }];
    let index = |ix: Index| NavEntry {
        key: ix.name().into(),
        title: ix.title().into(),
        url: urls::page(hb, Entity::Index(ix)),
    };
    nav.extend(hb.indexes().filter(|&ix| ix != Index::Pages).map(index));
    let (shown, more) = top_pages(hb, NAV_PAGES);
    nav.extend(shown.into_iter().map(|p| NavEntry {
        key: format!("pages/{}", hb.pages[p].path),
        title: hb.pages[p].title.clone(),
        url: urls::page(hb, Entity::Page(p)),
    }));
    if more {
        nav.push(index(Index::Pages));
    }
    nav
}

/// The first `n` top-level pages (folders' pages included) in `page_order`,
/// and whether there are more.
pub fn top_pages(hb: &Handbook, n: usize) -> (Vec<usize>, bool) {
    let key = |p: usize| page_order(hb, p);
    // The home page's own text (pages/index.md) is on the home page.
    let mut top: Vec<usize> = (0..hb.pages.len()).filter(|&p| hb.pages[p].at_top() && !hb.pages[p].is_home()).collect();
    let more = top.len() > n;
    if more {
        top.select_nth_unstable_by(n, |&a, &b| key(a).cmp(&key(b)));
        top.truncate(n);
    }
    top.sort_by(|&a, &b| key(a).cmp(&key(b)));
    (top, more)
}
