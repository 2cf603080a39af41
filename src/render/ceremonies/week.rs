//! The week of ceremonies as a time grid: days across, hours down, each
//! meeting a block as tall as it is long, meetings at the same time side by
//! side. The geometry is worked out here (percentages of the grid), the
//! drawing is the theme's (`week_view` in macros.html): it places each
//! block with CSS from these numbers, and on a narrow screen lists the days
//! instead.

use jiff::ToSpan;
use serde::Serialize;

use crate::i18n::Style;
use crate::model::Entity;
use crate::render::views::{Facts, Item, Party};

/// The week of today (Monday to Sunday) in the team's time zone.
#[derive(Serialize, Clone, Debug)]
pub struct WeekView {
    /// The team's time zone, in which the grid is drawn.
    pub timezone: String,
    /// Whole hours the grid spans (its height), and their labels.
    pub hours: usize,
    pub marks: Vec<HourMark>,
    pub days: Vec<DayView>,
    /// Whether any day has a meeting.
    pub busy: bool,
}

/// A line across the grid at a whole hour.
#[derive(Serialize, Clone, Debug)]
pub struct HourMark {
    pub label: String,
    /// From the top of the grid, in percent.
    pub top: String,
}

#[derive(Serialize, Clone, Debug)]
pub struct DayView {
    pub name: String,
    /// "Mon".
    pub short: String,
    /// "16 Nov".
    pub date: String,
    /// YYYY-MM-DD, for `<time>` and for marking today in the reader's browser.
    pub iso: String,
    /// A weekend day without meetings: drawn narrow.
    pub collapsed: bool,
    pub blocks: Vec<Block>,
}

/// One meeting on the grid.
#[derive(Serialize, Clone, Debug)]
pub struct Block {
    pub ceremony: Item,
    pub start: String,
    pub end: String,
    /// The start with its offset, so a browser can show it in its reader's zone.
    pub datetime: String,
    pub minutes: i64,
    pub facilitator: Option<Party>,
    /// Where it sits, in percent: from the top of the grid, and its height.
    pub top: String,
    pub height: String,
    /// Its lane among the meetings it overlaps, and how many lanes they take.
    pub lane: usize,
    pub lanes: usize,
}

/// A meeting before its place is known: minutes from the day's midnight.
struct Slot {
    day: usize,
    from: i64,
    to: i64,
    block: Block,
}

/// This week's meetings of the given ceremonies, in the team's time zone.
pub fn week(facts: &Facts<'_>, ceremonies: &[usize]) -> WeekView {
    let hb = facts.hb;
    let monday = hb.today.checked_sub(i64::from(hb.today.weekday().to_monday_zero_offset()).days()).unwrap_or(hb.today);
    let dates: Vec<jiff::civil::Date> = (0..7).filter_map(|i| monday.checked_add(i.days()).ok()).collect();
    let team = &hb.config.timezone.tz;
    // A day either side: a meeting in another zone may fall in this week in the team's.
    let from = monday.checked_sub(1.days()).unwrap_or(monday);
    let to = dates.last().copied().unwrap_or(monday).checked_add(1.days()).unwrap_or(monday);
    let mut slots: Vec<Slot> = Vec::new();
    for &ci in ceremonies {
        let c = &hb.ceremonies[ci];
        for o in c.occurrences(from, to) {
            let start = o.start.with_time_zone(team.clone());
            let end = o.end.with_time_zone(team.clone());
            let Some(day) = dates.iter().position(|d| *d == start.date()) else { continue };
            let from = i64::from(start.hour()) * 60 + i64::from(start.minute());
            // A meeting past midnight is drawn to the end of its first day.
            let to =
                if end.date() == start.date() { i64::from(end.hour()) * 60 + i64::from(end.minute()) } else { 24 * 60 };
            let facilitator = hb.leader(c, &o).map(|e| facts.who(e));
            slots.push(Slot {
                day,
                from,
                to: to.max(from),
                block: Block {
                    ceremony: facts.item(Entity::Ceremony(ci)),
                    start: start.strftime("%H:%M").to_string(),
                    end: end.strftime("%H:%M").to_string(),
                    datetime: start.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
                    minutes: o.end.timestamp().duration_since(o.start.timestamp()).as_mins(),
                    facilitator,
                    top: String::new(),
                    height: String::new(),
                    lane: 0,
                    lanes: 1,
                },
            });
        }
    }
    slots.sort_by(|a, b| (a.day, a.from, &a.block.ceremony.title).cmp(&(b.day, b.from, &b.block.ceremony.title)));
    // The grid runs from the hour of the first start to that of the last end.
    let first = slots.iter().map(|s| s.from).min().unwrap_or(0) / 60;
    let last = slots.iter().map(|s| s.to).max().map_or(first + 1, |end| (end + 59) / 60).max(first + 1);
    let span = ((last - first) * 60) as f64;
    let percent = |minutes: i64| percent(100.0 * minutes as f64 / span);
    for s in &mut slots {
        s.block.top = percent(s.from - first * 60);
        s.block.height = percent(s.to - s.from);
    }
    lay_out(&mut slots);
    let mut days: Vec<DayView> = dates
        .iter()
        .map(|d| DayView {
            name: hb.strings.weekday(d.weekday()),
            short: hb.strings.date(*d, Style::ShortWeekday),
            date: hb.strings.date(*d, Style::DayMonth),
            iso: d.to_string(),
            collapsed: false,
            blocks: Vec::new(),
        })
        .collect();
    let busy = !slots.is_empty();
    for s in slots {
        days[s.day].blocks.push(s.block);
    }
    for (k, d) in days.iter_mut().enumerate() {
        d.collapsed = k >= 5 && d.blocks.is_empty();
    }
    WeekView {
        timezone: hb.config.timezone.name.clone(),
        hours: (last - first) as usize,
        marks: (first..last)
            .map(|h| HourMark { label: format!("{h:02}:00"), top: percent((h - first) * 60) })
            .collect(),
        days,
        busy,
    }
}

