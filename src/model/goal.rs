//! `goals/<id>.md`: an objective for a period (a quarter, a half, a year),
//! with key results that move from a baseline towards a target, measured by
//! dated check-ins. Progress is where the latest check-in stands between
//! baseline and target; projects are how, not what: they do not move it.

use jiff::civil::Date;

use super::period::{FORMS, Period};
use super::{DOC_FIELDS, Doc, Kind, Ref, read_doc, refs};
use crate::config::Config;
use crate::diagnostics::{Code, Diagnostics};
use crate::fields::{At, Field, IdOrUrl, Schema, Table, Ty};
use crate::markdown::slug;
use crate::source::SourceFile;

#[derive(Debug, Clone)]
pub struct Goal {
    pub doc: Doc,
    pub title: String,
    /// `None` when missing or unreadable (reported).
    pub period: Option<Period>,
    pub owners: Vec<Ref>,
    pub parent: Option<Parent>,
    pub key_results: Vec<KeyResult>,
}

/// The objective above this one: another objective of the handbook, or a
/// page elsewhere (the company's OKRs).
#[derive(Debug, Clone)]
pub enum Parent {
    Objective(Ref),
    Url(String),
}

#[derive(Debug, Clone)]
pub struct KeyResult {
    /// Unique in the handbook: projects name it in `key_results`.
    pub id: At<String>,
    pub title: String,
    pub unit: Option<String>,
    /// `None` when missing or unusable (reported): no progress then.
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    /// Oldest first (a check-in out of order is an error).
    pub check_ins: Vec<CheckIn>,
    /// A check-in could not be read (reported): the key result is not then
    /// also said to have none.
    pub unread_check_ins: bool,
    /// Projects that name it (filled in by resolve).
    pub projects: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct CheckIn {
    pub date: At<Date>,
    pub value: f64,
    pub note: Option<String>,
}

/// A key result of the handbook: its objective, and its place there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KrId {
    pub goal: usize,
    pub kr: usize,
}

/// A key result named in a project's `key_results`, and what it resolved to.
#[derive(Clone, Debug, PartialEq)]
pub struct KrRef {
    pub id: At<String>,
    pub to: Option<KrId>,
}

/// The front matter of `goals/<id>.md`.
pub static SCHEMA: Schema = Schema {
    doc: "an objective with its key results (goals/<id>.md)",
    fields: &[
        Field::required("title", Ty::Text, "the objective, as an outcome: \"Merchants get paid faster\""),
        Field::required(
            "period",
            Ty::Period,
            "when: \"2026-Q3\" (a quarter), \"2026-H2\" (a half) or \"2026\" (a year)",
        ),
        Field::new("owners", Ty::Ids(&[Kind::Role, Kind::Person]), "who answers for it: role or person ids"),
        Field::new("parent", Ty::Text, "the objective it serves: an objective id, or the address of one elsewhere"),
        Field::new("key_result", Ty::Tables(&KEY_RESULT), "how progress is measured, one table each"),
    ],
    common: DOC_FIELDS,
    rest: None,
    synonyms: &[
        ("name", "title"),
        ("objective", "title"),
        ("quarter", "period"),
        ("half", "period"),
        ("owner", "owners"),
        ("key_results", "key_result"),
        ("krs", "key_result"),
        ("kr", "key_result"),
    ],
};

static KEY_RESULT: Schema = Schema {
    doc: "a key result: a number moving from its baseline to its target",
    fields: &[
        Field::required("id", Ty::Text, "unique in the handbook: projects name it in `key_results`"),
        Field::required("title", Ty::Text, "what is measured: \"Median payout time\""),
        Field::new("unit", Ty::Text, "the unit of the numbers: \"hours\", \"%\""),
        Field::required("baseline", Ty::Number, "where it stood when the objective was set"),
        Field::required("target", Ty::Number, "where it should get to (lower than the baseline: lower is better)"),
        Field::new("check_in", Ty::Tables(&CHECK_IN), "measurements, oldest first"),
    ],
    common: &[],
    rest: None,
    synonyms: &[
        ("name", "title"),
        ("units", "unit"),
        ("start", "baseline"),
        ("from", "baseline"),
        ("goal", "target"),
        ("to", "target"),
        ("check_ins", "check_in"),
        ("checkins", "check_in"),
        ("checkin", "check_in"),
    ],
};

static CHECK_IN: Schema = Schema {
    doc: "a measurement of a key result",
    fields: &[
        Field::required("date", Ty::Date, "when it was measured, inside the objective's period"),
        Field::required("value", Ty::Number, "what it measured"),
        Field::new("note", Ty::Text, "what moved it"),
    ],
    common: &[],
    rest: None,
    synonyms: &[("comment", "note"), ("measured", "value"), ("on", "date")],
};

