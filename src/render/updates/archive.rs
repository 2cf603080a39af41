//! The updates archive: the latest updates and the years on the main page,
//! every update of a year by month on the year's page, newest first.

use serde::Serialize;

use crate::render::views::{Facts, Item, latest_updates};
use crate::urls;

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
}

/// The archive: for one year, every update by month, newest first; on the
/// main archive page, the latest updates and the list of years.
pub fn view(facts: &Facts<'_>, year: Option<i16>) -> ArchiveView {
    let hb = facts.hb;
    let chosen: Vec<usize> = match year {
        Some(y) => {
            let mut of_year: Vec<usize> = (0..hb.updates.len()).filter(|&u| hb.updates[u].date.year() == y).collect();
            of_year.sort_by(|&a, &b| {
                (hb.updates[b].date, &hb.updates[b].doc.id).cmp(&(hb.updates[a].date, &hb.updates[a].doc.id))
            });
            of_year
        }
        None => latest_updates(hb, 20),
    };
    let mut months: Vec<MonthView> = Vec::new();
    for u in chosen {
        let update = &hb.updates[u];
        let name = update.date.strftime("%B %Y").to_string();
        let line = UpdateLine {
            update: facts.update_item(u),
            authors: facts.items(&update.authors),
            status: update.status.map_or(String::new(), |s| s.name().to_string()),
        };
        match months.last_mut() {
            Some(m) if m.name == name => m.updates.push(line),
            _ => months.push(MonthView { name, updates: vec![line] }),
        }
    }
    let mut counts: std::collections::BTreeMap<i16, usize> = std::collections::BTreeMap::new();
    for u in &hb.updates {
        *counts.entry(u.date.year()).or_default() += 1;
    }
    let years = counts
        .into_iter()
        .rev()
        .map(|(y, count)| Item { title: y.to_string(), url: urls::updates_year(y), note: format!("{count} updates") })
        .collect();
    ArchiveView { years, year: year.map_or(String::new(), |y| y.to_string()), months }
}
