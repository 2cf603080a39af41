//! `decisions/<id>.md`: one decision of the team, with who drove and who
//! approved it (DACI), the areas and projects it is about, and the decisions
//! it replaces. Checked against the ownership in `checks::decisions`.

use jiff::civil::Date;

use super::{DOC_FIELDS, Doc, Kind, Ref, one_ref, read_doc, refs};
use crate::config::Config;
use crate::diagnostics::{Code, Diagnostics, closest};
use crate::fields::{At, Field, Schema, Ty};
use crate::source::SourceFile;

#[derive(Debug, Clone)]
pub struct Decision {
    pub doc: Doc,
    pub title: String,
    /// When it was decided (or proposed); `Date::ZERO` when missing (reported).
    pub date: Date,
    /// `None` when missing or unknown (reported).
    pub status: Option<At<Verdict>>,
    pub areas: Vec<Ref>,
    pub projects: Vec<Ref>,
    /// DACI "D": who drove it to a decision.
    pub driver: Option<Ref>,
    /// DACI "A": who decided.
    pub approvers: Vec<Ref>,
    /// DACI "C": who was consulted.
    pub contributors: Vec<Ref>,
    /// DACI "I": who was told.
    pub informed: Vec<Ref>,
    /// The decisions this one replaces.
    pub supersedes: Vec<Ref>,
    /// Revisit then; a proposed decision past it is a warning.
    pub review_by: Option<At<Date>>,
    /// Back-links, filled in by resolve: the decisions that supersede this
    /// one, and the ownership changes it made (area, index in its history).
    pub superseded_by: Vec<usize>,
    pub changes: Vec<(usize, usize)>,
}

/// Where a decision stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    Proposed,
    Accepted,
    Rejected,
    Superseded,
}

impl Verdict {
    pub const NAMES: [&str; 4] = ["proposed", "accepted", "rejected", "superseded"];

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Words people write for a status, and the status they mean.
    const SYNONYMS: [(&str, Verdict); 8] = [
        ("approved", Verdict::Accepted),
        ("decided", Verdict::Accepted),
        ("done", Verdict::Accepted),
        ("draft", Verdict::Proposed),
        ("open", Verdict::Proposed),
        ("declined", Verdict::Rejected),
        ("replaced", Verdict::Superseded),
        ("deprecated", Verdict::Superseded),
    ];

    /// What a misspelt or foreign status most likely means.
    fn meant(written: &str) -> Option<Verdict> {
        let words = Self::NAMES.into_iter().chain(Self::SYNONYMS.iter().map(|(w, _)| *w));
        let near = closest(written, words)?;
        Self::named(near).or_else(|| Self::SYNONYMS.iter().find(|(w, _)| *w == near).map(|(_, v)| *v))
    }

    fn named(name: &str) -> Option<Verdict> {
        [Verdict::Proposed, Verdict::Accepted, Verdict::Rejected, Verdict::Superseded]
            .into_iter()
            .find(|v| v.name() == name)
    }

    /// Whether what it says took effect: what an accepted decision
    /// supersedes is superseded; a proposal supersedes nothing yet.
    pub fn took_effect(self) -> bool {
        matches!(self, Verdict::Accepted | Verdict::Superseded)
    }
}

/// How someone took part in a decision, as their pages list it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Daci {
    Drove,
    Approved,
}

impl Daci {
    pub fn name(self) -> &'static str {
        match self {
            Daci::Drove => "drove",
            Daci::Approved => "approved",
        }
    }
}

const PARTY: &[Kind] = &[Kind::Role, Kind::Person];

/// The front matter of `decisions/<id>.md`.
pub static SCHEMA: Schema = Schema {
    doc: "a decision of the team (decisions/<id>.md)",
    fields: &[
        Field::required("title", Ty::Text, "what was decided, in a sentence"),
        Field::required("date", Ty::Date, "when it was decided (or proposed)"),
        Field::required("status", Ty::OneOf(&Verdict::NAMES), "proposed, accepted, rejected or superseded"),
        Field::new("areas", Ty::Ids(&[Kind::Area]), "the ownership areas it decides about"),
        Field::new("projects", Ty::Ids(&[Kind::Project]), "the projects it is about"),
        Field::new("driver", Ty::Id(PARTY), "DACI \"D\": who drove it to a decision (a person or role id)"),
        Field::new("approvers", Ty::Ids(PARTY), "DACI \"A\": who decided; expected to own its areas"),
        Field::new("contributors", Ty::Ids(PARTY), "DACI \"C\": who was consulted"),
        Field::new("informed", Ty::Ids(PARTY), "DACI \"I\": who was told"),
        Field::new(
            "supersedes",
            Ty::Ids(&[Kind::Decision]),
            "the decisions this one replaces (each then `superseded`)",
        ),
        Field::new("review_by", Ty::Date, "revisit then; a proposed decision past it is a warning"),
    ],
    common: DOC_FIELDS,
    rest: None,
    synonyms: &[
        ("name", "title"),
        ("decided", "date"),
        ("state", "status"),
        ("area", "areas"),
        ("project", "projects"),
        ("owner", "driver"),
        ("drivers", "driver"),
        ("approver", "approvers"),
        ("deciders", "approvers"),
        ("consulted", "contributors"),
        ("contributor", "contributors"),
        ("replaces", "supersedes"),
        ("review", "review_by"),
        ("revisit", "review_by"),
    ],
};

impl Decision {
    pub fn read(source: &SourceFile, stem: &str, config: &Config, diags: &mut Diagnostics) -> Decision {
        read_doc(source, stem, &SCHEMA, config, diags, |t, d| {
            let title = t
                .required_string(d, "title", "\"Engineering leads project kick-offs\"")
                .map_or_else(|| stem.to_string(), |s| s.value);
            let date = t.required_date(d, "date", "2026-01-05").map_or(Date::ZERO, |x| x.value);
            let present = t.has("status");
            let status = t.string(d, "status").and_then(|s| match Verdict::named(&s.value) {
                Some(v) => Some(At::new(v, s.span())),
                None => {
                    let hint = Verdict::meant(&s.value).map_or_else(
                        || "use proposed, accepted, rejected or superseded".into(),
                        |v| format!("did you mean \"{}\"?", v.name()),
                    );
                    d.report(Code::InvalidValue, t.file(), s.span(), format!("unknown status {:?}", s.value))
                        .hint(hint);
                    None
                }
            });
            if !present {
                t.missing(d, "status", "\"accepted\"");
            }
            let areas = refs(t, d, "areas");
            let projects = refs(t, d, "projects");
            let driver = one_ref(t, d, "driver");
            let approvers = refs(t, d, "approvers");
            let contributors = refs(t, d, "contributors");
            let informed = refs(t, d, "informed");
            let supersedes = refs(t, d, "supersedes");
            let review_by = t.date(d, "review_by");
            move |doc| Decision {
                doc,
                title,
                date,
                status,
                areas,
                projects,
                driver,
                approvers,
                contributors,
                informed,
                supersedes,
                review_by,
                superseded_by: Vec::new(),
                changes: Vec::new(),
            }
        })
    }

    /// The status, or `None` when it is missing or unknown (reported).
    pub fn verdict(&self) -> Option<Verdict> {
        self.status.as_ref().map(|s| s.value)
    }
}
