//! Recurrence rules: the RFC 5545 RRULE subset a team meeting needs, parsed
//! with positions for errors, and expanded into dates. The cadences of
//! ceremonies (`daily`, `weekly`, ...) are turned into the same rules, so one
//! expansion serves both and the calendar export can write them back as RRULEs.

use std::fmt;

mod words;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freq {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// `BYDAY` entry: a weekday, optionally the nth of the month/year (`-1FR`: last Friday).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ByDay {
    pub nth: Option<i16>,
    pub weekday: Weekday,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub freq: Freq,
    pub interval: u32,
    pub by_day: Vec<ByDay>,
    pub by_month_day: Vec<i8>,
    pub by_month: Vec<i8>,
    pub by_set_pos: Vec<i16>,
    pub count: Option<u32>,
    pub until: Option<Date>,
    pub wkst: Weekday,
}

/// What is wrong with a rule, at a byte offset within the rule text.
#[derive(Debug, PartialEq, Eq)]
pub struct RuleError {
    pub offset: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl Rule {
    pub fn new(freq: Freq) -> Rule {
        Rule {
            freq,
            interval: 1,
            by_day: Vec::new(),
            by_month_day: Vec::new(),
            by_month: Vec::new(),
            by_set_pos: Vec::new(),
            count: None,
            until: None,
            wkst: Weekday::Monday,
        }
    }

    /// Parses `FREQ=MONTHLY;BYDAY=-1FR` (an `RRULE:` prefix is allowed).
    pub fn parse(text: &str) -> Result<Rule, RuleError> {
        let (body, base) = match text.strip_prefix("RRULE:") {
            Some(rest) => (rest, 6),
            None => (text, 0),
        };
        let mut freq = None;
        let mut rule = Rule::new(Freq::Daily);
        let mut seen: Vec<String> = Vec::new();
        let mut offset = base;
        for part in body.split(';') {
            let at = offset;
            offset += part.len() + 1;
            if part.is_empty() {
                continue;
            }
            let err =
                |message: String, hint: Option<&str>| RuleError { offset: at, message, hint: hint.map(String::from) };
            let Some((name, value)) = part.split_once('=') else {
                return Err(err(format!("`{part}` is not NAME=VALUE"), Some("parts look like FREQ=WEEKLY;BYDAY=MO")));
            };
            let name_upper = name.trim().to_ascii_uppercase();
            if seen.contains(&name_upper) {
                return Err(err(format!("{name_upper} is given twice"), None));
            }
            let value = value.trim();
            match name_upper.as_str() {
                "FREQ" => {
                    freq = Some(match value.to_ascii_uppercase().as_str() {
                        "DAILY" => Freq::Daily,
                        "WEEKLY" => Freq::Weekly,
                        "MONTHLY" => Freq::Monthly,
                        "YEARLY" => Freq::Yearly,
                        "HOURLY" | "MINUTELY" | "SECONDLY" => {
                            return Err(err(
                                format!("FREQ={value} is not supported"),
                                Some("a ceremony recurs at most daily; its time of day comes from `time`"),
                            ));
                        }
                        _ => {
                            return Err(err(
                                format!("unknown FREQ {value:?}"),
                                Some("use DAILY, WEEKLY, MONTHLY or YEARLY"),
                            ));
                        }
                    })
                }
                "INTERVAL" => {
                    rule.interval = number(value, 1, 1000)
                        .ok_or_else(|| err(format!("INTERVAL must be a whole number from 1, not {value:?}"), None))?
                        as u32
                }
                "COUNT" => {
                    rule.count = Some(
                        number(value, 1, 100_000)
                            .ok_or_else(|| err(format!("COUNT must be a whole number from 1, not {value:?}"), None))?
                            as u32,
                    )
                }
                "UNTIL" => {
                    rule.until = Some(until(value).ok_or_else(|| {
                        err(format!("invalid UNTIL {value:?}"), Some("write it as YYYYMMDD or YYYYMMDDTHHMMSSZ"))
                    })?)
                }
                "WKST" => {
                    rule.wkst = weekday(value).ok_or_else(|| {
                        err(format!("invalid WKST {value:?}"), Some("use MO, TU, WE, TH, FR, SA or SU"))
                    })?
                }
                "BYDAY" => {
                    for item in value.split(',') {
                        rule.by_day.push(by_day(item.trim()).ok_or_else(|| {
                            err(
                                format!("invalid BYDAY entry {item:?}"),
                                Some("write weekdays like MO,WE or with a position like 1MO or -1FR"),
                            )
                        })?);
                    }
                }
                "BYMONTHDAY" => {
                    for item in value.split(',') {
                        let n = signed(item.trim(), 31).ok_or_else(|| {
                            err(format!("invalid BYMONTHDAY {item:?}"), Some("use 1 to 31, or -1 for the last day"))
                        })?;
                        rule.by_month_day.push(n as i8);
                    }
                }
                "BYMONTH" => {
                    for item in value.split(',') {
                        rule.by_month.push(
                            number(item.trim(), 1, 12)
                                .ok_or_else(|| err(format!("invalid BYMONTH {item:?}"), Some("use 1 to 12")))?
                                as i8,
                        );
                    }
                }
                "BYSETPOS" => {
                    for item in value.split(',') {
                        rule.by_set_pos.push(
                            signed(item.trim(), 366).ok_or_else(|| err(format!("invalid BYSETPOS {item:?}"), None))?,
                        );
                    }
                }
                "BYHOUR" | "BYMINUTE" | "BYSECOND" => {
                    return Err(err(
                        format!("{name_upper} is not supported"),
                        Some("the time of day comes from the ceremony's `time`"),
                    ));
                }
                "BYWEEKNO" | "BYYEARDAY" => {
                    return Err(err(
                        format!("{name_upper} is not supported"),
                        Some("use BYMONTH, BYMONTHDAY, BYDAY and BYSETPOS"),
                    ));
                }
                _ => {
                    return Err(err(
                        format!("unknown rule part {name:?}"),
                        Some("known parts: FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, WKST"),
                    ));
                }
            }
            seen.push(name_upper);
        }
        let whole = |message: &str, hint: Option<&str>| RuleError {
            offset: base,
            message: message.into(),
            hint: hint.map(String::from),
        };
        rule.freq =
            freq.ok_or_else(|| whole("the rule has no FREQ", Some("start it with FREQ=WEEKLY, FREQ=MONTHLY, ...")))?;
        if rule.count.is_some() && rule.until.is_some() {
            return Err(whole("a rule may have COUNT or UNTIL, not both", None));
        }
        if matches!(rule.freq, Freq::Daily | Freq::Weekly) && rule.by_day.iter().any(|d| d.nth.is_some()) {
            return Err(whole("a numbered BYDAY (like 1MO) needs FREQ=MONTHLY or FREQ=YEARLY", None));
        }
        if rule.freq == Freq::Weekly && !rule.by_month_day.is_empty() {
            return Err(whole("BYMONTHDAY cannot be used with FREQ=WEEKLY", None));
        }
        if !rule.by_set_pos.is_empty()
            && rule.by_day.is_empty()
            && rule.by_month_day.is_empty()
            && rule.by_month.is_empty()
        {
            return Err(whole("BYSETPOS needs another BYxxx part to choose from", None));
        }
        Ok(rule)
    }

    /// Every date of the rule from `start` (its first possible date; COUNT
    /// counts from it), in order, with no horizon: it ends
    /// with COUNT, UNTIL or the calendar (year 9999), or once a whole cycle of
    /// the rule has passed without a date, since nothing can come after that.
    pub fn iter(&self, start: Date) -> Dates<'_> {
        Dates { rule: self, start, period: 0, barren: 0, emitted: 0, pending: Vec::new().into_iter(), done: false }
    }

