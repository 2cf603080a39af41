//! "What changed in the handbook this week" on an update's page and on the
//! home page: the week's digest (see `crate::digest`), its sentences with
//! their links made relative to the site root.

use jiff::civil::Date;
use serde::Serialize;

use crate::digest::{Group, Piece, SHOWN};
use crate::model::{Entity, Index};
use crate::render::views::Facts;
use crate::{urls, words};

#[derive(Serialize)]
pub struct DigestView {
    /// "16 Nov 2026", the week's Monday.
    week: String,
    groups: Vec<GroupView>,
}

#[derive(Serialize)]
struct GroupView {
    title: &'static str,
    /// Each fact: pieces of text, each a link when it has a `url`.
    lines: Vec<Vec<PieceView>>,
    /// Facts of the group not listed (the page shows `SHOWN` of each).
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
        week: words::date(monday),
        groups: digest
            .groups(hb, SHOWN)
            .into_iter()
            .map(|(group, lines, more)| GroupView {
                title: group.title(),
                lines: lines.into_iter().map(|line| line.into_iter().map(piece).collect()).collect(),
                more,
                // Projects in flight are all on the board, by stage.
                more_url: if group == Group::Quiet {
                    urls::page(hb, Entity::Index(Index::Projects))
                } else {
                    String::new()
                },
            })
            .collect(),
    }
}
