//! The period a goal is set for: a quarter (`2026-Q3`), a half (`2026-H2`)
//! or a year (`2026`), as the days it spans.

use std::cmp::Ordering;
use std::fmt;

use jiff::civil::Date;

use crate::i18n::Strings;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    Year(i16),
    /// A half: 1 or 2.
    Half(i16, i8),
    /// A quarter: 1 to 4.
    Quarter(i16, i8),
}

/// How a period is written, for hints.
pub const FORMS: &str = "\"2026-Q3\" (a quarter), \"2026-H2\" (a half) or \"2026\" (a year)";

impl Period {
    /// Reads `2026-Q3`, `2026-H2` or `2026` (any case).
    pub fn parse(text: &str) -> Option<Period> {
        let text = text.trim();
        let (year, part) = match text.split_once('-') {
            Some((y, p)) => (y, Some(p)),
            None => (text, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i16 = year.parse().ok().filter(|y| crate::fields::YEARS.contains(y))?;
        let Some(part) = part else { return Some(Period::Year(year)) };
        let (kind, n) = part.split_at_checked(1)?;
        let n: i8 = n.parse().ok()?;
        match kind {
            "Q" | "q" if (1..=4).contains(&n) => Some(Period::Quarter(year, n)),
            "H" | "h" if (1..=2).contains(&n) => Some(Period::Half(year, n)),
            _ => None,
        }
    }

    /// The period a differently written one means ("Q3 2026", "2026q3",
    /// "H2-2026"), for a hint.
    pub fn guess(text: &str) -> Option<Period> {
        let squeezed: String = text.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_uppercase();
        (0..squeezed.len().saturating_sub(3)).find_map(|i| {
            let year = &squeezed[i..i + 4];
            let rest = format!("{}{}", &squeezed[..i], &squeezed[i + 4..]);
            Period::parse(&if rest.is_empty() { year.to_string() } else { format!("{year}-{rest}") })
        })
    }

    pub fn year(self) -> i16 {
        match self {
            Period::Year(y) | Period::Half(y, _) | Period::Quarter(y, _) => y,
        }
    }

    /// The months it spans, 1-based and inclusive.
    fn months(self) -> (i8, i8) {
        match self {
            Period::Year(_) => (1, 12),
            Period::Half(_, h) => (6 * h - 5, 6 * h),
            Period::Quarter(_, q) => (3 * q - 2, 3 * q),
        }
    }

    pub fn first_day(self) -> Date {
        Date::new(self.year(), self.months().0, 1).unwrap_or(Date::ZERO)
    }

    pub fn last_day(self) -> Date {
        let first = Date::new(self.year(), self.months().1, 1).unwrap_or(Date::ZERO);
        first.last_of_month()
    }

    pub fn contains(self, day: Date) -> bool {
        self.first_day() <= day && day <= self.last_day()
    }

    /// For people, in the team's language: "Q3 2026", "H2 2026", "2026"
    /// in English, "2026年 第3四半期" in Japanese (`[period]` of the tables).
    pub fn label(self, s: &Strings) -> String {
        let (key, y, n) = match self {
            Period::Year(y) => ("period.year", y, 0),
            Period::Half(y, 1) => ("period.first_half", y, 1),
            Period::Half(y, h) => ("period.second_half", y, h),
            Period::Quarter(y, q) => ("period.quarter", y, q),
        };
        s.fill(key, &[("y", &y.to_string()), ("n", &n.to_string())])
    }
}

/// As written: `2026-Q3`, `2026-H2`, `2026` (also its page's folder).
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Half(y, h) => write!(f, "{y}-H{h}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
        }
    }
}

/// Periods in the order they start; of two that start together, the
/// longer first (2026, 2026-H1, 2026-Q1).
impl Ord for Period {
    fn cmp(&self, other: &Period) -> Ordering {
        (self.first_day(), other.last_day()).cmp(&(other.first_day(), self.last_day()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Period) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::{Period, Strings};

    #[test]
    fn reads_quarters_halves_and_years() {
        assert_eq!(Period::parse("2026-Q3"), Some(Period::Quarter(2026, 3)));
        assert_eq!(Period::parse("2026-h2"), Some(Period::Half(2026, 2)));
        assert_eq!(Period::parse("2026"), Some(Period::Year(2026)));
        for bad in ["2026-Q5", "2026-H3", "26-Q1", "2026Q1", "Q3 2026", "2026-Q", "0026", ""] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        assert_eq!(Period::guess("Q3 2026"), Some(Period::Quarter(2026, 3)));
        assert_eq!(Period::guess("2026q3"), Some(Period::Quarter(2026, 3)));
        assert_eq!(Period::guess("H2/2026"), Some(Period::Half(2026, 2)));
        assert_eq!(Period::guess("2026-Q5"), None);
    }

    #[test]
    fn spans_its_days() {
        let q3 = Period::Quarter(2026, 3);
        assert_eq!((q3.first_day(), q3.last_day()), (date(2026, 7, 1), date(2026, 9, 30)));
        let h1 = Period::Half(2024, 1);
        assert_eq!((h1.first_day(), h1.last_day()), (date(2024, 1, 1), date(2024, 6, 30)));
        assert!(Period::Year(2026).contains(date(2026, 12, 31)));
        assert!(!q3.contains(date(2026, 10, 1)));
        assert_eq!(q3.to_string(), "2026-Q3");
        let en = Strings::english();
        assert_eq!(q3.label(&en), "Q3 2026");
        assert_eq!(Period::Half(2026, 2).label(&en), "H2 2026");
        assert_eq!(Period::Year(2026).label(&en), "2026");
        let mut diags = crate::diagnostics::Diagnostics::default();
        let ja = Strings::load(std::path::Path::new("/nonexistent"), "ja", None, &mut diags);
        assert_eq!(q3.label(&ja), "2026年 第3四半期");
        assert_eq!(Period::Half(2026, 1).label(&ja), "2026年 上半期");
    }

    #[test]
    fn orders_by_start_then_longest() {
        let mut ps =
            vec![Period::Quarter(2026, 3), Period::Year(2026), Period::Half(2026, 2), Period::Quarter(2026, 1)];
        ps.sort();
        assert_eq!(ps, [Period::Year(2026), Period::Quarter(2026, 1), Period::Half(2026, 2), Period::Quarter(2026, 3)]);
    }
}