    /// How many periods it takes the rule's pattern to repeat: the Gregorian
    /// calendar repeats every 400 years (146,097 days, a whole number of
    /// weeks), so this many periods in a row without a date mean none ever.
    fn cycle(&self) -> u32 {
        match self.freq {
            Freq::Daily => 146_097,
            Freq::Weekly => 146_097 / 7,
            Freq::Monthly => 400 * 12,
            Freq::Yearly => 400,
        }
    }

    /// The k-th period after the one holding `start`: its first day and its candidate dates.
    fn period(&self, start: Date, k: i64) -> Option<(Date, Vec<Date>)> {
        let step = k.checked_mul(i64::from(self.interval))?;
        match self.freq {
            Freq::Daily => {
                let day = start.checked_add(step.days()).ok()?;
                Some((day, vec![day].into_iter().filter(|d| self.matches_filters(*d)).collect()))
            }
            Freq::Weekly => {
                let back = (7 + start.weekday().to_monday_zero_offset() - self.wkst.to_monday_zero_offset()) % 7;
                let first = start.checked_sub(i64::from(back).days()).ok()?.checked_add((step * 7).days()).ok()?;
                let weekdays: Vec<Weekday> = if self.by_day.is_empty() {
                    vec![start.weekday()]
                } else {
                    self.by_day.iter().map(|d| d.weekday).collect()
                };
                let days = (0..7)
                    .filter_map(|i| first.checked_add(i.days()).ok())
                    .filter(|d| weekdays.contains(&d.weekday()) && self.month_ok(*d))
                    .collect();
                Some((first, days))
            }
            Freq::Monthly => {
                let first = start.first_of_month().checked_add(step.months()).ok()?;
                Some((first, self.month_days(first, start)))
            }
            Freq::Yearly => {
                let year = i16::try_from(i64::from(start.year()) + step).ok()?;
                let first = Date::new(year, 1, 1).ok()?;
                Some((first, self.year_days(first, start)))
            }
        }
    }

