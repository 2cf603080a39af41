//! `updates/**/<name>.md`: a weekly update, kept as history.

use jiff::civil::Date;

use super::{DOC_FIELDS, Doc, Kind, Ref, read_doc, refs};
use crate::config::Config;
use crate::diagnostics::{Code, Diagnostics, did_you_mean};
use crate::fields::{Field, Schema, Ty};
use crate::source::SourceFile;
use crate::syntax::Value;

#[derive(Debug, Clone)]
pub struct Update {
    pub doc: Doc,
    /// The path under `updates/` without `.md` (its id unless `id` is set).
    pub path: String,
    pub date: Date,
    /// Where `date` is written (where a gap before this update is reported).
    pub date_pos: usize,
    pub authors: Vec<Ref>,
    pub title: String,
    /// The title was written, not derived from the date.
    pub titled: bool,
    pub status: Option<Status>,
    pub projects: Vec<Ref>,
    /// How each project it rates is doing: `health = { search-revamp = "at-risk" }`.
    pub health: Vec<(Ref, Status)>,
    /// Projects listed in `projects` or `health`, or linked from the text
    /// (filled in by resolve).
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

    /// "on track", for sentences.
    /// How pages say it, in the team's language: "on track".
    pub fn words(self, s: &crate::i18n::Strings) -> &str {
        s.get(["project.on_track", "project.at_risk", "project.off_track"][self as usize])
    }

    fn named(name: &str) -> Option<Status> {
        match Self::NAMES.iter().position(|n| *n == name) {
            Some(0) => Some(Status::OnTrack),
            Some(1) => Some(Status::AtRisk),
            Some(2) => Some(Status::OffTrack),
            _ => None,
        }
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
        Field::new(
            "health",
            Ty::Table(&HEALTH),
            "how each project it reports on is doing: { project-id = \"at-risk\" }",
        ),
    ],
    common: DOC_FIELDS,
    rest: None,
    synonyms: &[
        ("authors", "author"),
        ("by", "author"),
        ("week", "date"),
        ("project", "projects"),
        ("rating", "health"),
        ("ratings", "health"),
    ],
};

static HEALTH: Schema = Schema {
    doc: "project ids, each with how it is doing",
    fields: &[],
    common: &[],
    rest: Some(Ty::OneOf(&Status::NAMES)),
    synonyms: &[],
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
            let status = t.string(d, "status").and_then(|s| rating(t.file(), &s.value, s.span(), "status", d));
            let projects = refs(t, d, "projects");
            let mut health = Vec::new();
            if let Some(mut h) = t.table(d, "health") {
                for (key, node) in h.rest() {
                    let rating = match &node.value {
                        Value::String(s) => rating(h.file(), s, node.span.clone(), "health", d),
                        _ => {
                            d.report(
                                Code::WrongType,
                                h.file(),
                                node.span.clone(),
                                format!("`health.{}` must be a string, not {}", key.value, node.value.type_name()),
                            )
                            .hint(format!("write it like {}", h.format().assignment(&key.value, "\"on-track\"")));
                            None
                        }
                    };
                    health.extend(rating.map(|r| (Ref::from(key), r)));
                }
                h.finish(d);
            }
            let date_pos = date.as_ref().map_or(0, |x| x.pos);
            let date = date.map_or(Date::ZERO, |x| x.value);
            let titled = title.is_some();
            let title = title.unwrap_or_else(|| format!("Week of {}", date.strftime("%-d %b %Y")));
            let path = path.to_string();
            move |doc| Update {
                doc,
                path,
                date,
                date_pos,
                authors,
                title,
                titled,
                status,
                projects,
                health,
                mentions: Vec::new(),
            }
        })
    }
}

/// A status or health rating, reported when it is not one of the three.
fn rating(
    file: &SourceFile,
    name: &str,
    span: std::ops::Range<usize>,
    what: &str,
    d: &mut Diagnostics,
) -> Option<Status> {
    let found = Status::named(name);
    if found.is_none() {
        let hint = did_you_mean(name, Status::NAMES).unwrap_or_else(|| "use on-track, at-risk or off-track".into());
        d.report(Code::InvalidValue, file, span, format!("unknown {what} {name:?}")).hint(hint);
    }
    found
}
