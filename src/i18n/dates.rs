//! Dates in the team's language: the table names the months and week days
//! and says in which order a date is written (`date.long = "{d} {month} {y}"`,
//! `"{y}年{m}月{d}日"` in Japanese). Times of day are written HH:MM everywhere.

use jiff::civil::{Date, Weekday};

use super::{Strings, fill};

/// The ways a date is written on the pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// "18 December 2026".
    Long,
    /// "18 Dec 2026".
    Medium,
    /// "18 Dec".
    DayMonth,
    /// "Friday 18 December".
    WeekdayDayMonth,
    /// "Fri 18 Dec".
    ShortWeekdayDayMonth,
    /// "December 2026".
    MonthYear,
    /// "Dec 2026".
    ShortMonthYear,
    /// "Dec".
    ShortMonth,
    /// "Fri".
    ShortWeekday,
}

impl Style {
    /// The key of its pattern in the tables.
    pub fn key(self) -> &'static str {
        match self {
            Style::Long => "date.long",
            Style::Medium => "date.medium",
            Style::DayMonth => "date.day_month",
            Style::WeekdayDayMonth => "date.weekday_day_month",
            Style::ShortWeekdayDayMonth => "date.short_weekday_day_month",
            Style::MonthYear => "date.month_year",
            Style::ShortMonthYear => "date.short_month_year",
            Style::ShortMonth => "date.short_month",
            Style::ShortWeekday => "date.short_weekday",
        }
    }

    pub const ALL: [Style; 9] = [
        Style::Long,
        Style::Medium,
        Style::DayMonth,
        Style::WeekdayDayMonth,
        Style::ShortWeekdayDayMonth,
        Style::MonthYear,
        Style::ShortMonthYear,
        Style::ShortMonth,
        Style::ShortWeekday,
    ];
}

impl Strings {
    /// A date written in the language.
    pub fn date(&self, d: Date, style: Style) -> String {
        let month = usize::from(d.month().unsigned_abs()) - 1;
        let day = usize::from(d.weekday().to_monday_zero_offset().unsigned_abs());
        let name = |key: &str, i: usize| self.list(key).get(i).cloned().unwrap_or_default();
        let (y, m, dd) = (d.year().to_string(), d.month().to_string(), d.day().to_string());
        let (month, short_month) = (name("date.months", month), name("date.short_months", month));
        let (weekday, short_weekday) = (name("date.weekdays", day), name("date.short_weekdays", day));
        fill(
            self.get(style.key()),
            &[
                ("y", &y),
                ("m", &m),
                ("d", &dd),
                ("month", &month),
                ("mon", &short_month),
                ("weekday", &weekday),
                ("wd", &short_weekday),
            ],
        )
    }

    /// A week day's name: "Monday".
    pub fn weekday(&self, w: Weekday) -> String {
        let i = usize::from(w.to_monday_zero_offset().unsigned_abs());
        self.list("date.weekdays").get(i).cloned().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::Style;
    use crate::i18n::Strings;

    #[test]
    fn english_dates_read_as_before() {
        let en = Strings::english();
        let d = date(2026, 12, 18);
        assert_eq!(en.date(d, Style::Long), d.strftime("%-d %B %Y").to_string());
        assert_eq!(en.date(d, Style::Medium), d.strftime("%-d %b %Y").to_string());
        assert_eq!(en.date(d, Style::DayMonth), d.strftime("%-d %b").to_string());
        assert_eq!(en.date(d, Style::WeekdayDayMonth), d.strftime("%A %-d %B").to_string());
        assert_eq!(en.date(d, Style::ShortWeekdayDayMonth), d.strftime("%a %-d %b").to_string());
        assert_eq!(en.date(d, Style::MonthYear), d.strftime("%B %Y").to_string());
        assert_eq!(en.date(d, Style::ShortMonthYear), d.strftime("%b %Y").to_string());
        assert_eq!(en.date(d, Style::ShortMonth), d.strftime("%b").to_string());
        assert_eq!(en.date(d, Style::ShortWeekday), d.strftime("%a").to_string());
    }
}
