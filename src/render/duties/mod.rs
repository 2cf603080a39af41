//! Duties on the site: the duties index (`index`), each duty's page
//! (`duty`), its calendar (`calendar`), and the pieces other pages show: who
//! is on duty this week (home), a person's next turns, an area's duties.
//!
//! Who is on duty *now* is worked out in the browser (site.js) from the
//! shifts embedded in the page as JSON; the HTML holds the answer at build
//! time, for readers without JavaScript.

pub mod calendar;
pub mod duty;
pub mod export;
pub mod index;

use std::collections::HashMap;

use jiff::{Timestamp, ToSpan};
use serde::Serialize;

use crate::model::{Entity, Handbook, QUARTER_DAYS, Rota, Shift};
use crate::render::views::{Facts, Item};

/// How many of a person's next turns their page lists.
pub const PERSON_TURNS: usize = 5;

/// How many duties the home page and an area's page show.
pub const SHOWN_DUTIES: usize = 10;

/// A stretch of time someone is on duty, as the pages show it.
#[derive(Serialize, Clone, Debug)]
pub struct ShiftLine {
    pub person: Item,
    /// "Mon 2 Nov 10:00"
    pub from: String,
    pub to: String,
    /// RFC 3339 instants, for `<time datetime>`.
    pub from_iso: String,
    pub to_iso: String,
    /// Whose turn it was, when an override put `person` here; and why.
    pub instead_of: Option<Item>,
    pub reason: String,
}

/// A shift in the schedule embedded for the browser: start and end in
/// milliseconds since the epoch, the person's name and page.
#[derive(Serialize, Clone, Debug)]
pub struct Slot {
    s: i64,
    e: i64,
    n: String,
    u: String,
}

/// Who is on a duty at build time and next, and the shifts the browser
/// picks "now" from.
#[derive(Serialize, Clone, Debug)]
pub struct OnDuty {
    pub duty: Item,
    pub now: Option<ShiftLine>,
    pub next: Option<ShiftLine>,
    /// The embedded schedule (JSON), for the browser's "now".
    pub schedule: String,
    /// The zone times are shown in.
    pub timezone: String,
}

pub fn shift_line(facts: &Facts<'_>, rota: &Rota<'_>, s: &Shift) -> ShiftLine {
    let fmt = |z: &jiff::ZonedDateTime| {
        let day = facts.hb.strings.date(z.date(), crate::i18n::Style::ShortWeekdayDayMonth);
        format!("{day} {}", z.strftime("%H:%M"))
    };
    let o = s.by.map(|i| &rota.duty.overrides[i]);
    ShiftLine {
        person: facts.item(Entity::Person(s.person)),
        from: fmt(&s.start),
        to: fmt(&s.end),
        from_iso: s.start.timestamp().to_string(),
        to_iso: s.end.timestamp().to_string(),
        instead_of: o.map(|_| facts.item(Entity::Person(s.scheduled))),
        reason: o.map_or_else(String::new, |o| o.reason.clone()),
    }
}

/// The shifts as JSON for the page's script.
pub fn schedule_json(facts: &Facts<'_>, shifts: &[Shift]) -> String {
    let slots: Vec<Slot> = shifts
        .iter()
        .map(|s| Slot {
            s: s.start.timestamp().as_millisecond(),
            e: s.end.timestamp().as_millisecond(),
            n: facts.hb.title(Entity::Person(s.person)),
            u: crate::urls::page(facts.hb, Entity::Person(s.person)),
        })
        .collect();
    // Inside a <script> element: "</" must not close it.
    serde_json::to_string(&slots).unwrap_or_else(|_| "[]".into()).replace("</", "<\\/")
}

/// Who is on duty `i` at build time and next, with `days` of schedule.
pub fn on_duty(facts: &Facts<'_>, i: usize, days: i64) -> OnDuty {
    let hb = facts.hb;
    let d = &hb.duties[i];
    let rota = d.rota(hb);
    let shifts = rota.as_ref().map_or_else(Vec::new, |r| r.ahead(hb.now, days));
    let now = shifts.iter().position(|s| s.start.timestamp() <= hb.now && hb.now < s.end.timestamp());
    let next = shifts.iter().position(|s| s.start.timestamp() > hb.now);
    let line = |k: Option<usize>| rota.as_ref().zip(k).map(|(r, k)| shift_line(facts, r, &shifts[k]));
    OnDuty {
        duty: facts.item(Entity::Duty(i)),
        now: line(now),
        next: line(next),
        schedule: schedule_json(facts, &shifts),
        timezone: d.zone.name.clone(),
    }
}

/// The duties on the home page: who is on each this week.
pub fn home(facts: &Facts<'_>) -> Vec<OnDuty> {
    (0..facts.hb.duties.len().min(SHOWN_DUTIES)).map(|i| on_duty(facts, i, QUARTER_DAYS)).collect()
}

/// The duties serving an area, with who is on each.
pub fn of_area(facts: &Facts<'_>, area: usize) -> Vec<OnDuty> {
    let hb = facts.hb;
    (0..hb.duties.len())
        .filter(|&i| hb.duties[i].area.as_ref().and_then(|a| a.to) == Some(Entity::Area(area)))
        .take(SHOWN_DUTIES)
        .map(|i| on_duty(facts, i, QUARTER_DAYS))
        .collect()
}

/// A person's turns in the next quarter, on any duty.
#[derive(Serialize, Clone, Debug)]
pub struct TurnLine {
    pub duty: Item,
    pub shift: ShiftLine,
}

/// Every person's next turns over the next quarter, worked out once for
/// all the people's pages: (duty, shift), soonest first, at most
/// `PERSON_TURNS` each.
pub fn turns_by_person(hb: &Handbook) -> HashMap<usize, Vec<(usize, Shift)>> {
    let mut out: HashMap<usize, Vec<(usize, Shift)>> = HashMap::new();
    let until = hb.now.checked_add(QUARTER_DAYS.saturating_mul(24).hours()).unwrap_or(Timestamp::MAX);
    for (i, d) in hb.duties.iter().enumerate() {
        let Some(rota) = d.rota(hb) else { continue };
        for s in rota.shifts(hb.now, until) {
            out.entry(s.person).or_default().push((i, s));
        }
    }
    for list in out.values_mut() {
        list.sort_by_key(|(i, s)| (s.start.timestamp(), *i));
        list.truncate(PERSON_TURNS);
    }
    out
}

/// A person's next turns, for their page.
pub fn person_turns(facts: &Facts<'_>, p: usize) -> Vec<TurnLine> {
    let hb = facts.hb;
    facts
        .duty_turns(p)
        .iter()
        .filter_map(|(i, s)| {
            let rota = hb.duties[*i].rota(hb)?;
            Some(TurnLine { duty: facts.item(Entity::Duty(*i)), shift: shift_line(facts, &rota, s) })
        })
        .collect()
}
