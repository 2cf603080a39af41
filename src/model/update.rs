//! `updates/**/<name>.md`: a weekly update, kept as history.

use jiff::civil::Date;

use super::{DOC_FIELDS, Doc, Kind, Ref, read_doc, refs};
use crate::config::Config;
use crate::diagnostics::{Code, Diagnostics, did_you_mean};
use crate::fields::{Field, Schema, Ty};
use crate::source::SourceFile;

#[derive(Debug, Clone)]
pub struct Update {
    pub doc: Doc,
    /// The path under `updates/` without `.md` (its id unless `id` is set).
    pub path: String,
    pub date: Date,
    pub authors: Vec<Ref>,
    pub title: String,
    /// The title was written, not derived from the date.
    pub titled: bool,
    pub status: Option<Status>,
    pub projects: Vec<Ref>,
    /// Projects listed in `projects` or linked from the text (filled in by resolve).
    pub mentions: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    OnTrack,
    AtRisk,
    OffTrack,
}

impl Status {
    pub const NAMES: [&str; 3] = ["on-track", "at-risk", "off-track"];

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// The front matter of `updates/**/<name>.md`.
pub static SCHEMA: Schema = Schema {
    doc: "a weekly update (updates/**/<name>.md)",
    fields: &[
        Field::required("date", Ty::Date, "the week it reports on"),
        Field::required("author", Ty::Ids(&[Kind::Person]), "who wrote it: a person id, or a list of them"),
        Field::new("title", Ty::Text, "the title (default: \"Week of\" and the date)"),
        Field::new("status", Ty::OneOf(&Status::NAMES), "how the team is doing"),
        Field::new(
            "projects",
            Ty::Ids(&[Kind::Project]),
            "the projects it reports on (a project linked from the text counts too)",
        ),
    ],
    common: DOC_FIELDS,
    rest: None,
    synonyms: &[
        ("authors", "author"),
        ("by", "author"),
        ("week", "date"),
        ("project", "projects"),
        ("health", "status"),
    ],
};

impl Update {
    pub fn read(source: &SourceFile, path: &str, config: &Config, diags: &mut Diagnostics) -> Update {
        read_doc(source, path, &SCHEMA, config, diags, |t, d| {
            let date = t.required_date(d, "date", "2026-02-09");
            let has_author = t.has("author");
            let authors = refs(t, d, "author");
            if !has_author {
                t.missing(d, "author", "\"mitra\"");
            }
            let title = t.string(d, "title").map(|s| s.value);
            let status = t.string(d, "status").and_then(|s| match Status::NAMES.iter().position(|n| *n == s.value) {
                Some(0) => Some(Status::OnTrack),
                Some(1) => Some(Status::AtRisk),
                Some(_) => Some(Status::OffTrack),
                None => {
                    let hint = did_you_mean(&s.value, Status::NAMES)
                        .unwrap_or_else(|| "use on-track, at-risk or off-track".into());
                    d.report(Code::InvalidValue, t.file(), s.span(), format!("unknown status {:?}", s.value))
                        .hint(hint);
                    None
                }
            });
            let projects = refs(t, d, "projects");
            let date = date.map_or(Date::ZERO, |x| x.value);
            let titled = title.is_some();
            let title = title.unwrap_or_else(|| format!("Week of {}", date.strftime("%-d %b %Y")));
            let path = path.to_string();
            move |doc| Update { doc, path, date, authors, title, titled, status, projects, mentions: Vec::new() }
        })
    }
}
