//! The updates archive: the latest updates and the years on the main page,
//! every update of a year by month on the year's pages (100 a page), newest
//! first.

use serde::Serialize;

use crate::render::paging::slice_of;
use crate::render::views::{Facts, Item, latest_updates};
use crate::urls;
use crate::urls::{update_years, year_pages};

/// The main archive page.
pub const TEMPLATE: &str = "updates.html";
/// One year of the archive.
pub const YEAR_TEMPLATE: &str = "updates_year.html";

#[derive(Serialize)]
pub struct ArchiveView {
    years: Vec<Item>,
    year: String,
    months: Vec<MonthView>,
}

#[derive(Serialize)]
struct MonthView {
    name: String,
    updates: Vec<UpdateLine>,
}

#[derive(Serialize)]
struct UpdateLine {
    update: Item,
    authors: Vec<Item>,
    status: String,
    /// The status in words: "on track".
    status_words: String,
}

/// The main archive page: the latest updates, by month, and the years.
pub fn view(facts: &Facts<'_>) -> ArchiveView {
    archive(facts, None, latest_updates(facts.hb, 20))
}

/// Page `n` of the archive of year `y`: its updates by month, newest first,
/// and how many pages the year has.
pub fn year_view(facts: &Facts<'_>, y: i16, n: usize) -> (ArchiveView, usize) {
    let of_year = facts.updates_of_year(y);
    (archive(facts, Some(y), slice_of(of_year, n).to_vec()), year_pages(of_year.len()))
}

fn archive(facts: &Facts<'_>, year: Option<i16>, chosen: Vec<usize>) -> ArchiveView {
    let hb = facts.hb;
    let mut months: Vec<MonthView> = Vec::new();
    for u in chosen {
        let update = &hb.updates[u];
        let name = hb.strings.date(update.date, crate::i18n::Style::MonthYear);
        let line = UpdateLine {
            update: facts.update_item(u),
            authors: facts.items(&update.authors),
            status: update.status.map_or(String::new(), |s| s.name().to_string()),
            status_words: update.status.map_or(String::new(), |s| s.words(&facts.hb.strings).to_string()),
        };
        match months.last_mut() {
            Some(m) if m.name == name => m.updates.push(line),
            _ => months.push(MonthView { name, updates: vec![line] }),
        }
    }
    let years = update_years(hb)
        .into_iter()
        .map(|(y, count)| Item {
            title: y.to_string(),
            url: urls::updates_year(y, 1),
            note: format!("{count} updates"),
        })
        .collect();
    ArchiveView { years, year: year.map_or(String::new(), |y| y.to_string()), months }
}
