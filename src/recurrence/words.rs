//! A rule in words, in the team's language: "Every other week on Tuesday",
//! "Monthly on the last Friday". Rules too intricate for a phrase are given
//! in RFC 5545 form.

use jiff::civil::Date;

use super::{ByDay, Freq, Rule};
use crate::i18n::Strings;

impl Rule {
    /// The rule in words; `start` supplies the day when the rule names none.
    pub fn describe(&self, s: &Strings, start: Option<Date>) -> String {
        let n = i64::from(self.interval);
        let every = |unit: &str| match self.interval {
            1 => s.get(&format!("schedule.{unit}")).to_string(),
            2 => s.get(&format!("schedule.every_other_{unit}")).to_string(),
            _ => s.count(&format!("schedule.every_n_{unit}"), n, &[]),
        };
        if !self.by_set_pos.is_empty() || (self.freq == Freq::Yearly && self.by_month.len() > 1) {
            return s.fill("schedule.recurs", &[("rule", &self.to_string())]);
        }
        let weekdays = |days: &[ByDay]| -> String {
            let names: Vec<String> = days
                .iter()
                .map(|d| match d.nth {
                    Some(n) => {
                        s.fill("schedule.nth_weekday", &[("nth", &ordinal(s, n)), ("weekday", &s.weekday(d.weekday))])
                    }
                    None => s.weekday(d.weekday),
                })
                .collect();
            join_and(s, &names)
        };
        let workweek = self.by_day.len() == 5
            && self.by_day.iter().all(|d| d.nth.is_none() && d.weekday.to_monday_zero_offset() < 5);
        let mut out = match self.freq {
            Freq::Daily => every("day"),
            Freq::Weekly if workweek && self.interval == 1 => s.get("schedule.every_weekday").to_string(),
            Freq::Weekly => {
                let days = if self.by_day.is_empty() {
                    start.map_or(String::new(), |d| s.weekday(d.weekday()))
                } else {
                    weekdays(&self.by_day)
                };
                let head = every("week");
                if days.is_empty() { head } else { s.fill("schedule.on_days", &[("head", &head), ("days", &days)]) }
            }
            Freq::Monthly | Freq::Yearly => {
                let head = every(if self.freq == Freq::Monthly { "month" } else { "year" });
                let month = self.by_month.first().map_or(String::new(), |&m| {
                    let name = s.list("date.months").get(usize::try_from(m - 1).unwrap_or(99)).cloned();
                    s.fill("schedule.in_month", &[("month", &name.unwrap_or_else(|| "?".into()))])
                });
                let days = if !self.by_day.is_empty() {
                    weekdays(&self.by_day)
                } else if !self.by_month_day.is_empty() {
                    let days: Vec<String> = self.by_month_day.iter().map(|&d| month_day(s, d)).collect();
                    join_and(s, &days)
                } else {
                    start.map_or(String::new(), |d| month_day(s, d.day()))
                };
                let day = if days.is_empty() { String::new() } else { s.fill("schedule.on", &[("days", &days)]) };
                s.fill("schedule.head_month_day", &[("head", &head), ("month", &month), ("day", &day)])
            }
        };
        if let Some(c) = self.count {
            out.push_str(&s.count("schedule.times", i64::from(c), &[]));
        }
        if let Some(u) = self.until {
            out.push_str(&s.fill("schedule.until", &[("date", &u.to_string())]));
        }
        out
    }
}

fn ordinal(s: &Strings, n: i16) -> String {
    let named = match n {
        -1 => "schedule.last",
        -2 => "schedule.second_to_last",
        1 => "schedule.first",
        2 => "schedule.second",
        3 => "schedule.third",
        4 => "schedule.fourth",
        5 => "schedule.fifth",
        _ => "",
    };
    match (named, n < 0) {
        ("", true) => s.fill("schedule.nth_to_last", &[("n", &(-n).to_string())]),
        ("", false) => s.fill("schedule.nth", &[("n", &n.to_string())]),
        (key, _) => s.get(key).to_string(),
    }
}

fn month_day(s: &Strings, d: i8) -> String {
    match d {
        -1 => s.get("schedule.last_day").to_string(),
        d if d < 0 => s.fill("schedule.nth_to_last_day", &[("n", &(-d).to_string())]),
        d => s.fill("schedule.day_of_month", &[("n", &d.to_string())]),
    }
}

fn join_and(s: &Strings, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}{}{last}", init.join(s.get("list.comma")), s.get("list.and")),
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::Rule;
    use crate::i18n::Strings;

    #[test]
    fn describes_rules_in_words() {
        let d = |rule: &str| Rule::parse(rule).unwrap().describe(&Strings::english(), Some(date(2026, 1, 6)));
        assert_eq!(d("FREQ=MONTHLY;BYDAY=-1FR"), "Monthly on the last Friday");
        assert_eq!(d("FREQ=WEEKLY;INTERVAL=2"), "Every other week on Tuesday");
        assert_eq!(d("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"), "Every weekday");
        assert_eq!(d("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4"), "Weekly on Monday and Wednesday, 4 times");
        assert_eq!(d("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH"), "Yearly in November on the fourth Thursday");
        assert_eq!(d("FREQ=MONTHLY"), "Monthly on day 6");
        assert_eq!(d("FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20261231"), "Monthly on the last day, until 2026-12-31");
        assert_eq!(d("FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=1"), "Recurs FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=1");
    }
}
