//! The ceremonies: the week and who facilitates what, each ceremony's page,
//! and the calendar files they offer to subscribe to.

pub mod ceremony;
pub mod index;
pub mod shares;
pub mod week;

use serde::Serialize;

use crate::model::Entity;
use crate::render::views::{Facts, Item, Party, schedule};

/// A ceremony with its schedule in words and who leads it.
#[derive(Serialize)]
pub struct CeremonyLine {
    pub ceremony: Item,
    pub schedule: String,
    pub facilitators: Vec<Party>,
}

/// Ceremony `c`'s line, noted (with a part: "facilitates").
pub fn line(facts: &Facts<'_>, c: usize, note: &str) -> CeremonyLine {
    let ceremony = &facts.hb.ceremonies[c];
    CeremonyLine {
        ceremony: facts.noted(Entity::Ceremony(c), note),
        schedule: schedule(facts, ceremony),
        facilitators: facts.whos(&ceremony.facilitators),
    }
}

/// The `webcal://` address of a calendar file (subscribe, rather than
/// download), when the site's address is known.
pub fn webcal(facts: &Facts<'_>, path: &str) -> String {
    facts
        .hb
        .config
        .base_url
        .as_deref()
        .and_then(|b| b.split_once("://"))
        .map_or(String::new(), |(_, rest)| format!("webcal://{rest}{path}"))
}
