//! The roles: the role cards (on the roles page and the home page), each
//! role's page and its "start here" onboarding page.

pub mod first_week;
pub mod role;
pub mod start_here;

use serde::Serialize;

use super::paging::page_of;
use super::views::{Facts, Item};
use crate::model::Entity;
use crate::urls;

/// The roles page: every role's card, a page of them at a time.
pub const TEMPLATE: &str = "roles.html";

/// A role's card: its short name, summary, current people and onboarding page.
#[derive(Serialize)]
pub struct RoleSummary {
    role: Item,
    summary: String,
    people: Vec<Item>,
    start_here: String,
}

pub fn role_summary(facts: &Facts<'_>, i: usize) -> RoleSummary {
    let hb = facts.hb;
    let r = &hb.roles[i];
    RoleSummary {
        role: facts.noted(Entity::Role(i), r.short.clone().unwrap_or_default()),
        summary: r.summary.clone().unwrap_or_default(),
        people: r.people.iter().filter(|&&p| !hb.people[p].alumnus).map(|&p| facts.item(Entity::Person(p))).collect(),
        start_here: urls::page(hb, Entity::StartHere(i)),
    }
}

#[derive(Serialize)]
pub struct RolesView {
    roles: Vec<RoleSummary>,
}

pub fn view(facts: &Facts<'_>, n: usize) -> RolesView {
    RolesView {
        roles: page_of((0..facts.hb.roles.len()).collect(), n).into_iter().map(|r| role_summary(facts, r)).collect(),
    }
}
