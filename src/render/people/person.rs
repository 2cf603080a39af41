//! A person's page: their roles, manager and reports, and what they own,
//! attend, drive and wrote, directly or through a role.

use serde::Serialize;

use crate::model::{Entity, targets};
use crate::render::lists::{List, Shown, shown};
use crate::render::views::{Facts, Item, long_date};

pub const TEMPLATE: &str = "person.html";

#[derive(Serialize)]
pub struct PersonView {
    name: String,
    title: String,
    roles: Vec<Item>,
    manager: Option<Item>,
    reports: Shown,
    timezone: String,
    joined: String,
    left: String,
    alumnus: bool,
    links: Vec<ContactLink>,
    body: String,
    areas: Shown,
    ceremonies: Shown,
    projects: Shown,
    updates: Shown,
    pages: Shown,
}

#[derive(Serialize)]
struct ContactLink {
    label: String,
    href: String,
    text: String,
}

fn contact(key: &str, value: &str) -> ContactLink {
    let href = match key {
        "email" => format!("mailto:{value}"),
        "github" if !value.contains("://") => format!("https://github.com/{value}"),
        _ if value.starts_with("https://") || value.starts_with("http://") => value.to_string(),
        _ => String::new(),
    };
    let label = match key {
        "email" => "Email".to_string(),
        "github" => "GitHub".to_string(),
        other => other.replace('_', " "),
    };
    ContactLink { label, href, text: value.to_string() }
}

pub fn view(facts: &Facts<'_>, i: usize, path: &str) -> PersonView {
    let hb = facts.hb;
    let p = &hb.people[i];
    let e = Entity::Person(i);
    PersonView {
        name: p.name.clone(),
        title: p.title.clone().unwrap_or_default(),
        roles: targets(&p.roles).map(|e| facts.item(e)).collect(),
        manager: p.manager.as_ref().and_then(|m| m.to).map(|e| facts.item(e)),
        reports: shown(facts, e, List::Reports),
        timezone: p.timezone.as_ref().map_or(String::new(), |z| z.name.clone()),
        joined: p.joined.map_or(String::new(), long_date),
        left: p.left.as_ref().map_or(String::new(), |l| long_date(l.value)),
        alumnus: p.alumnus,
        links: p.links.iter().map(|(k, v)| contact(k, v)).collect(),
        body: facts.html(p.doc.file, &p.doc.body, path),
        areas: shown(facts, e, List::Areas),
        ceremonies: shown(facts, e, List::Ceremonies),
        projects: shown(facts, e, List::Projects),
        updates: shown(facts, e, List::Updates),
        pages: shown(facts, e, List::Pages),
    }
}
