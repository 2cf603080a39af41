//! "What changed in the handbook this week" on an update's page and on the
//! home page: the week's digest (see `crate::digest`), its sentences with
//! their links made relative to the site root. The quiet projects are named
//! in a line rather than a sentence each: many can be quiet every week.

use jiff::civil::Date;
use serde::Serialize;

use crate::digest::{Fact, Group, Piece};
use crate::model::{Entity, Index};
use crate::render::views::{Facts, Item};
use crate::{urls, words};

#[derive(Serialize)]
pub struct DigestView {
    /// "16 Nov 2026", the week's Monday.
    week: String,
    groups: Vec<GroupView>,
}

#[derive(Serialize)]
struct GroupView {
    title: String,
    /// Each fact: pieces of text, each a link when it has a `url`.
    lines: Vec<Vec<PieceView>>,
    /// Or, for the quiet projects, each with its stage.
    named: Vec<Item>,
    /// Facts of the group not listed (see `Group::shown`).
    more: usize,
    /// Where the rest can be seen, when there is such a page.
    more_url: String,
}

#[derive(Serialize)]
struct PieceView {
    text: String,
    url: String,
}

/// The digest of the week starting on `monday`.
pub fn view(facts: &Facts<'_>, monday: Date) -> DigestView {
    let hb = facts.hb;
    let digest = facts.chronicle().week(monday);
    let piece = |p: Piece| match p {
        Piece::Text(text) => PieceView { text, url: String::new() },
        Piece::Link { to, anchor, text } => {
            let url = urls::page(hb, to) + &anchor.map_or(String::new(), |a| format!("#{a}"));
            PieceView { text, url }
        }
    };
    DigestView {
        week: words::date(&facts.hb.strings, monday),
        groups: digest
            .groups()
            .into_iter()
            .map(|(group, shown, more)| {
                let (named, lines): (Vec<&Fact>, Vec<&Fact>) =
                    shown.into_iter().partition(|f| matches!(f, Fact::Quiet { .. }));
                GroupView {
                    title: group.title(&hb.strings).to_string(),
                    lines: lines.into_iter().map(|f| f.line(hb).into_iter().map(piece).collect()).collect(),
                    named: named.into_iter().filter_map(|f| quiet(facts, f)).collect(),
                    more,
                    // Projects in flight are all on the board, by stage.
                    more_url: if group == Group::Quiet {
                        urls::page(hb, Entity::Index(Index::Projects))
                    } else {
                        String::new()
                    },
                }
            })
            .collect(),
    }
}

/// A quiet project with the stage it is in.
fn quiet(facts: &Facts<'_>, fact: &Fact) -> Option<Item> {
    let Fact::Quiet { project, stage } = *fact else { return None };
    let stage = facts.hb.config.stages.get(stage).cloned().unwrap_or_default();
    Some(facts.noted(Entity::Project(project), stage))
}