impl Goal {
    pub fn read(source: &SourceFile, stem: &str, config: &Config, diags: &mut Diagnostics) -> Goal {
        read_doc(source, stem, &SCHEMA, config, diags, |t, d| {
            let title = t
                .required_string(d, "title", "\"Merchants get paid faster\"")
                .map_or_else(|| stem.to_string(), |s| s.value);
            let has_period = t.has("period");
            let period = t.word(d, "period").and_then(|p| match Period::parse(&p.value) {
                Some(period) => Some(period),
                None => {
                    let hint = match Period::guess(&p.value) {
                        Some(meant) => format!("did you mean \"{meant}\"?"),
                        None => format!("write {FORMS}"),
                    };
                    d.report(Code::InvalidValue, t.file(), p.span(), format!("unknown period {:?}", p.value))
                        .hint(hint);
                    None
                }
            });
            if !has_period {
                t.missing(d, "period", "\"2026-Q3\"");
            }
            let owners = refs(t, d, "owners");
            let parent = t.id_or_url(d, "parent").map(|p| match p {
                IdOrUrl::Url(u) => Parent::Url(u),
                IdOrUrl::Id(id) => Parent::Objective(Ref::from(id)),
            });
            let key_results = t.tables(d, "key_result").into_iter().map(|k| key_result(k, period, d)).collect();
            move |doc| Goal { doc, title, period, owners, parent, key_results }
        })
    }

    /// The mean of its key results' progress, each counted between 0 and 1
    /// (one far past its target does not hide another behind); `None`
    /// without a key result that can be measured.
    pub fn progress(&self) -> Option<f64> {
        let each: Vec<f64> = self.key_results.iter().filter_map(|k| k.progress()).map(|p| p.clamp(0.0, 1.0)).collect();
        (!each.is_empty()).then(|| each.iter().sum::<f64>() / each.len() as f64)
    }
}

impl KeyResult {
    /// The newest check-in.
    pub fn latest(&self) -> Option<&CheckIn> {
        self.check_ins.iter().rev().max_by_key(|c| c.date.value)
    }

    /// Where `value` stands from the baseline (0) to the target (1); below
    /// 0 when it went the wrong way, above 1 past the target. Which way is
    /// better follows from baseline and target.
    /// Finite whatever the numbers (`baseline = -1.7e308`, `target =
    /// 1.7e308` would overflow their difference): worked out scaled by the
    /// largest of them, and a value beyond a billion times the way saturates.
    pub fn fraction(&self, value: f64) -> Option<f64> {
        let (baseline, target) = (self.baseline?, self.target?);
        if target == baseline {
            return None;
        }
        let (way, span) = (value - baseline, target - baseline);
        if way.is_finite() && span.is_finite() {
            return Some((way / span).clamp(-1e9, 1e9));
        }
        let scale = baseline.abs().max(target.abs()).max(value.abs());
        let (way, span) = (value / scale - baseline / scale, target / scale - baseline / scale);
        let f = match (way == 0.0, span == 0.0) {
            (true, _) => 0.0,
            // The way to go is too small to show beside the value: far past or behind.
            (false, true) => f64::INFINITY.copysign(way) * (target - baseline).signum(),
            (false, false) => way / span,
        };
        (!f.is_nan()).then(|| f.clamp(-1e9, 1e9))
    }

    /// Where the latest check-in stands (see `fraction`); before any
    /// check-in, the key result stands at its baseline: 0.
    pub fn progress(&self) -> Option<f64> {
        self.fraction(self.latest().map_or(self.baseline?, |c| c.value))
    }

    pub fn lower_is_better(&self) -> bool {
        matches!((self.baseline, self.target), (Some(b), Some(t)) if t < b)
    }
}