    fn month_ok(&self, d: Date) -> bool {
        self.by_month.is_empty() || self.by_month.contains(&d.month())
    }

    /// Filters for FREQ=DAILY, where BYxxx parts limit rather than expand.
    fn matches_filters(&self, d: Date) -> bool {
        self.month_ok(d)
            && (self.by_month_day.is_empty() || self.by_month_day.iter().any(|&n| month_day_matches(d, n)))
            && (self.by_day.is_empty() || self.by_day.iter().any(|b| b.weekday == d.weekday()))
    }

    /// Candidate days of one month for MONTHLY (and YEARLY with BYMONTH).
    fn month_days(&self, first: Date, start: Date) -> Vec<Date> {
        if !self.month_ok(first) {
            return Vec::new();
        }
        let days = (0..i64::from(first.days_in_month())).filter_map(|i| first.checked_add(i.days()).ok());
        if self.by_day.is_empty() && self.by_month_day.is_empty() {
            return days.filter(|d| d.day() == start.day()).collect();
        }
        days.filter(|d| {
            (self.by_month_day.is_empty() || self.by_month_day.iter().any(|&n| month_day_matches(*d, n)))
                && (self.by_day.is_empty()
                    || self
                        .by_day
                        .iter()
                        .any(|b| by_day_matches(*b, *d, i16::from(d.day()), i16::from(d.days_in_month()))))
        })
        .collect()
    }

    fn year_days(&self, first: Date, start: Date) -> Vec<Date> {
        let months = (0..12).filter_map(|m| first.checked_add(m.months()).ok());
        if !self.by_month.is_empty() || !self.by_month_day.is_empty() {
            return months.flat_map(|m| self.month_days(m, start)).collect();
        }
        if self.by_day.is_empty() {
            return Date::new(first.year(), start.month(), start.day()).into_iter().collect();
        }
        let len = first.days_in_year();
        (0..i64::from(len))
            .filter_map(|i| first.checked_add(i.days()).ok())
            .filter(|d| self.by_day.iter().any(|b| by_day_matches(*b, *d, d.day_of_year(), len)))
            .collect()
    }
}

/// The dates of a rule, one period at a time (see `Rule::iter`).
pub struct Dates<'r> {
    rule: &'r Rule,
    start: Date,
    /// The next period to expand, counted from the one holding `start`.
    period: i64,
    /// Periods in a row that held no date.
    barren: u32,
    emitted: u32,
    pending: std::vec::IntoIter<Date>,
    done: bool,
}

impl Iterator for Dates<'_> {
    type Item = Date;

    fn next(&mut self) -> Option<Date> {
        while !self.done {
            if let Some(day) = self.pending.next() {
                if self.rule.count.is_some_and(|c| self.emitted >= c) || self.rule.until.is_some_and(|u| day > u) {
                    self.done = true;
                    return None;
                }
                self.emitted += 1;
                return Some(day);
            }
            let expanded =
                (self.barren < self.rule.cycle()).then(|| self.rule.period(self.start, self.period)).flatten();
            let Some((_, mut days)) = expanded.filter(|(first, _)| self.rule.until.is_none_or(|u| *first <= u)) else {
                self.done = true;
                return None;
            };
            self.period += 1;
            if days.is_empty() {
                self.barren += 1;
                continue;
            }
            days.sort_unstable();
            days.dedup();
            let days: Vec<Date> =
                select_positions(&days, &self.rule.by_set_pos).into_iter().filter(|d| *d >= self.start).collect();
            self.barren = if days.is_empty() { self.barren + 1 } else { 0 };
            self.pending = days.into_iter();
        }
        None
    }
}

