//! Where each free page sits among the others: in its folder's section, or
//! where GitBook's SUMMARY.md nests it (under another page, or at the top),
//! whatever folder its file is in. A section is known by its slug, so that
//! two folders differing only in case (`Categories/`, `categories/`), which
//! share one address, are one section, listed by one page.

use std::collections::{BTreeMap, HashMap};

use super::views::page_order;
use crate::model::{Handbook, Nest};
use crate::urls::slug_path;

/// The sections of the free pages, worked out once per render.
#[derive(Debug, Default)]
pub struct Sections {
    /// The pages of each section, in `page_order`, by the section's key.
    pub children: BTreeMap<String, Vec<usize>>,
    /// The page that introduces each section: a folder's page, or the page
    /// SUMMARY.md nests others under.
    pub pages: HashMap<String, usize>,
    /// Each page's section key ("" at the top).
    places: Vec<String>,
}

/// The key of the section a page introduces: its folder's slug for a
/// folder's page, a key of its own for a page SUMMARY.md nests others under
/// (one that no folder has: a folder `a/b/` beside `a/b.md` keeps its own).
fn own_key(hb: &Handbook, p: usize) -> String {
    let page = &hb.pages[p];
    match page.is_section_index {
        true => slug_path(&page.path),
        false => format!("{}\u{1}", slug_path(&page.path)),
    }
}

impl Sections {
    pub fn new(hb: &Handbook) -> Sections {
        let places: Vec<String> = (0..hb.pages.len())
            .map(|i| match hb.pages[i].nest {
                Some(Nest::Top) => String::new(),
                Some(Nest::Under(p)) if hb.pages[p].is_home() => String::new(),
                Some(Nest::Under(p)) => own_key(hb, p),
                None => slug_path(&hb.pages[i].section),
            })
            .collect();
        let mut children: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        // The home page's text is on the home page, not in a section.
        for (i, _) in hb.pages.iter().enumerate().filter(|(_, p)| !p.is_home()) {
            children.entry(places[i].clone()).or_default().push(i);
        }
        for pages in children.values_mut() {
            pages.sort_by(|&a, &b| page_order(hb, a).cmp(&page_order(hb, b)));
        }
        let mut pages: HashMap<String, usize> = HashMap::new();
        for (i, p) in hb.pages.iter().enumerate() {
            if p.is_section_index {
                pages.entry(own_key(hb, i)).or_insert(i);
            }
            if let Some(Nest::Under(parent)) = p.nest
                && !hb.pages[parent].is_home()
            {
                pages.entry(own_key(hb, parent)).or_insert(parent);
            }
        }
        Sections { children, pages, places }
    }

    /// The key of the section page `i` sits in ("" at the top).
    pub fn place(&self, i: usize) -> &str {
        self.places.get(i).map_or("", String::as_str)
    }

    /// The pages listed under page `i` (none for most pages).
    pub fn of(&self, hb: &Handbook, i: usize) -> &[usize] {
        let key = own_key(hb, i);
        match self.pages.get(&key) {
            Some(&p) if p == i => self.children.get(&key).map_or(&[][..], Vec::as_slice),
            _ => &[],
        }
    }

    /// The page that lists page `i`: its section's page, else the nearest
    /// above it (a folder whose address an alias took has none).
    pub fn parent(&self, i: usize) -> Option<usize> {
        let mut key = self.place(i);
        while !key.is_empty() {
            if let Some(&p) = self.pages.get(key).filter(|&&p| p != i) {
                return Some(p);
            }
            key = key.trim_end_matches('\u{1}').rsplit_once('/').map_or("", |(up, _)| up);
        }
        None
    }

    /// The pages above page `i`, top down (each once, however SUMMARY.md nests).
    pub fn trail(&self, i: usize) -> Vec<usize> {
        let mut trail = Vec::new();
        let mut at = i;
        while let Some(p) = self.parent(at) {
            if p == i || trail.contains(&p) {
                break;
            }
            trail.insert(0, p);
            at = p;
        }
        trail
    }
}
