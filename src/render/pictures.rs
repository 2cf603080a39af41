//! What the pictures share: a time axis that places dates along a width,
//! with a tick at the first of each month. Pictures are inline SVG drawn by
//! the templates (`pictures.html`) from numbers worked out here, so the
//! geometry is tested in Rust and the drawing can be overridden.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

/// Dates from `from` to `to`, placed from `x0` to `x1`.
#[derive(Clone, Copy, Debug)]
pub struct TimeScale {
    from: Date,
    to: Date,
    x0: f64,
    x1: f64,
}

/// A labelled mark on an axis.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Tick {
    pub x: f64,
    pub label: String,
}

impl TimeScale {
    /// A scale over at least one day.
    pub fn new(from: Date, to: Date, x0: f64, x1: f64) -> TimeScale {
        let to = if to > from { to } else { from.checked_add(1.day()).unwrap_or(from) };
        TimeScale { from, to, x0, x1 }
    }

    fn days(&self, d: Date) -> f64 {
        f64::from(self.from.until(d).map_or(0, |s| s.get_days()))
    }

    /// Where a date falls (outside the range, beyond its ends).
    pub fn x(&self, d: Date) -> f64 {
        round(self.x0 + (self.x1 - self.x0) * self.days(d) / self.days(self.to))
    }

    pub fn contains(&self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }

    /// A tick at the first of each month in range, named by the month
    /// ("Oct"; "Jan 2027" where the year turns or on the first tick).
    /// Where months are narrower than a label, every second, third, sixth
    /// or twelfth month is named.
    pub fn months(&self, s: &crate::i18n::Strings) -> Vec<Tick> {
        let months = i32::from(self.to.year() - self.from.year()) * 12 + i32::from(self.to.month() - self.from.month());
        let per_month = (self.x1 - self.x0) / f64::from(months.max(1));
        // "Jan 2027" in the pictures' 12px type, and a space after it.
        const LABEL: f64 = 62.0;
        let every = [1, 2, 3, 6].into_iter().find(|&e| per_month * f64::from(e) >= LABEL).unwrap_or(12);
        let mut out = Vec::new();
        let mut d = self.from.first_of_month();
        if d < self.from {
            d = d.checked_add(1.month()).unwrap_or(self.to);
        }
        while d <= self.to {
            if (i32::from(d.month()) - 1) % every == 0 {
                let label = if out.is_empty() || d.month() == 1 {
                    s.date(d, crate::i18n::Style::ShortMonthYear)
                } else {
                    s.date(d, crate::i18n::Style::ShortMonth)
                };
                out.push(Tick { x: self.x(d), label });
            }
            match d.checked_add(1.month()) {
                Ok(next) => d = next,
                Err(_) => break,
            }
        }
        out
    }
}

/// Coordinates to a tenth of a unit: enough on screen, short in the page.
pub fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::{Tick, TimeScale};

    #[test]
    fn places_dates_and_months() {
        let q = TimeScale::new(date(2026, 7, 1), date(2026, 9, 30), 0.0, 273.0);
        assert_eq!(q.x(date(2026, 7, 1)), 0.0);
        assert_eq!(q.x(date(2026, 9, 30)), 273.0);
        assert_eq!(q.x(date(2026, 8, 1)), 93.0);
        assert_eq!(
            q.months(&crate::i18n::Strings::english()),
            [
                Tick { x: 0.0, label: "Jul 2026".into() },
                Tick { x: 93.0, label: "Aug".into() },
                Tick { x: 186.0, label: "Sep".into() }
            ]
        );
        // Narrower months name every second one, then every third.
        let long = TimeScale::new(date(2026, 8, 24), date(2027, 8, 1), 0.0, 400.0);
        let labels: Vec<String> = long.months(&crate::i18n::Strings::english()).into_iter().map(|t| t.label).collect();
        assert_eq!(labels, ["Sep 2026", "Nov", "Jan 2027", "Mar", "May", "Jul"]);
        let year = TimeScale::new(date(2026, 1, 1), date(2026, 12, 31), 6.0, 327.0);
        let labels: Vec<String> = year.months(&crate::i18n::Strings::english()).into_iter().map(|t| t.label).collect();
        assert_eq!(labels, ["Jan 2026", "Apr", "Jul", "Oct"]);
    }
}
