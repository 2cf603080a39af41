//! `ownership.toml`: every area the team owns, line by line, with its owners,
//! the decision rule when they are several, RACI marks and the history of changes.

use jiff::civil::Date;

use super::{Kind, Ref, one_ref, refs};
use crate::diagnostics::{Code, Diagnostics};
use crate::fields::{At, Field, Schema, Table, Ty};
use crate::markdown::{Body, slug};
use crate::source::{FileId, SourceFile};
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
    /// Ceremonies where this area is worked on: its `ceremony` and every
    /// ceremony that lists it in `areas` (filled in by resolve).
    pub ceremonies: Vec<usize>,
}

/// One re-evaluation of an area's ownership.
#[derive(Debug, Clone)]
pub struct Change {
    pub date: At<Date>,
    pub from: Vec<Ref>,
    pub to: Vec<Ref>,
    pub reason: Option<String>,
}

/// `ownership.toml`: a list of `[[area]]`.
pub static SCHEMA: Schema = Schema {
    doc: "ownership.toml: everything the team owns, line by line",
    fields: &[Field::new("area", Ty::Tables(&AREA), "one area the team owns")],
    common: &[],
    rest: None,
    synonyms: &[("areas", "area")],
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
    ],
};

static CHANGE: Schema = Schema {
    doc: "a change of an area's owners",
    fields: &[
        Field::required("date", Ty::Date, "when it changed"),
        Field::new("from", Ty::Ids(&[Kind::Role, Kind::Person]), "the owners before"),
        Field::new("to", Ty::Ids(&[Kind::Role, Kind::Person]), "the owners after"),
        Field::new("reason", Ty::Text, "why it changed"),
    ],
    common: &[],
    rest: None,
    synonyms: &[("note", "reason"), ("why", "reason"), ("owners", "to")],
};

impl Area {
    /// Reads every `[[area]]` of the ownership file.
    pub fn read_all(source: &SourceFile, diags: &mut Diagnostics) -> Vec<Area> {
        let (doc, clean) = syntax::toml::parse(source, 0..source.text.len(), diags);
        let mut root = Table::root(source, Some(&doc), &SCHEMA, Format::Toml, &[], clean);
        let areas =
            root.tables(diags, "area").into_iter().filter_map(|t| Area::read(super::UNPLACED, t, diags)).collect();
        root.finish(diags);
        areas
    }

    /// `None` when the area has neither `id` nor `name` (reported as missing).
    fn read(file: FileId, mut t: Table<'_>, d: &mut Diagnostics) -> Option<Area> {
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
                h.finish(d);
                date.map(|date| Change { date, from, to, reason })
            })
            .collect();
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
            name: name_text,
            ceremonies: Vec::new(),
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
