//! A role's "start here" page, for its first weeks: what it owns, the
//! meetings to attend, the people to meet, the projects in flight, the latest
//! updates and the guides it keeps.

use serde::Serialize;

use crate::model::{Entity, Raci};
use crate::render::ceremonies::CeremonyLine;
use crate::render::views::{Facts, Item, LATEST, latest_updates, part_name, raci_name, schedule};

pub const TEMPLATE: &str = "start_here.html";

#[derive(Serialize)]
pub struct StartHereView {
    role: Item,
    summary: String,
    counterpart: Option<Item>,
    counterpart_people: Vec<Item>,
    owns: Vec<Item>,
    involved: Vec<Item>,
    ceremonies: Vec<CeremonyLine>,
    people: Vec<Item>,
    projects: Vec<Item>,
    updates: Vec<Item>,
    guides: Vec<Item>,
}

pub fn view(facts: &Facts<'_>, i: usize) -> StartHereView {
    let hb = facts.hb;
    let r = &hb.roles[i];
    let counterpart = r.counterpart.as_ref().and_then(|c| c.to);
    let current = |p: &usize| !hb.people[*p].alumnus;
    let counterpart_people = match counterpart {
        Some(Entity::Role(c)) => {
            hb.roles[c].people.iter().filter(|p| current(p)).map(|&p| facts.item(Entity::Person(p))).collect()
        }
        _ => Vec::new(),
    };
    // Whom to meet: the co-leads, the others in this role, and their managers.
    let mut people: Vec<usize> = match counterpart {
        Some(Entity::Role(c)) => hb.roles[c].people.clone(),
        _ => Vec::new(),
    };
    people.extend(r.people.iter().copied());
    people.extend(r.people.iter().filter_map(|&p| match hb.people[p].manager.as_ref().and_then(|m| m.to) {
        Some(Entity::Person(m)) => Some(m),
        _ => None,
    }));
    let mut seen = std::collections::HashSet::new();
    people.retain(|p| current(p) && seen.insert(*p));
    let mut projects: Vec<usize> = r.projects.clone();
    for &p in r.people.iter().filter(|p| current(p)) {
        projects.extend(hb.people[p].projects.iter().map(|v| v.item));
    }
    projects.sort_unstable();
    projects.dedup();
    StartHereView {
        role: facts.item(Entity::Role(i)),
        summary: r.summary.clone().unwrap_or_default(),
        counterpart: counterpart.map(|e| facts.item(e)),
        counterpart_people,
        owns: r.areas.iter().filter(|(_, x)| *x == Raci::Owner).map(|&(a, _)| facts.item(Entity::Area(a))).collect(),
        involved: r
            .areas
            .iter()
            .filter(|(_, x)| *x != Raci::Owner)
            .map(|&(a, x)| facts.noted(Entity::Area(a), raci_name(x)))
            .collect(),
        ceremonies: r
            .ceremonies
            .iter()
            .map(|&(c, part)| CeremonyLine {
                ceremony: facts.noted(Entity::Ceremony(c), part_name(part)),
                schedule: schedule(&hb.ceremonies[c]),
            })
            .collect(),
        people: people.into_iter().map(|p| facts.party(Entity::Person(p))).collect(),
        projects: projects
            .into_iter()
            .filter(|&p| facts.in_flight(p))
            .map(|p| facts.noted(Entity::Project(p), facts.stage_name(hb.projects[p].stage)))
            .collect(),
        updates: latest_updates(facts.hb, LATEST).into_iter().map(|u| facts.update_item(u)).collect(),
        guides: facts
            .sections
            .values()
            .flatten()
            .filter(|&&p| owned_by_role(facts, p, i))
            .map(|&p| facts.item(Entity::Page(p)))
            .collect(),
    }
}

fn owned_by_role(facts: &Facts<'_>, page: usize, role: usize) -> bool {
    facts.hb.pages[page].owner.as_ref().and_then(|o| o.to) == Some(Entity::Role(role))
}