/// A percentage for CSS, short: `12.5`, `33.333`.
fn percent(x: f64) -> String {
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Gives meetings that overlap lanes side by side: each takes the first lane
/// free at its start, and a group of meetings that overlap one another
/// shares the number of lanes the group needed. `slots` are sorted by day
/// and start.
fn lay_out(slots: &mut [Slot]) {
    let mut group_start = 0;
    while group_start < slots.len() {
        // A group: meetings of one day linked by overlaps.
        let mut ends: Vec<i64> = Vec::new();
        let mut reach = slots[group_start].to;
        let mut k = group_start;
        while k < slots.len() && slots[k].day == slots[group_start].day && (k == group_start || slots[k].from < reach) {
            let lane = ends.iter().position(|&end| end <= slots[k].from).unwrap_or(ends.len());
            if lane == ends.len() {
                ends.push(slots[k].to);
            } else {
                ends[lane] = slots[k].to;
            }
            slots[k].block.lane = lane;
            reach = reach.max(slots[k].to);
            k += 1;
        }
        for s in &mut slots[group_start..k] {
            s.block.lanes = ends.len();
        }
        group_start = k;
    }
}

#[cfg(test)]
mod tests {
    use super::{Block, Slot, lay_out};
    use crate::render::views::Item;

    fn slot(day: usize, from: i64, to: i64) -> Slot {
        let block = Block {
            ceremony: Item::default(),
            start: String::new(),
            end: String::new(),
            datetime: String::new(),
            minutes: to - from,
            facilitator: None,
            top: String::new(),
            height: String::new(),
            lane: 9,
            lanes: 9,
        };
        Slot { day, from, to, block }
    }

    #[test]
    fn overlapping_meetings_sit_side_by_side() {
        // 9:00-10:00 and 9:30-10:30 overlap; 10:30-11:00 touches the second
        // only at its end; 9:00 the next day stands alone.
        let mut slots = vec![slot(0, 540, 600), slot(0, 570, 630), slot(0, 630, 660), slot(1, 540, 600)];
        lay_out(&mut slots);
        let lanes: Vec<(usize, usize)> = slots.iter().map(|s| (s.block.lane, s.block.lanes)).collect();
        assert_eq!(lanes, [(0, 2), (1, 2), (0, 1), (0, 1)]);
    }

    #[test]
    fn a_chain_of_overlaps_is_one_group() {
        // a overlaps b, b overlaps c, a and c do not: c reuses a's lane.
        let mut slots = vec![slot(0, 0, 60), slot(0, 30, 90), slot(0, 60, 120)];
        lay_out(&mut slots);
        let lanes: Vec<(usize, usize)> = slots.iter().map(|s| (s.block.lane, s.block.lanes)).collect();
        assert_eq!(lanes, [(0, 2), (1, 2), (0, 2)]);
    }
}