fn key_result(mut k: Table<'_>, period: Option<Period>, d: &mut Diagnostics) -> KeyResult {
    let start = k.pos();
    let id = k.required_string(d, "id", "\"payout-time\"");
    let title = k.required_string(d, "title", "\"Median payout time\"");
    let unit = k.string(d, "unit").map(|s| s.value);
    let baseline = k.required_number(d, "baseline", "48");
    let target = k.required_number(d, "target", "4");
    if let (Some(b), Some(t)) = (&baseline, &target)
        && b.value == t.value
    {
        d.report(Code::InvalidValue, k.file(), t.span(), format!("the target equals the baseline ({})", t.value)).hint(
            "a key result moves from where it stood (baseline) to where it should get to (target): make them differ",
        );
    }
    let mut check_ins: Vec<CheckIn> = Vec::new();
    let mut unread_check_ins = false;
    for mut c in k.tables(d, "check_in") {
        let date = c.required_date(d, "date", "2026-07-06");
        let value = c.required_number(d, "value", "40");
        let note = c.string(d, "note").map(|s| s.value);
        c.finish(d);
        let (Some(date), Some(value)) = (date, value) else {
            unread_check_ins = true;
            continue;
        };
        if let Some(p) = period.filter(|p| !p.contains(date.value)) {
            d.report(
                Code::CheckInOutsidePeriod,
                k.file(),
                date.span(),
                format!(
                    "check-in of {} is outside the objective's period {p} ({} to {})",
                    date.value,
                    p.first_day(),
                    p.last_day()
                ),
            )
            .hint("fix the date, or measure this in an objective of the period it falls in");
        } else if let Some(before) = check_ins.last().filter(|b| b.date.value > date.value) {
            d.report(
                Code::CheckInOutOfOrder,
                k.file(),
                date.span(),
                format!("check-in of {} comes after the one of {}", date.value, before.date.value),
            )
            .hint("list check-ins oldest first");
        }
        check_ins.push(CheckIn { date, value: value.value, note });
    }
    let title = title.map(|t| t.value);
    // Without an id (reported), the title's slug stands in, so nothing else is reported for it.
    let id = id.unwrap_or_else(|| At::new(slug(title.as_deref().unwrap_or("")), start..start));
    k.finish(d);
    let baseline = baseline.map(|b| b.value);
    KeyResult {
        id,
        title: title.unwrap_or_default(),
        unit,
        baseline,
        target: target.map(|t| t.value).filter(|t| baseline != Some(*t)),
        check_ins,
        unread_check_ins,
        projects: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::{At, CheckIn, Goal, KeyResult};
    use crate::model::Doc;

    fn kr(baseline: f64, target: f64, values: &[f64]) -> KeyResult {
        let check_ins = values
            .iter()
            .enumerate()
            .map(|(i, &value)| CheckIn {
                date: At::new(jiff::civil::date(2026, 7, 6 + i as i8), 0..0),
                value,
                note: None,
            })
            .collect();
        KeyResult {
            id: At::new("k".into(), 0..0),
            title: "K".into(),
            unit: None,
            baseline: Some(baseline),
            target: Some(target),
            check_ins,
            unread_check_ins: false,
            projects: Vec::new(),
        }
    }

    #[test]
    fn progress_never_overflows() {
        let k = kr(-1.7e308, 1.7e308, &[0.0]);
        assert_eq!(k.progress(), Some(0.5));
        assert_eq!(kr(-1.7e308, 1.7e308, &[]).progress(), Some(0.0));
        assert_eq!(kr(0.0, 1e-300, &[1e300]).progress(), Some(1e9));
        assert_eq!(kr(1e-300, 0.0, &[-f64::MAX]).progress(), Some(1e9));
        assert_eq!(kr(f64::MAX, -f64::MAX, &[f64::MAX]).progress(), Some(0.0));
    }

    #[test]
    fn progress_goes_from_baseline_to_target() {
        assert_eq!(kr(10.0, 20.0, &[12.0, 15.0]).progress(), Some(0.5));
        // Lower is better: from 48 hours down to 4.
        let payout = kr(48.0, 4.0, &[40.0, 26.0]);
        assert!(payout.lower_is_better());
        assert_eq!(payout.progress(), Some(0.5));
        // Past the target, and the wrong way.
        assert_eq!(kr(48.0, 4.0, &[2.0]).progress(), Some(46.0 / 44.0));
        assert_eq!(kr(10.0, 20.0, &[5.0]).progress(), Some(-0.5));
        // No check-in yet: it stands at its baseline.
        assert_eq!(kr(48.0, 4.0, &[]).progress(), Some(0.0));
        assert!(kr(48.0, 4.0, &[]).latest().is_none());
        // No usable target: no progress.
        assert_eq!(KeyResult { target: None, ..kr(1.0, 2.0, &[1.5]) }.progress(), None);
    }

    #[test]
    fn an_objective_is_the_mean_of_its_key_results_each_within_bounds() {
        let goal = |krs: Vec<KeyResult>| Goal {
            doc: Doc { file: 0, id: "g".into(), pos: 0, aliases: Vec::new(), body: crate::markdown::Body::default() },
            title: "G".into(),
            period: None,
            owners: Vec::new(),
            parent: None,
            key_results: krs,
        };
        // 0.5, past target (counted as 1), none yet (0), wrong way (counted as 0).
        let g = goal(vec![kr(0.0, 10.0, &[5.0]), kr(48.0, 4.0, &[1.0]), kr(0.0, 1.0, &[]), kr(0.0, 1.0, &[-3.0])]);
        assert_eq!(g.progress(), Some(1.5 / 4.0));
        assert_eq!(goal(Vec::new()).progress(), None);
    }
}
