//! `pages/**/*.md`: free pages. Folders become sections; `_index.md` is a
//! section's own page.

use jiff::civil::Date;

use super::{DOC_FIELDS, Doc, Kind, Ref, one_ref, read_doc};
use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::fields::{At, Field, Schema, Ty};
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

/// The front matter of `pages/**/*.md`.
pub static SCHEMA: Schema = Schema {
    doc: "a free page (pages/**/*.md)",
    fields: &[
        Field::new("title", Ty::Text, "the title (default: the first heading, else the file's name)"),
        Field::new("weight", Ty::Integer, "the order within its section (lower first; then by title)"),
        Field::new("draft", Ty::Bool, "left out of the site unless built with --drafts"),
        Field::new("owner", Ty::Id(&[Kind::Role, Kind::Person]), "who keeps the page true: a role or person id"),
        Field::new("review_by", Ty::Date, "past this date the page is flagged and check warns"),
    ],
    common: DOC_FIELDS,
    rest: None,
    synonyms: &[
        ("name", "title"),
        ("order", "weight"),
        ("nav_order", "weight"),
        ("sidebar_position", "weight"),
        ("author", "owner"),
        ("owners", "owner"),
        ("review", "review_by"),
        ("review_date", "review_by"),
        ("expires", "review_by"),
        ("published", "draft"),
    ],
};

impl Page {
    /// `path` is the page's path under `pages/` without `.md`, `_index` already removed.
    pub fn read(
        source: &SourceFile,
        path: &str,
        is_section_index: bool,
        config: &Config,
        diags: &mut Diagnostics,
    ) -> Page {
        read_doc(source, path, &SCHEMA, config, diags, |t, d| {
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
