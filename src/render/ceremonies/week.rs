//! The week of ceremonies as a time grid: days across, hours down, each
//! meeting a block as tall as it is long, meetings at the same time side by
//! side. The grid holds only the hours that have a meeting: runs of hours
//! with none between them are drawn as a narrow gap, so two meetings six
//! hours apart make a grid of two hours, not seven. The geometry is worked
//! out here (percentages of the grid), the drawing is the theme's
//! (`week_view` in macros.html): it places each block with CSS from these
//! numbers, and lists the week's meetings beside the grid (under it on a
//! narrow screen), each with its title and time in full.

use jiff::ToSpan;
use serde::Serialize;

use crate::model::Entity;
use crate::recurrence::weekday_name;
use crate::render::views::{Facts, Item, Party};

/// The week of today (Monday to Sunday) in the team's time zone.
#[derive(Serialize, Clone, Debug)]
pub struct WeekView {
    /// The team's time zone, in which the grid is drawn.
    pub timezone: String,
    /// The grid's height in hours (the hours that have meetings, and the
    /// gaps between their runs), and the labels of those hours.
    pub hours: String,
    pub marks: Vec<HourMark>,
    /// The gaps: hours without meetings between two runs of hours with some.
    pub gaps: Vec<Gap>,
    /// The grid's background: a line at each hour, a shade for each gap (a
    /// CSS gradient, drawn from `marks` and `gaps`).
    pub lines: String,
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

/// Hours without meetings, left out of the grid: "12:00–15:00".
#[derive(Serialize, Clone, Debug)]
pub struct Gap {
    pub label: String,
    /// From the top of the grid, in percent, and its height.
    pub top: String,
    pub height: String,
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
    let rows = Rows::of(&slots);
    let span = rows.span() as f64;
    let share = |minutes: i64| percent(100.0 * minutes as f64 / span);
    for s in &mut slots {
        s.block.top = share(rows.y(s.from));
        s.block.height = share(s.to - s.from);
    }
    lay_out(&mut slots);
    let mut days: Vec<DayView> = dates
        .iter()
        .map(|d| DayView {
            name: weekday_name(d.weekday()).to_string(),
            short: d.strftime("%a").to_string(),
            date: d.strftime("%-d %b").to_string(),
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
    let marks: Vec<HourMark> = rows
        .runs
        .iter()
        .flat_map(|&(from, to)| from..to)
        .map(|h| HourMark { label: format!("{h:02}:00"), top: share(rows.y(h * 60)) })
        .collect();
    let gaps: Vec<Gap> = rows
        .runs
        .windows(2)
        .map(|w| Gap {
            label: format!("{:02}:00–{:02}:00", w[0].1, w[1].0),
            top: share(rows.y(w[0].1 * 60 - 1) + 1),
            height: share(GAP),
        })
        .collect();
    WeekView {
        timezone: hb.config.timezone.name.clone(),
        hours: percent(span / 60.0),
        lines: lines(&marks, &gaps),
        marks,
        gaps,
        days,
        busy,
    }
}

/// How tall a gap between two runs of hours is drawn, in minutes of grid.
const GAP: i64 = 20;

/// The rows of the grid: runs of whole hours that have meetings, `[from,
/// to)` in hours of the day, in order, with a gap between two runs.
struct Rows {
    runs: Vec<(i64, i64)>,
}

impl Rows {
    /// Every hour a meeting touches, joined into runs (one hour when there
    /// are no meetings).
    fn of(slots: &[Slot]) -> Rows {
        let mut busy = [false; 24];
        for s in slots {
            let last = ((s.to.max(s.from + 1) + 59) / 60).min(24);
            for h in (s.from / 60).clamp(0, 23)..last {
                busy[h as usize] = true;
            }
        }
        let mut runs: Vec<(i64, i64)> = Vec::new();
        for h in (0..24).filter(|&h| busy[h as usize]) {
            match runs.last_mut() {
                Some(run) if run.1 == h => run.1 = h + 1,
                _ => runs.push((h, h + 1)),
            }
        }
        if runs.is_empty() {
            runs.push((0, 1));
        }
        Rows { runs }
    }

    /// Minutes of grid from its top to `minute` of the day (which lies in a run).
    fn y(&self, minute: i64) -> i64 {
        let mut y = 0;
        for &(from, to) in &self.runs {
            if minute < to * 60 {
                return y + (minute - from * 60).max(0);
            }
            y += (to - from) * 60 + GAP;
        }
        y - GAP
    }

    /// The grid's height, in minutes of grid.
    fn span(&self) -> i64 {
        self.runs.iter().map(|(from, to)| (to - from) * 60).sum::<i64>() + GAP * (self.runs.len() as i64 - 1)
    }
}

/// The grid's background as a CSS gradient: a line at each hour, a shade
/// over each gap.
fn lines(marks: &[HourMark], gaps: &[Gap]) -> String {
    // (where it starts, in percent; its colour; where it ends, as CSS)
    let mut bands: Vec<(f64, &str, String, String)> = marks
        .iter()
        .map(|m| {
            (m.top.parse().unwrap_or(0.0), "var(--line)", format!("{}%", m.top), format!("calc({}% + 1px)", m.top))
        })
        .collect();
    bands.extend(gaps.iter().map(|g| {
        let top: f64 = g.top.parse().unwrap_or(0.0);
        (
            top,
            "var(--soft)",
            format!("{}%", g.top),
            format!("{}%", percent(top + g.height.parse::<f64>().unwrap_or(0.0))),
        )
    }));
    bands.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut stops = Vec::new();
    let mut at = "0%".to_string();
    for (_, colour, from, to) in bands {
        stops.push(format!("transparent {at} {from}, {colour} {from} {to}"));
        at = to;
    }
    stops.push(format!("transparent {at} 100%"));
    format!("linear-gradient(to bottom, {})", stops.join(", "))
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
    use super::{Block, GAP, Rows, Slot, lay_out};
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

    #[test]
    fn the_grid_holds_only_the_hours_with_meetings() {
        // 09:30-09:45 and 15:00-16:00: the hours 9 and 15, and a gap.
        let rows = Rows::of(&[slot(0, 570, 585), slot(2, 900, 960)]);
        assert_eq!(rows.runs, [(9, 10), (15, 16)]);
        assert_eq!(rows.span(), 120 + GAP);
        assert_eq!((rows.y(570), rows.y(900), rows.y(959)), (30, 60 + GAP, 119 + GAP));
        // A meeting across two hours keeps them one run; none is one hour.
        assert_eq!(Rows::of(&[slot(0, 590, 610), slot(0, 660, 700)]).runs, [(9, 12)]);
        assert_eq!(Rows::of(&[]).runs, [(0, 1)]);
    }
}
