//! `roles/<id>.md`: what a role is for, and who its co-lead counterpart is.

use super::{DOC_FIELDS, Daci, Doc, Kind, Part, Raci, Ref, one_ref, read_doc};
use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::fields::{Field, Schema, Ty};
use crate::source::SourceFile;

#[derive(Debug, Clone)]
pub struct Role {
    pub doc: Doc,
    pub title: String,
    pub short: Option<String>,
    pub summary: Option<String>,
    pub focus: Vec<String>,
    pub counterpart: Option<Ref>,
    /// Back-links, filled in by resolve.
    pub people: Vec<usize>,
    pub areas: Vec<(usize, Raci)>,
    pub ceremonies: Vec<(usize, Part)>,
    pub projects: Vec<usize>,
    pub decisions: Vec<(usize, Daci)>,
    /// Areas that say what this role is expected to do (`[area.expect]`).
    pub expected: Vec<usize>,
    /// Objectives it owns.
    pub goals: Vec<usize>,
}

/// The front matter of `roles/<id>.md`.
pub static SCHEMA: Schema = Schema {
    doc: "a role of the team (roles/<id>.md)",
    fields: &[
        Field::required("title", Ty::Text, "the role's name: \"Engineering Manager\""),
        Field::new("short", Ty::Text, "a short name: \"EM\""),
        Field::new("summary", Ty::Text, "one sentence: what the role is for"),
        Field::new("focus", Ty::Texts, "what the role focuses on"),
        Field::new("counterpart", Ty::Id(&[Kind::Role]), "the co-lead role (\"your co-lead is ...\")"),
    ],
    common: DOC_FIELDS,
    rest: None,
    synonyms: &[
        ("name", "title"),
        ("abbreviation", "short"),
        ("description", "summary"),
        ("co-lead", "counterpart"),
        ("colead", "counterpart"),
    ],
};

impl Role {
    pub fn read(source: &SourceFile, stem: &str, config: &Config, diags: &mut Diagnostics) -> Role {
        read_doc(source, stem, &SCHEMA, config, diags, |t, d| {
            let title =
                t.required_string(d, "title", "\"Engineering Manager\"").map_or_else(|| stem.to_string(), |s| s.value);
            let short = t.string(d, "short").map(|s| s.value);
            let summary = t.string(d, "summary").map(|s| s.value);
            let focus = t.strings(d, "focus").into_iter().map(|s| s.value).collect();
            let counterpart = one_ref(t, d, "counterpart");
            move |doc| Role {
                doc,
                title,
                short,
                summary,
                focus,
                counterpart,
                people: Vec::new(),
                areas: Vec::new(),
                ceremonies: Vec::new(),
                projects: Vec::new(),
                decisions: Vec::new(),
                expected: Vec::new(),
                goals: Vec::new(),
            }
        })
    }

    /// "EM", or the title when no short name is set.
    pub fn short_name(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.title)
    }
}
