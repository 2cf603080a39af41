//! `projects/<id>.md`: a card on the project board, with its stage, owners,
//! quantified impact, the key results it serves, and its history: the stages
//! it moved through and the moves of its target date.

use jiff::civil::Date;

use super::{DOC_FIELDS, Doc, Kind, KrRef, Ref, read_doc, refs};
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
    /// The target now, as `stage` is the stage now. The baseline is the
    /// first `[[history]]` entry's `target` (see `baseline_target`).
    pub target: Option<Date>,
    /// Where `target` is written.
    pub target_pos: usize,
    pub impact: Option<Impact>,
    pub key_results: Vec<KrRef>,
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

/// A dated entry of a project's history: a move to another stage, a new
/// target date, or both.
#[derive(Debug, Clone)]
pub struct StageChange {
    pub date: Date,
    pub stage: Option<usize>,
    pub target: Option<Date>,
    pub note: Option<String>,
}

/// A move of a project's target date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetMove {
    pub date: Date,
    /// The target before; `None` when this set the first one.
    pub from: Option<Date>,
    pub to: Date,
    /// The index of the history entry.
    pub entry: usize,
}

/// Whether a stage is "in flight": past the board's first stage and before its last.
pub fn in_flight(stage: usize, stages: usize) -> bool {
    stage > 0 && stage + 1 < stages
}

/// The front matter of `projects/<id>.md`.
pub static SCHEMA: Schema = Schema {
    doc: "a project on the board (projects/<id>.md)",
    fields: &[
        Field::required("title", Ty::Text, "the project's name"),
        Field::required("stage", Ty::Stage, "its column on the board: one of the board's stages"),
        Field::new("owners", Ty::Ids(&[Kind::Role, Kind::Person]), "who owns it: role or person ids"),
        Field::new("kind", Ty::Text, "feature, tech-debt, ..."),
        Field::new("target", Ty::Date, "the target now; the baseline is the first `[[history]]` target (or this one)"),
        Field::new("impact", Ty::Table(&IMPACT), "the quantified impact: a summary, an OKR, and numbers"),
        Field::new("key_results", Ty::Texts, "the key results it serves (their ids, from goals/)"),
        Field::new("history", Ty::Tables(&HISTORY), "stage changes and target moves, oldest first"),
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
        ("key_result", "key_results"),
        ("krs", "key_results"),
        ("goals", "key_results"),
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
    doc: "a change of stage or of target date",
    fields: &[
        Field::required("date", Ty::Date, "when it changed"),
        Field::new("stage", Ty::Stage, "the stage it moved to"),
        Field::new("target", Ty::Date, "the new target date"),
        Field::new("note", Ty::Text, "why"),
    ],
    common: &[],
    rest: None,
    synonyms: &[("reason", "note"), ("status", "stage"), ("due", "target"), ("deadline", "target")],
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
            let target = t.date(d, "target");
            let target_pos = target.as_ref().map_or(0, |x| x.pos);
            let target = target.map(|x| x.value);
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
            let key_results = t.strings(d, "key_results").into_iter().map(|id| KrRef { id, to: None }).collect();
            let history = t
                .tables(d, "history")
                .into_iter()
                .filter_map(|mut h| {
                    let date = h.required_date(d, "date", "2026-01-12");
                    let stage = h.string(d, "stage").and_then(|s| stage_index(&h, d, "stage", &s, stages));
                    let target = h.date(d, "target").map(|t| t.value);
                    let note = h.string(d, "note").map(|s| s.value);
                    h.finish(d);
                    date.map(|date| StageChange { date: date.value, stage, target, note })
                })
                .collect();
            move |doc| Project {
                doc,
                title,
                stage,
                owners,
                kind,
                target,
                target_pos,
                impact,
                key_results,
                history,
                updates: Vec::new(),
                decisions: Vec::new(),
            }
        })
    }
}

impl Project {
    /// The history in date order (entries of one day as written).
    pub fn dated(&self) -> Vec<(usize, &StageChange)> {
        let mut out: Vec<(usize, &StageChange)> = self.history.iter().enumerate().collect();
        out.sort_by_key(|(i, h)| (h.date, *i));
        out
    }

    /// Every move of its target, oldest first, from the baseline. An entry
    /// that names the target it already had moves nothing.
    pub fn target_moves(&self) -> Vec<TargetMove> {
        let mut current = self.baseline_target();
        let mut out = Vec::new();
        for (entry, h) in self.dated() {
            if let Some(to) = h.target.filter(|t| Some(*t) != current) {
                out.push(TargetMove { date: h.date, from: current, to, entry });
                current = Some(to);
            }
        }
        out
    }

    /// The baseline: the earliest target written, that of the first history
    /// entry that has one, else the front matter's `target` (SPEC part 3).
    pub fn baseline_target(&self) -> Option<Date> {
        self.dated().into_iter().find_map(|(_, h)| h.target).or(self.target)
    }

    /// The target now: the front matter's `target` (where the project stands
    /// now, as `stage` is), else the last one its history set.
    pub fn current_target(&self) -> Option<Date> {
        self.target.or_else(|| self.target_moves().last().map(|m| m.to).or(self.baseline_target()))
    }

    /// The target its history set last (in date order), when any entry set one.
    pub fn history_target(&self) -> Option<(Date, Date)> {
        self.dated().into_iter().rev().find_map(|(_, h)| Some((h.date, h.target?)))
    }

    /// Days from the baseline target to the target now, when it moved.
    pub fn slip_days(&self) -> Option<i64> {
        match (self.baseline_target(), self.current_target()) {
            (Some(b), Some(c)) if b != c => Some(crate::words::days_between(b, c)),
            _ => None,
        }
    }

    /// Its stage moves, oldest first: what `stage_on` reads.
    pub fn stage_moves(&self) -> StageMoves {
        StageMoves {
            moves: self.dated().into_iter().filter_map(|(_, h)| Some((h.date, h.stage?))).collect(),
            now: self.stage,
        }
    }

    /// The stage it was in at the end of `day` (see `StageMoves::on`).
    pub fn stage_on(&self, day: Date) -> Option<usize> {
        self.stage_moves().on(day)
    }
}

/// A project's stage moves, to tell its stage on any day.
#[derive(Debug, Clone)]
pub struct StageMoves {
    moves: Vec<(Date, usize)>,
    /// Its `stage`.
    now: Option<usize>,
}

impl StageMoves {
    /// The stage at the end of `day`, as the history tells: the stage entered
    /// last on or before it. From the last recorded move on (and always,
    /// with no stage in the history) it is the project's `stage`; before
    /// the first recorded move, it is unknown (`None`).
    pub fn on(&self, day: Date) -> Option<usize> {
        let entered = self.moves.partition_point(|(d, _)| *d <= day);
        match entered {
            _ if self.moves.is_empty() => self.now,
            0 => None,
            n if n == self.moves.len() => self.now,
            n => Some(self.moves[n - 1].1),
        }
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
