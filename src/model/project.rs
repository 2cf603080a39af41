//! `projects/<id>.md`: a card on the project board, with its stage, owners and
//! quantified impact.

use jiff::civil::Date;

use super::{Doc, Ref, read_doc, refs};
use crate::diagnostics::{Code, Diagnostics, did_you_mean};
use crate::fields::{At, Table};
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

const ALIASES: &[(&str, &str)] = &[
    ("name", "title"),
    ("status", "stage"),
    ("column", "stage"),
    ("owner", "owners"),
    ("type", "kind"),
    ("due", "target"),
    ("deadline", "target"),
    ("target_date", "target"),
    ("impacts", "impact"),
];

impl Project {
    pub fn read(source: &SourceFile, stem: &str, stages: &[String], diags: &mut Diagnostics) -> Project {
        read_doc(source, stem, ALIASES, diags, |t, d| {
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
                        .filter_map(|(key, number, _)| match number {
                            Some(n) => Some((key.value, n.as_f64())),
                            None => {
                                d.report(Code::WrongType, i.file(), key.pos, format!("`impact.{}` must be a number", key.value))
                                    .hint("impact keys other than summary and okr are quantities, summed on the board; put prose in `summary`");
                                None
                            }
                        })
                        .collect(),
                };
                i.finish(d, &[]);
                impact
            });
            let history = t
                .tables(d, "history")
                .into_iter()
                .filter_map(|mut h| {
                    let date = h.required_date(d, "date", "2026-01-12");
                    let stage = h.string(d, "stage").and_then(|s| stage_index(&h, d, "stage", &s, stages));
                    let note = h.string(d, "note").map(|s| s.value);
                    h.finish(d, &[("reason", "note"), ("status", "stage")]);
                    date.map(|date| StageChange { date: date.value, stage, note })
                })
                .collect();
            move |doc| Project { doc, title, stage, owners, kind, target, impact, history, updates: Vec::new() }
        })
    }
}

fn stage_index(t: &Table<'_>, d: &mut Diagnostics, key: &str, stage: &At<String>, stages: &[String]) -> Option<usize> {
    let found = stages.iter().position(|s| *s == stage.value);
    if found.is_none() {
        let hint = did_you_mean(&stage.value, stages.iter().map(String::as_str))
            .unwrap_or_else(|| format!("the board's stages are {}", stages.join(", ")));
        d.report(Code::UnknownStage, t.file(), stage.pos, format!("unknown {key} {:?}", stage.value)).hint(hint);
    }
    found
}