fn month_day_matches(d: Date, n: i8) -> bool {
    if n > 0 { d.day() == n } else { i16::from(d.days_in_month()) + i16::from(n) + 1 == i16::from(d.day()) }
}

/// `index` is the 1-based day within the scope (month or year) of `len` days.
fn by_day_matches(b: ByDay, d: Date, index: i16, len: i16) -> bool {
    if b.weekday != d.weekday() {
        return false;
    }
    match b.nth {
        None => true,
        Some(n) if n > 0 => (index - 1) / 7 + 1 == n,
        Some(n) => (len - index) / 7 + 1 == -n,
    }
}

fn select_positions(days: &[Date], positions: &[i16]) -> Vec<Date> {
    if positions.is_empty() {
        return days.to_vec();
    }
    let len = days.len() as i64;
    let mut picked: Vec<Date> = positions
        .iter()
        .filter_map(|&p| {
            let i = if p > 0 { i64::from(p) - 1 } else { len + i64::from(p) };
            usize::try_from(i).ok().and_then(|i| days.get(i).copied())
        })
        .collect();
    picked.sort_unstable();
    picked.dedup();
    picked
}

fn number(s: &str, min: i64, max: i64) -> Option<i64> {
    s.parse::<i64>().ok().filter(|n| (min..=max).contains(n))
}

fn signed(s: &str, max: i16) -> Option<i16> {
    s.parse::<i16>().ok().filter(|n| *n != 0 && n.abs() <= max)
}

fn until(s: &str) -> Option<Date> {
    let digits = s.get(..8)?;
    let rest = &s[8..];
    if !(rest.is_empty() || rest.len() == 7 || rest.len() == 8) {
        return None;
    }
    let year = digits.get(..4)?.parse().ok()?;
    let month = digits.get(4..6)?.parse().ok()?;
    let day = digits.get(6..8)?.parse().ok()?;
    Date::new(year, month, day).ok()
}

pub fn weekday(s: &str) -> Option<Weekday> {
    Some(match s.to_ascii_uppercase().as_str() {
        "MO" => Weekday::Monday,
        "TU" => Weekday::Tuesday,
        "WE" => Weekday::Wednesday,
        "TH" => Weekday::Thursday,
        "FR" => Weekday::Friday,
        "SA" => Weekday::Saturday,
        "SU" => Weekday::Sunday,
        _ => return None,
    })
}

fn by_day(s: &str) -> Option<ByDay> {
    let split = s.len().checked_sub(2)?;
    let (nth, day) = s.split_at_checked(split)?;
    let weekday = weekday(day)?;
    let nth = if nth.is_empty() { None } else { Some(signed(nth.trim_start_matches('+'), 53)?) };
    Some(ByDay { nth, weekday })
}

pub fn weekday_code(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "MO",
        Weekday::Tuesday => "TU",
        Weekday::Wednesday => "WE",
        Weekday::Thursday => "TH",
        Weekday::Friday => "FR",
        Weekday::Saturday => "SA",
        Weekday::Sunday => "SU",
    }
}

pub fn weekday_name(w: Weekday) -> &'static str {
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][w.to_monday_zero_offset() as usize]
}

