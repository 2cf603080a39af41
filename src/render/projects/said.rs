//! What each weekly update said about a project, for the project's page:
//! the rating it gave, and the line of its text that links to the project
//! (the list item or paragraph the link is in), else the first that names
//! it by its title, as plain text.

use pulldown_cmark::{Event, LinkType, Parser, Tag};
use serde::Serialize;

use crate::markdown::{Target, options};
use crate::model::Entity;
use crate::render::views::{Facts, Item};

/// A line longer than this is cut at a word, with "…" (the update's page has it all).
const LONGEST: usize = 280;

/// One update as a project's page lists it.
#[derive(Serialize)]
pub struct Said {
    pub update: Item,
    /// The rating it gave the project (`at-risk`), and in words; "" when none.
    pub status: &'static str,
    pub words: &'static str,
    /// The line it wrote about the project; "" when it only named it.
    pub line: String,
}

pub fn said(facts: &Facts<'_>, p: usize, u: usize) -> Said {
    let hb = facts.hb;
    let up = &hb.updates[u];
    let rating = up.health.iter().find(|(r, _)| r.to == Some(Entity::Project(p))).map(|(_, s)| *s);
    Said {
        update: facts.update_item(u),
        status: rating.map_or("", |s| s.name()),
        words: rating.map_or("", |s| s.words()),
        line: line(facts, p, u),
    }
}

/// The text of the block (list item or paragraph) holding the update's
/// first link to the project, or else its title, as plain text.
fn line(facts: &Facts<'_>, p: usize, u: usize) -> String {
    let hb = facts.hb;
    let doc = &hb.updates[u].doc;
    let body = &doc.body;
    let text = hb.text(doc.file, body);
    // Its first link to the project, else the first place that names it.
    let link = body.links.iter().find(|l| l.to == Some(Target::Entity(Entity::Project(p)))).map(|l| l.at);
    let title = hb.projects[p].title.to_ascii_lowercase();
    let named = || Some(text.to_ascii_lowercase().find(&title)).flatten().filter(|_| !title.is_empty());
    let Some(at) = link.or_else(named) else {
        return String::new();
    };
    let block = block_at(text, at.min(text.len()));
    let start = block.as_ptr() as usize - text.as_ptr() as usize;
    let within = start..start + block.len();
    // The titles of the wiki links written without text, as the page shows them.
    let title = |dest: &str| {
        body.links
            .iter()
            .filter(|l| within.contains(&l.at) && l.dest == dest.split('#').next().unwrap_or(dest).trim())
            .find_map(|l| match l.to {
                Some(Target::Entity(e)) => Some(hb.title(e)),
                _ => None,
            })
    };
    let mut out = String::new();
    let mut replacing: Option<String> = None;
    for event in Parser::new_ext(block, options()) {
        match event {
            Event::Start(Tag::Link { link_type: LinkType::WikiLink { has_pothole: false }, dest_url, .. }) => {
                replacing = title(&dest_url);
                if let Some(t) = &replacing {
                    out.push_str(t);
                }
            }
            Event::End(pulldown_cmark::TagEnd::Link) => replacing = None,
            Event::Text(t) | Event::Code(t) if replacing.is_none() => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    cut(out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Whether a line starts a list item or a heading: a block of its own.
fn starts_block(line: &str) -> bool {
    let t = line.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("+ ")
        || t.starts_with('#')
        || (digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") ")))
}

/// The block around byte `at` of `text`: its line, with the lines before
/// and after that continue it (up to a blank line or the next item).
fn block_at(text: &str, at: usize) -> &str {
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |pos, l| {
            let start = *pos;
            *pos += l.len();
            Some((start, l))
        })
        .collect();
    let Some(k) = lines.iter().rposition(|(start, _)| *start <= at) else { return "" };
    let blank = |l: &str| l.trim().is_empty();
    let mut first = k;
    while first > 0 && !starts_block(lines[first].1) && !blank(lines[first - 1].1) {
        first -= 1;
    }
    let mut last = k;
    while last + 1 < lines.len() && !blank(lines[last + 1].1) && !starts_block(lines[last + 1].1) {
        last += 1;
    }
    let (from, to) = (lines[first].0, lines[last].0 + lines[last].1.len());
    &text[from..to]
}

/// At most `LONGEST` characters, cut after a word.
fn cut(line: String) -> String {
    if line.chars().count() <= LONGEST {
        return line;
    }
    let end = line.char_indices().nth(LONGEST).map_or(line.len(), |(i, _)| i);
    let head = &line[..end];
    let head = head.rfind(' ').map_or(head, |i| &head[..i]);
    format!("{}…", head.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::{block_at, cut};

    #[test]
    fn the_block_is_the_item_or_paragraph_around_the_link() {
        let text = "## Project changes\n\n- [[a]]: 50% rollout,\n  then the rest.\n- [[b]]: on track.\n\nA paragraph\nabout [[c]].\n";
        let at = |needle: &str| text.find(needle).expect("needle");
        assert_eq!(block_at(text, at("[[a]]")), "- [[a]]: 50% rollout,\n  then the rest.\n");
        assert_eq!(block_at(text, at("[[b]]")), "- [[b]]: on track.\n");
        assert_eq!(block_at(text, at("[[c]]")), "A paragraph\nabout [[c]].\n");
    }

    #[test]
    fn a_long_line_is_cut_after_a_word() {
        let long = "word ".repeat(100);
        let cut = cut(long.trim().to_string());
        assert!(cut.ends_with("word…") && cut.chars().count() <= 281, "{cut}");
        assert_eq!(super::cut("short".into()), "short");
    }
}
