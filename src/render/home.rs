//! The home page: the team, its roles and people, this week's ceremonies on
//! the time grid, what changed in the handbook this week, the latest
//! updates. And the 404 page, which offers the ways in that the navigation
//! offers.

use serde::Serialize;

use super::ceremonies::week::{WeekView, week};
use super::nav::nav;
use super::roles::{RoleSummary, role_summary};
use super::updates::digest::DigestView;
use super::views::{Facts, Item, LATEST, latest_updates};
use crate::digest::week_of;
use crate::urls;

pub const TEMPLATE: &str = "home.html";
pub const NOT_FOUND_TEMPLATE: &str = "404.html";

/// Role cards on the home page; the roles page has them all.
const HOME_ROLES: usize = 12;

#[derive(Serialize)]
pub struct HomeView {
    description: String,
    /// The team card's summary, when there is a card.
    card: Option<super::team::CardSummary>,
    /// The text of `pages/index.md` (or `README.md`, `_index.md`), as HTML.
    intro: String,
    /// That text has its own level-1 heading, so the template adds none.
    intro_has_h1: bool,
    roles: Vec<RoleSummary>,
    /// Roles not shown on the home page (see the roles page).
    more_roles: usize,
    week: WeekView,
    updates: Vec<Item>,
    /// What changed in the handbook this week.
    digest: DigestView,
    /// Who is on each duty this week.
    duties: Vec<super::duties::OnDuty>,
    /// Duties not shown (see the duties index).
    more_duties: usize,
}

pub fn view(facts: &Facts<'_>) -> HomeView {
    let hb = facts.hb;
    let home = hb.pages.iter().find(|p| p.is_home());
    let intro = home.map_or(String::new(), |p| facts.html(p.doc.file, &p.doc.body, crate::urls::HOME));
    let intro_has_h1 = home.is_some_and(|p| p.doc.body.headings.iter().any(|h| h.level == 1));
    HomeView {
        description: hb.config.description.clone().unwrap_or_default(),
        card: super::team::summary(facts),
        intro,
        intro_has_h1,
        roles: (0..hb.roles.len().min(HOME_ROLES)).map(|r| role_summary(facts, r)).collect(),
        more_roles: hb.roles.len().saturating_sub(HOME_ROLES),
        week: week(facts, &(0..hb.ceremonies.len().min(urls::PER_PAGE)).collect::<Vec<_>>()),
        updates: latest_updates(facts.hb, LATEST).into_iter().map(|u| facts.update_item(u)).collect(),
        digest: super::updates::digest::view(facts, week_of(hb.today)),
        duties: super::duties::home(facts),
        more_duties: hb.duties.len().saturating_sub(super::duties::SHOWN_DUTIES),
    }
}

#[derive(Serialize)]
pub struct NotFoundView {
    /// Where the navigation leads, but home.
    sections: Vec<Item>,
}

pub fn not_found(facts: &Facts<'_>) -> NotFoundView {
    let sections =
        nav(facts.hb).into_iter().skip(1).map(|n| Item { title: n.title, url: n.url, note: String::new() }).collect();
    NotFoundView { sections }
}
