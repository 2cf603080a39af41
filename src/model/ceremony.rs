//! `ceremonies/<id>.md`: a recurring meeting, its schedule (a cadence or an
//! RFC 5545 rule), time-box, rotating facilitators and attendees.

use jiff::civil::{Date, Time, Weekday};
use jiff::{SignedDuration, ZonedDateTime};

use super::{DOC_FIELDS, Doc, Kind, Ref, read_doc, refs};
use crate::config::Config;
use crate::diagnostics::{Code, Diagnostics, did_you_mean};
use crate::fields::{At, Field, Schema, Table, Ty, Zone};
use crate::recurrence::{ByDay, Freq, Rule, weekday};
use crate::source::SourceFile;

#[derive(Debug, Clone)]
pub struct Ceremony {
    pub doc: Doc,
    pub title: String,
    /// The recurrence, from `cadence`/`days` or `rrule`.
    pub schedule: Option<Rule>,
    /// The cadence word ("weekly") when the schedule was written as one.
    pub cadence: Option<String>,
    pub time: Option<Time>,
    pub duration: Option<At<SignedDuration>>,
    pub zone: Zone,
    pub start: Option<Date>,
    pub until: Option<Date>,
    pub skip: Vec<Date>,
    pub facilitators: Vec<Ref>,
    pub attendees: Vec<Ref>,
    pub areas: Vec<Ref>,
    pub agenda: Vec<AgendaItem>,
    pub agenda_doc: Option<String>,
    /// Areas worked on here: those listed in `areas` and those naming this
    /// ceremony as theirs (filled in by resolve).
    pub area_links: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AgendaItem {
    pub item: String,
    pub minutes: Option<i64>,
}

/// One meeting of a ceremony.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    /// Position in the series from `start`, counting skipped ones, so a
    /// cancelled meeting does not shift the facilitator rotation.
    pub index: usize,
    pub start: ZonedDateTime,
    pub end: ZonedDateTime,
    /// Index into `facilitators` of who leads this one.
    pub facilitator: Option<usize>,
}

/// How many meetings the outputs list ahead: `handbook.json` the next ten,
/// the ceremony page the first six of them; a calendar that lists dates
/// rather than a rule covers at least these.
pub const UPCOMING: usize = 10;

const CADENCES: [&str; 4] = ["daily", "weekly", "biweekly", "monthly"];

/// The front matter of `ceremonies/<id>.md`.
pub static SCHEMA: Schema = Schema {
    doc: "a recurring meeting (ceremonies/<id>.md)",
    fields: &[
        Field::required("title", Ty::Text, "the meeting's name"),
        Field::new("cadence", Ty::OneOf(&CADENCES), "how often it runs (or write an rrule)"),
        Field::new("days", Ty::Texts, "the weekdays it runs: mon ... sun"),
        Field::new(
            "rrule",
            Ty::Text,
            "an RFC 5545 recurrence rule, instead of cadence and days: FREQ=MONTHLY;BYDAY=-1FR",
        ),
        Field::new("time", Ty::Time, "the local start time, HH:MM"),
        Field::new("duration", Ty::Duration, "the time-box: 45m, 1h 30m"),
        Field::new("timezone", Ty::Zone, "the IANA zone of `time` (default: the handbook's)"),
        Field::new("start", Ty::Date, "the first possible occurrence; without it, not in calendars"),
        Field::new("until", Ty::Date, "the last possible day"),
        Field::new("skip", Ty::Dates, "cancelled occurrences"),
        Field::new(
            "facilitators",
            Ty::Ids(&[Kind::Role, Kind::Person]),
            "who leads it: one, or several that rotate per occurrence; `duty:<id>` is whoever is on that duty",
        ),
        Field::new("attendees", Ty::Ids(&[Kind::Role, Kind::Person]), "who attends: role or person ids"),
        Field::new("areas", Ty::Ids(&[Kind::Area]), "the ownership areas decided here"),
        Field::new("agenda", Ty::Tables(&AGENDA), "the standing agenda; must fit the duration"),
        Field::new("agenda_doc", Ty::Url, "the running agenda document"),
    ],
    common: DOC_FIELDS,
    rest: None,
    synonyms: &[
        ("name", "title"),
        ("frequency", "cadence"),
        ("recurrence", "rrule"),
        ("day", "days"),
        ("weekday", "days"),
        ("length", "duration"),
        ("timebox", "duration"),
        ("tz", "timezone"),
        ("facilitator", "facilitators"),
        ("owner", "facilitators"),
        ("owners", "facilitators"),
        ("attendee", "attendees"),
        ("participants", "attendees"),
        ("area", "areas"),
        ("exdate", "skip"),
        ("cancelled", "skip"),
        ("end", "until"),
        ("first", "start"),
    ],
};

