//! GitBook's own files, read when a GitBook handbook is copied into
//! `pages/`: `SUMMARY.md` (the table of contents: the order and titles of
//! pages in the navigation; not a page) and `.gitbook.yaml`'s `redirects:`
//! (old addresses, read as aliases of the pages they lead to).

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use crate::fields::At;
use crate::model::{Entity, Handbook};

/// The table of contents, under `pages/`: not published as a page.
pub const SUMMARY: &str = "pages/SUMMARY.md";

/// Each page the table of contents lists takes its place there as its
/// `weight` (so sections list pages in its order) and its entry's text as
/// its title, as GitBook shows them.
pub fn apply_summary(hb: &mut Handbook, by_path: &HashMap<String, Entity>) {
    let Ok(text) = fs::read_to_string(hb.root.join(SUMMARY)) else { return };
    for (place, (title, dest)) in entries(&text).into_iter().enumerate() {
        if let Some(&Entity::Page(i)) = by_path.get(&page_file(&dest)) {
            let page = &mut hb.pages[i];
            page.weight = place as i64;
            if !title.trim().is_empty() {
                page.title = title.trim().to_string();
            }
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

/// The table of contents' entries, in order: `* [Title](path.md)`.
fn entries(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|line| {
            let item = line.trim_start().strip_prefix(['*', '-', '+'])?.trim_start().strip_prefix('[')?;
            let (title, rest) = item.split_once("](")?;
            let dest = rest.rsplit_once(')')?.0;
            Some((title.to_string(), dest.trim_matches(['<', '>']).to_string()))
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
