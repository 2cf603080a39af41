//! A project's timeline as a picture: the stages it went through, as bands
//! from each move to the next (the last one up to today), and its target
//! dates below them: the first target (the baseline), each move, and the
//! target now.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use crate::i18n::Strings;
use crate::model::Project;
use crate::render::pictures::{Tick, TimeScale};
use crate::words;

/// Drawn at this size (it scrolls on narrow screens), so text stays readable.
const WIDTH: f64 = 860.0;
const BAND_TOP: f64 = 18.0;
const BAND_HEIGHT: f64 = 30.0;
const MARKER_Y: f64 = 64.0;
/// The rows of target labels, so that close dates do not overwrite each other.
const LABEL_ROWS: [f64; 2] = [86.0, 101.0];
const AXIS_Y: f64 = 110.0;
const HEIGHT: f64 = 136.0;
/// About how wide a character of the labels is (bold ones are wider).
const CHAR: f64 = 7.2;

#[derive(Serialize, Debug)]
pub struct Timeline {
    pub width: f64,
    pub height: f64,
    pub band_top: f64,
    pub band_height: f64,
    pub marker_y: f64,
    pub axis_y: f64,
    pub bands: Vec<Band>,
    pub targets: Vec<Marker>,
    /// The line from the baseline to the target now, when it moved.
    pub slip: Option<Span>,
    pub today_x: Option<f64>,
    pub ticks: Vec<Tick>,
    /// What the picture shows, in words.
    pub title: String,
}

