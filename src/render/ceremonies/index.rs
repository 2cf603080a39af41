//! The ceremonies page: this week in the team's time zone, each role's share
//! of facilitation, and every ceremony with its schedule.

use serde::Serialize;

use super::{CeremonyLine, webcal};
use crate::model::Entity;
use crate::render::paging::page_of;
use crate::render::views::{self, Day, Facts, Item, schedule};
use crate::urls;

pub const TEMPLATE: &str = "ceremonies.html";

#[derive(Serialize)]
pub struct CeremoniesView {
    ics: String,
    webcal: String,
    week: Vec<Day>,
    ceremonies: Vec<CeremonyLine>,
    shares: Vec<ShareLine>,
    timezone: String,
}

#[derive(Serialize)]
struct ShareLine {
    role: Item,
    per_month: f64,
    hours_per_month: f64,
    percent: f64,
}

/// Page `n` of the ceremonies: those listed, their week, and (on the first
/// page) the roles' shares of facilitation, for the first hundred roles.
pub fn view(facts: &Facts<'_>, n: usize) -> CeremoniesView {
    let hb = facts.hb;
    let listed = page_of((0..hb.ceremonies.len()).collect(), n);
    CeremoniesView {
        ics: urls::CALENDAR.to_string(),
        webcal: webcal(facts, urls::CALENDAR),
        week: if n == 1 { facts.week().to_vec() } else { views::week(facts, &listed) },
        ceremonies: listed
            .iter()
            .map(|&c| CeremonyLine { ceremony: facts.item(Entity::Ceremony(c)), schedule: schedule(&hb.ceremonies[c]) })
            .collect(),
        shares: page_of(if n == 1 { facts.shares().to_vec() } else { Vec::new() }, 1)
            .iter()
            .map(|s| ShareLine {
                role: facts.item(Entity::Role(s.role)),
                per_month: s.per_month,
                hours_per_month: s.hours_per_month,
                percent: s.percent,
            })
            .collect(),
        timezone: hb.config.timezone.name.clone(),
    }
}
