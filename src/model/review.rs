//! Ownership reviews: how often an area's ownership is confirmed
//! (`review_every`), and whether it is due as of a day. "Constantly evaluate
//! ownership": an area is due when it was never reviewed or its last review
//! is older than its interval.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::i18n::{Strings, Style, english};

/// How often ownership is reviewed: `"month"`, `"quarter"`, `"half"`,
/// `"year"`, or a number of days (`"90d"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interval {
    Months(i32),
    Days(i32),
}

/// The words `review_every` accepts, for messages and the schema.
pub const INTERVAL_WORDS: [&str; 4] = ["month", "quarter", "half", "year"];

/// How long before its due date an area is listed as due soon.
pub const SOON_DAYS: i32 = 14;

impl Interval {
    /// `None` when the text is none of the accepted forms.
    pub fn parse(text: &str) -> Option<Interval> {
        let t = text.trim();
        match t {
            "month" => Some(Interval::Months(1)),
            "quarter" => Some(Interval::Months(3)),
            "half" => Some(Interval::Months(6)),
            "year" => Some(Interval::Months(12)),
            _ => {
                let days: i32 = t.strip_suffix('d')?.trim().parse().ok()?;
                (1..=3660).contains(&days).then_some(Interval::Days(days))
            }
        }
    }

    /// "every quarter", "every 90 days" (in English, for messages).
    pub fn describe(self) -> String {
        self.describe_in(english())
    }

    /// The same in the team's language.
    pub fn describe_in(self, s: &Strings) -> String {
        match self {
            Interval::Months(1) => s.get("review.every_month").into(),
            Interval::Months(3) => s.get("review.every_quarter").into(),
            Interval::Months(6) => s.get("review.every_half").into(),
            Interval::Months(12) => s.get("review.every_year").into(),
            Interval::Months(n) => s.count("review.every_months", i64::from(n), &[]),
            Interval::Days(n) => s.count("review.every_days", i64::from(n), &[]),
        }
    }

    /// As `review_every` writes it: `quarter`, `90d`.
    pub fn name(self) -> String {
        match self {
            Interval::Months(1) => "month".into(),
            Interval::Months(3) => "quarter".into(),
            Interval::Months(6) => "half".into(),
            Interval::Months(12) => "year".into(),
            Interval::Months(n) => format!("{}d", n * 30),
            Interval::Days(n) => format!("{n}d"),
        }
    }

    /// The day an interval after `from` (the end of a month when the month
    /// is shorter: 31 August + a quarter is 30 November).
    pub fn after(self, from: Date) -> Date {
        let span = match self {
            Interval::Months(n) => n.months(),
            Interval::Days(n) => n.days(),
        };
        from.checked_add(span).unwrap_or(Date::MAX)
    }
}

/// Where an area stands on its review, as of a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Reviews are not tracked: no interval is set.
    Untracked,
    /// Reviewed recently enough; the next review is due on this day.
    Fine { due: Date },
    /// Due within `SOON_DAYS` days, on this day.
    Soon { due: Date, days: i32 },
    /// Past its due day (`None`: never reviewed) by this many days.
    Overdue { due: Option<Date>, days: i32 },
}

impl Standing {
    /// Where an area reviewed on `reviewed` (if ever), every `every`, stands on `today`.
    pub fn of(reviewed: Option<Date>, every: Option<Interval>, today: Date) -> Standing {
        let Some(every) = every else { return Standing::Untracked };
        let Some(reviewed) = reviewed else { return Standing::Overdue { due: None, days: 0 } };
        let due = every.after(reviewed);
        let days = days_between(today, due);
        if days < 0 {
            Standing::Overdue { due: Some(due), days: -days }
        } else if days <= SOON_DAYS {
            Standing::Soon { due, days }
        } else {
            Standing::Fine { due }
        }
    }

    pub fn is_overdue(self) -> bool {
        matches!(self, Standing::Overdue { .. })
    }

    /// Whether the area belongs in the "Due for review" list.
    pub fn is_listed(self) -> bool {
        matches!(self, Standing::Overdue { .. } | Standing::Soon { .. })
    }

    /// The order of the "Due for review" list: never reviewed first, then
    /// the most overdue, then the soonest due.
    pub fn urgency(self) -> (u8, i32) {
        match self {
            Standing::Overdue { due: None, .. } => (0, 0),
            Standing::Overdue { days, .. } => (1, -days),
            Standing::Soon { days, .. } => (2, days),
            Standing::Fine { .. } => (3, 0),
            Standing::Untracked => (4, 0),
        }
    }

    /// "overdue by 3 weeks", "due in 8 days", "never reviewed", "due 1 December 2026".
    pub fn describe(self) -> String {
        self.describe_in(english())
    }

    /// The same in the team's language.
    pub fn describe_in(self, s: &Strings) -> String {
        match self {
            Standing::Untracked => String::new(),
            Standing::Overdue { due: None, .. } => s.get("review.never_reviewed").into(),
            Standing::Overdue { days, .. } => s.fill("review.overdue_by", &[("time", &how_long_in(s, days))]),
            Standing::Soon { days: 0, .. } => s.get("review.due_today").into(),
            Standing::Soon { days, .. } => s.fill("review.due_in", &[("time", &how_long_in(s, days))]),
            Standing::Fine { due } => s.fill("review.next_due", &[("date", &s.date(due, Style::Long))]),
        }
    }
}

/// Days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i32 {
    from.until(to).map_or(0, |s| s.get_days())
}

/// "1 day", "12 days", "3 weeks", "5 months": rounded down to what reads well.
pub fn how_long(days: i32) -> String {
    how_long_in(english(), days)
}

/// The same in the team's language.
pub fn how_long_in(s: &Strings, days: i32) -> String {
    match days {
        d if d < 14 => s.count("review.days", i64::from(d), &[]),
        d if d < 61 => s.count("review.weeks", i64::from(d / 7), &[]),
        d => s.count("review.months", i64::from(d / 30), &[]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().expect("date")
    }

    #[test]
    fn reads_the_interval_forms() {
        assert_eq!(Interval::parse("quarter"), Some(Interval::Months(3)));
        assert_eq!(Interval::parse("90d"), Some(Interval::Days(90)));
        assert_eq!(Interval::parse("fortnight"), None);
        assert_eq!(Interval::parse("0d"), None);
        assert_eq!(Interval::Months(3).after(d("2026-08-31")), d("2026-11-30"));
    }

    #[test]
    fn an_area_is_due_once_its_last_review_is_older_than_the_interval() {
        let q = Some(Interval::Months(3));
        let today = d("2026-11-23");
        assert_eq!(Standing::of(Some(d("2026-08-23")), q, today), Standing::Soon { due: today, days: 0 });
        assert_eq!(
            Standing::of(Some(d("2026-08-22")), q, today),
            Standing::Overdue { due: Some(d("2026-11-22")), days: 1 }
        );
        assert_eq!(Standing::of(None, q, today), Standing::Overdue { due: None, days: 0 });
        assert_eq!(Standing::of(Some(d("2026-09-01")), q, today).describe(), "due in 8 days");
        assert_eq!(Standing::of(Some(d("2026-10-01")), q, today), Standing::Fine { due: d("2027-01-01") });
        assert_eq!(Standing::of(Some(d("2026-05-01")), None, today), Standing::Untracked);
        assert_eq!(how_long(23), "3 weeks");
        assert_eq!(how_long(95), "3 months");
    }
}
