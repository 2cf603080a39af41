//! A project's health over time, as the weekly updates rated it
//! (`health = { project = "at-risk" }`): its latest rating, and a strip of
//! the last 26 weeks, one cell a week.

use std::collections::BTreeMap;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use crate::digest::week_of;
use crate::model::{Handbook, Status};
use crate::render::pictures::round;
use crate::words;

/// Weeks the strip covers at most.
pub const WEEKS: usize = 26;
const CELL: f64 = 18.0;
const GAP: f64 = 4.0;
/// The row of dates under the squares, and how wide a date is at most ("28 Sep").
const DATES: f64 = 16.0;
const DATE_WIDTH: f64 = 40.0;

/// The latest rating of a project: its status, and the week.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Rating {
    pub status: &'static str,
    pub words: &'static str,
    pub week: String,
}

#[derive(Serialize, Debug)]
pub struct Strip {
    pub width: f64,
    pub height: f64,
    /// A cell's side.
    pub cell: f64,
    pub cells: Vec<Cell>,
    /// Dates under the squares, shown without pointing: the week of the
    /// first square and of each month's first week, as room allows.
    pub dates: Vec<DateMark>,
    /// Where the dates' baseline is.
    pub dates_y: f64,
    /// What the strip shows, in words.
    pub title: String,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct Cell {
    pub x: f64,
    /// Its middle, where its sign goes.
    pub mid: f64,
    /// `on-track`, `at-risk`, `off-track`, or `none` (not rated that week).
    pub status: &'static str,
    /// "Week of 9 Nov 2026: at risk".
    pub label: String,
}

/// A date under a square: "2 Nov", the Monday of its week.
#[derive(Serialize, Debug, PartialEq)]
pub struct DateMark {
    pub x: f64,
    pub text: String,
    /// `start`, or `end` for a date that would run past the strip's right edge.
    pub anchor: &'static str,
}

/// Each week's rating of project `p`: the last update of the week that rates it.
fn by_week(hb: &Handbook, p: usize) -> BTreeMap<Date, Status> {
    let mut rated: Vec<(Date, &str, Status)> = hb.projects[p]
        .updates
        .iter()
        .flat_map(|&u| {
            let up = &hb.updates[u];
            up.health
                .iter()
                .filter(|(r, _)| r.to == Some(crate::model::Entity::Project(p)))
                .map(|(_, s)| (up.date, up.doc.id.as_str(), *s))
        })
        .collect();
    rated.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    rated.into_iter().map(|(date, _, s)| (week_of(date), s)).collect()
}

pub fn latest(hb: &Handbook, p: usize) -> Option<Rating> {
    by_week(hb, p).into_iter().next_back().map(|(week, s)| Rating {
        status: s.name(),
        words: s.words(),
        week: words::date(week),
    })
}

/// The strip of the weeks up to this one (or the latest rated, if later),
/// from the first rated; `None` when no update rated the project.
pub fn strip(hb: &Handbook, p: usize) -> Option<Strip> {
    strip_of(&by_week(hb, p), hb.today)
}

fn strip_of(weeks: &BTreeMap<Date, Status>, today: Date) -> Option<Strip> {
    let (&first, _) = weeks.iter().next()?;
    let (&last, latest) = weeks.iter().next_back()?;
    let end = last.max(week_of(today));
    let span = i64::try_from(WEEKS - 1).unwrap_or(0) * 7;
    let start = first.max(end.checked_sub(span.days()).unwrap_or(first));
    let mut cells = Vec::new();
    let mut counts = [0usize; 4];
    let mut week = start;
    let mut dates: Vec<DateMark> = Vec::new();
    let mut month = None;
    while week <= end {
        let x = round(cells.len() as f64 * (CELL + GAP));
        if month != Some(week.month()) && dates.last().is_none_or(|d| x - d.x >= DATE_WIDTH + 4.0) {
            dates.push(DateMark { x, text: week.strftime("%-d %b").to_string(), anchor: "start" });
        }
        month = Some(week.month());
        let (status, said, slot) = match weeks.get(&week) {
            Some(s) => (s.name(), s.words(), *s as usize),
            None => ("none", "not rated", 3),
        };
        counts[slot] += 1;
        cells.push(Cell { x, mid: x + CELL / 2.0, status, label: format!("Week of {}: {said}", words::date(week)) });
        let Ok(next) = week.checked_add(7.days()) else { break };
        week = next;
    }
    let parts: Vec<String> = counts
        .iter()
        .zip(["on track", "at risk", "off track", "not rated"])
        .filter(|(n, _)| **n > 0)
        .map(|(n, said)| format!("{said} {n} {}", if *n == 1 { "week" } else { "weeks" }))
        .collect();
    let title = format!(
        "Health over {} weeks: {}; latest: {} (week of {})",
        cells.len(),
        parts.join(", "),
        latest.words(),
        words::date(last)
    );
    let width = round(cells.len() as f64 * (CELL + GAP) - GAP).max(DATE_WIDTH);
    for d in &mut dates {
        if d.x + DATE_WIDTH > width {
            d.x = round((d.x + CELL).min(width));
            d.anchor = "end";
        }
    }
    // A date pushed to the right edge must not run into the one before it.
    if let [.., before, last] = dates.as_slice()
        && last.anchor == "end"
        && last.x - DATE_WIDTH < before.x + DATE_WIDTH
    {
        dates.pop();
    }
    Some(Strip { width, height: CELL + DATES, cell: CELL, cells, dates, dates_y: CELL + DATES - 3.0, title })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use jiff::civil::date;

    use super::{CELL, GAP, WEEKS, strip_of};
    use crate::model::Status;

    #[test]
    fn one_cell_a_week_up_to_this_week() {
        let weeks = BTreeMap::from([(date(2026, 11, 2), Status::AtRisk), (date(2026, 11, 16), Status::OnTrack)]);
        let s = strip_of(&weeks, date(2026, 11, 25)).expect("strip");
        let cells: Vec<(&str, f64)> = s.cells.iter().map(|c| (c.status, c.x)).collect();
        let step = CELL + GAP;
        assert_eq!(cells, [("at-risk", 0.0), ("none", step), ("on-track", 2.0 * step), ("none", 3.0 * step)]);
        assert_eq!(s.cells[1].label, "Week of 9 Nov 2026: not rated");
        assert_eq!(s.width, 4.0 * step - GAP);
        assert_eq!(
            s.title,
            "Health over 4 weeks: on track 1 week, at risk 1 week, not rated 2 weeks; latest: on track (week of 16 Nov 2026)"
        );
    }

    #[test]
    fn keeps_the_last_half_year() {
        let weeks = BTreeMap::from([(date(2025, 1, 6), Status::OffTrack), (date(2026, 11, 16), Status::OnTrack)]);
        let s = strip_of(&weeks, date(2026, 11, 16)).expect("strip");
        assert_eq!(s.cells.len(), WEEKS);
        assert_eq!(s.cells.last().map(|c| c.status), Some("on-track"));
        assert!(strip_of(&BTreeMap::new(), date(2026, 11, 16)).is_none());
    }
}
