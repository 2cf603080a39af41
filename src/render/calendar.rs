//! The ceremony calendar as iCalendar (RFC 5545): `calendar.ics` with every
//! scheduled ceremony and one `.ics` per ceremony. Times are written in the
//! ceremony's own zone with a VTIMEZONE taken from the time-zone database, so
//! a 10:00 meeting stays at 10:00 local across daylight-saving changes.
//!
//! Rotating facilitators: occurrence i is led by facilitator i mod n. A rule
//! that yields the same number m of meetings each period repeats its
//! rotation every P = n / gcd(m, n) periods, so each (facilitator, period of
//! the cycle) becomes one VEVENT with INTERVAL × P and its own start, named
//! after who leads it. Rules without that regularity list the dates of each
//! facilitator's turns for the coming year (RDATE) instead.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use crate::model::{Ceremony, Entity, Handbook, UPCOMING, targets};
use crate::recurrence::{ByDay, Freq, Rule};
use crate::urls;

use super::duties::calendar as duty_calendar;

/// Every calendar file of the site: `calendar.ics` and `ceremonies/<id>.ics`.
pub fn files(hb: &Handbook, now: Timestamp) -> Vec<(String, Vec<u8>)> {
    let name = format!("{} ceremonies", hb.config.title);
    let all_ceremonies: Vec<usize> = (0..hb.ceremonies.len()).collect();
    let all_duties: Vec<usize> = (0..hb.duties.len()).collect();
    let mut out = vec![(urls::CALENDAR.to_string(), calendar(hb, now, &name, &all_ceremonies, &all_duties))];
    for (i, c) in hb.ceremonies.iter().enumerate() {
        out.push((
            urls::ceremony_calendar(hb, i),
            calendar(hb, now, &format!("{}: {}", hb.config.title, c.title), &[i], &[]),
        ));
    }
    for (i, d) in hb.duties.iter().enumerate() {
        out.push((
            urls::duty_calendar(hb, i),
            calendar(hb, now, &format!("{}: {}", hb.config.title, d.title), &[], &[i]),
        ));
    }
    out
}

/// One calendar: the given ceremonies, and the turns of the given duties.
fn calendar(hb: &Handbook, now: Timestamp, name: &str, ceremonies: &[usize], duties: &[usize]) -> Vec<u8> {
    let mut ics = Ics::open(name, Some(&hb.config.timezone.name));
    let mut zones: BTreeMap<&str, (&TimeZone, Date)> = BTreeMap::new();
    let mut events = Vec::new();
    for &ci in ceremonies {
        let c = &hb.ceremonies[ci];
        let list = events_of(hb, ci);
        if let (Some(first), false) = (list.iter().map(|e| e.start.date()).min(), is_utc(&c.zone.name)) {
            let entry = zones.entry(c.zone.name.as_str()).or_insert((&c.zone.tz, first));
            entry.1 = entry.1.min(first);
        }
        events.extend(list.into_iter().map(|e| (ci, e)));
    }
    let turns: Vec<_> = duties.iter().filter_map(|&di| duty_calendar::turns(hb, di, now)).collect();
    for t in &turns {
        if let (Some(first), false) = (t.first_day(), is_utc(&t.zone().name)) {
            let entry = zones.entry(t.zone().name.as_str()).or_insert((&t.zone().tz, first));
            entry.1 = entry.1.min(first);
        }
    }
    for (name, (tz, first)) in &zones {
        vtimezone(&mut ics, name, tz, *first, hb.today);
    }
    let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    for (ci, e) in events {
        vevent(&mut ics, hb, ci, &e, &stamp);
    }
    for t in &turns {
        t.write(&mut ics, hb, &stamp);
    }
    ics.line("END:VCALENDAR");
    ics.out.into_bytes()
}

