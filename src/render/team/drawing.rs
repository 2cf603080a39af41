//! The drawing of the team's interactions: the team in the middle, each
//! other team around it, and on each edge its mode and purpose. Two
//! layouts: around an ellipse for wide screens; on a phone, the team on the
//! left with the others stacked on the right, where words stay readable.
//! Geometry here (tested), drawing in `team_card.html`.

use serde::Serialize;

use crate::i18n::Strings;

/// The wide layout, in SVG units (it scales down to the page's width).
const WIDE: f64 = 720.0;
const WIDE_BOX: (f64, f64) = (190.0, 40.0);
/// How far from the middle the other teams sit, across and down.
const RX: f64 = 255.0;
const RY: f64 = 190.0;
/// The narrow layout: a phone's width, one row per other team.
const NARROW: f64 = 360.0;
const ROW: f64 = 72.0;
const US_BOX: (f64, f64) = (112.0, 44.0);
const OTHER_BOX: (f64, f64) = (196.0, 62.0);
const MARGIN: f64 = 8.0;
/// The longest texts drawn whole; longer ones end with "…" (the list under
/// the drawing has them whole).
const NAME_CHARS: usize = 20;
const PURPOSE_CHARS: usize = 30;
const NARROW_NAME_CHARS: usize = 13;
const NARROW_PURPOSE_CHARS: usize = 24;

/// Both layouts, and the words for people who cannot see them.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Drawing {
    pub wide: Picture,
    pub narrow: Picture,
    pub title: String,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Picture {
    pub width: f64,
    pub height: f64,
    pub team: TeamBox,
    pub edges: Vec<Edge>,
}

/// A team's box: its top-left corner and size, its middle, and where and
/// how its name is written.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct TeamBox {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub cx: f64,
    pub cy: f64,
    pub label: String,
    pub tx: f64,
    pub ty: f64,
    /// SVG's `text-anchor`: start, middle or end.
    pub anchor: &'static str,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Edge {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
    pub other: TeamBox,
    /// The mode, as a class name (`x-as-a-service`) and in words.
    pub mode: String,
    pub mode_label: String,
    pub purpose: String,
    /// Where the mode and purpose are written, and how they are anchored.
    pub label_x: f64,
    pub label_y: f64,
    pub anchor: &'static str,
    /// The whole sentence, for the edge's tooltip.
    pub title: String,
    /// Past its `until`.
    pub ended: bool,
}

/// One interaction to draw.
pub struct Other<'a> {
    pub team: &'a str,
    pub mode: &'a str,
    pub mode_label: &'a str,
    pub purpose: &'a str,
    pub ended: bool,
}

