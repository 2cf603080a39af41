//! Dates, times, durations and time zones read out of a table: dates
//! between 1900 and 2200 written as TOML dates or strings, times without
//! seconds, durations such as "45m", and zones as the database spells them.

use std::ops::Range;

use jiff::SignedDuration;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;

use super::{At, Reading, Table};
use crate::diagnostics::{Code, Diagnostics, closest};
use crate::syntax::{Node, Value};

/// The years a date may fall in: anything else is a typo (`0026-01-05`)
/// that would put invalid dates into calendars.
pub const YEARS: std::ops::RangeInclusive<i16> = 1900..=2200;

impl Table<'_> {
    /// A date, written as a TOML date (`2026-01-05`) or a string (`"2026-01-05"`).
    pub fn date(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<At<Date>> {
        let v = self.get(key, Reading::Date)?;
        self.date_value(d, key, v)
    }

    pub fn required_date(&mut self, d: &mut Diagnostics, key: &'static str, example: &str) -> Option<At<Date>> {
        let present = self.has(key);
        let value = self.date(d, key);
        if !present {
            self.missing(d, key, example);
        }
        value
    }

    pub fn dates(&mut self, d: &mut Diagnostics, key: &'static str) -> Vec<At<Date>> {
        let Some(v) = self.get(key, Reading::Dates) else {
            return Vec::new();
        };
        match &v.value {
            Value::Array(items) => items
                .iter()
                .filter(|i| !matches!(i.value, Value::Invalid))
                .filter_map(|item| self.date_value(d, key, item))
                .collect(),
            _ => self.date_value(d, key, v).into_iter().collect(),
        }
    }

    fn date_value(&self, d: &mut Diagnostics, key: &str, v: &Node) -> Option<At<Date>> {
        let span = v.span.clone();
        let parsed = match &v.value {
            Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(date), None, None) => Date::new(date.year as i16, date.month as i8, date.day as i8),
                _ => return self.date_with_time(d, key, span),
            },
            Value::String(s) => {
                // A date and time ("2026-01-05 10:00") is not read as its date.
                let s = s.trim();
                if s.len() > 10 && (s.parse::<DateTime>().is_ok() || s.parse::<jiff::Timestamp>().is_ok()) {
                    return self.date_with_time(d, key, span);
                }
                s.parse::<Date>()
            }
            _ => {
                self.wrong_type(d, key, v, "a date (YYYY-MM-DD)", "2026-01-05");
                return None;
            }
        };
        match parsed {
            Ok(date) if YEARS.contains(&date.year()) => Some(At::new(date, span)),
            Ok(date) => {
                let (first, last) = (YEARS.start(), YEARS.end());
                d.report(
                    Code::InvalidDate,
                    self.file,
                    span,
                    format!("`{}` is in the year {}, outside {first}-{last}", self.name(key), date.year()),
                )
                .hint("check the year for a typo; write the date as YYYY-MM-DD, e.g. 2026-01-05");
                None
            }
            Err(_) => {
                let written = match &v.value {
                    Value::String(s) => format!(" {s:?}"),
                    _ => String::new(),
                };
                d.report(Code::InvalidDate, self.file, span, format!("invalid date{written} in `{}`", self.name(key)))
                    .hint("no such day on the calendar; write it as YYYY-MM-DD, e.g. 2026-01-05");
                None
            }
        }
    }

    fn date_with_time(&self, d: &mut Diagnostics, key: &str, span: Range<usize>) -> Option<At<Date>> {
        d.report(Code::InvalidDate, self.file, span, format!("`{}` must be a date without a time", self.name(key)))
            .hint("write it as YYYY-MM-DD, e.g. 2026-01-05");
        None
    }

    /// A time of day to the minute: `"10:00"`, or a TOML local time
    /// `10:00:00`. Seconds are refused rather than dropped, so that the page
    /// and the calendar can never disagree.
    pub fn time(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<At<Time>> {
        let v = self.get(key, Reading::Time)?;
        let span = v.span.clone();
        let parsed = match &v.value {
            Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (None, Some(t), None) => Time::new(
                    t.hour as i8,
                    t.minute as i8,
                    t.second.unwrap_or(0) as i8,
                    t.nanosecond.unwrap_or(0) as i32,
                ),
                _ => {
                    d.report(
                        Code::InvalidTime,
                        self.file,
                        span,
                        format!("`{}` must be a time of day only", self.name(key)),
                    )
                    .hint("write it as \"HH:MM\", e.g. \"10:00\"");
                    return None;
                }
            },
            Value::String(s) => s.trim().parse::<Time>(),
            _ => {
                self.wrong_type(d, key, v, "a time of day (\"HH:MM\")", "\"10:00\"");
                return None;
            }
        };
        match parsed {
            Ok(time) if time.second() == 0 && time.subsec_nanosecond() == 0 => Some(At::new(time, span)),
            Ok(time) => {
                d.report(
                    Code::InvalidTime,
                    self.file,
                    span,
                    format!("`{}` has seconds ({time}): times are to the minute", self.name(key)),
                )
                .hint(format!("write it as \"{}\"", time.strftime("%H:%M")));
                None
            }
            Err(_) => {
                d.report(Code::InvalidTime, self.file, span, format!("invalid time of day in `{}`", self.name(key)))
                    .hint("write it as \"HH:MM\" on a 24-hour clock, e.g. \"14:30\"");
                None
            }
        }
    }

    /// A duration such as `"45m"`, `"1h 30m"` or `"PT45M"`; must be positive.
    pub fn duration(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<At<SignedDuration>> {
        let v = self.get(key, Reading::Duration)?;
        let span = v.span.clone();
        let Value::String(s) = &v.value else {
            self.wrong_type(d, key, v, "a duration string such as \"45m\"", "\"45m\"");
            return None;
        };
        match s.parse::<SignedDuration>() {
            Ok(dur) if dur.is_positive() => Some(At::new(dur, span)),
            Ok(_) => {
                d.report(
                    Code::InvalidDuration,
                    self.file,
                    span,
                    format!("`{}` must be longer than zero", self.name(key)),
                )
                .hint("write it like \"45m\" or \"1h 30m\"");
                None
            }
            Err(_) => {
                d.report(
                    Code::InvalidDuration,
                    self.file,
                    span,
                    format!("invalid duration {s:?} in `{}`", self.name(key)),
                )
                .hint("write it like \"45m\", \"1h\" or \"1h 30m\"");
                None
            }
        }
    }

    /// An IANA time zone name such as `"America/New_York"`, kept as the
    /// database spells it whatever the case it was written in.
    pub fn time_zone(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<At<Zone>> {
        let v = self.get(key, Reading::Zone)?;
        let span = v.span.clone();
        let Value::String(name) = &v.value else {
            self.wrong_type(d, key, v, "an IANA time zone name such as \"Europe/Paris\"", "\"Europe/Paris\"");
            return None;
        };
        match Zone::named(name) {
            Some(zone) => Some(At::new(zone, span)),
            None => {
                let names: Vec<_> = jiff::tz::db().available().collect();
                let hint = closest(name, names.iter().map(|n| n.as_str()))
                    .map(|c| format!("did you mean \"{c}\"?"))
                    .unwrap_or_else(|| "use an IANA name such as \"America/New_York\" or \"UTC\"".into());
                d.report(Code::UnknownTimeZone, self.file, span, format!("unknown time zone {name:?}")).hint(hint);
                None
            }
        }
    }
}

/// A time zone with the name the time-zone database gives it (for calendars and display).
#[derive(Clone, Debug, PartialEq)]
pub struct Zone {
    pub name: String,
    pub tz: TimeZone,
}

impl Zone {
    pub fn utc() -> Self {
        Zone { name: "UTC".into(), tz: TimeZone::UTC }
    }

    /// The zone of an IANA name, written in any case (`europe/dublin` is
    /// `Europe/Dublin`, as calendars expect it).
    pub fn named(name: &str) -> Option<Zone> {
        let tz = jiff::tz::db().get(name).ok()?;
        let canonical = tz.iana_name().unwrap_or(name).to_string();
        Some(Zone { name: canonical, tz })
    }
}