/// One VEVENT to write.
#[derive(Debug, Clone, PartialEq)]
struct Event {
    uid: String,
    start: DateTime,
    rrule: Option<String>,
    rdates: Vec<DateTime>,
    exdates: Vec<DateTime>,
    /// Who leads the occurrences of this event, when facilitators rotate.
    leader: Option<Entity>,
}

fn events_of(hb: &Handbook, ci: usize) -> Vec<Event> {
    let c = &hb.ceremonies[ci];
    let (Some(rule), Some(time), Some(start), true) = (&c.schedule, c.time, c.start, c.is_scheduled()) else {
        return Vec::new();
    };
    let until = match (rule.until, c.until) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let at = |d: Date| d.to_datetime(time);
    let base = format!("{}@{}", c.doc.id, uid_host(hb));
    let mut rule = rule.clone();
    rule.until = None;
    let rotation = c.facilitators.len();
    let leader = |i: usize| c.facilitators.get(i % rotation.max(1)).and_then(|r| r.to);
    let until_utc = until.map(|u| utc(c, at(u)));
    // The series up to the last skipped date: where the cancelled meetings are.
    let last_skip = c.skip.iter().copied().max();
    let to_last_skip = || c.series().take_while(move |(_, d)| Some(*d) <= last_skip);

    // COUNT and UNTIL may not go together in one RRULE.
    let count_and_until = rule.count.is_some() && until.is_some();
    if rotation <= 1 && !count_and_until {
        let Some((_, first)) = c.series().next() else { return Vec::new() };
        let exdates = to_last_skip().filter(|(_, d)| c.skip.contains(d)).map(|(_, d)| at(d)).collect();
        let mut rrule = rule.to_string();
        if let Some(u) = &until_utc {
            rrule.push_str(&format!(";UNTIL={u}"));
        }
        return vec![Event {
            uid: base,
            start: at(first),
            rrule: Some(rrule),
            rdates: Vec::new(),
            exdates,
            leader: leader(0),
        }];
    }

    match per_period(&rule, start) {
        Some(m) if rule.count.is_none() && rotation > 1 => {
            let cycle = rotation / gcd(m, rotation);
            // The first cycle of the series decides each event's days and start.
            let mut groups: BTreeMap<(usize, usize), Vec<Date>> = BTreeMap::new();
            for (i, d) in c.series().take(cycle * m) {
                groups.entry((i % rotation, i / m)).or_default().push(d);
            }
            // Skipped meetings go to the event that would have held them.
            let mut exdates: BTreeMap<(usize, usize), Vec<DateTime>> = BTreeMap::new();
            for (i, d) in to_last_skip() {
                if c.skip.contains(&d) {
                    exdates.entry((i % rotation, (i / m) % cycle)).or_default().push(at(d));
                }
            }
            groups
                .into_iter()
                .map(|((k, p), days)| {
                    let mut slot = rule.clone();
                    slot.interval = rule.interval * cycle as u32;
                    if rule.freq == Freq::Weekly {
                        slot.by_day = days.iter().map(|d| ByDay { nth: None, weekday: d.weekday() }).collect();
                    }
                    let mut rrule = slot.to_string();
                    if let Some(u) = &until_utc {
                        rrule.push_str(&format!(";UNTIL={u}"));
                    }
                    Event {
                        uid: format!("{}-{k}-{p}@{}", c.doc.id, uid_host(hb)),
                        start: at(days[0]),
                        rrule: Some(rrule),
                        rdates: Vec::new(),
                        exdates: exdates.remove(&(k, p)).unwrap_or_default(),
                        leader: leader(k),
                    }
                })
                .collect()
        }
        _ => {
            // No fixed rhythm: list each facilitator's dates for the coming
            // year, and at least up to the meetings handbook.json lists.
            let year = hb.today.checked_add(1.year()).unwrap_or(hb.today);
            let listed = c.upcoming(hb.today, UPCOMING).last().map_or(year, |o| o.start.date());
            let horizon = year.max(listed);
            let series: Vec<(usize, Date)> = c.series().take_while(|(_, d)| *d <= horizon).collect();
            let rotation = rotation.max(1);
            (0..rotation)
                .filter_map(|k| {
                    let dates: Vec<DateTime> = series
                        .iter()
                        .filter(|(i, d)| i % rotation == k && !c.skip.contains(d))
                        .map(|(_, d)| at(*d))
                        .collect();
                    let (&first, rest) = dates.split_first()?;
                    Some(Event {
                        uid: format!("{}-{k}@{}", c.doc.id, uid_host(hb)),
                        start: first,
                        rrule: None,
                        rdates: rest.to_vec(),
                        exdates: Vec::new(),
                        leader: leader(k),
                    })
                })
                .collect()
        }
    }
}

