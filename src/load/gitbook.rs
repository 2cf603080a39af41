//! GitBook's own files, read when a GitBook handbook is copied into
//! `pages/`: `SUMMARY.md` (the table of contents: the order and titles of
//! pages in the navigation; not a page) and `.gitbook.yaml`'s `redirects:`
//! (old addresses, read as aliases of the pages they lead to).

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use crate::fields::At;
use crate::model::{Entity, Handbook, Nest};

/// The table of contents, under `pages/`: not published as a page.
pub const SUMMARY: &str = "pages/SUMMARY.md";

/// Each page the table of contents lists takes its place there as its
/// `weight` (so sections list pages in its order), its entry's text as its
/// title, and its entry's nesting as its place in the navigation (a page
/// indented under another is listed by that one, wherever its file is), as
/// GitBook shows them. A page listed twice keeps its first place.
pub fn apply_summary(hb: &mut Handbook, by_path: &HashMap<String, Entity>) {
    let Ok(text) = fs::read_to_string(hb.root.join(SUMMARY)) else { return };
    let mut placed = std::collections::HashSet::new();
    // The entries above the current one: (indent, the page, if it is one).
    let mut above: Vec<(usize, Option<usize>)> = Vec::new();
    for (place, entry) in entries(&text).into_iter().enumerate() {
        let Entry { indent, title, dest } = entry;
        let Some(dest) = dest else {
            // A part's heading (`## Guides`): what follows starts at the top.
            above.clear();
            continue;
        };
        while above.last().is_some_and(|&(i, _)| i >= indent) {
            above.pop();
        }
        let parent = above.last().map(|&(_, p)| p);
        // An item that links nowhere (`* Guides`) still holds what is under it.
        let page = match by_path.get(&page_file(&dest)) {
            Some(&Entity::Page(i)) if !dest.is_empty() => Some(i),
            _ => None,
        };
        above.push((indent, page));
        let Some(i) = page.filter(|&i| placed.insert(i)) else { continue };
        let nest = match parent {
            None => Some(Nest::Top),
            Some(Some(p)) if p != i => Some(Nest::Under(p)),
            // Under an entry that is no page: where its folder puts it.
            Some(_) => None,
        };
        let page = &mut hb.pages[i];
        page.weight = place as i64;
        page.nest = nest;
        if !title.trim().is_empty() {
            page.title = title.trim().to_string();
        }
    }
}

/// `.gitbook.yaml`'s `redirects:` (in `pages/` or at the handbook's root):
/// `old/address: new/page.md` lines, each an alias of the page.
pub fn apply_redirects(hb: &mut Handbook, by_path: &HashMap<String, Entity>) {
    let text = [hb.root.join("pages/.gitbook.yaml"), hb.root.join(".gitbook.yaml")]
        .iter()
        .find_map(|p| fs::read_to_string(p).ok());
    let Some(text) = text else { return };
    let mut in_redirects = false;
    for line in text.lines() {
        if !line.starts_with([' ', '\t']) {
            in_redirects = line.trim_end() == "redirects:";
            continue;
        }
        let Some((old, new)) = line.trim().split_once(": ").filter(|_| in_redirects) else { continue };
        let unquote = |s: &str| s.trim().trim_matches(['"', '\'']).to_string();
        if let Some(&Entity::Page(i)) = by_path.get(&page_file(&unquote(new))) {
            let alias = format!("/{}", unquote(old).trim_start_matches('/'));
            hb.pages[i].doc.aliases.push(At::new(alias, 0..0));
        }
    }
}

/// One line of the table of contents: `  * [Title](path.md)` (an item
/// without a link has an empty `dest`), or a part's heading (`## Title`,
/// with no `dest`).
struct Entry {
    /// Leading blanks, a tab counting as four.
    indent: usize,
    title: String,
    dest: Option<String>,
}

/// The table of contents' entries, in order.
fn entries(text: &str) -> Vec<Entry> {
    text.lines()
        .filter_map(|line| {
            let body = line.trim_start();
            let indent = line[..line.len() - body.len()].chars().map(|c| if c == '\t' { 4 } else { 1 }).sum();
            if let Some(heading) = body.strip_prefix('#') {
                return Some(Entry { indent, title: heading.trim_start_matches('#').trim().to_string(), dest: None });
            }
            let item = body.strip_prefix(['*', '-', '+'])?.trim_start();
            let link = item.strip_prefix('[').and_then(|l| l.split_once("](")).and_then(|(title, rest)| {
                Some((title.to_string(), rest.rsplit_once(')')?.0.trim_matches(['<', '>']).to_string()))
            });
            let (title, dest) = link.unwrap_or_else(|| (item.to_string(), String::new()));
            Some(Entry { indent, title, dest: Some(dest) })
        })
        .collect()
}

/// The handbook path of a page GitBook names from the book's root.
fn page_file(dest: &str) -> String {
    let dest = crate::markdown::percent_decode(dest.split('#').next().unwrap_or(dest));
    let path = crate::urls::join_segments(Vec::new(), dest.trim_start_matches("./")).unwrap_or_default();
    format!("pages/{path}")
}

/// Whether a path is one of GitBook's files rather than content.
pub fn is_gitbook_file(rel: &str) -> bool {
    rel == SUMMARY || Path::new(rel).file_name().is_some_and(|n| n == ".gitbook.yaml")
}
