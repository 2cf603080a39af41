//! A ceremony's page: its schedule, who leads and attends, its agenda and
//! its next occurrences.

use serde::Serialize;

use super::webcal;
use crate::model::Entity;
use crate::render::lists::{List, Shown, shown};
use crate::render::views::{Facts, Party, minutes, schedule};
use crate::urls;

pub const TEMPLATE: &str = "ceremony.html";

/// How many upcoming meetings a ceremony's page lists (the first of those
/// `handbook.json` lists).
const NEXT_ON_PAGE: usize = 6;

#[derive(Serialize)]
pub struct CeremonyView {
    schedule: String,
    /// This ceremony's calendar file, and its `webcal://` address when base_url is set.
    ics: String,
    webcal: String,
    timezone: String,
    start: String,
    until: String,
    skip: Vec<String>,
    facilitators: Vec<Party>,
    rotates: bool,
    attendees: Vec<Party>,
    areas: Shown,
    agenda: Vec<AgendaLine>,
    agenda_minutes: i64,
    duration_minutes: i64,
    agenda_doc: String,
    next: Vec<OccurrenceLine>,
    /// The day of the last meeting, when the series is over.
    ended: String,
    body: String,
}

#[derive(Serialize)]
struct AgendaLine {
    item: String,
    minutes: String,
}

#[derive(Serialize)]
struct OccurrenceLine {
    date: String,
    time: String,
    facilitator: Option<Party>,
}

pub fn view(facts: &Facts<'_>, i: usize, path: &str) -> CeremonyView {
    let hb = facts.hb;
    let c = &hb.ceremonies[i];
    let next = c
        .upcoming(hb.today, NEXT_ON_PAGE)
        .into_iter()
        .map(|o| OccurrenceLine {
            date: facts.short_date(o.start.date()),
            time: format!("{}–{}", o.start.strftime("%H:%M"), o.end.strftime("%H:%M")),
            facilitator: hb.leader(c, &o).map(|e| facts.who(e)),
        })
        .collect();
    let ics = urls::ceremony_calendar(hb, i);
    CeremonyView {
        schedule: schedule(facts, c),
        webcal: webcal(facts, &ics),
        ics,
        timezone: c.zone.name.clone(),
        start: c.start.map_or(String::new(), |d| facts.long_date(d)),
        until: c.until.map_or(String::new(), |d| facts.long_date(d)),
        skip: c.skip.iter().map(|d| facts.long_date(*d)).collect(),
        facilitators: facts.whos(&c.facilitators),
        rotates: c.facilitators.len() > 1,
        attendees: facts.whos(&c.attendees),
        areas: shown(facts, Entity::Ceremony(i), List::Areas),
        agenda: c
            .agenda
            .iter()
            .map(|a| AgendaLine {
                item: a.item.clone(),
                minutes: a.minutes.map_or(String::new(), |m| minutes(&facts.hb.strings, m)),
            })
            .collect(),
        agenda_minutes: c.agenda.iter().filter_map(|a| a.minutes).sum(),
        duration_minutes: c.duration.as_ref().map_or(0, |d| d.value.as_mins()),
        agenda_doc: c.agenda_doc.clone().unwrap_or_default(),
        next,
        ended: c.ended(hb.today).map_or(String::new(), |d| facts.long_date(d)),
        body: facts.html(c.doc.file, &c.doc.body, path),
    }
}
