//! A person's page: their roles, manager and reports, and what they own,
//! attend, drive and wrote, directly or through a role.

use serde::Serialize;

use crate::model::{Entity, Raci, Via, targets};
use crate::render::views::{Facts, Item, ceremony_parts, long_date, raci_name, via_note};

pub const TEMPLATE: &str = "person.html";

#[derive(Serialize)]
pub struct PersonView {
    name: String,
    title: String,
    roles: Vec<Item>,
    manager: Option<Item>,
    reports: Vec<Item>,
    timezone: String,
    joined: String,
    left: String,
    alumnus: bool,
    links: Vec<ContactLink>,
    body: String,
    areas: Vec<Item>,
    ceremonies: Vec<Item>,
    projects: Vec<Item>,
    updates: Vec<Item>,
    pages: Vec<Item>,
}

#[derive(Serialize)]
struct ContactLink {
    label: String,
    href: String,
    text: String,
}

/// Areas owned first, then consulted, then informed.
fn sorted_by_mark(areas: &[Via<(usize, Raci)>]) -> Vec<&Via<(usize, Raci)>> {
    let mut sorted: Vec<_> = areas.iter().collect();
    sorted.sort_by_key(|v| (v.item.1, v.item.0));
    sorted
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
    PersonView {
        name: p.name.clone(),
        title: p.title.clone().unwrap_or_default(),
        roles: targets(&p.roles).map(|e| facts.item(e)).collect(),
        manager: p.manager.as_ref().and_then(|m| m.to).map(|e| facts.item(e)),
        reports: p
            .reports
            .iter()
            .filter(|&&r| !hb.people[r].alumnus)
            .map(|&r| facts.party(Entity::Person(r)))
            .collect(),
        timezone: p.timezone.as_ref().map_or(String::new(), |z| z.name.clone()),
        joined: p.joined.map_or(String::new(), long_date),
        left: p.left.as_ref().map_or(String::new(), |l| long_date(l.value)),
        alumnus: p.alumnus,
        links: p.links.iter().map(|(k, v)| contact(k, v)).collect(),
        body: facts.html(p.doc.file, &p.doc.body, path),
        areas: sorted_by_mark(&p.areas)
            .into_iter()
            .map(|v| {
                let via = via_note(facts, v);
                let note = if via.is_empty() {
                    raci_name(v.item.1).to_string()
                } else {
                    format!("{} {via}", raci_name(v.item.1))
                };
                facts.noted(Entity::Area(v.item.0), note)
            })
            .collect(),
        ceremonies: ceremony_parts(facts, &p.ceremonies),
        projects: p
            .projects
            .iter()
            .map(|v| {
                let stage = facts.stage_name(hb.projects[v.item].stage);
                let via = via_note(facts, v);
                facts.noted(Entity::Project(v.item), if via.is_empty() { stage } else { format!("{stage}, {via}") })
            })
            .collect(),
        updates: p.updates.iter().map(|&u| facts.update_item(u)).rev().collect(),
        pages: p.pages.iter().map(|&g| facts.item(Entity::Page(g))).collect(),
    }
}
