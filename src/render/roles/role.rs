//! A role's page: what it is for, who holds it, what it owns, its
//! ceremonies and projects.

use serde::Serialize;

use crate::model::Entity;
use crate::render::views::{Facts, Item, part_name, raci_name};
use crate::urls;

pub const TEMPLATE: &str = "role.html";

#[derive(Serialize)]
pub struct RoleView {
    short: String,
    summary: String,
    focus: Vec<String>,
    counterpart: Option<Item>,
    body: String,
    people: Vec<Item>,
    alumni: Vec<Item>,
    areas: Vec<Item>,
    ceremonies: Vec<Item>,
    projects: Vec<Item>,
    start_here: String,
}

pub fn view(facts: &Facts<'_>, i: usize, path: &str) -> RoleView {
    let hb = facts.hb;
    let r = &hb.roles[i];
    let (alumni, people): (Vec<usize>, Vec<usize>) = r.people.iter().partition(|&&p| hb.people[p].alumnus);
    RoleView {
        short: r.short.clone().unwrap_or_default(),
        summary: r.summary.clone().unwrap_or_default(),
        focus: r.focus.clone(),
        counterpart: r.counterpart.as_ref().and_then(|c| c.to).map(|e| facts.item(e)),
        body: facts.html(r.doc.file, &r.doc.body, path),
        people: people.into_iter().map(|p| facts.item(Entity::Person(p))).collect(),
        alumni: alumni.into_iter().map(|p| facts.item(Entity::Person(p))).collect(),
        areas: {
            let mut areas = r.areas.clone();
            areas.sort_by_key(|&(a, raci)| (raci, a));
            areas.into_iter().map(|(a, raci)| facts.noted(Entity::Area(a), raci_name(raci))).collect()
        },
        ceremonies: r.ceremonies.iter().map(|&(c, part)| facts.noted(Entity::Ceremony(c), part_name(part))).collect(),
        projects: r
            .projects
            .iter()
            .map(|&p| facts.noted(Entity::Project(p), facts.stage_name(hb.projects[p].stage)))
            .collect(),
        start_here: urls::page(hb, Entity::StartHere(i)),
    }
}
