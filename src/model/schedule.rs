//! Warnings about a ceremony's schedule that can never do what its author
//! meant: a rule or an `until` that leaves no meeting at all, a `skip` date
//! that is not a meeting (a typo would cancel nothing), meetings longer than
//! the time between them, a zone written as an abbreviation. Each is placed
//! at the field to change. (Syntax and types are checked as the fields are read.)

use jiff::SignedDuration;
use jiff::civil::Date;

use crate::diagnostics::{Code, Diagnostics};
use crate::fields::{At, Zone};
use crate::recurrence::{Rule, weekday_name};
use crate::source::SourceFile;
use crate::zones;

/// A ceremony's schedule as written, with where each part is.
pub struct Written<'a> {
    pub rule: Option<&'a Rule>,
    /// Where the rule (or the cadence it was made from) is written.
    pub rule_pos: usize,
    pub start: Option<Date>,
    pub until: Option<&'a At<Date>>,
    pub skip: &'a [At<Date>],
    pub duration: Option<&'a At<SignedDuration>>,
    pub zone: Option<&'a At<Zone>>,
}

pub fn warn(file: &SourceFile, w: &Written<'_>, d: &mut Diagnostics) {
    if let Some(zone) = w.zone
        && let Some((message, hint)) = zones::not_a_place(&zone.value.name, &zone.value.tz)
    {
        d.report(Code::ZoneAbbreviation, file, zone.pos, message).hint(hint);
    }
    let (Some(rule), Some(start)) = (w.rule, w.start) else { return };
    // An `until` before `start` is an error already.
    let until = w.until.filter(|u| u.value >= start);
    let series = || rule.iter(start).take_while(move |day| until.is_none_or(|u| *day <= u.value));
    if series().next().is_none() {
        never(file, w, rule, start, d);
        return;
    }
    all_skipped(file, w, series(), d);
    skips_off_schedule(file, w, series(), d);
    overlong(file, w, series(), d);
}

/// No meeting at all: the rule gives no date, or ends before its first.
fn never(file: &SourceFile, w: &Written<'_>, rule: &Rule, start: Date, d: &mut Diagnostics) {
    let mut endless = rule.clone();
    endless.until = None;
    match (endless.iter(start).next(), rule.until, w.until) {
        (None, _, _) => {
            d.report(
                Code::NeverMeets,
                file,
                w.rule_pos,
                format!("the rule {rule} gives no date from `start` ({start}) on, so the ceremony never meets"),
            )
            .hint("no day matches all of its parts at once: check that its BYMONTH, BYMONTHDAY, BYDAY and BYSETPOS can meet");
        }
        (Some(first), Some(end), _) if end < first => {
            d.report(
                Code::NeverMeets,
                file,
                w.rule_pos,
                format!("the rule's UNTIL ({end}) is before its first date ({first}), so the ceremony never meets"),
            )
            .hint(format!("move UNTIL to {first} or later, or remove it"));
        }
        (Some(first), _, Some(until)) => {
            d.report(
                Code::NeverMeets,
                file,
                until.pos,
                format!(
                    "`until` ({}) is before the first meeting ({} {first}), so the ceremony never meets",
                    until.value,
                    weekday_name(first.weekday())
                ),
            )
            .hint(format!("move `until` to {first} or later, or remove it"));
        }
        (Some(_), _, None) => {}
    }
}

/// A finite series whose every meeting is skipped.
fn all_skipped(file: &SourceFile, w: &Written<'_>, series: impl Iterator<Item = Date>, d: &mut Diagnostics) {
    let Some(first) = w.skip.first() else { return };
    let dates: Vec<Date> = series.take(w.skip.len() + 1).collect();
    if dates.len() <= w.skip.len() && dates.iter().all(|day| w.skip.iter().any(|s| s.value == *day)) {
        d.report(
            Code::NeverMeets,
            file,
            first.pos,
            "every meeting of the series is in `skip`, so the ceremony never meets",
        )
        .hint("remove dates from `skip`, or remove the ceremony");
    }
}

/// Skip dates the schedule never meets on: they cancel nothing.
fn skips_off_schedule(file: &SourceFile, w: &Written<'_>, series: impl Iterator<Item = Date>, d: &mut Diagnostics) {
    let Some(last) = w.skip.iter().map(|s| s.value).max() else { return };
    // The meetings up to the last skip date, and the one after it.
    let mut dates = Vec::new();
    for day in series {
        dates.push(day);
        if day > last {
            break;
        }
    }
    for skip in w.skip {
        let after = dates.partition_point(|day| *day < skip.value);
        if dates.get(after) == Some(&skip.value) {
            continue;
        }
        let before = after.checked_sub(1).map(|i| dates[i]);
        let distance = |day: Date| (day - skip.value).get_days().abs();
        let nearest = match (before, dates.get(after).copied()) {
            (Some(b), Some(a)) if distance(a) < distance(b) => a,
            (Some(b), _) => b,
            (None, Some(a)) => a,
            (None, None) => continue,
        };
        d.report(
            Code::SkipNotAMeeting,
            file,
            skip.pos,
            format!("skip date {} is not a meeting of this ceremony", skip.value),
        )
        .hint(format!(
            "the nearest meeting is on {} {nearest}: skip that date, or remove this one",
            weekday_name(nearest.weekday())
        ));
    }
}

/// Meetings that last longer than the time from one to the next (a daily
/// meeting longer than a day) would each run into the next.
fn overlong(file: &SourceFile, w: &Written<'_>, series: impl Iterator<Item = Date>, d: &mut Diagnostics) {
    let Some(duration) = w.duration else { return };
    let dates: Vec<Date> = series.take(400).collect();
    let Some((gap, a, b)) = dates.windows(2).map(|p| ((p[1] - p[0]).get_days(), p[0], p[1])).min() else {
        return;
    };
    if duration.value > SignedDuration::from_hours(24 * i64::from(gap)) {
        let days = if gap == 1 { "1 day".to_string() } else { format!("{gap} days") };
        d.report(
            Code::MeetingsOverlap,
            file,
            duration.pos,
            format!(
                "`duration` ({:#}) is longer than the {days} from one meeting to the next ({a} to {b}), so each would run into the next",
                duration.value
            ),
        )
        .hint("`duration` is how long one meeting lasts, e.g. \"15m\" or \"1h\"");
    }
}
