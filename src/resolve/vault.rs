//! Finding a note or file the way Obsidian does: `[[Board games]]`,
//! `![[diagram.png]]` and `[[Team Life/Chess club]]` name a file anywhere
//! under `pages/` by its name, ignoring case and Unicode form, with or
//! without its extension; failing that, a page by its title. Only a name
//! that matches no file, or several, is a problem.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::markdown::Target;
use crate::model::{Entity, Handbook};

pub(super) struct Vault {
    /// Folded file name (`board games.md`, `board games`, `diagram.png`) →
    /// the files of that name: where each is, and where a link to it goes.
    by_name: HashMap<String, Vec<(String, Target)>>,
    /// Folded title → the pages of that title.
    by_title: HashMap<String, Vec<(String, Target)>>,
}

/// What a name found.
pub(super) enum Found {
    One(Target),
    /// Several files: their paths, to choose from.
    Several(Vec<String>),
    None,
}

impl Vault {
    pub(super) fn new(hb: &Handbook, by_path: &HashMap<String, Entity>) -> Vault {
        let mut by_name: HashMap<String, Vec<(String, Target)>> = HashMap::new();
        let mut by_title: HashMap<String, Vec<(String, Target)>> = HashMap::new();
        let mut pages: Vec<(&String, &Entity)> = by_path.iter().filter(|(rel, _)| rel.starts_with("pages/")).collect();
        pages.sort();
        for (rel, &e) in pages {
            let name = fold(rel.rsplit('/').next().unwrap_or(rel));
            if let Some(stem) = name.strip_suffix(".md") {
                by_name.entry(stem.to_string()).or_default().push((rel.clone(), Target::Entity(e)));
            }
            by_name.entry(name).or_default().push((rel.clone(), Target::Entity(e)));
            by_title.entry(fold(&hb.title(e))).or_default().push((rel.clone(), Target::Entity(e)));
        }
        for s in hb.statics.iter().filter(|s| s.source.starts_with("pages/")) {
            let name = fold(s.source.rsplit('/').next().unwrap_or(&s.source));
            by_name.entry(name).or_default().push((s.source.clone(), Target::Static(s.path.clone())));
        }
        Vault { by_name, by_title }
    }

    /// The file `written` names: `Board games`, `board games.md`, `Team Life/Chess club`.
    pub(super) fn find(&self, written: &str) -> Found {
        let written = fold(written.trim().trim_start_matches('/'));
        let name = written.rsplit('/').next().unwrap_or(&written);
        let folder = written.strip_suffix(name).unwrap_or("");
        let pick = |list: Option<&Vec<(String, Target)>>| -> Vec<(String, Target)> {
            list.map_or_else(Vec::new, |l| {
                l.iter().filter(|(rel, _)| fold(rel).contains(&format!("/{folder}"))).cloned().collect()
            })
        };
        let mut found = pick(self.by_name.get(name));
        if found.is_empty() && folder.is_empty() {
            found = pick(self.by_title.get(name));
        }
        match found.len() {
            0 => Found::None,
            1 => Found::One(found.remove(0).1),
            _ => Found::Several(found.into_iter().map(|(rel, _)| rel).collect()),
        }
    }
}

/// A name as Obsidian compares names: in NFC, ignoring case.
fn fold(name: &str) -> String {
    name.nfc().collect::<String>().to_lowercase()
}
