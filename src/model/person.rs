//! `people/<id>.md`: a team member (or an alumnus, once `left` has passed).

use jiff::civil::Date;

use super::{DOC_FIELDS, Daci, Doc, Kind, Part, Raci, Ref, Via, one_ref, read_doc, refs};
use crate::config::Config;
use crate::diagnostics::{Code, Diagnostics};
use crate::fields::{At, Field, Schema, Table, Ty, Zone, url};
use crate::source::SourceFile;

#[derive(Debug, Clone)]
pub struct Person {
    pub doc: Doc,
    pub name: String,
    pub roles: Vec<Ref>,
    pub title: Option<String>,
    pub manager: Option<Ref>,
    pub timezone: Option<Zone>,
    pub joined: Option<Date>,
    pub left: Option<At<Date>>,
    /// `links = { github = "mitra", email = "..." }`, in key order.
    pub links: Vec<(String, String)>,
    /// Their earlier managers, oldest first (`[[history]]`).
    pub history: Vec<ManagerChange>,
    /// Whether `left` is on or before the handbook's today (set by resolve).
    pub alumnus: bool,
    /// Back-links, filled in by resolve.
    pub reports: Vec<usize>,
    pub areas: Vec<Via<(usize, Raci)>>,
    pub ceremonies: Vec<Via<(usize, Part)>>,
    pub projects: Vec<Via<usize>>,
    /// Objectives they own, directly or through a role.
    pub goals: Vec<Via<usize>>,
    pub updates: Vec<usize>,
    pub pages: Vec<usize>,
    /// Decisions they drove or approved, directly or through a role.
    pub decisions: Vec<Via<(usize, Daci)>>,
}

/// The front matter of `people/<id>.md`.
pub static SCHEMA: Schema = Schema {
    doc: "a person on the team (people/<id>.md)",
    fields: &[
        Field::required("name", Ty::Text, "full name"),
        Field::required("roles", Ty::Ids(&[Kind::Role]), "the roles they hold (role ids), at least one"),
        Field::new("title", Ty::Text, "a display title"),
        Field::new("manager", Ty::Id(&[Kind::Person]), "their manager (a person id), for the org chart"),
        Field::new("timezone", Ty::Zone, "the IANA time zone they work in"),
        Field::new("joined", Ty::Date, "when they joined"),
        Field::new("left", Ty::Date, "when they left: from then on, an alumnus"),
        Field::new("links", Ty::Table(&LINKS), "addresses: github, email (used for calendar invitations), ..."),
        Field::new(
            "history",
            Ty::Tables(&HISTORY),
            "earlier managers, oldest first: until `date`, `manager` was theirs",
        ),
    ],
    common: DOC_FIELDS,
    rest: None,
    synonyms: SYNONYMS,
};

/// An earlier manager: theirs until `date`, with the agenda of their 1:1s.
#[derive(Debug, Clone)]
pub struct ManagerChange {
    /// The day the manager changed: `manager` was theirs until then.
    pub date: At<Date>,
    pub manager: Ref,
    pub agenda_doc: Option<String>,
}

static HISTORY: Schema = Schema {
    doc: "an earlier manager, until the day the manager changed",
    fields: &[
        Field::required("date", Ty::Date, "the day the manager changed: `manager` was theirs until then"),
        Field::required("manager", Ty::Id(&[Kind::Person]), "the earlier manager (a person id)"),
        Field::new("agenda_doc", Ty::Url, "the running agenda of the 1:1s with that manager"),
    ],
    common: &[],
    rest: None,
    synonyms: &[("until", "date"), ("to", "date"), ("agenda", "agenda_doc"), ("was", "manager")],
};

static LINKS: Schema =
    Schema { doc: "addresses of a person, by name", fields: &[], common: &[], rest: Some(Ty::Text), synonyms: &[] };

const SYNONYMS: &[(&str, &str)] = &[
    ("role", "roles"),
    ("tz", "timezone"),
    ("time_zone", "timezone"),
    ("start", "joined"),
    ("started", "joined"),
    ("start_date", "joined"),
    ("end", "left"),
    ("end_date", "left"),
    ("email", "links = { email = \"...\" }"),
    ("github", "links = { github = \"...\" }"),
    ("reports_to", "manager"),
];

