//! `pages/**/*.md`: free pages. Folders become sections; `_index.md` is a
//! section's own page.

use jiff::civil::Date;

use super::{Doc, Ref, one_ref, read_doc};
use crate::diagnostics::Diagnostics;
use crate::fields::At;
use crate::source::SourceFile;

#[derive(Debug, Clone)]
pub struct Page {
    pub doc: Doc,
    /// The path under `pages/` without `.md`; a section page has its folder's path.
    pub path: String,
    /// The folder the page is in ("" at the top); a section page belongs to its parent.
    pub section: String,
    pub is_section_index: bool,
    pub title: String,
    pub weight: i64,
    pub draft: bool,
    pub owner: Option<Ref>,
    pub review_by: Option<At<Date>>,
}

const ALIASES: &[(&str, &str)] = &[
    ("name", "title"),
    ("order", "weight"),
    ("author", "owner"),
    ("owners", "owner"),
    ("review", "review_by"),
    ("review_date", "review_by"),
    ("expires", "review_by"),
    ("published", "draft"),
];

impl Page {
    /// `path` is the page's path under `pages/` without `.md`, `_index` already removed.
    pub fn read(source: &SourceFile, path: &str, is_section_index: bool, diags: &mut Diagnostics) -> Page {
        read_doc(source, path, ALIASES, diags, |t, d| {
            let title = t.string(d, "title").map(|s| s.value);
            let weight = t.integer(d, "weight").map_or(0, |w| w.value);
            let draft = t.boolean(d, "draft").is_some_and(|b| b.value);
            let owner = one_ref(t, d, "owner");
            let review_by = t.date(d, "review_by");
            let path = path.to_string();
            let parent = path.rsplit_once('/').map_or("", |(dir, _)| dir).to_string();
            move |doc| {
                let stem = path.rsplit('/').next().unwrap_or(&path);
                let title = title.or_else(|| doc.body.title().map(str::to_string)).unwrap_or_else(|| stem.to_string());
                Page { doc, section: parent, is_section_index, title, weight, draft, owner, review_by, path }
            }
        })
    }
}
