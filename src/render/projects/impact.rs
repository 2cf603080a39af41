//! Impact that reads like a sentence: each numeric key of a project's
//! `[impact]` gets a label and a unit, and its number is shown compactly
//! ("$250k/year revenue", "−12 % CI retry rate"). `[board.impact]` in
//! teambook.toml may say how a key reads; otherwise the key says it itself:
//! a period at its end (`_per_month`), then a unit (`_usd`, `_percent`,
//! `_hours`, ...), the rest being its words, acronyms kept.

use crate::config::{Config, ImpactKey};

/// How a number of one impact key is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    /// "Revenue", "CI retry rate".
    pub label: String,
    /// Written before the number ("$").
    pub prefix: String,
    /// Written after it (" %", " h", "/year").
    pub suffix: String,
    /// `Some(true)` when more is better.
    pub higher_is_better: Option<bool>,
}

/// Currencies written as a symbol before the number.
const MONEY: [(&str, &str); 6] =
    [("usd", "$"), ("eur", "€"), ("gbp", "£"), ("jpy", "¥"), ("inr", "₹"), ("chf", "CHF ")];
/// Units written after the number, by the key's last word.
const UNITS: [(&str, &str); 12] = [
    ("percent", " %"),
    ("pct", " %"),
    ("hours", " h"),
    ("hrs", " h"),
    ("minutes", " min"),
    ("mins", " min"),
    ("seconds", " s"),
    ("secs", " s"),
    ("ms", " ms"),
    ("days", " days"),
    ("weeks", " weeks"),
    ("points", " points"),
];
const PERIODS: [&str; 5] = ["day", "week", "month", "quarter", "year"];
/// Words written in capitals in a label.
const ACRONYMS: [&str; 37] = [
    "api", "arr", "cac", "cd", "ci", "cpu", "csat", "dau", "dora", "em", "etl", "gdpr", "id", "kpi", "kr", "ltv",
    "mau", "mrr", "mttr", "nps", "okr", "p50", "p95", "p99", "pci", "pm", "qa", "roi", "sdk", "sla", "sli", "slo",
    "sso", "ui", "url", "ux", "wcag",
];

/// How `key` reads in this handbook.
pub fn measure(config: &Config, key: &str) -> Measure {
    let told = config.impact.iter().find(|(k, _)| k == key).map(|(_, t)| t);
    let guessed = guess(key);
    match told {
        None => guessed,
        Some(ImpactKey { label, unit, higher_is_better }) => {
            let (prefix, suffix) = unit.as_deref().map_or((guessed.prefix, guessed.suffix), written_unit);
            Measure {
                label: label.clone().unwrap_or(guessed.label),
                prefix,
                suffix,
                higher_is_better: *higher_is_better,
            }
        }
    }
}

/// What a key says of itself: `revenue_usd_per_year` is "Revenue" in "$"
/// per "year".
fn guess(key: &str) -> Measure {
    let mut words: Vec<&str> = key.split(['_', '-', ' ']).filter(|w| !w.is_empty()).collect();
    let mut period = "";
    if let [.., per, last] = words.as_slice()
        && per.eq_ignore_ascii_case("per")
        && let Some(p) = PERIODS.iter().find(|p| last.eq_ignore_ascii_case(p))
    {
        period = p;
        words.truncate(words.len() - 2);
    }
    let (mut prefix, mut suffix) = (String::new(), String::new());
    if words.len() > 1
        && let Some(last) = words.last().map(|w| w.to_ascii_lowercase())
    {
        if let Some((_, symbol)) = MONEY.iter().find(|(code, _)| *code == last) {
            prefix = symbol.to_string();
            words.pop();
        } else if let Some((_, unit)) = UNITS.iter().find(|(word, _)| *word == last) {
            suffix = unit.to_string();
            words.pop();
        }
    }
    if !period.is_empty() {
        suffix.push('/');
        suffix.push_str(period);
    }
    Measure { label: sentence(&words), prefix, suffix, higher_is_better: None }
}

/// A unit as `[board.impact]` writes it: "USD/year", "%", "hours/month".
fn written_unit(unit: &str) -> (String, String) {
    let (base, period) = unit.split_once('/').map_or((unit.trim(), ""), |(b, p)| (b.trim(), p.trim()));
    let period = if period.is_empty() { String::new() } else { format!("/{period}") };
    let lower = base.to_ascii_lowercase();
    if let Some((_, symbol)) = MONEY.iter().find(|(code, _)| *code == lower) {
        return (symbol.to_string(), period);
    }
    let unit = match UNITS.iter().find(|(word, _)| *word == lower) {
        Some((_, unit)) => unit.to_string(),
        None if base == "%" => " %".to_string(),
        None if base.is_empty() => String::new(),
        None => format!(" {base}"),
    };
    (String::new(), unit + &period)
}

