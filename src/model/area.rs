//! `ownership.toml`: every area the team owns, line by line, with its owners,
//! the decision rule when they are several, RACI marks, what each role is
//! expected to do, when its ownership was last reviewed and the history of
//! changes.

use jiff::civil::Date;

use super::review::{INTERVAL_WORDS, Interval, Standing};
use super::{Kind, Ref, one_ref, refs};
use crate::diagnostics::{Code, Diagnostics};
use crate::fields::{At, Field, Schema, Table, Ty};
use crate::markdown::{Body, slug};
use crate::source::{FileId, SourceFile};
use crate::syntax::Value;
use crate::syntax::{self, Format};

pub const FILE_NAME: &str = "ownership.toml";

#[derive(Debug, Clone)]
pub struct Area {
    pub file: FileId,
    pub id: String,
    /// Where the area is defined (its `id`, else its `name`).
    pub pos: usize,
    pub name: String,
    pub group: Option<String>,
    pub owners: Vec<Ref>,
    pub decision: Option<String>,
    pub consulted: Vec<Ref>,
    pub informed: Vec<Ref>,
    pub ceremony: Option<Ref>,
    pub notes: Option<Body>,
    pub history: Vec<Change>,
    /// How often its ownership is reviewed: its own `review_every`, else the
    /// file's.
    pub review_every: Option<Interval>,
    pub reviewed: Option<At<Date>>,
    pub reviewed_by: Vec<Ref>,
    /// What each role or person contributes (`[area.expect]`), in file order.
    pub expect: Vec<(Ref, String)>,
    /// Ceremonies where this area is worked on: its `ceremony` and every
    /// ceremony that lists it in `areas` (filled in by resolve).
    pub ceremonies: Vec<usize>,
    /// Decisions about this area (filled in by resolve).
    pub decisions: Vec<usize>,
}

/// One re-evaluation of an area's ownership.
#[derive(Debug, Clone)]
pub struct Change {
    pub date: At<Date>,
    pub from: Vec<Ref>,
    pub to: Vec<Ref>,
    pub reason: Option<String>,
    /// The decision that made the change.
    pub decision: Option<Ref>,
}

/// What `review_every` means, for the schema and the README.
const REVIEW_EVERY: &str =
    "how often ownership is reviewed: \"month\", \"quarter\", \"half\", \"year\", or days (\"90d\")";

/// `ownership.toml`: a list of `[[area]]`.
pub static SCHEMA: Schema = Schema {
    doc: "ownership.toml: everything the team owns, line by line",
    fields: &[
        Field::new("review_every", Ty::Text, REVIEW_EVERY),
        Field::new("area", Ty::Tables(&AREA), "one area the team owns"),
    ],
    common: &[],
    rest: None,
    synonyms: &[("areas", "area"), ("review", "review_every"), ("review_interval", "review_every")],
};

static AREA: Schema = Schema {
    doc: "an area the team owns",
    fields: &[
        Field::new("id", Ty::Text, "the id (default: the slug of `name`)"),
        Field::required("name", Ty::Text, "what is owned: \"Sprint planning\""),
        Field::new("group", Ty::Text, "the heading it sits under in the matrix"),
        Field::new("owners", Ty::Ids(&[Kind::Role, Kind::Person]), "who answers for it: role or person ids"),
        Field::new("decision", Ty::Text, "how the owners decide when they disagree (expected with several owners)"),
        Field::new("consulted", Ty::Ids(&[Kind::Role, Kind::Person]), "RACI \"C\": asked before deciding"),
        Field::new("informed", Ty::Ids(&[Kind::Role, Kind::Person]), "RACI \"I\": told after"),
        Field::new("ceremony", Ty::Id(&[Kind::Ceremony]), "where the area is worked on"),
        Field::new("notes", Ty::Markdown, "anything else, in Markdown"),
        Field::new("expect", Ty::Table(&EXPECT), "what each role or person contributes: `role-id = \"...\"`"),
        Field::new("review_every", Ty::Text, "overrides the file's `review_every` for this area"),
        Field::new("reviewed", Ty::Date, "when its ownership was last reviewed"),
        Field::new("reviewed_by", Ty::Ids(&[Kind::Role, Kind::Person]), "who reviewed it: role or person ids"),
        Field::new("history", Ty::Tables(&CHANGE), "ownership changes, oldest first"),
    ],
    common: &[],
    rest: None,
    synonyms: &[
        ("owner", "owners"),
        ("title", "name"),
        ("decision_rule", "decision"),
        ("tiebreaker", "decision"),
        ("consult", "consulted"),
        ("inform", "informed"),
        ("ceremonies", "ceremony"),
        ("description", "notes"),
        ("changes", "history"),
        ("expectations", "expect"),
        ("expects", "expect"),
        ("last_review", "reviewed"),
        ("reviewed_on", "reviewed"),
        ("reviewers", "reviewed_by"),
    ],
};

static EXPECT: Schema = Schema {
    doc: "what each role or person contributes to the area, by role or person id",
    fields: &[],
    common: &[],
    rest: Some(Ty::Text),
    synonyms: &[],
};

static CHANGE: Schema = Schema {
    doc: "a change of an area's owners",
    fields: &[
        Field::required("date", Ty::Date, "when it changed"),
        Field::new("from", Ty::Ids(&[Kind::Role, Kind::Person]), "the owners before"),
        Field::new("to", Ty::Ids(&[Kind::Role, Kind::Person]), "the owners after"),
        Field::new("reason", Ty::Text, "why it changed"),
        Field::new("decision", Ty::Id(&[Kind::Decision]), "the decision that made the change (a decision id)"),
    ],
    common: &[],
    rest: None,
    synonyms: &[("note", "reason"), ("why", "reason"), ("owners", "to"), ("decided_by", "decision")],
};