/// Writes the rule back in RFC 5545 form (without `RRULE:`).
impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let freq = match self.freq {
            Freq::Daily => "DAILY",
            Freq::Weekly => "WEEKLY",
            Freq::Monthly => "MONTHLY",
            Freq::Yearly => "YEARLY",
        };
        write!(f, "FREQ={freq}")?;
        if self.interval != 1 {
            write!(f, ";INTERVAL={}", self.interval)?;
        }
        if let Some(c) = self.count {
            write!(f, ";COUNT={c}")?;
        }
        if let Some(u) = self.until {
            write!(f, ";UNTIL={}", u.strftime("%Y%m%d"))?;
        }
        let list = |v: Vec<String>| v.join(",");
        if !self.by_month.is_empty() {
            write!(f, ";BYMONTH={}", list(self.by_month.iter().map(i8::to_string).collect()))?;
        }
        if !self.by_month_day.is_empty() {
            write!(f, ";BYMONTHDAY={}", list(self.by_month_day.iter().map(i8::to_string).collect()))?;
        }
        if !self.by_day.is_empty() {
            let days = self
                .by_day
                .iter()
                .map(|b| format!("{}{}", b.nth.map_or(String::new(), |n| n.to_string()), weekday_code(b.weekday)));
            write!(f, ";BYDAY={}", list(days.collect()))?;
        }
        if !self.by_set_pos.is_empty() {
            write!(f, ";BYSETPOS={}", list(self.by_set_pos.iter().map(i16::to_string).collect()))?;
        }
        if self.wkst != Weekday::Monday {
            write!(f, ";WKST={}", weekday_code(self.wkst))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn dates(rule: &str, start: Date, end: Date) -> Vec<Date> {
        Rule::parse(rule).unwrap().iter(start).take_while(|d| *d <= end).collect()
    }

    #[test]
    fn last_friday_of_the_month() {
        let got = dates("FREQ=MONTHLY;BYDAY=-1FR", date(2026, 1, 1), date(2026, 4, 30));
        assert_eq!(got, vec![date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 27), date(2026, 4, 24)]);
    }

    #[test]
    fn biweekly_and_count() {
        let got = dates("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=5", date(2026, 1, 6), date(2027, 1, 1));
        assert_eq!(
            got,
            vec![date(2026, 1, 6), date(2026, 1, 8), date(2026, 1, 20), date(2026, 1, 22), date(2026, 2, 3)]
        );
    }

    #[test]
    fn set_pos_picks_last_weekday_of_month() {
        let got = dates("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", date(2026, 1, 1), date(2026, 3, 31));
        assert_eq!(got, vec![date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 31)]);
    }

    #[test]
    fn monthly_skips_months_without_the_day_and_yearly_nth() {
        assert_eq!(
            dates("FREQ=MONTHLY", date(2026, 1, 31), date(2026, 5, 1)),
            vec![date(2026, 1, 31), date(2026, 3, 31)]
        );
        assert_eq!(
            dates("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", date(2026, 1, 1), date(2027, 12, 31)),
            vec![date(2026, 11, 26), date(2027, 11, 25)]
        );
        assert_eq!(dates("FREQ=DAILY;UNTIL=20260103", date(2026, 1, 1), date(2026, 12, 1)).len(), 3);
    }

    #[test]
    fn the_series_has_no_horizon_and_ends_when_nothing_can_come() {
        let iter =
            |rule: &str, start: Date, n: usize| Rule::parse(rule).unwrap().iter(start).take(n).collect::<Vec<_>>();
        assert_eq!(
            iter("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", date(2026, 11, 23), 2),
            vec![date(2028, 2, 29), date(2032, 2, 29)]
        );
        assert_eq!(iter("FREQ=YEARLY;INTERVAL=2;BYMONTH=1;BYMONTHDAY=5", date(2026, 1, 6), 1), vec![date(2028, 1, 5)]);
        // No 30 February in a whole 400-year cycle: the search stops there.
        assert_eq!(iter("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", date(2026, 1, 1), 1), vec![]);
        assert_eq!(iter("FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31;INTERVAL=7", date(2026, 1, 1), 1), vec![]);
        assert_eq!(iter("FREQ=WEEKLY;COUNT=3", date(2026, 1, 5), 9).len(), 3);
        assert_eq!(iter("FREQ=DAILY", date(9999, 12, 30), 9), vec![date(9999, 12, 30), date(9999, 12, 31)]);
    }

    #[test]
    fn errors_point_at_the_part() {
        let e = Rule::parse("FREQ=WEEKLY;BYDAY=XX").unwrap_err();
        assert_eq!(e.offset, 12);
        assert!(e.message.contains("BYDAY"));
        assert!(Rule::parse("BYDAY=MO").unwrap_err().message.contains("no FREQ"));
        assert!(Rule::parse("FREQ=HOURLY").is_err());
        assert!(Rule::parse("FREQ=WEEKLY;BYDAY=1MO").is_err());
        assert!(Rule::parse("FREQ=DAILY;COUNT=2;UNTIL=20260101").is_err());
    }

    #[test]
    fn display_round_trips() {
        let text = "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR";
        assert_eq!(Rule::parse(text).unwrap().to_string(), text);
    }
}
