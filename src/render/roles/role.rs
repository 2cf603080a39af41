//! A role's page: what it is for, who holds it, what it owns, its
//! ceremonies, projects and objectives.

use serde::Serialize;

use crate::model::Entity;
use crate::render::lists::{List, Shown, shown};
use crate::render::views::{Facts, Party};
use crate::urls;

pub const TEMPLATE: &str = "role.html";

#[derive(Serialize)]
pub struct RoleView {
    short: String,
    summary: String,
    focus: Vec<String>,
    counterpart: Option<Party>,
    body: String,
    people: Shown,
    alumni: Shown,
    areas: Shown,
    ceremonies: Shown,
    projects: Shown,
    decisions: Shown,
    goals: Shown,
    start_here: String,
}

pub fn view(facts: &Facts<'_>, i: usize, path: &str) -> RoleView {
    let hb = facts.hb;
    let r = &hb.roles[i];
    let e = Entity::Role(i);
    RoleView {
        short: r.short.clone().unwrap_or_default(),
        summary: r.summary.clone().unwrap_or_default(),
        focus: r.focus.clone(),
        counterpart: r.counterpart.as_ref().and_then(|c| c.to).map(|e| facts.who(e)),
        body: facts.html(r.doc.file, &r.doc.body, path),
        people: shown(facts, e, List::People),
        alumni: shown(facts, e, List::Former),
        areas: shown(facts, e, List::Areas),
        ceremonies: shown(facts, e, List::Ceremonies),
        projects: shown(facts, e, List::Projects),
        decisions: shown(facts, e, List::Decisions),
        goals: shown(facts, e, List::Goals),
        start_here: urls::page(hb, Entity::StartHere(i)),
    }
}
