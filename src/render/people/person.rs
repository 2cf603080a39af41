//! A person's page: their roles, manager and reports, and what they own,
//! attend, drive (projects, objectives) and wrote, directly or through a role.

use serde::Serialize;

use crate::fields::url;
use crate::model::{Entity, targets};
use crate::render::lists::{List, SHOWN, Shown, shown};
use crate::render::ownership::{ChangeView, change_view};
use crate::render::views::{Facts, Item, raci_name};
use crate::urls;

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
    /// Areas, directly and through each role.
    areas: Vec<AreaGroup>,
    ceremonies: Shown,
    projects: Shown,
    goals: Shown,
    updates: Shown,
    pages: Shown,
    /// Areas whose ownership passed from this person to others.
    handed_over: Shown<ChangeView>,
    decisions: Shown,
    /// Their next turns on duty (at most `duties::PERSON_TURNS`).
    turns: Vec<crate::render::duties::TurnLine>,
    /// Their 1:1s and earlier managers.
    one_on_ones: crate::render::one_on_ones::person::PersonOneOnOnes,
}

/// The areas a person has directly, or through one of their roles.
#[derive(Serialize)]
struct AreaGroup {
    /// The role they come through; `None` for areas named with the person.
    role: Option<Item>,
    list: Shown,
}

#[derive(Serialize)]
struct ContactLink {
    label: String,
    href: String,
    text: String,
}

fn contact(key: &str, value: &str) -> ContactLink {
    let href = match key {
        // Checked when read (`model::person`): an address, or `mailto:` one.
        "email" => format!("mailto:{}", url::without_mailto(value)),
        "github" if !value.contains("://") => format!("https://github.com/{value}"),
        _ if url::web(value).is_ok() || url::email(value).is_ok() && url::scheme(value).is_some() => {
            value.trim().to_string()
        }
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
        joined: p.joined.map_or(String::new(), |d| facts.long_date(d)),
        left: p.left.as_ref().map_or(String::new(), |l| facts.long_date(l.value)),
        alumnus: p.alumnus,
        links: p.links.iter().map(|(k, v)| contact(k, v)).collect(),
        body: facts.html(p.doc.file, &p.doc.body, path),
        areas: area_groups(facts, i),
        ceremonies: shown(facts, e, List::Ceremonies),
        projects: shown(facts, e, List::Projects),
        goals: shown(facts, e, List::Goals),
        updates: shown(facts, e, List::Updates),
        pages: shown(facts, e, List::Pages),
        handed_over: {
            let changes = facts.handed_over(i);
            let items = changes.iter().take(SHOWN).map(|&(a, k)| change_view(facts, a, k)).collect();
            Shown::cut(items, changes.len(), urls::OWNERSHIP_CHANGES.to_string(), "changes")
        },
        decisions: shown(facts, e, List::Decisions),
        turns: crate::render::duties::person_turns(facts, i),
        one_on_ones: crate::render::one_on_ones::person::view(facts, i),
    }
}

/// A person's areas by how they have them: named directly first, then
/// through each role in the order of `roles`; owned, consulted, informed.
fn area_groups(facts: &Facts<'_>, i: usize) -> Vec<AreaGroup> {
    let hb = facts.hb;
    let p = &hb.people[i];
    let all = urls::list(hb, Entity::Person(i), List::Areas.slug(), 1);
    let mut vias: Vec<Option<usize>> = p.areas.iter().map(|v| v.role).collect();
    vias.sort_by_key(|via| via.map(|r| (1, targets(&p.roles).position(|e| e == Entity::Role(r)), r)));
    vias.dedup();
    vias.into_iter()
        .map(|via| {
            let mut areas: Vec<(crate::model::Raci, usize)> =
                p.areas.iter().filter(|v| v.role == via).map(|v| (v.item.1, v.item.0)).collect();
            areas.sort_unstable();
            let items =
                areas.iter().take(SHOWN).map(|&(raci, a)| facts.noted(Entity::Area(a), raci_name(raci))).collect();
            AreaGroup {
                role: via.map(|r| facts.noted(Entity::Role(r), hb.roles[r].short_name())),
                list: Shown::cut(items, areas.len(), all.clone(), List::Areas.noun()),
            }
        })
        .collect()
}
