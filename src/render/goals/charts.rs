//! The pictures of goals: a progress bar (for a key result or an objective)
//! and a key result's check-ins over its period, as numbers for the SVG in
//! `pictures.html`. Each comes with the sentence that says what it shows.

use serde::Serialize;

use crate::i18n::Strings;
use crate::model::{Goal, KeyResult, Period};
use crate::render::pictures::{Tick, TimeScale, round};
use crate::words;

/// A progress bar: how much of the track is filled, and what it means.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Bar {
    /// Filled, in percent of the track (0 to 100).
    pub fill: f64,
    /// Shown beside the bar: "41 %", "no check-in yet".
    pub text: String,
    /// Its text alternative.
    pub label: String,
    /// At or past its target.
    pub done: bool,
    /// Nothing measured yet: the track is drawn as still to be walked.
    pub unmeasured: bool,
}

impl Bar {
    fn of(fraction: f64, text: String, label: String) -> Bar {
        Bar { fill: round(100.0 * fraction.clamp(0.0, 1.0)), text, label, done: fraction >= 1.0, unmeasured: false }
    }
}

/// A key result's bar.
pub fn key_result_bar(s: &Strings, k: &KeyResult) -> Option<Bar> {
    let progress = k.progress()?;
    let (baseline, target) = (k.baseline?, k.target?);
    let unit = k.unit.as_deref();
    let way = s.fill("goal.way", &[("from", &words::number(baseline)), ("to", &words::amount(target, unit))]);
    Some(match k.latest() {
        None => Bar {
            unmeasured: true,
            ..Bar::of(
                0.0,
                s.get("goal.no_check_in_bar").into(),
                s.fill("goal.bar_none", &[("kr", &k.title), ("way", &way)]),
            )
        },
        Some(c) => {
            let past = if progress > 1.0 { s.get("goal.past_target") } else { "" };
            let percent = words::percent(progress);
            let label = s.fill(
                "goal.bar",
                &[
                    ("kr", &k.title),
                    ("percent", &percent),
                    ("way", &way),
                    ("past", past),
                    ("value", &words::amount(c.value, unit)),
                    ("date", &words::date(s, c.date.value)),
                ],
            );
            Bar::of(progress, percent, label)
        }
    })
}

/// An objective's bar: the mean of its key results'.
pub fn objective_bar(s: &Strings, g: &Goal) -> Option<Bar> {
    let progress = g.progress()?;
    let count = i64::try_from(g.key_results.len()).unwrap_or(0);
    let of = s.count("goal.mean_of", count, &[]);
    let percent = words::percent(progress);
    Some(Bar::of(
        progress,
        percent.clone(),
        s.fill("goal.overall", &[("objective", &g.title), ("percent", &percent), ("of", &of)]),
    ))
}