/// From one x to another.
#[derive(Serialize, Debug, PartialEq)]
pub struct Span {
    pub from: f64,
    pub to: f64,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct Band {
    pub x: f64,
    pub width: f64,
    /// The stage's name, when it fits in the band.
    pub label: String,
    /// The stage's place on the board, for its shade.
    pub shade: usize,
    /// "ENG from 5 Oct 2026".
    pub title: String,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct Marker {
    pub x: f64,
    /// `baseline`, `moved` (an earlier target) or `current`.
    pub kind: &'static str,
    pub label: String,
    /// The label's middle: under the mark, unless that would cut it off.
    pub label_x: f64,
    pub label_y: f64,
    pub title: String,
}

/// The timeline of a project; `None` when it has nothing dated.
pub fn timeline(s: &Strings, p: &Project, stages: &[String], today: Date) -> Option<Timeline> {
    let moves: Vec<(Date, usize)> = p.dated().into_iter().filter_map(|(_, h)| h.stage.map(|s| (h.date, s))).collect();
    let baseline = p.baseline_target();
    let target_moves = p.target_moves();
    let mut dates: Vec<Date> = moves.iter().map(|m| m.0).collect();
    dates.extend(baseline);
    dates.extend(target_moves.iter().map(|m| m.to));
    let first = *dates.iter().min()?;
    let from = first.min(today).checked_sub(7.days()).unwrap_or(first);
    let last = dates.iter().copied().max().unwrap_or(today).max(today);
    let to = last.checked_add(14.days()).unwrap_or(last);
    let scale = TimeScale::new(from, to, 4.0, WIDTH - 4.0);
    let name = |s: usize| stages.get(s).cloned().unwrap_or_default();

    let mut bands = Vec::new();
    for (i, &(date, stage)) in moves.iter().enumerate() {
        let end = moves.get(i + 1).map_or(today.max(date), |m| m.0);
        let (x, x_end) = (scale.x(date), scale.x(end));
        let width = (x_end - x).max(2.0);
        let label =
            if (name(stage).chars().count() as f64 + 1.0) * CHAR <= width { name(stage) } else { String::new() };
        bands.push(Band {
            x,
            width,
            label,
            shade: stage % 4,
            title: s.fill("timeline.band", &[("stage", &name(stage)), ("date", &words::date(s, date))]),
        });
    }

    let mut targets = Vec::new();
    if let Some(b) = baseline {
        targets.push((
            b,
            "baseline",
            s.fill("timeline.first_target_short", &[("date", &short(s, b))]),
            s.fill("timeline.first_target", &[("date", &words::date(s, b))]),
        ));
    }
    for (i, m) in target_moves.iter().enumerate().filter(|(_, m)| m.from.is_some()) {
        let kind = if i + 1 == target_moves.len() { "current" } else { "moved" };
        let slip = baseline.map_or(String::new(), |b| format!(" ({})", words::slip(s, words::days_between(b, m.to))));
        targets.push((
            m.to,
            kind,
            format!("{}{slip}", short(s, m.to)),
            s.fill(
                "timeline.moved",
                &[("date", &words::date(s, m.date)), ("to", &words::date(s, m.to)), ("slip", &slip)],
            ),
        ));
    }
    // Labels take the first row that is free where they start.
    let mut row_ends = [f64::MIN; 2];
    let mut placed: Vec<(f64, Marker)> = Vec::new();
    let mut sorted = targets;
    sorted.sort_by_key(|t| t.0);
    for (date, kind, label, title) in sorted {
        let x = scale.x(date);
        let width = label.chars().count() as f64 * CHAR;
        let start = (x - width / 2.0).clamp(0.0, WIDTH - width);
        let row = row_ends.iter().position(|&end| end + 4.0 <= start).unwrap_or(1);
        row_ends[row] = start + width;
        let label_x = crate::render::pictures::round(start + width / 2.0);
        placed.push((x, Marker { x, kind, label, label_x, label_y: LABEL_ROWS[row], title }));
    }
    let current = p.current_target();
    let slip = match (baseline, current) {
        (Some(b), Some(c)) if b != c => Some(Span { from: scale.x(b), to: scale.x(c) }),
        _ => None,
    };

    let mut said: Vec<String> = bands.iter().map(|b| b.title.clone()).collect();
    if let (Some(b), Some(c)) = (baseline, current) {
        said.push(if b == c {
            s.fill("timeline.target", &[("date", &words::date(s, c))])
        } else {
            let slip = words::slip(s, words::days_between(b, c));
            s.fill(
                "timeline.target_moved",
                &[("from", &words::date(s, b)), ("to", &words::date(s, c)), ("slip", &slip)],
            )
        });
    }
    Some(Timeline {
        width: WIDTH,
        height: HEIGHT,
        band_top: BAND_TOP,
        band_height: BAND_HEIGHT,
        marker_y: MARKER_Y,
        axis_y: AXIS_Y,
        bands,
        targets: placed.into_iter().map(|(_, m)| m).collect(),
        slip,
        today_x: scale.contains(today).then(|| scale.x(today)),
        ticks: scale.months(s),
        title: s.fill("timeline.title", &[("project", &p.title), ("said", &said.join("; "))]),
    })
}

/// "18 Dec".
fn short(s: &Strings, d: Date) -> String {
    s.date(d, crate::i18n::Style::DayMonth)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::timeline;
    use crate::config::Config;
    use crate::diagnostics::Diagnostics;
    use crate::model::Project;
    use crate::source::SourceFile;

    fn project(front: &str) -> (Project, Vec<String>) {
        let mut d = Diagnostics::default();
        let config = Config::read(&SourceFile::new("teambook.toml", "title = \"t\"".into()), &mut d);
        let source =
            SourceFile::new("projects/p.md", format!("+++\ntitle = \"Search\"\nstage = \"ENG\"\n{front}+++\n"));
        let p = Project::read(&source, "p", &config, &mut d);
        assert!(d.take().is_empty());
        (p, config.stages)
    }

    #[test]
    fn stages_are_bands_up_to_today_and_targets_marks_below() {
        let (p, stages) = project(
            "target = 2027-01-15\n[[history]]\ndate = 2026-08-24\nstage = \"BRD\"\ntarget = 2026-12-18\n[[history]]\ndate = 2026-10-05\nstage = \"ENG\"\n[[history]]\ndate = 2026-11-16\ntarget = 2027-01-15\n",
        );
        let t = timeline(&crate::i18n::Strings::english(), &p, &stages, date(2026, 11, 23)).expect("timeline");
        assert_eq!(t.bands.len(), 2);
        assert_eq!(t.bands[0].x + t.bands[0].width, t.bands[1].x, "bands meet");
        assert_eq!((t.bands[0].label.as_str(), t.bands[1].label.as_str()), ("BRD", "ENG"));
        assert_eq!(t.today_x, Some(t.bands[1].x + t.bands[1].width));
        let kinds: Vec<&str> = t.targets.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, ["baseline", "current"]);
        assert_eq!(t.targets[1].label, "15 Jan (+4 weeks)");
        assert_eq!(t.slip, Some(super::Span { from: t.targets[0].x, to: t.targets[1].x }));
        assert_eq!(
            t.title,
            "Timeline of Search: BRD from 24 Aug 2026; ENG from 5 Oct 2026; target moved from 18 Dec 2026 to 15 Jan 2027 (+4 weeks)"
        );
        // Close labels go to the second row.
        assert!(t.targets[1].label_y >= t.targets[0].label_y);
    }

    #[test]
    fn nothing_dated_draws_nothing() {
        let (p, stages) = project("");
        assert!(timeline(&crate::i18n::Strings::english(), &p, &stages, date(2026, 11, 23)).is_none());
    }
}
