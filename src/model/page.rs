//! `pages/**/*.md`: free pages. Folders become sections: a folder's own
//! page is its `_index.md`, `index.md` or `README.md`, else one is made for
//! it (listing what it holds). The top folder's own page is the text of the
//! home page.

use jiff::civil::Date;

use super::{DOC_FIELDS, Doc, Kind, Ref, one_ref, read_doc};
use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::fields::{At, Field, Schema, Ty};
use crate::markdown::Body;
use crate::source::{FileId, SourceFile};

#[derive(Debug, Clone)]
pub struct Page {
    pub doc: Doc,
    /// The path under `pages/` without `.md`; a section page has its folder's path.
    pub path: String,
    /// The folder the page is in ("" at the top); a section page belongs to its parent.
    pub section: String,
    pub is_section_index: bool,
    /// Made for a folder that has no page of its own (no file behind it).
    pub generated: bool,
    pub title: String,
    pub weight: i64,
    pub draft: bool,
    pub owner: Option<Ref>,
    pub review_by: Option<At<Date>>,
    /// `description`: the page's meta description and search excerpt.
    pub description: Option<String>,
    /// `tags` and `categories` (Obsidian, Hugo), as written: each gives a
    /// tag page listing the pages that carry it.
    pub tags: Vec<At<String>>,
    /// Where SUMMARY.md places the page in the navigation, when that is not
    /// its folder (see `Nest`).
    pub nest: Option<Nest>,
}

/// Where GitBook's SUMMARY.md nests a page: at the top, or under another
/// page, whatever folder its file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nest {
    Top,
    Under(usize),
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
        Field::new("description", Ty::Text, "one or two sentences: the page's meta description and search excerpt"),
        Field::new("tags", Ty::Texts, "tags (Obsidian, Hugo): each has a page listing the pages that carry it"),
        Field::new("categories", Ty::Texts, "more tags, as Obsidian and Hugo write them: read as `tags`"),
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
        ("summary", "description"),
        ("excerpt", "description"),
        ("tag", "tags"),
        ("category", "categories"),
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
        let default_id = if path.is_empty() { HOME_ID } else { path };
        read_doc(source, default_id, &SCHEMA, config, diags, |t, d| {
            let title = t.string(d, "title").map(|s| s.value);
            let weight = t.integer(d, "weight").map_or(0, |w| w.value);
            let draft = t.boolean(d, "draft").is_some_and(|b| b.value);
            let owner = one_ref(t, d, "owner");
            let review_by = t.date(d, "review_by");
            let description = t.string(d, "description").map(|s| s.value.trim().to_string()).filter(|s| !s.is_empty());
            let mut tags = t.strings(d, "tags");
            tags.extend(t.strings(d, "categories"));
            // Obsidian writes `#tag` too; a tag of nothing but blanks is none.
            for tag in &mut tags {
                tag.value = tag.value.trim().trim_start_matches('#').trim().to_string();
            }
            tags.retain(|t| !t.value.is_empty());
            let path = path.to_string();
            let parent = path.rsplit_once('/').map_or("", |(dir, _)| dir).to_string();
            move |doc| {
                let stem = path.rsplit('/').next().unwrap_or(&path);
                let title = title.or_else(|| doc.body.title().map(str::to_string)).unwrap_or_else(|| humanize(stem));
                Page {
                    doc,
                    section: parent,
                    is_section_index,
                    generated: false,
                    title,
                    weight,
                    draft,
                    owner,
                    review_by,
                    description,
                    tags,
                    nest: None,
                    path,
                }
            }
        })
    }

    /// The page of a folder that has none of its own, at `file` (an empty
    /// stand-in named after the folder).
    pub fn for_folder(dir: &str, file: FileId) -> Page {
        let (parent, name) = dir.rsplit_once('/').unwrap_or(("", dir));
        Page {
            doc: Doc { file, id: dir.to_string(), pos: 0, aliases: Vec::new(), body: Body::default() },
            path: dir.to_string(),
            section: parent.to_string(),
            is_section_index: true,
            generated: true,
            title: humanize(name),
            weight: 0,
            draft: false,
            owner: None,
            review_by: None,
            description: None,
            tags: Vec::new(),
            nest: None,
        }
    }

    /// The top folder's own page (`pages/index.md`, `README.md` or
    /// `_index.md`): the text of the home page, not a page of its own.
    pub fn is_home(&self) -> bool {
        self.path.is_empty()
    }

    /// Whether the navigation shows the page at the top level: a page at
    /// the top of `pages/`, or one SUMMARY.md places there.
    pub fn at_top(&self) -> bool {
        match self.nest {
            Some(Nest::Top) => true,
            Some(Nest::Under(_)) => false,
            None => self.section.is_empty(),
        }
    }
}

/// The id of the home page's text: `[[pages/index]]`.
pub const HOME_ID: &str = "index";

/// The names a folder's own page may have: `_index.md` (Hugo, Zola),
/// `index.md` (Jekyll, MkDocs, Docusaurus) and `README.md` (what GitHub shows
/// for a folder), in the order they win when a folder has several.
pub const FOLDER_PAGE_NAMES: [&str; 3] = ["_index", "index", "README"];

/// A page's path under `pages/` and whether it is its folder's own page:
/// `tools/index` → (`tools`, true); `README` at the top → (``, true).
pub fn folder_page(name: &str) -> (&str, bool) {
    let (dir, stem) = name.rsplit_once('/').unwrap_or(("", name));
    if folder_page_rank(stem).is_some() { (dir, true) } else { (name, false) }
}

/// Which of `FOLDER_PAGE_NAMES` a file stem is (README in any case).
pub fn folder_page_rank(stem: &str) -> Option<usize> {
    FOLDER_PAGE_NAMES.iter().position(|n| if *n == "README" { stem.eq_ignore_ascii_case(n) } else { stem == *n })
}

/// A title from a file or folder name: `getting-started` → "Getting started";
/// a name written with spaces (`Board games`, `hardware & software`) is
/// already written for people, and is the title as it is.
pub fn humanize(name: &str) -> String {
    if name.contains(' ') {
        return name.trim().to_string();
    }
    let spaced = name.replace(['-', '_'], " ");
    let mut chars = spaced.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_string(),
    }
}
