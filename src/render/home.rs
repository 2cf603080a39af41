//! The home page (and the 404 page, which offers the same way in): the
//! team, its roles and people, this week's ceremonies, the latest updates and
//! every section.

use serde::Serialize;

use super::nav::nav;
use super::paging::page_of;
use super::roles::{RoleSummary, role_summaries};
use super::views::{Day, Facts, Item, LATEST, latest_updates};
use crate::model::Entity;

pub const TEMPLATE: &str = "home.html";
pub const NOT_FOUND_TEMPLATE: &str = "404.html";

/// Role cards on the home page; the roles page has them all.
const HOME_ROLES: usize = 12;

#[derive(Serialize)]
pub struct HomeView {
    description: String,
    /// The text of `pages/index.md` (or `README.md`, `_index.md`), as HTML.
    intro: String,
    /// That text has its own level-1 heading, so the template adds none.
    intro_has_h1: bool,
    roles: Vec<RoleSummary>,
    /// Roles not shown on the home page (see the roles page).
    more_roles: usize,
    week: Vec<Day>,
    ceremonies: Vec<Item>,
    updates: Vec<Item>,
    sections: Vec<Item>,
}

pub fn view(facts: &Facts<'_>) -> HomeView {
    let hb = facts.hb;
    // What the navigation leads to, but home.
    let sections =
        nav(hb).into_iter().skip(1).map(|n| Item { title: n.title, url: n.url, note: String::new() }).collect();
    let home = hb.pages.iter().find(|p| p.is_home());
    let intro = home.map_or(String::new(), |p| facts.html(p.doc.file, &p.doc.body, crate::urls::HOME));
    let intro_has_h1 = home.is_some_and(|p| p.doc.body.headings.iter().any(|h| h.level == 1));
    HomeView {
        description: hb.config.description.clone().unwrap_or_default(),
        intro,
        intro_has_h1,
        roles: role_summaries(facts).into_iter().take(HOME_ROLES).collect(),
        more_roles: hb.roles.len().saturating_sub(HOME_ROLES),
        week: facts.week().to_vec(),
        ceremonies: page_of((0..hb.ceremonies.len()).map(|c| facts.item(Entity::Ceremony(c))).collect(), 1),
        updates: latest_updates(facts.hb, LATEST).into_iter().map(|u| facts.update_item(u)).collect(),
        sections,
    }
}