/// What is wrong with a value of `links`, which the person's page links to:
/// `email` is an email address; any other written as an address (`https:`,
/// `mailto:`, `javascript:`, `//host`) must be a web or email one. Other text
/// is a handle shown as it is (`github = "mitra"` links to its profile).
fn link_problem(key: &str, value: &str) -> Option<url::Problem> {
    let scheme = url::scheme(value);
    if key == "email" || scheme.as_deref() == Some("mailto") {
        url::email(value).err()
    } else if url::is_address(value) {
        url::web(value).err()
    } else {
        None
    }
}

impl Person {
    pub fn read(source: &SourceFile, stem: &str, config: &Config, diags: &mut Diagnostics) -> Person {
        read_doc(source, stem, &SCHEMA, config, diags, |t, d| {
            let name = t.required_string(d, "name", "\"Mitra Raman\"").map_or_else(|| stem.to_string(), |s| s.value);
            let roles_at = t.span_of("roles");
            let roles = refs(t, d, "roles");
            match roles_at {
                None => t.missing(d, "roles", "[\"engineer\"]"),
                Some(at) if roles.is_empty() => {
                    let example = t.format().assignment("roles", "[\"engineer\"]");
                    d.report(Code::MissingField, t.file(), at, "`roles` is empty")
                        .hint(format!("list at least one role id, e.g. {example}"));
                }
                Some(_) => {}
            }
            let mut links = Vec::new();
            if let Some(mut l) = t.table(d, "links") {
                for (key, node) in l.rest() {
                    match node.value.as_str() {
                        Some(value) => match link_problem(&key.value, value) {
                            Some(problem) => l.bad_address(d, &key.value, value, node.span.clone(), &problem),
                            None => links.push((key.value, value.to_string())),
                        },
                        None => {
                            let example = l.format().assignment(&key.value, "\"https://...\"");
                            d.report(
                                Code::WrongType,
                                t.file(),
                                node.span.clone(),
                                format!("`links.{}` must be a string, not {}", key.value, node.value.type_name()),
                            )
                            .hint(format!("write it like {example}"));
                        }
                    }
                }
                l.finish(d);
            }
            let title = t.string(d, "title").map(|s| s.value);
            let manager = one_ref(t, d, "manager");
            let timezone = t.time_zone(d, "timezone").map(|z| z.value);
            let joined = t.date(d, "joined").map(|j| j.value);
            let left = t.date(d, "left");
            let history = history(t, d);
            move |doc| Person {
                doc,
                name,
                roles,
                title,
                manager,
                timezone,
                joined,
                left,
                links,
                history,
                alumnus: false,
                reports: Vec::new(),
                areas: Vec::new(),
                ceremonies: Vec::new(),
                projects: Vec::new(),
                goals: Vec::new(),
                updates: Vec::new(),
                pages: Vec::new(),
                decisions: Vec::new(),
            }
        })
    }

    /// Who their manager was on `day`: an earlier one from `history`, else `manager`.
    pub fn manager_on(&self, day: Date) -> Option<&Ref> {
        self.history.iter().find(|h| day < h.date.value).map(|h| &h.manager).or(self.manager.as_ref())
    }

    pub fn email(&self) -> Option<&str> {
        self.links.iter().find(|(k, _)| k == "email").map(|(_, v)| url::without_mailto(v))
    }
}

/// The `[[history]]` of managers, reported out of order.
fn history(t: &mut Table<'_>, d: &mut Diagnostics) -> Vec<ManagerChange> {
    let mut out: Vec<ManagerChange> = Vec::new();
    for mut h in t.tables(d, "history") {
        let date = h.required_date(d, "date", "2026-03-02");
        let manager = one_ref(&mut h, d, "manager");
        if !h.has("manager") {
            h.missing(d, "manager", "\"sam\"");
        }
        let agenda_doc = h.string(d, "agenda_doc").map(|s| s.value);
        if let (Some(date), Some(last)) = (&date, out.last())
            && date.value <= last.date.value
        {
            d.report(
                Code::InvalidValue,
                h.file(),
                date.span(),
                format!("this change of manager ({}) is not after the one before it ({})", date.value, last.date.value),
            )
            .hint("list earlier managers oldest first, each with the day they stopped being the manager");
        }
        h.finish(d);
        if let (Some(date), Some(manager)) = (date, manager) {
            out.push(ManagerChange { date, manager, agenda_doc });
        }
    }
    out
}
