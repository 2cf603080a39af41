//! How numbers, dates, percentages and target slips read in sentences: one
//! place, so that the pages, the digest and the update `new update` writes
//! say them alike.

use jiff::civil::Date;

use crate::i18n::{Strings, Style};

/// A word with its first letter capital: "x-as-a-service" → "X-as-a-service".
pub fn capital(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

/// A number for reading: thousands separated, a true minus sign, at most
/// two decimals.
pub fn number(x: f64) -> String {
    // Past 10^15 decimals do not show (and `x * 100` could overflow): 1.7e308.
    if x.abs() >= 1e15 {
        let sign = if x < 0.0 { "−" } else { "" };
        return format!("{sign}{:e}", x.abs().min(f64::MAX));
    }
    let rounded = (x * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        let n = rounded as i64;
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        if n < 0 { format!("−{out}") } else { out }
    } else if rounded < 0.0 {
        format!("−{}", -rounded)
    } else {
        format!("{rounded}")
    }
}

/// A number with its unit: "30 hours", "12 %", "4".
pub fn amount(x: f64, unit: Option<&str>) -> String {
    match unit.map(str::trim).filter(|u| !u.is_empty()) {
        Some(u) => format!("{} {u}", number(x)),
        None => number(x),
    }
}

/// A fraction as a whole percentage: 0.414 → "41 %" (a no-break space
/// keeps the sign with its number).
pub fn percent(fraction: f64) -> String {
    format!("{}\u{a0}%", number((fraction * 100.0).round()))
}

/// "18 Dec 2026".
pub fn date(s: &Strings, d: Date) -> String {
    s.date(d, Style::Medium)
}

/// How far a target moved: "+4 weeks", "−1 week", "+10 days", "no change".
pub fn slip(s: &Strings, days: i64) -> String {
    let sign = if days < 0 { "−" } else { "+" };
    let n = i64::try_from(days.unsigned_abs()).unwrap_or(i64::MAX);
    match (n, n % 7) {
        (0, _) => s.get("words.no_change").to_string(),
        (_, 0) => s.count("words.slip_weeks", n / 7, &[("sign", sign)]),
        _ => s.count("words.slip_days", n, &[("sign", sign)]),
    }
}

/// How long before `today` a day was: "6 weeks ago", "12 days ago".
pub fn ago(s: &Strings, day: Date, today: Date) -> String {
    let days = days_between(day, today);
    match days {
        0 => s.get("words.today").to_string(),
        1 => s.get("words.yesterday").to_string(),
        d if d >= 14 => s.count("words.weeks_ago", d / 7, &[]),
        d => s.count("words.days_ago", d, &[]),
    }
}

/// Days from one date to another (negative when earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map_or(0, |s| i64::from(s.get_days()))
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::{ago, amount, number, percent, slip};
    use crate::i18n::Strings;

    #[test]
    fn numbers_read_well() {
        assert_eq!(number(250000.0), "250,000");
        assert_eq!(number(-12.0), "−12");
        assert_eq!(number(0.4), "0.4");
        assert_eq!(number(-0.25), "−0.25");
        assert_eq!(number(1.0 / 3.0), "0.33");
        assert_eq!(amount(30.0, Some("hours")), "30 hours");
        assert_eq!(amount(3.0, Some(" ")), "3");
        assert_eq!(percent(0.414), "41\u{a0}%");
    }

    #[test]
    fn slips_read_in_weeks_when_whole() {
        let s = &Strings::english();
        assert_eq!(slip(s, 28), "+4 weeks");
        assert_eq!(slip(s, 7), "+1 week");
        assert_eq!(slip(s, -14), "−2 weeks");
        assert_eq!(slip(s, 10), "+10 days");
        assert_eq!(slip(s, -1), "−1 day");
        assert_eq!(slip(s, 0), "no change");
        assert_eq!(ago(s, date(2026, 10, 1), date(2026, 11, 23)), "7 weeks ago");
        assert_eq!(ago(s, date(2026, 11, 13), date(2026, 11, 23)), "10 days ago");
    }
}
