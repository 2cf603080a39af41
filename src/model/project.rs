//! `projects/<id>.md`: a card on the project board, with its stage, owners and
//! quantified impact.

use jiff::civil::Date;

use super::{DOC_FIELDS, Doc, Kind, Ref, read_doc, refs};
use crate::config::Config;
use crate::diagnostics::{Code, Diagnostics, did_you_mean};
use crate::fields::{self, At, Field, Schema, Table, Ty};
use crate::source::SourceFile;

#[derive(Debug, Clone)]
pub struct Project {
    pub doc: Doc,
    pub title: String,
    /// Index into the configured board stages; `None` when invalid.
    pub stage: Option<usize>,
    pub owners: Vec<Ref>,
    pub kind: Option<String>,
    pub target: Option<Date>,
    pub impact: Option<Impact>,
    pub history: Vec<StageChange>,
    /// Updates that list this project or link to it (filled in by resolve).
    pub updates: Vec<usize>,
    /// Decisions about this project (filled in by resolve).
    pub decisions: Vec<usize>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Impact {
    pub summary: Option<String>,
    pub okr: Option<String>,
    /// Every other key: a quantity, summed per stage on the board.
    pub metrics: Vec<(String, f64)>,
}

impl Impact {
    pub fn is_empty(&self) -> bool {
        self.summary.is_none() && self.metrics.is_empty()
    }
}

#[derive(Debug, Clone)]
pub struct StageChange {
    pub date: Date,
    pub stage: Option<usize>,
    pub note: Option<String>,
}

/// The front matter of `projects/<id>.md`.
pub static SCHEMA: Schema = Schema {
    doc: "a project on the board (projects/<id>.md)",
    fields: &[
        Field::required("title", Ty::Text, "the project's name"),
        Field::required("stage", Ty::Stage, "its column on the board: one of the board's stages"),
        Field::new("owners", Ty::Ids(&[Kind::Role, Kind::Person]), "who owns it: role or person ids"),
        Field::new("kind", Ty::Text, "feature, tech-debt, ..."),
        Field::new("target", Ty::Date, "the date we aim for"),
        Field::new("impact", Ty::Table(&IMPACT), "the quantified impact: a summary, an OKR, and numbers"),
        Field::new("history", Ty::Tables(&HISTORY), "stage changes, oldest first"),
    ],
    common: DOC_FIELDS,
    rest: None,
    synonyms: &[
        ("name", "title"),
        ("status", "stage"),
        ("column", "stage"),
        ("owner", "owners"),
        ("type", "kind"),
        ("due", "target"),
        ("deadline", "target"),
        ("target_date", "target"),
        ("impacts", "impact"),
    ],
};

static IMPACT: Schema = Schema {
    doc: "what the project is worth: any other key is a number, summed per stage on the board",
    fields: &[
        Field::new("summary", Ty::Text, "the impact in a sentence"),
        Field::new("okr", Ty::Text, "the objective or key result it serves, as a label"),
    ],
    common: &[],
    rest: Some(Ty::Number),
    synonyms: &[],
};

static HISTORY: Schema = Schema {
    doc: "a change of stage",
    fields: &[
        Field::required("date", Ty::Date, "when it changed"),
        Field::new("stage", Ty::Stage, "the stage it moved to"),
        Field::new("note", Ty::Text, "why"),
    ],
    common: &[],
    rest: None,
    synonyms: &[("reason", "note"), ("status", "stage")],
};

impl Project {
    pub fn read(source: &SourceFile, stem: &str, config: &Config, diags: &mut Diagnostics) -> Project {
        let stages = &config.stages;
        read_doc(source, stem, &SCHEMA, config, diags, |t, d| {
            let title =
                t.required_string(d, "title", "\"Search revamp\"").map_or_else(|| stem.to_string(), |s| s.value);
            let stage =
                t.required_string(d, "stage", &format!("{:?}", stages.first().map_or("Backlog", String::as_str)));
            let stage = stage.and_then(|s| stage_index(t, d, "stage", &s, stages));
            let owners = refs(t, d, "owners");
            let kind = t.string(d, "kind").map(|s| s.value);
            let target = t.date(d, "target").map(|x| x.value);
            let impact = t.table(d, "impact").map(|mut i| {
                let impact = Impact {
                    summary: i.string(d, "summary").map(|s| s.value),
                    okr: i.string(d, "okr").map(|s| s.value),
                    metrics: i
                        .rest()
                        .into_iter()
                        .filter_map(|(key, node)| match fields::number(node) {
                            Some(n) => Some((key.value, n)),
                            None => {
                                d.report(Code::WrongType, i.file(), node.span.clone(), format!("`impact.{}` must be a number, not {}", key.value, node.value.type_name()))
                                    .hint("impact keys other than summary and okr are quantities, summed on the board; put prose in `summary`");
                                None
                            }
                        })
                        .collect(),
                };
                i.finish(d);
                impact
            });
            let history = t
                .tables(d, "history")
                .into_iter()
                .filter_map(|mut h| {
                    let date = h.required_date(d, "date", "2026-01-12");
                    let stage = h.string(d, "stage").and_then(|s| stage_index(&h, d, "stage", &s, stages));
                    let note = h.string(d, "note").map(|s| s.value);
                    h.finish(d);
                    date.map(|date| StageChange { date: date.value, stage, note })
                })
                .collect();
            move |doc| Project {
                doc,
                title,
                stage,
                owners,
                kind,
                target,
                impact,
                history,
                updates: Vec::new(),
                decisions: Vec::new(),
            }
        })
    }
}

fn stage_index(t: &Table<'_>, d: &mut Diagnostics, key: &str, stage: &At<String>, stages: &[String]) -> Option<usize> {
    let found = stages.iter().position(|s| *s == stage.value);
    if found.is_none() {
        let hint = did_you_mean(&stage.value, stages.iter().map(String::as_str))
            .unwrap_or_else(|| format!("the board's stages are {}", stages.join(", ")));
        d.report(Code::UnknownStage, t.file(), stage.span(), format!("unknown {key} {:?}", stage.value)).hint(hint);
    }
    found
}