/// A key result's check-ins across its period: the line from the baseline
/// (at the period's start) through each check-in, with the baseline and
/// the target as level lines. Up is always towards the target.
///
/// Across, the chart is as wide as the column it sits in: `x` values are
/// percent of its width, so its text keeps its size on a phone and on a
/// wide screen alike (a scaled picture shrinks its labels with it). Down,
/// values are pixels of its fixed `height`.
#[derive(Serialize, Debug)]
pub struct Chart {
    pub height: f64,
    /// The plotting area: `left` and `right` in percent, `top` and `bottom` in pixels.
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
    /// The line, one segment between each two points (from the baseline).
    pub segments: Vec<Segment>,
    pub points: Vec<Point>,
    pub baseline_y: f64,
    pub target_y: f64,
    pub baseline_label: String,
    pub target_label: String,
    /// Today, when it falls in the period.
    pub today_x: Option<f64>,
    pub ticks: Vec<Tick>,
    /// More months than a phone has room to name: every other one's label
    /// may be left out on a narrow screen (`minor` ones).
    pub crowded: bool,
    /// What the chart shows, in words.
    pub title: String,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    /// "30 hours on 14 Sep 2026".
    pub label: String,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct Segment {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
}

const HEIGHT: f64 = 190.0;
/// The plot's edges across, in percent: room for a point's circle.
const LEFT: f64 = 1.5;
const RIGHT: f64 = 98.5;
/// The width months are named for (one label each where they fit in it):
/// a wide screen's column, in pixels.
const NAMED_FOR: f64 = 800.0;
/// More month labels than this crowd a phone.
const CROWDED: usize = 5;

/// The chart of a key result of an objective set for `period`; `None`
/// without a usable baseline and target.
pub fn chart(s: &Strings, k: &KeyResult, period: Period, today: jiff::civil::Date) -> Option<Chart> {
    let (baseline, target) = (k.baseline?, k.target?);
    let (left, right, top, bottom) = (LEFT, RIGHT, 24.0, HEIGHT - 28.0);
    let scale = TimeScale::new(period.first_day(), period.last_day(), left, right);
    let fractions: Vec<f64> = k.check_ins.iter().filter_map(|c| k.fraction(c.value)).collect();
    // The vertical range holds baseline (0), target (1) and every check-in, within reason.
    let lo = fractions.iter().copied().fold(0.0_f64, f64::min).max(-0.5);
    let hi = fractions.iter().copied().fold(1.0_f64, f64::max).min(1.5);
    let y = |f: f64| round(bottom - (f.clamp(lo, hi) - lo) / (hi - lo) * (bottom - top));
    let unit = k.unit.as_deref();
    let points: Vec<Point> = k
        .check_ins
        .iter()
        .zip(&fractions)
        .map(|(c, &f)| Point {
            x: scale.x(c.date.value),
            y: y(f),
            label: s.fill(
                "goal.value_on",
                &[("value", &words::amount(c.value, unit)), ("date", &words::date(s, c.date.value))],
            ),
        })
        .collect();
    let mut from = (left, y(0.0));
    let segments = points
        .iter()
        .map(|p| {
            let segment = Segment { x1: from.0, y1: from.1, x2: p.x, y2: p.y };
            from = (p.x, p.y);
            segment
        })
        .collect();
    let title = match k.latest() {
        Some(c) => s.count(
            "goal.chart",
            i64::try_from(k.check_ins.len()).unwrap_or(0),
            &[
                ("kr", &k.title),
                ("from", &words::amount(baseline, unit)),
                ("period", &period.label(s)),
                ("value", &words::amount(c.value, unit)),
                ("date", &words::date(s, c.date.value)),
                ("target", &words::amount(target, unit)),
            ],
        ),
        None => s.fill(
            "goal.chart_none",
            &[("kr", &k.title), ("from", &words::amount(baseline, unit)), ("target", &words::amount(target, unit))],
        ),
    };
    let ticks: Vec<Tick> = TimeScale::new(period.first_day(), period.last_day(), 0.0, NAMED_FOR)
        .months(s)
        .into_iter()
        .map(|t| Tick { x: round(left + t.x / NAMED_FOR * (right - left)), ..t })
        .collect();
    Some(Chart {
        height: HEIGHT,
        left,
        right,
        top,
        bottom,
        segments,
        points,
        baseline_y: y(0.0),
        target_y: y(1.0),
        // The unit is said beside the chart: these stay short.
        baseline_label: s.fill("goal.baseline_label", &[("value", &words::number(baseline))]),
        target_label: s.fill("goal.target_label", &[("value", &words::number(target))]),
        today_x: scale.contains(today).then(|| scale.x(today)),
        crowded: ticks.len() > CROWDED,
        ticks,
        title,
    })
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::{chart, key_result_bar};
    use crate::fields::At;
    use crate::model::{CheckIn, KeyResult, Period};

    fn payout(values: &[(i8, f64)]) -> KeyResult {
        KeyResult {
            id: At::new("payout-time".into(), 0..0),
            title: "Median payout time".into(),
            unit: Some("hours".into()),
            baseline: Some(48.0),
            target: Some(4.0),
            check_ins: values
                .iter()
                .map(|&(month, value)| CheckIn { date: At::new(date(2026, month, 1), 0..0), value, note: None })
                .collect(),
            unread_check_ins: false,
            projects: Vec::new(),
        }
    }

    #[test]
    fn bars_fill_to_where_the_latest_check_in_stands() {
        let bar = key_result_bar(&crate::i18n::Strings::english(), &payout(&[(7, 40.0), (8, 26.0)])).expect("bar");
        assert_eq!((bar.fill, bar.text.as_str(), bar.done), (50.0, "50\u{a0}%", false));
        assert_eq!(bar.label, "Median payout time: 50\u{a0}% of the way from 48 to 4 hours (26 hours on 1 Aug 2026)");
        let past = key_result_bar(&crate::i18n::Strings::english(), &payout(&[(9, 2.0)])).expect("bar");
        assert_eq!((past.fill, past.done), (100.0, true));
        assert!(past.label.contains("105\u{a0}% of the way from 48 to 4 hours, past its target"), "{}", past.label);
        let none = key_result_bar(&crate::i18n::Strings::english(), &payout(&[])).expect("bar");
        assert_eq!((none.fill, none.text.as_str(), none.unmeasured), (0.0, "no check-in yet", true));
    }

    #[test]
    fn the_chart_rises_towards_the_target_whichever_way_it_lies() {
        let c = chart(
            &crate::i18n::Strings::english(),
            &payout(&[(7, 48.0), (9, 4.0)]),
            Period::Quarter(2026, 3),
            date(2026, 8, 15),
        )
        .expect("chart");
        // Baseline at the bottom of the plot, target at its top.
        assert_eq!((c.baseline_y, c.target_y), (c.bottom, c.top));
        assert_eq!(c.points[0].y, c.bottom);
        assert_eq!(c.points[1].y, c.top);
        assert_eq!(c.points[0].x, c.left);
        assert!(c.points[1].x > c.points[0].x && c.points[1].x < c.right);
        // The line runs from the baseline at the period's start through each point.
        let ends: Vec<_> = c.segments.iter().map(|s| (s.x1, s.y1, s.x2, s.y2)).collect();
        assert_eq!(ends, [(c.left, c.bottom, c.left, c.bottom), (c.left, c.bottom, c.points[1].x, c.top)]);
        // Across, in percent of the chart's width.
        assert!(c.left > 0.0 && c.right < 100.0 && !c.crowded);
        assert!(c.today_x.is_some());
        assert_eq!(c.ticks.len(), 3);
        // A check-in the wrong way stretches the range below the baseline.
        let worse =
            chart(&crate::i18n::Strings::english(), &payout(&[(7, 60.0)]), Period::Quarter(2026, 3), date(2027, 1, 1))
                .expect("chart");
        assert!(worse.points[0].y > worse.baseline_y && worse.points[0].y <= worse.bottom);
        assert_eq!(worse.today_x, None);
    }
}
