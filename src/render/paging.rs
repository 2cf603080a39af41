//! Long lists split into pages of `urls::PER_PAGE` items, so that no page
//! grows with the handbook: which items fall on page n, and the pager that
//! links the pages of a list.

use serde::Serialize;

use super::views::Facts;
use crate::urls::{self, Paged};

/// Where a page sits in its list: page 1 of 1 for lists that fit on one.
#[derive(Serialize)]
pub struct PagerView {
    page: usize,
    pages: usize,
    /// Paths from the site root; empty on the first and the last page.
    prev: String,
    next: String,
}

impl PagerView {
    /// Page 1 of 1: a page that is not part of a long list.
    pub fn single() -> PagerView {
        PagerView { page: 1, pages: 1, prev: String::new(), next: String::new() }
    }

    /// Page `n` of `pages`, page `k` being at `path(k)`.
    pub fn new(n: usize, pages: usize, path: impl Fn(usize) -> String) -> PagerView {
        PagerView {
            page: n,
            pages,
            prev: if n > 1 { path(n - 1) } else { String::new() },
            next: if n < pages { path(n + 1) } else { String::new() },
        }
    }
}

pub fn pager(facts: &Facts<'_>, list: Paged, n: usize) -> PagerView {
    PagerView::new(n, facts.pages(list), |k| list.path(k))
}

/// The items of page `n` (from 1) of a list.
pub fn page_of<T>(items: Vec<T>, n: usize) -> Vec<T> {
    items.into_iter().skip((n - 1) * urls::PER_PAGE).take(urls::PER_PAGE).collect()
}

/// The same, of a list kept for every page.
pub fn slice_of<T>(items: &[T], n: usize) -> &[T] {
    let start = ((n - 1) * urls::PER_PAGE).min(items.len());
    &items[start..(start + urls::PER_PAGE).min(items.len())]
}