static AGENDA: Schema = Schema {
    doc: "an agenda item",
    fields: &[
        Field::required("item", Ty::Text, "what is discussed"),
        Field::new("minutes", Ty::Integer, "how long it takes"),
    ],
    common: &[],
    rest: None,
    synonyms: &[("title", "item"), ("name", "item"), ("duration", "minutes"), ("mins", "minutes")],
};

impl Ceremony {
    pub fn read(source: &SourceFile, stem: &str, config: &Config, diags: &mut Diagnostics) -> Ceremony {
        let default_zone = &config.timezone;
        read_doc(source, stem, &SCHEMA, config, diags, |t, d| {
            let title =
                t.required_string(d, "title", "\"Sprint planning\"").map_or_else(|| stem.to_string(), |s| s.value);
            let schedule_written = t.has("cadence") || t.has("rrule");
            let (schedule, cadence, schedule_pos) = schedule(t, d);
            let time = t.time(d, "time").map(|x| x.value);
            let duration = t.duration(d, "duration");
            let written_zone = t.time_zone(d, "timezone");
            let start = t.date(d, "start").map(|x| x.value);
            let until = t.date(d, "until");
            if let (Some(s), Some(u)) = (start, &until)
                && u.value < s
            {
                d.report(
                    Code::InvalidSchedule,
                    t.file(),
                    u.pos,
                    format!("`until` ({}) is before `start` ({s})", u.value),
                )
                .hint("swap the two dates, or remove `until`");
            }
            let skip = t.dates(d, "skip");
            super::schedule::warn(
                t.file(),
                &super::schedule::Written {
                    rule: schedule.as_ref(),
                    rule_pos: schedule_pos,
                    start,
                    until: until.as_ref(),
                    skip: &skip,
                    duration: duration.as_ref(),
                    zone: written_zone.as_ref(),
                },
                d,
            );
            let zone = written_zone.map_or_else(|| default_zone.clone(), |z| z.value);
            let skip = skip.into_iter().map(|x| x.value).collect();
            let facilitators = refs(t, d, "facilitators");
            let attendees = refs(t, d, "attendees");
            let areas = refs(t, d, "areas");
            let agenda = agenda(t, d, duration.as_ref());
            let agenda_doc = t.string(d, "agenda_doc").map(|s| s.value);
            // Only what is absent: an invalid value has been reported already.
            let missing = match (schedule_written, t.has("duration")) {
                (false, _) => Some("neither `cadence` nor `rrule`"),
                (true, false) => Some("no `duration`"),
                (true, true) => None,
            };
            if let (Some(missing), Some(_)) = (missing, time) {
                d.report(
                    Code::NotInCalendar,
                    t.file(),
                    t.pos(),
                    format!("ceremony has a `time` but {missing}, so it cannot appear in calendars"),
                )
                .hint("add the missing field, or remove `time`");
            }
            move |doc| Ceremony {
                doc,
                title,
                schedule,
                cadence,
                time,
                duration,
                zone,
                start,
                until: until.map(|u| u.value),
                skip,
                facilitators,
                attendees,
                areas,
                agenda,
                agenda_doc,
                area_links: Vec::new(),
            }
        })
    }

    /// Whether the ceremony has everything it takes to be placed in a calendar.
    pub fn is_scheduled(&self) -> bool {
        self.schedule.is_some() && self.time.is_some() && self.duration.is_some() && self.start.is_some()
    }

