//! Time-zone names that are not places: abbreviations people write for a
//! zone (`EST`, `PST`, `CET`) and the old POSIX-style names (`EST5EDT`). The
//! tz database keeps some of them for old systems: `EST` is UTC−05:00 all
//! year, an hour off New York all summer. A team's meetings follow the clocks
//! of a place, so these are warned about with the place to name instead.

use jiff::civil::date;
use jiff::tz::TimeZone;

/// Abbreviations and legacy names, upper-cased, with the place to suggest.
const PLACES: &[(&[&str], &str)] = &[
    (&["EST", "EDT", "EST5EDT"], "America/New_York"),
    (&["CST", "CDT", "CST6CDT"], "America/Chicago"),
    (&["MST", "MDT", "MST7MDT"], "America/Denver"),
    (&["PST", "PDT", "PST8PDT"], "America/Los_Angeles"),
    (&["AKST", "AKDT"], "America/Anchorage"),
    (&["HST"], "Pacific/Honolulu"),
    (&["BST"], "Europe/London"),
    (&["WET", "WEST"], "Europe/Lisbon"),
    (&["CET", "CEST", "MET", "MEST"], "Europe/Paris"),
    (&["EET", "EEST"], "Europe/Athens"),
    (&["MSK"], "Europe/Moscow"),
    (&["IST"], "Asia/Kolkata"),
    (&["SGT"], "Asia/Singapore"),
    (&["HKT"], "Asia/Hong_Kong"),
    (&["JST"], "Asia/Tokyo"),
    (&["KST"], "Asia/Seoul"),
    (&["AWST"], "Australia/Perth"),
    (&["ACST", "ACDT"], "Australia/Adelaide"),
    (&["AEST", "AEDT"], "Australia/Sydney"),
    (&["NZST", "NZDT"], "Pacific/Auckland"),
];

/// The place to name instead of `name`, when `name` is an abbreviation or a
/// legacy name, whether or not the database knows it (`PST` it does not).
pub fn place_for(name: &str) -> Option<&'static str> {
    let upper = name.trim().to_ascii_uppercase();
    PLACES.iter().find(|(names, _)| names.contains(&upper.as_str())).map(|(_, place)| *place)
}

/// What is wrong with a zone the database knows by an abbreviation or
/// legacy name, and the hint: `None` for the name of a place (or UTC).
pub fn not_a_place(name: &str, tz: &TimeZone) -> Option<(String, String)> {
    let place = place_for(name)?;
    let offset = |month| {
        tz.to_ambiguous_timestamp(date(2026, month, 15).at(12, 0, 0, 0)).compatible().ok().map(|t| tz.to_offset(t))
    };
    let message = match (offset(1), offset(7)) {
        (Some(winter), Some(summer)) if winter == summer => {
            let (s, sign) = (winter.seconds(), if winter.seconds() < 0 { '-' } else { '+' });
            let (h, m) = (s.abs() / 3600, s.abs() / 60 % 60);
            format!(
                "time zone {name:?} is UTC{sign}{h:02}:{m:02} all year: an abbreviation, not a place, so it never changes for daylight saving"
            )
        }
        _ => format!("time zone {name:?} is an abbreviation kept for old systems, not a place"),
    };
    Some((message, format!("name the place whose clocks the team keeps, e.g. \"{place}\"")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_are_told_apart_from_places() {
        let db = jiff::tz::db();
        let est = not_a_place("EST", &db.get("EST").unwrap()).unwrap();
        assert!(est.0.contains("is UTC-05:00 all year"), "{}", est.0);
        assert_eq!(est.1, "name the place whose clocks the team keeps, e.g. \"America/New_York\"");
        let cet = not_a_place("CET", &db.get("CET").unwrap()).unwrap();
        assert!(cet.0.contains("abbreviation kept for old systems") && cet.1.contains("Europe/Paris"));
        assert!(not_a_place("America/New_York", &db.get("America/New_York").unwrap()).is_none());
        assert!(not_a_place("UTC", &TimeZone::UTC).is_none());
        assert_eq!(place_for("pst"), Some("America/Los_Angeles"));
    }
}
