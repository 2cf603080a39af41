//! The ceremonies page: this week on a time grid in the team's time zone,
//! who facilitates how much, and every ceremony with its schedule.

use serde::Serialize;

use super::shares::{self, SharesView};
use super::week::{WeekView, week};
use super::{CeremonyLine, line, webcal};
use crate::render::paging::page_of;
use crate::render::views::Facts;
use crate::urls;

pub const TEMPLATE: &str = "ceremonies.html";

#[derive(Serialize)]
pub struct CeremoniesView {
    ics: String,
    webcal: String,
    week: WeekView,
    ceremonies: Vec<CeremonyLine>,
    /// On the first page only.
    shares: Option<SharesView>,
}

/// Page `n` of the ceremonies: those listed and their week, and on the
/// first page, who facilitates how much.
pub fn view(facts: &Facts<'_>, n: usize) -> CeremoniesView {
    let listed = page_of((0..facts.hb.ceremonies.len()).collect(), n);
    CeremoniesView {
        ics: urls::CALENDAR.to_string(),
        webcal: webcal(facts, urls::CALENDAR),
        week: week(facts, &listed),
        ceremonies: listed.iter().map(|&c| line(facts, c, "")).collect(),
        shares: (n == 1).then(|| shares::view(facts)),
    }
}