fn rounded(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// `text`, cut at `max` characters with "…".
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// A box around its middle, its name centred in it.
fn centred(cx: f64, cy: f64, (w, h): (f64, f64), label: String) -> TeamBox {
    TeamBox {
        x: rounded(cx - w / 2.0),
        y: rounded(cy - h / 2.0),
        w,
        h,
        cx: rounded(cx),
        cy: rounded(cy),
        label,
        tx: rounded(cx),
        ty: rounded(cy + 5.0),
        anchor: "middle",
    }
}

/// The angle of the `k`th of `n` teams, in radians, clockwise from the
/// right: one sits to the right, two left and right, more start at the top.
fn angle(k: usize, n: usize) -> f64 {
    use std::f64::consts::PI;
    let start = if n <= 2 { 0.0 } else { -PI / 2.0 };
    start + 2.0 * PI / n as f64 * k as f64
}

fn title(s: &Strings, o: &Other<'_>) -> String {
    let purpose = if o.purpose.is_empty() { String::new() } else { format!(": {}", o.purpose) };
    s.fill("team.edge", &[("mode", o.mode_label), ("team", o.team), ("purpose", &purpose)])
}

fn edge(
    s: &Strings,
    x1: f64,
    y1: f64,
    other: TeamBox,
    o: &Other<'_>,
    label: (f64, f64, &'static str),
    chars: usize,
) -> Edge {
    Edge {
        x1: rounded(x1),
        y1: rounded(y1),
        x2: other.cx,
        y2: other.cy,
        other,
        mode: o.mode.to_string(),
        mode_label: o.mode_label.to_string(),
        purpose: shorten(o.purpose, chars),
        label_x: rounded(label.0),
        label_y: rounded(label.1),
        anchor: label.2,
        title: title(s, o),
        ended: o.ended,
    }
}

/// Around an ellipse, the words halfway along each edge, on the side away
/// from the middle; cropped to what is drawn.
fn wide(s: &Strings, name: &str, others: &[Other<'_>]) -> Picture {
    let (cx, cy) = (WIDE / 2.0, RY + WIDE_BOX.1);
    let n = others.len();
    let mut edges: Vec<Edge> = others
        .iter()
        .enumerate()
        .map(|(k, o)| {
            let a = angle(k, n);
            let (ox, oy) = (cx + RX * a.cos(), cy + RY * a.sin());
            let (mx, my) = ((cx + ox) / 2.0, (cy + oy) / 2.0);
            // Beside a vertical edge; else on the side away from the middle,
            // above an edge going down (or across) and below one going up,
            // so that the words never sit on their line.
            let y = if oy < cy - 1.0 { my + 18.0 } else { my - 22.0 };
            let label = match ox - cx {
                dx if dx.abs() < 1.0 => (mx + 6.0, my, "start"),
                dx if dx > 0.0 => (mx + 16.0, y, "start"),
                _ => (mx - 16.0, y, "end"),
            };
            edge(s, cx, cy, centred(ox, oy, WIDE_BOX, shorten(o.team, NAME_CHARS)), o, label, PURPOSE_CHARS)
        })
        .collect();
    let mut team = centred(cx, cy, WIDE_BOX, shorten(name, NAME_CHARS));
    // Crop to the boxes and words, with a margin.
    let top = edges.iter().map(|e| e.other.y.min(e.label_y - 14.0)).fold(team.y, f64::min) - MARGIN;
    let bottom =
        edges.iter().map(|e| (e.other.y + e.other.h).max(e.label_y + 20.0)).fold(team.y + team.h, f64::max) + MARGIN;
    let up = |y: &mut f64| *y = rounded(*y - top);
    for b in std::iter::once(&mut team).chain(edges.iter_mut().map(|e| &mut e.other)) {
        up(&mut b.y);
        up(&mut b.cy);
        up(&mut b.ty);
    }
    for e in &mut edges {
        up(&mut e.y1);
        up(&mut e.y2);
        up(&mut e.label_y);
    }
    Picture { width: WIDE, height: rounded(bottom - top), team, edges }
}

/// The team on the left, the others stacked on the right, each box holding
/// the other team's name over its mode and purpose (a line each).
fn narrow(s: &Strings, name: &str, others: &[Other<'_>]) -> Picture {
    let height = ROW * others.len().max(1) as f64 + MARGIN;
    let us_w = US_BOX.0;
    let mut team = centred(MARGIN + us_w / 2.0, height / 2.0, US_BOX, shorten(name, NARROW_NAME_CHARS));
    team.ty = rounded(team.cy + 5.0);
    let left = NARROW - MARGIN - OTHER_BOX.0;
    let edges = others
        .iter()
        .enumerate()
        .map(|(k, o)| {
            let y = MARGIN / 2.0 + ROW * k as f64 + (ROW - OTHER_BOX.1) / 2.0;
            let other = TeamBox {
                x: rounded(left),
                y: rounded(y),
                w: OTHER_BOX.0,
                h: OTHER_BOX.1,
                cx: rounded(left),
                cy: rounded(y + OTHER_BOX.1 / 2.0),
                label: shorten(o.team, NARROW_NAME_CHARS + 8),
                tx: rounded(left + 10.0),
                ty: rounded(y + 20.0),
                anchor: "start",
            };
            let label = (left + 10.0, y + 37.0, "start");
            edge(s, MARGIN + us_w, team.cy, other, o, label, NARROW_PURPOSE_CHARS)
        })
        .collect();
    Picture { width: NARROW, height: rounded(height), team, edges }
}

pub fn drawing(s: &Strings, name: &str, others: &[Other<'_>]) -> Drawing {
    let title = match others {
        [] => s.fill("team.works_with_none", &[("name", name)]),
        _ => {
            let all = others.iter().map(|o| title(s, o)).collect::<Vec<_>>().join("; ");
            s.fill("team.works_with", &[("name", name), ("all", &all)])
        }
    };
    Drawing { wide: wide(s, name, others), narrow: narrow(s, name, others), title }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn other(team: &str) -> Other<'_> {
        Other { team, mode: "collaboration", mode_label: "Collaboration", purpose: "A purpose", ended: false }
    }

    fn inside(p: &Picture, b: &TeamBox) -> bool {
        b.x >= 0.0 && b.x + b.w <= p.width && b.y >= 0.0 && b.y + b.h <= p.height
    }

    #[test]
    fn wide_the_team_sits_in_the_middle_and_the_others_around_it() {
        let p = drawing(&Strings::english(), "Payments", &[other("Risk"), other("Ledger"), other("Platform")]).wide;
        assert_eq!(p.team.cx, WIDE / 2.0);
        // The first above the middle, the others below it, right and left.
        let [top, right, left] = [&p.edges[0], &p.edges[1], &p.edges[2]];
        assert!(top.other.cx == WIDE / 2.0 && top.other.cy < p.team.cy);
        assert!(right.other.cx > WIDE / 2.0 && right.other.cy > p.team.cy);
        assert!(left.other.cx < WIDE / 2.0 && left.other.cy > p.team.cy);
        // Words on the side away from the middle, so the two below never meet.
        assert_eq!((right.anchor, left.anchor), ("start", "end"));
        assert!(right.label_x > WIDE / 2.0 && left.label_x < WIDE / 2.0);
        // Both lines of words (mode, then purpose 16 below) clear of their edge going down.
        for e in [right, left] {
            let line_y = e.y1 + (e.label_x - e.x1) * (e.y2 - e.y1) / (e.x2 - e.x1);
            assert!(e.label_y + 16.0 + 4.0 <= line_y, "{e:?}");
        }
        assert!(p.edges.iter().all(|e| inside(&p, &e.other)) && inside(&p, &p.team));
        // Cropped: the top box starts a margin from the top.
        assert_eq!(top.other.y, MARGIN);
    }

    #[test]
    fn narrow_stacks_the_others_beside_the_team() {
        let p = drawing(&Strings::english(), "Payments", &[other("Risk"), other("Ledger"), other("Platform")]).narrow;
        assert_eq!(p.width, NARROW);
        assert!(p.edges.iter().all(|e| e.other.x > p.team.x + p.team.w && inside(&p, &e.other)));
        assert!(p.edges.windows(2).all(|w| w[0].other.y + w[0].other.h < w[1].other.y));
        // The team is level with the middle of the stack.
        assert_eq!(p.team.cy, rounded(p.height / 2.0));
    }

    #[test]
    fn one_team_sits_to_the_right_and_long_words_are_cut() {
        let d = drawing(
            &Strings::english(),
            "Payments",
            &[Other { purpose: "Fraud scores for every checkout in every market", ..other("Risk") }],
        );
        assert!(d.wide.edges[0].other.cx > WIDE / 2.0 + 200.0 && d.wide.edges[0].other.cy == d.wide.team.cy);
        assert_eq!(d.wide.edges[0].purpose, "Fraud scores for every checko…");
        assert!(d.title.ends_with("every market"), "{}", d.title);
        assert_eq!(shorten("Short", 20), "Short");
    }
}
