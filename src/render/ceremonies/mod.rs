//! The ceremonies: the week and who facilitates what, each ceremony's page,
//! and the calendar files they offer to subscribe to.

pub mod ceremony;
pub mod index;

use serde::Serialize;

use crate::render::views::{Facts, Item};

/// A ceremony with its schedule in words.
#[derive(Serialize)]
pub struct CeremonyLine {
    pub ceremony: Item,
    pub schedule: String,
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
