//! `ownership.toml`: every area the team owns, line by line, with its owners,
//! the decision rule when they are several, RACI marks and the history of changes.

use jiff::civil::Date;

use super::{Ref, one_ref, refs};
use crate::diagnostics::Diagnostics;
use crate::fields::{self, At, Table};
use crate::markdown::{Body, slug};
use crate::source::{FileId, SourceFile};

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

const ALIASES: &[(&str, &str)] = &[
    ("owner", "owners"),
    ("title", "name"),
    ("decision_rule", "decision"),
    ("tiebreaker", "decision"),
    ("consult", "consulted"),
    ("inform", "informed"),
    ("ceremonies", "ceremony"),
    ("description", "notes"),
    ("changes", "history"),
];

impl Area {
    /// Reads every `[[area]]` of the ownership file.
    pub fn read_all(source: &SourceFile, diags: &mut Diagnostics) -> Vec<Area> {
        let (doc, clean) = fields::parse(source, 0..source.text.len(), diags);
        let mut root = Table::root(source, 0, Some(doc.get_ref()), !clean);
        let areas =
            root.tables(diags, "area").into_iter().filter_map(|t| Area::read(super::UNPLACED, t, diags)).collect();
        root.finish(diags, &[("areas", "area")]);
        areas
    }

    /// `None` when the area has neither `id` nor `name` (reported as missing).
    fn read(file: FileId, mut t: Table<'_>, d: &mut Diagnostics) -> Option<Area> {
        let id = t.string(d, "id");
        let name = t.required_string(d, "name", "\"Sprint planning\"");
        let pos = id.as_ref().or(name.as_ref()).map_or(t.pos(), |a| a.pos);
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
                h.finish(d, &[("note", "reason"), ("why", "reason"), ("owners", "to")]);
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
        t.finish(d, ALIASES);
        (!area.id.is_empty()).then_some(area)
    }
}