    /// Every date of the series from `start` to `until`, skipped ones
    /// included, each with its index (what the facilitator rotation counts).
    /// No horizon: a rule whose first meeting is years away still has it.
    pub fn series(&self) -> impl Iterator<Item = (usize, Date)> + '_ {
        let dates = match (&self.schedule, self.start) {
            (Some(rule), Some(start)) => Some(rule.iter(start)),
            _ => None,
        };
        dates.into_iter().flatten().take_while(|d| self.until.is_none_or(|u| *d <= u)).enumerate()
    }

    /// The meetings from `from` to `to` (inclusive dates, in the ceremony's
    /// time zone), skipped ones left out. Local times stay put across
    /// daylight-saving changes; a time that does not exist on a given day is
    /// moved forward as RFC 5545 says.
    pub fn occurrences(&self, from: Date, to: Date) -> Vec<Occurrence> {
        self.meetings(from).take_while(|(_, day)| *day <= to).filter_map(|(i, day)| self.meeting(i, day)).collect()
    }

    /// The next `n` meetings on or after `from`, however far ahead: the one
    /// rule every output lists upcoming meetings by.
    pub fn upcoming(&self, from: Date, n: usize) -> Vec<Occurrence> {
        self.meetings(from).filter_map(|(i, day)| self.meeting(i, day)).take(n).collect()
    }

    /// The day of the last meeting, when the series has ended by `today`.
    pub fn ended(&self, today: Date) -> Option<Date> {
        if !self.is_scheduled() || !self.upcoming(today, 1).is_empty() {
            return None;
        }
        self.meetings(Date::MIN).last().map(|(_, day)| day)
    }

    /// The dates of the series from `from` on that are not skipped.
    fn meetings(&self, from: Date) -> impl Iterator<Item = (usize, Date)> + '_ {
        let placed = self.is_scheduled().then(|| self.series());
        placed.into_iter().flatten().filter(move |(_, day)| *day >= from && !self.skip.contains(day))
    }

    /// The meeting of the series on `day`, its `index`-th date.
    fn meeting(&self, index: usize, day: Date) -> Option<Occurrence> {
        let (time, duration) = (self.time?, self.duration.as_ref()?);
        let begin = self.zone.tz.to_ambiguous_zoned_datetime(day.to_datetime(time)).compatible().ok()?;
        let end = begin.checked_add(duration.value).ok()?;
        let rotation = self.facilitators.len();
        Some(Occurrence { index, start: begin, end, facilitator: (rotation > 0).then(|| index % rotation) })
    }
}