/// How many meetings each period of the rule holds, when that is always the
/// same; `None` when months or filters make it vary.
fn per_period(rule: &Rule, start: Date) -> Option<usize> {
    if !rule.by_set_pos.is_empty() || !rule.by_month.is_empty() {
        return None;
    }
    match rule.freq {
        Freq::Daily if rule.by_day.is_empty() && rule.by_month_day.is_empty() => Some(1),
        Freq::Weekly if rule.by_day.iter().all(|d| d.nth.is_none()) => {
            let mut days: Vec<i8> = rule.by_day.iter().map(|d| d.weekday.to_monday_zero_offset()).collect();
            days.sort_unstable();
            days.dedup();
            Some(days.len().max(1))
        }
        Freq::Monthly => {
            let every_month = |n: i16| (1..=4).contains(&n.abs());
            match (rule.by_day.as_slice(), rule.by_month_day.as_slice()) {
                ([], []) if start.day() <= 28 => Some(1),
                ([ByDay { nth: Some(n), .. }], []) if every_month(*n) => Some(1),
                ([], [d]) if (1..=28).contains(&d.abs()) => Some(1),
                _ => None,
            }
        }
        _ => None,
    }
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

pub(super) fn is_utc(zone: &str) -> bool {
    matches!(zone, "UTC" | "Etc/UTC" | "Etc/Universal" | "Universal" | "Zulu" | "Etc/Zulu")
}

pub(super) fn uid_host(hb: &Handbook) -> String {
    hb.config
        .base_url
        .as_deref()
        .and_then(|u| u.split("://").nth(1))
        .and_then(|rest| rest.split('/').next())
        .filter(|h| !h.is_empty())
        .unwrap_or("teambook")
        .to_string()
}

/// A local time of a ceremony as a UTC timestamp in iCalendar form.
fn utc(c: &Ceremony, local: DateTime) -> String {
    c.zone
        .tz
        .to_ambiguous_timestamp(local)
        .compatible()
        .map_or_else(|_| local.strftime("%Y%m%dT%H%M%SZ").to_string(), |t| t.strftime("%Y%m%dT%H%M%SZ").to_string())
}

/// `DTSTART;TZID=America/New_York:20260105T100000`, or the UTC form.
fn timed(c: &Ceremony, name: &str, local: DateTime) -> (String, String) {
    if is_utc(&c.zone.name) {
        (name.to_string(), local.strftime("%Y%m%dT%H%M%SZ").to_string())
    } else {
        (format!("{name};TZID={}", c.zone.name), local.strftime("%Y%m%dT%H%M%S").to_string())
    }
}

fn vevent(ics: &mut Ics, hb: &Handbook, ci: usize, e: &Event, stamp: &str) {
    let c = &hb.ceremonies[ci];
    ics.line("BEGIN:VEVENT");
    ics.prop("UID", &e.uid);
    ics.prop("DTSTAMP", stamp);
    let (name, value) = timed(c, "DTSTART", e.start);
    ics.prop(&name, &value);
    if let Some(d) = &c.duration {
        ics.prop("DURATION", &format!("PT{}M", d.value.as_mins()));
    }
    if let Some(r) = &e.rrule {
        ics.prop("RRULE", r);
    }
    if !e.rdates.is_empty() {
        let (name, _) = timed(c, "RDATE", e.start);
        let values: Vec<String> = e.rdates.iter().map(|d| timed(c, "RDATE", *d).1).collect();
        ics.prop(&name, &values.join(","));
    }
    if !e.exdates.is_empty() {
        let (name, _) = timed(c, "EXDATE", e.start);
        let values: Vec<String> = e.exdates.iter().map(|d| timed(c, "EXDATE", *d).1).collect();
        ics.prop(&name, &values.join(","));
    }
    let summary = match (e.leader, c.facilitators.len() > 1) {
        (Some(who), true) => format!("{} (led by {})", c.title, hb.title(who)),
        _ => c.title.clone(),
    };
    ics.prop("SUMMARY", &text(&summary));
    ics.prop("DESCRIPTION", &text(&description(hb, ci)));
    if let Some(base) = &hb.config.base_url {
        ics.prop("URL", &format!("{base}{}", urls::page(hb, Entity::Ceremony(ci))));
    }
    ics.prop("TRANSP", "OPAQUE");
    for (name, email) in attendees(hb, c) {
        ics.prop(
            &format!("ATTENDEE;CN=\"{}\";ROLE=REQ-PARTICIPANT", name.replace('"', "'")),
            &format!("mailto:{email}"),
        );
    }
    ics.line("END:VEVENT");
}

fn description(hb: &Handbook, ci: usize) -> String {
    let c = &hb.ceremonies[ci];
    let mut out = String::new();
    let facilitators: Vec<String> = targets(&c.facilitators).map(|e| hb.title(e)).collect();
    if !facilitators.is_empty() {
        let verb = if facilitators.len() > 1 { "Facilitators (rotating)" } else { "Facilitator" };
        let _ = writeln!(out, "{verb}: {}", facilitators.join(", "));
    }
    if !c.agenda.is_empty() {
        out.push_str("Agenda:\n");
        for a in &c.agenda {
            let minutes = a.minutes.map_or(String::new(), |m| format!(" ({m} min)"));
            let _ = writeln!(out, "- {}{minutes}", a.item);
        }
    }
    if let Some(doc) = &c.agenda_doc {
        let _ = writeln!(out, "Running agenda: {doc}");
    }
    out.trim_end().to_string()
}

/// People invited (facilitators and attendees; a role stands for its current
/// holders) who have an email address, in name order.
fn attendees(hb: &Handbook, c: &Ceremony) -> Vec<(String, String)> {
    let mut people: Vec<usize> = Vec::new();
    for e in targets(&c.facilitators).chain(targets(&c.attendees)) {
        match e {
            Entity::Person(p) => people.push(p),
            Entity::Role(r) => people.extend(hb.roles[r].people.iter().copied().filter(|&p| !hb.people[p].alumnus)),
            _ => {}
        }
    }
    let mut out: Vec<(String, String)> = people
        .into_iter()
        .filter(|&p| !hb.people[p].alumnus)
        .filter_map(|p| hb.people[p].email().map(|m| (hb.people[p].name.clone(), m.to_string())))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A VTIMEZONE with every transition of the zone from a year before the first
/// meeting to twenty years after today.
fn vtimezone(ics: &mut Ics, name: &str, tz: &TimeZone, first: Date, today: Date) {
    let from = first.checked_sub(1.year()).unwrap_or(first).to_datetime(Time::midnight());
    let to = today.max(first).checked_add(20.years()).unwrap_or(today).to_datetime(Time::midnight());
    let (Ok(from_ts), Ok(to_ts)) =
        (tz.to_ambiguous_timestamp(from).compatible(), tz.to_ambiguous_timestamp(to).compatible())
    else {
        return;
    };
    ics.line("BEGIN:VTIMEZONE");
    ics.prop("TZID", name);
    let info = tz.to_offset_info(from_ts);
    let mut offset = info.offset();
    observance(ics, info.dst().is_dst(), from, offset, offset, info.abbreviation());
    for t in tz.following(from_ts) {
        if t.timestamp() > to_ts {
            break;
        }
        let local_before = offset.to_datetime(t.timestamp());
        observance(ics, t.dst().is_dst(), local_before, offset, t.offset(), t.abbreviation());
        offset = t.offset();
    }
    ics.line("END:VTIMEZONE");
}

fn observance(
    ics: &mut Ics,
    dst: bool,
    start: DateTime,
    from: jiff::tz::Offset,
    to: jiff::tz::Offset,
    abbreviation: &str,
) {
    let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
    ics.line(&format!("BEGIN:{kind}"));
    ics.prop("DTSTART", &start.strftime("%Y%m%dT%H%M%S").to_string());
    ics.prop("TZOFFSETFROM", &ical_offset(from));
    ics.prop("TZOFFSETTO", &ical_offset(to));
    if !abbreviation.is_empty() && !abbreviation.starts_with(['+', '-']) {
        ics.prop("TZNAME", abbreviation);
    }
    ics.line(&format!("END:{kind}"));
}

/// `-0500`, or `+053000` when the offset has seconds.
fn ical_offset(o: jiff::tz::Offset) -> String {
    let s = o.seconds();
    let sign = if s < 0 { '-' } else { '+' };
    let a = s.unsigned_abs();
    let (h, m, sec) = (a / 3600, a / 60 % 60, a % 60);
    if sec == 0 { format!("{sign}{h:02}{m:02}") } else { format!("{sign}{h:02}{m:02}{sec:02}") }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub(super) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// iCalendar text: CRLF line ends, lines folded at 75 octets without
/// splitting a UTF-8 character.
#[derive(Default)]
pub(in crate::render) struct Ics {
    pub out: String,
}

impl Ics {
    /// A calendar's opening lines: its name, and the zone it is read in when it has one.
    pub fn open(name: &str, zone: Option<&str>) -> Ics {
        let mut ics = Ics::default();
        ics.line("BEGIN:VCALENDAR");
        ics.prop("VERSION", "2.0");
        ics.prop("PRODID", "-//teambook//teambook//EN");
        ics.prop("CALSCALE", "GREGORIAN");
        ics.prop("METHOD", "PUBLISH");
        ics.prop("NAME", &text(name));
        ics.prop("X-WR-CALNAME", &text(name));
        if let Some(zone) = zone {
            ics.prop("X-WR-TIMEZONE", zone);
        }
        ics.prop("REFRESH-INTERVAL;VALUE=DURATION", "PT12H");
        ics.prop("X-PUBLISHED-TTL", "PT12H");
        ics
    }

    pub fn prop(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{value}"));
    }

    pub fn line(&mut self, line: &str) {
        let mut rest = line;
        let mut limit = 75;
        loop {
            if rest.len() <= limit {
                self.out.push_str(rest);
                self.out.push_str("\r\n");
                return;
            }
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            self.out.push_str(&rest[..cut]);
            self.out.push_str("\r\n ");
            rest = &rest[cut..];
            limit = 74; // the leading space counts
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Ics, ical_offset, text};

    #[test]
    fn folds_at_75_octets_on_character_boundaries() {
        let mut ics = Ics::default();
        ics.prop("SUMMARY", &"é".repeat(100));
        for line in ics.out.split("\r\n") {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        let unfolded = ics.out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "é".repeat(100)));
    }

    #[test]
    fn escapes_text_and_offsets() {
        assert_eq!(text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
        assert_eq!(ical_offset(jiff::tz::offset(-5)), "-0500");
        assert_eq!(ical_offset(jiff::tz::Offset::from_seconds(19800).unwrap()), "+0530");
    }
}
