//! A duty's turns in iCalendar: one VEVENT per turn (or per part of a turn
//! an override gives someone else), from four weeks back to the next
//! quarter, in `calendar.ics` and in the duty's own `duties/<id>.ics`.
//! Each turn's UID is the duty's id and the turn's number from `start`, so
//! a calendar that subscribed updates the event when an override changes
//! who holds it; the parts an override splits off are numbered after it.
//! Times are in the duty's zone (its VTIMEZONE is written with the
//! ceremonies'), and turns are free time (TRANSP:TRANSPARENT): being on
//! call does not fill a day.

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan, ZonedDateTime};

use crate::fields::Zone;
use crate::model::{CALENDAR_PAST_DAYS, Entity, Handbook, QUARTER_DAYS, Shift};
use crate::render::calendar::{Ics, is_utc, text, uid_host};
use crate::urls;

/// One duty's shifts to write.
pub struct Turns<'a> {
    duty: usize,
    zone: &'a Zone,
    shifts: Vec<Shift>,
}

/// The shifts of duty `di` the calendars hold; `None` when it has no schedule.
pub fn turns(hb: &Handbook, di: usize, now: Timestamp) -> Option<Turns<'_>> {
    let d = &hb.duties[di];
    let rota = d.rota(hb)?;
    let day = 24.hours();
    let from = now.checked_sub(day.checked_mul(CALENDAR_PAST_DAYS).ok()?).unwrap_or(Timestamp::MIN);
    let to = now.checked_add(day.checked_mul(QUARTER_DAYS).ok()?).unwrap_or(Timestamp::MAX);
    Some(Turns { duty: di, zone: &d.zone, shifts: rota.shifts(from, to) })
}

impl Turns<'_> {
    pub fn zone(&self) -> &Zone {
        self.zone
    }

    /// The first day the calendar shows, for the zone's VTIMEZONE.
    pub fn first_day(&self) -> Option<Date> {
        self.shifts.first().map(|s| s.start.date())
    }

    pub fn write(&self, ics: &mut Ics, hb: &Handbook, stamp: &str) {
        let d = &hb.duties[self.duty];
        let host = uid_host(hb);
        for s in &self.shifts {
            ics.line("BEGIN:VEVENT");
            let piece = if s.piece == 0 { String::new() } else { format!("-{}", s.piece) };
            ics.prop("UID", &format!("duty-{}-{}{piece}@{host}", d.doc.id, s.turn));
            ics.prop("DTSTAMP", stamp);
            let (name, value) = self.timed("DTSTART", &s.start);
            ics.prop(&name, &value);
            let (name, value) = self.timed("DTEND", &s.end);
            ics.prop(&name, &value);
            let who = hb.title(Entity::Person(s.person));
            let summary = match s.by {
                Some(_) => format!("{}: {who} (instead of {})", d.title, hb.title(Entity::Person(s.scheduled))),
                None => format!("{}: {who}", d.title),
            };
            ics.prop("SUMMARY", &text(&summary));
            let reason = s.by.map(|o| d.overrides[o].reason.as_str()).filter(|r| !r.is_empty());
            let mut description = format!("{who} is on duty.");
            if let Some(r) = reason {
                description.push_str(&format!(" {r}."));
            }
            if let Some(doc) = &d.handoff_doc {
                description.push_str(&format!("\nHand-off: {doc}"));
            }
            ics.prop("DESCRIPTION", &text(&description));
            if let Some(base) = &hb.config.base_url {
                ics.prop("URL", &format!("{base}{}", urls::page(hb, Entity::Duty(self.duty))));
            }
            ics.prop("TRANSP", "TRANSPARENT");
            ics.line("END:VEVENT");
        }
    }

    /// `DTSTART;TZID=America/New_York:20261102T100000`, or the UTC form.
    fn timed(&self, name: &str, at: &ZonedDateTime) -> (String, String) {
        if is_utc(&self.zone.name) {
            (name.to_string(), at.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string())
        } else {
            (format!("{name};TZID={}", self.zone.name), at.datetime().strftime("%Y%m%dT%H%M%S").to_string())
        }
    }
}