/// Words as a label: the first capitalised, acronyms in capitals.
fn sentence(words: &[&str]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = w.to_lowercase();
        if ACRONYMS.contains(&lower.as_str()) {
            out.push_str(&w.to_uppercase());
        } else if i == 0 {
            let mut chars = lower.chars();
            out.extend(chars.next().map(|c| c.to_uppercase().collect::<String>()));
            out.push_str(chars.as_str());
        } else {
            out.push_str(&lower);
        }
    }
    out
}

/// A label as it reads after a number: its first letter in lower case,
/// unless its first word is an acronym ("revenue", but "CI retry rate").
pub fn phrase(label: &str) -> String {
    let first = label.split(' ').next().unwrap_or_default();
    if first.chars().count() > 1 && first.chars().all(|c| !c.is_lowercase()) {
        return label.to_string();
    }
    let mut chars = label.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().collect::<String>() + chars.as_str())
}

/// A number as `m` writes it: "$250k/year", "−12 %", "1,200 h/month".
pub fn format(m: &Measure, x: f64) -> String {
    let sign = if x < 0.0 { "−" } else { "" };
    format!("{sign}{}{}{}", m.prefix, compact(x.abs()), m.suffix)
}

/// A non-negative number short: separators below ten thousand (and for
/// money below a thousand), then three significant digits and k, M or B.
fn compact(x: f64) -> String {
    let (scaled, unit) = match x {
        // Past a thousand billion, "1.70e15": a page has room for no more digits.
        x if x >= 1e12 => return format!("{:.2e}", x.min(f64::MAX)),
        x if x >= 1e9 => (x / 1e9, "B"),
        x if x >= 1e6 => (x / 1e6, "M"),
        x if x >= 1e4 => (x / 1e3, "k"),
        x => return grouped(x),
    };
    let digits = if scaled >= 100.0 {
        0
    } else if scaled >= 10.0 {
        1
    } else {
        2
    };
    format!("{}{unit}", trim(&format!("{scaled:.digits$}")))
}

/// `1234.5` → "1,234.5": thousands grouped, at most two decimals.
fn grouped(x: f64) -> String {
    let text = trim(&format!("{x:.2}"));
    let (whole, fraction) = text.split_once('.').map_or((text.as_str(), ""), |(w, f)| (w, f));
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// "12.50" → "12.5", "3.00" → "3".
fn trim(number: &str) -> String {
    if number.contains('.') { number.trim_end_matches('0').trim_end_matches('.').to_string() } else { number.into() }
}

#[cfg(test)]
mod tests {
    use super::{Measure, compact, format, guess, written_unit};

    fn read(key: &str, x: f64) -> (String, String) {
        let m = guess(key);
        let value = format(&m, x);
        (m.label, value)
    }

    #[test]
    fn keys_say_their_label_unit_and_period() {
        assert_eq!(read("revenue_usd_per_year", 250_000.0), ("Revenue".into(), "$250k/year".into()));
        assert_eq!(read("ci_retry_rate_percent", -12.0), ("CI retry rate".into(), "−12 %".into()));
        assert_eq!(read("eng_hours_saved_per_month", 40.0), ("Eng hours saved".into(), "40/month".into()));
        assert_eq!(
            read("chargebacks_avoided_usd_per_month", 8000.0),
            ("Chargebacks avoided".into(), "$8,000/month".into())
        );
        assert_eq!(read("pci_systems_in_scope_removed", 4.0), ("PCI systems in scope removed".into(), "4".into()));
        assert_eq!(read("conversion_gain_percent", 0.4), ("Conversion gain".into(), "0.4 %".into()));
        assert_eq!(read("p95_latency_ms", 1250.5), ("P95 latency".into(), "1,250.5 ms".into()));
        // A unit word alone is the label, not a unit.
        assert_eq!(read("hours", 3.0), ("Hours".into(), "3".into()));
    }

    #[test]
    fn numbers_are_compact() {
        assert_eq!(compact(999.0), "999");
        assert_eq!(compact(9_999.0), "9,999");
        assert_eq!(compact(12_345.0), "12.3k");
        assert_eq!(compact(250_000.0), "250k");
        assert_eq!(compact(1_250_000.0), "1.25M");
        assert_eq!(compact(3_000_000_000.0), "3B");
        assert_eq!(compact(0.126), "0.13");
    }

    #[test]
    fn written_units_read_like_the_guessed_ones() {
        assert_eq!(written_unit("USD/year"), ("$".into(), "/year".into()));
        assert_eq!(written_unit("%"), (String::new(), " %".into()));
        assert_eq!(written_unit("hours/month"), (String::new(), " h/month".into()));
        assert_eq!(written_unit("tickets"), (String::new(), " tickets".into()));
        let m = Measure { label: "X".into(), prefix: "$".into(), suffix: "/year".into(), higher_is_better: None };
        assert_eq!(format(&m, -1_500_000.0), "−$1.5M/year");
    }
}