/// The recurrence from `cadence` (+ `days`) or from `rrule`, never both,
/// and where it is written.
fn schedule(t: &mut Table<'_>, d: &mut Diagnostics) -> (Option<Rule>, Option<String>, usize) {
    let cadence = t.string(d, "cadence");
    let days = t.strings(d, "days");
    let rrule = t.string(d, "rrule");
    let mut weekdays = Vec::new();
    for day in &days {
        match parse_day(&day.value) {
            Some(w) => weekdays.push(ByDay { nth: None, weekday: w }),
            None => {
                d.report(Code::InvalidSchedule, t.file(), day.pos, format!("unknown weekday {:?}", day.value))
                    .hint("use mon, tue, wed, thu, fri, sat or sun");
            }
        }
    }
    if let Some(r) = rrule {
        if let Some(c) = &cadence {
            d.report(Code::InvalidSchedule, t.file(), c.pos, "a ceremony has either `cadence` or `rrule`, not both")
                .hint("keep `rrule` for rules a cadence cannot say, and remove `cadence`");
        }
        if let Some(day) = days.first() {
            d.report(Code::InvalidSchedule, t.file(), day.pos, "`days` goes with `cadence`, not with `rrule`")
                .hint("put the days in the rule's BYDAY");
        }
        // Past the opening quote, when the string has one.
        let at = r.pos + usize::from(t.file().text[r.pos..].starts_with(['"', '\'']));
        return match Rule::parse(&r.value) {
            Ok(rule) => (Some(rule), None, at),
            Err(e) => {
                d.report(Code::InvalidRrule, t.file(), at + e.offset, format!("invalid rrule: {}", e.message))
                    .hint(e.hint.unwrap_or_else(|| "write it like \"FREQ=WEEKLY;BYDAY=MO,WE\", as in RFC 5545".into()));
                (None, None, at)
            }
        };
    }
    let Some(c) = cadence else {
        if let Some(day) = days.first() {
            d.report(Code::InvalidSchedule, t.file(), day.pos, "`days` needs a `cadence`")
                .hint("add cadence = \"weekly\", \"daily\" or \"biweekly\"");
        }
        return (None, None, t.pos());
    };
    let mut rule = Rule::new(Freq::Weekly);
    rule.by_day = weekdays;
    match c.value.as_str() {
        "daily" if rule.by_day.is_empty() => {
            rule.by_day = [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday]
                .map(|weekday| ByDay { nth: None, weekday })
                .to_vec();
        }
        "daily" | "weekly" => {}
        "biweekly" => rule.interval = 2,
        "monthly" => {
            if let Some(day) = days.first() {
                d.report(
                    Code::InvalidSchedule,
                    t.file(),
                    day.pos,
                    "a monthly ceremony runs on the day of the month of its `start`, so `days` does not apply",
                )
                .hint("for e.g. the first Monday, use rrule = \"FREQ=MONTHLY;BYDAY=1MO\"");
            }
            rule = Rule::new(Freq::Monthly);
        }
        other => {
            let hint = if other == "fortnightly" {
                Some("did you mean \"biweekly\"?".to_string())
            } else {
                did_you_mean(other, CADENCES)
            };
            d.report(Code::InvalidSchedule, t.file(), c.pos, format!("unknown cadence {other:?}"))
                .hint(hint.unwrap_or_else(|| "use daily, weekly, biweekly or monthly, or an rrule".into()));
            return (None, None, c.pos);
        }
    }
    (Some(rule), Some(c.value), c.pos)
}

pub(super) fn parse_day(s: &str) -> Option<Weekday> {
    let lower = s.trim().to_lowercase();
    let short = lower.get(..2)?;
    let code = weekday(short)?;
    let full = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let name = full[code.to_monday_zero_offset() as usize];
    (lower.len() >= 3 && name.starts_with(&lower)).then_some(code)
}

fn agenda(t: &mut Table<'_>, d: &mut Diagnostics, duration: Option<&At<SignedDuration>>) -> Vec<AgendaItem> {
    let pos = t.pos();
    let mut total = 0i64;
    let mut first_pos = None;
    let items: Vec<AgendaItem> = t
        .tables(d, "agenda")
        .into_iter()
        .filter_map(|mut a| {
            first_pos.get_or_insert(a.pos());
            let item = a.required_string(d, "item", "\"Carry-over\"");
            let minutes = a.integer(d, "minutes");
            if let Some(m) = &minutes
                && m.value <= 0
            {
                d.report(Code::InvalidValue, a.file(), m.pos, "`minutes` must be more than zero")
                    .hint("give the item a length, e.g. minutes = 10, or drop the item");
            }
            total += minutes.as_ref().map_or(0, |m| m.value.max(0));
            a.finish(d);
            item.map(|i| AgendaItem { item: i.value, minutes: minutes.map(|m| m.value) })
        })
        .collect();
    if let Some(dur) = duration {
        let available = dur.value.as_mins();
        if total > available {
            d.report(
                Code::AgendaTooLong,
                t.file(),
                first_pos.unwrap_or(pos),
                format!("the agenda takes {total} minutes but the ceremony lasts {available}"),
            )
            .hint("shorten the agenda items or lengthen `duration`");
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::parse_day;
    use jiff::civil::Weekday;

    #[test]
    fn weekday_names() {
        assert_eq!(parse_day("mon"), Some(Weekday::Monday));
        assert_eq!(parse_day("Thursday"), Some(Weekday::Thursday));
        assert_eq!(parse_day("mo"), None);
        assert_eq!(parse_day("mox"), None);
    }
}
