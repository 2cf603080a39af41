//! `teambook new update`: this week's update, pre-filled with what the
//! handbook's dated data says happened this week (the digest), under the
//! standard sections, as Markdown for the author to edit.

use std::path::Path;

use jiff::ToSpan;
use jiff::civil::Date;

use super::NewFile;
use crate::digest::{Chronicle, Fact, Group, Piece, markdown};
use crate::model::{Entity, Handbook, in_flight};

/// The sections of a weekly update, in order.
pub const SECTIONS: [&str; 4] = ["Highlights", "Project changes", "Risks", "Asks"];

/// What the handbook already knows about a week.
#[derive(Default)]
pub struct Prefill {
    /// Projects whose stage or target moved this week.
    pub projects: Vec<String>,
    /// Each project in flight with its latest rating (or `on-track`), for
    /// the author to confirm: written commented out, so that nothing is
    /// reported on that the author did not.
    pub health: Vec<(String, &'static str)>,
    /// The week's facts as Markdown lines, by section.
    pub lines: Vec<(&'static str, String)>,
}

impl Prefill {
    /// The week starting on `monday`, as `hb` knows it.
    pub fn of(hb: &Handbook, monday: Date) -> Prefill {
        let digest = Chronicle::new(hb).week(monday);
        let mut projects: Vec<String> = Vec::new();
        for fact in &digest.facts {
            if let Fact::Stage { project, .. } | Fact::Target { project, .. } = fact {
                let id = &hb.projects[*project].doc.id;
                if !projects.contains(id) {
                    projects.push(id.clone());
                }
            }
        }
        let stages = hb.config.stages.len();
        let health = (0..hb.projects.len())
            .filter(|&p| hb.projects[p].stage.is_some_and(|s| in_flight(s, stages)))
            .map(|p| (hb.projects[p].doc.id.clone(), latest_rating(hb, p).unwrap_or("on-track")))
            .collect();
        let mut lines = Vec::new();
        // Who is on each duty is said whole below, hand-offs included.
        for (group, facts, more) in digest.groups().into_iter().filter(|(g, ..)| *g != Group::Duties) {
            for mut line in facts.into_iter().map(|f| f.line(hb)) {
                // A link would count as a mention: a project asked about
                // stays asked about until the author reports on it.
                if group == Group::Quiet {
                    line = line.into_iter().map(unlinked).collect();
                }
                lines.push((group.section(), format!("- {}", markdown(hb, &line))));
            }
            if more > 0 {
                lines.push((
                    group.section(),
                    format!(
                        "- {}",
                        hb.strings.fill(
                            "update.and_more_group",
                            &[("count", &more.to_string()), ("group", &group.title(&hb.strings).to_lowercase())]
                        )
                    ),
                ));
            }
        }
        lines.extend(on_duty(hb, monday).into_iter().map(|l| ("Highlights", l)));
        Prefill { projects, health, lines }
    }
}

/// Who is on each duty in the week starting on `monday` (in the duty's
/// zone), hand-offs included: "- [[duties/primary-on-call|Primary
/// on-call]]: Keiko Tanaka, then Nadia Petrova from Mon 23 Nov 10:00."
fn on_duty(hb: &Handbook, monday: Date) -> Vec<String> {
    let mut out = Vec::new();
    for d in &hb.duties {
        let Some(rota) = d.rota(hb) else { continue };
        let at = |day: Date| {
            d.zone.tz.to_ambiguous_timestamp(day.to_datetime(jiff::civil::Time::midnight())).compatible().ok()
        };
        let Some((from, to)) = at(monday).zip(monday.checked_add(7.days()).ok().and_then(at)) else { continue };
        let shifts = rota.shifts(from, to);
        let Some(first) = shifts.first() else { continue };
        let mut line = format!("- [[duties/{}|{}]]: {}", d.doc.id, d.title, hb.title(Entity::Person(first.person)));
        for s in &shifts[1..] {
            line.push_str(&format!(
                ", then {} from {}",
                hb.title(Entity::Person(s.person)),
                s.start.strftime("%a %-d %b %H:%M")
            ));
        }
        line.push('.');
        out.push(line);
    }
    out
}

fn unlinked(piece: Piece) -> Piece {
    match piece {
        Piece::Link { text, .. } => Piece::Text(text),
        text => text,
    }
}

/// The latest rating of a project in an update dated on or before today.
fn latest_rating(hb: &Handbook, p: usize) -> Option<&'static str> {
    let me = Some(Entity::Project(p));
    hb.projects[p]
        .updates
        .iter()
        .map(|&u| &hb.updates[u])
        .filter(|u| u.date <= hb.today)
        .filter_map(|u| u.health.iter().find(|(r, _)| r.to == me).map(|(_, s)| ((u.date, &u.doc.id), s.name())))
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, s)| s)
}

/// The update for the week starting on `monday`, at `updates/<year>/<monday>.md`.
pub fn update(root: &Path, monday: Date, author: &str, prefill: &Prefill) -> NewFile {
    let quoted = |ids: &[String]| ids.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", ");
    let mut text = format!(
        "+++\ndate = {monday}\nauthor = \"{author}\"\nstatus = \"on-track\"\nprojects = [{}]\n",
        quoted(&prefill.projects)
    );
    if !prefill.health.is_empty() {
        let ratings: Vec<String> = prefill.health.iter().map(|(id, s)| format!("{id} = \"{s}\"")).collect();
        text.push_str(
            "# How is each project in flight doing (on-track, at-risk, off-track)? Their latest ratings:\n\
             # keep the ones you report on, then remove the # below.\n",
        );
        text.push_str(&format!("# health = {{ {} }}\n", ratings.join(", ")));
    }
    text.push_str("+++\n");
    for section in SECTIONS {
        text.push_str(&format!("## {section}\n\n"));
        let lines: Vec<&str> = prefill.lines.iter().filter(|(s, _)| *s == section).map(|(_, l)| l.as_str()).collect();
        if !lines.is_empty() {
            text.push_str(&lines.join("\n"));
            text.push_str("\n\n");
        }
    }
    NewFile {
        path: root.join(format!("updates/{}/{monday}.md", monday.year())),
        text: text.trim_end().to_string() + "\n",
    }
}