impl Area {
    /// Where its ownership review stands on `today`.
    pub fn standing(&self, today: Date) -> Standing {
        Standing::of(self.reviewed.as_ref().map(|r| r.value), self.review_every, today)
    }

    /// Reads every `[[area]]` of the ownership file.
    pub fn read_all(source: &SourceFile, diags: &mut Diagnostics) -> Vec<Area> {
        let (doc, clean) = syntax::toml::parse(source, 0..source.text.len(), diags);
        let mut root = Table::root(source, Some(&doc), &SCHEMA, Format::Toml, &[], clean);
        let every = interval(&mut root, diags);
        let areas = root
            .tables(diags, "area")
            .into_iter()
            .filter_map(|t| Area::read(super::UNPLACED, t, every, diags))
            .collect();
        root.finish(diags);
        areas
    }

    /// `None` when the area has neither `id` nor `name` (reported as missing).
    fn read(file: FileId, mut t: Table<'_>, every: Option<Interval>, d: &mut Diagnostics) -> Option<Area> {
        let (file_of, t_format) = (t.file(), t.format());
        let id = t.string(d, "id");
        let name = t.required_string(d, "name", "\"Sprint planning\"");
        let pos = id.as_ref().or(name.as_ref()).map_or(t.pos(), |a| a.pos);
        let (id_at, name_at) = (id.as_ref().map(At::span), name.as_ref().map(At::span));
        let name_text = name.map_or_else(String::new, |n| n.value);
        let notes = t.string(d, "notes").map(|n| {
            let mut body = Body::analyze(&n.value, 0, Some(n.pos));
            body.inline = Some(n.value);
            body
        });
        let history = t
            .tables(d, "history")
            .into_iter()
            .filter_map(|mut h| {
                let date = h.required_date(d, "date", "2026-01-05");
                let from = refs(&mut h, d, "from");
                let to = refs(&mut h, d, "to");
                let reason = h.string(d, "reason").map(|r| r.value);
                let decision = one_ref(&mut h, d, "decision");
                h.finish(d);
                date.map(|date| Change { date, from, to, reason, decision })
            })
            .collect();
        let expect = t.table(d, "expect").map_or_else(Vec::new, |mut e| {
            let mut out: Vec<(Ref, String)> = e
                .rest()
                .into_iter()
                .filter_map(|(key, node)| match &node.value {
                    Value::String(s) => Some((Ref::from(key), s.clone())),
                    other => {
                        d.report(
                            Code::WrongType,
                            e.file(),
                            node.span.clone(),
                            format!("`expect.{}` must be a string, not {}", key.value, other.type_name()),
                        )
                        .hint(format!(
                            "say in words what {} does here, e.g. {} = \"Confirms capacity\"",
                            key.value, key.value
                        ));
                        None
                    }
                })
                .collect();
            e.finish(d);
            // In the order written (the parsed table is sorted by key).
            out.sort_by_key(|(r, _)| r.pos);
            out
        });
        let review_every = interval(&mut t, d).or(every);
        let reviewed = t.date(d, "reviewed");
        let reviewed_by = refs(&mut t, d, "reviewed_by");
        let area = Area {
            file,
            id: id.map_or_else(|| slug(&name_text), |i| i.value),
            pos,
            group: t.string(d, "group").map(|g| g.value),
            owners: refs(&mut t, d, "owners"),
            decision: t.string(d, "decision").map(|s| s.value).filter(|s| !s.trim().is_empty()),
            consulted: refs(&mut t, d, "consulted"),
            informed: refs(&mut t, d, "informed"),
            ceremony: one_ref(&mut t, d, "ceremony"),
            notes,
            history,
            review_every,
            reviewed,
            reviewed_by,
            expect,
            name: name_text,
            ceremonies: Vec::new(),
            decisions: Vec::new(),
        };
        t.finish(d);
        // Every line of the file ends up in the matrix or in an error.
        if area.id.is_empty() {
            let example = t_format.assignment("id", "\"sprint-planning\"");
            match (id_at, name_at) {
                (Some(at), _) => {
                    d.report(Code::InvalidId, file_of, at, "`id` is empty")
                        .hint(format!("write an id such as {example}, or remove `id` to make one from the name"));
                }
                (None, Some(at)) => {
                    d.report(
                        Code::InvalidId,
                        file_of,
                        at,
                        format!("area {:?} has no letter or digit to make its id from", area.name),
                    )
                    .hint(format!("set its id: {example}"));
                }
                // The missing name is reported already.
                (None, None) => {}
            }
            return None;
        }
        Some(area)
    }
}

/// The `review_every` of a table, reported when it is none of the forms.
pub(super) fn interval(t: &mut Table<'_>, d: &mut Diagnostics) -> Option<Interval> {
    let written = t.string(d, "review_every")?;
    let parsed = Interval::parse(&written.value);
    if parsed.is_none() {
        d.report(
            Code::InvalidValue,
            t.file(),
            written.span(),
            format!("`{}` {:?} is not an interval", t.name("review_every"), written.value),
        )
        .hint(format!(
            "write one of {}, or a number of days such as \"90d\"",
            INTERVAL_WORDS.map(|w| format!("\"{w}\"")).join(", ")
        ));
    }
    parsed
}
