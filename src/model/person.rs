//! `people/<id>.md`: a team member (or an alumnus, once `left` has passed).

use jiff::civil::Date;

use super::{Doc, Part, Raci, Ref, Via, one_ref, read_doc, refs};
use crate::diagnostics::{Code, Diagnostics};
use crate::fields::{At, Zone};
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
    /// Whether `left` is on or before the handbook's today (set by resolve).
    pub alumnus: bool,
    /// Back-links, filled in by resolve.
    pub reports: Vec<usize>,
    pub areas: Vec<Via<(usize, Raci)>>,
    pub ceremonies: Vec<Via<(usize, Part)>>,
    pub projects: Vec<Via<usize>>,
    pub updates: Vec<usize>,
    pub pages: Vec<usize>,
}

const ALIASES: &[(&str, &str)] = &[
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

impl Person {
    pub fn read(source: &SourceFile, stem: &str, diags: &mut Diagnostics) -> Person {
        read_doc(source, stem, ALIASES, diags, |t, d| {
            let name = t.required_string(d, "name", "\"Mitra Raman\"").map_or_else(|| stem.to_string(), |s| s.value);
            let has_roles = t.has("roles");
            let roles = refs(t, d, "roles");
            if !has_roles {
                t.missing(d, "roles", "[\"engineer\"]");
            } else if roles.is_empty() {
                d.report(Code::MissingField, t.file(), t.pos(), "`roles` is empty")
                    .hint("list at least one role id, e.g. roles = [\"engineer\"]");
            }
            let mut links = Vec::new();
            if let Some(mut l) = t.table(d, "links") {
                for (key, _, text) in l.rest() {
                    match text {
                        Some(value) => links.push((key.value, value)),
                        None => {
                            d.report(
                                Code::WrongType,
                                t.file(),
                                key.pos,
                                format!("`links.{}` must be a string", key.value),
                            )
                            .hint(format!("write it like {} = \"https://...\"", key.value));
                        }
                    }
                }
            }
            let title = t.string(d, "title").map(|s| s.value);
            let manager = one_ref(t, d, "manager");
            let timezone = t.time_zone(d, "timezone").map(|z| z.value);
            let joined = t.date(d, "joined").map(|j| j.value);
            let left = t.date(d, "left");
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
                alumnus: false,
                reports: Vec::new(),
                areas: Vec::new(),
                ceremonies: Vec::new(),
                projects: Vec::new(),
                updates: Vec::new(),
                pages: Vec::new(),
            }
        })
    }

    pub fn email(&self) -> Option<&str> {
        self.links.iter().find(|(k, _)| k == "email").map(|(_, v)| v.as_str())
    }
}
