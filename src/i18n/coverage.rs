//! Every string the built-in theme and pages can write is in every table
//! teambook ships: the keys the templates (`t(key="...")`), the scripts
//! (`tr("...")`) and the code (`"section.key"`) use are in the English
//! table, and every other table has each English key, with the same
//! placeholders, and no key English lacks.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use super::{Entry, SHIPPED, table};

/// What file names end with, that look like keys otherwise.
const FILE_ENDINGS: [&str; 10] = ["html", "toml", "json", "js", "xml", "ics", "css", "svg", "md", "txt"];

/// What a date's pattern may name: a language writes its dates its own way.
const DATE_FIELDS: [&str; 7] = ["y", "m", "d", "month", "mon", "weekday", "wd"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The files under a folder of the repository whose names end with `ext`.
fn files(folder: &str, ext: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(root().join(folder)).into_iter().flatten() {
        if e.file_type().is_file() && e.path().to_string_lossy().ends_with(ext) {
            out.push((e.path().display().to_string(), fs::read_to_string(e.path()).unwrap_or_default()));
        }
    }
    out
}

/// The quoted texts that follow `open` in `text`: `t(key="` → the keys.
fn quoted_after<'a>(text: &'a str, open: &str) -> Vec<&'a str> {
    text.match_indices(open).filter_map(|(i, _)| text[i + open.len()..].split('"').next()).collect()
}

/// `{name}` placeholders of an entry's texts.
fn placeholders(e: &Entry) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for text in e.texts() {
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            let name = &after[..close];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                out.insert(name.to_string());
            }
            rest = &after[close + 1..];
        }
    }
    out
}

#[test]
fn every_key_the_theme_and_the_code_use_is_in_english() {
    let en = table::read_shipped(SHIPPED[0].1);
    let mut missing = Vec::new();
    let mut used = 0;
    for (path, text) in files("themes/default/templates", ".html") {
        for key in quoted_after(&text, "t(key=\"") {
            used += 1;
            // `t(key="status." ~ status)`: a family of keys, by prefix.
            let known = if key.ends_with('.') { en.keys().any(|k| k.starts_with(key)) } else { en.contains_key(key) };
            if !known {
                missing.push(format!("{path}: {key}"));
            }
        }
    }
    for (path, text) in files("themes/default/static", ".js") {
        for key in quoted_after(&text, "tr(\"") {
            used += 1;
            if !en.contains_key(&format!("js.{key}")) && !key.ends_with('_') {
                missing.push(format!("{path}: js.{key}"));
            }
        }
        // `tr("kind_" + row[2])`: the kinds of the search index.
        for kind in ["role", "person", "area", "ceremony", "project", "objective", "update", "page", "decision"] {
            if text.contains("tr(\"kind_\"") && !en.contains_key(&format!("js.kind_{kind}")) {
                missing.push(format!("{path}: js.kind_{kind}"));
            }
        }
    }
    let sections: BTreeSet<&str> = en.keys().filter_map(|k| k.split('.').next()).collect();
    for (path, text) in files("src", ".rs") {
        for literal in text.split('"').skip(1).step_by(2) {
            let Some((section, rest)) = literal.split_once('.') else { continue };
            let key_like = !rest.is_empty()
                && rest
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.' || c == '-');
            // File names (`index.html`, `ownership.toml`) are not keys.
            let file = FILE_ENDINGS.iter().any(|x| rest.rsplit('.').next() == Some(*x));
            if key_like && !file && sections.contains(section) && !rest.ends_with('.') {
                used += 1;
                if !en.contains_key(literal) {
                    missing.push(format!("{path}: {literal}"));
                }
            }
        }
    }
    assert!(used > 400, "only {used} uses of keys found: is the scan broken?");
    assert!(missing.is_empty(), "keys used but not in themes/default/i18n/en.toml:\n{}", missing.join("\n"));
}

#[test]
fn every_shipped_table_has_every_english_string_with_its_placeholders() {
    let en = table::read_shipped(SHIPPED[0].1);
    let mut problems = Vec::new();
    for (lang, text) in &SHIPPED[1..] {
        let mut diags = crate::diagnostics::Diagnostics::default();
        let file = crate::source::SourceFile::new(format!("{lang}.toml"), text.to_string());
        let theirs = table::read(&file, &mut diags);
        assert!(!diags.has_errors(), "{lang}.toml does not parse: {:?}", diags.take());
        for (key, e) in &en {
            match (e, theirs.get(key)) {
                (_, None) => problems.push(format!("{lang}: lacks {key}")),
                (Entry::List(a), Some(Entry::List(b))) if a.len() != b.len() => {
                    problems.push(format!("{lang}: {key} has {} names, not {}", b.len(), a.len()));
                }
                (Entry::List(_), Some(Entry::List(_))) => {}
                (Entry::List(_), Some(_)) | (_, Some(Entry::List(_))) => {
                    problems.push(format!("{lang}: {key} is not a list as in English"));
                }
                (_, Some(t)) if key.starts_with("date.") => {
                    if let Some(p) = placeholders(t).iter().find(|p| !DATE_FIELDS.contains(&p.as_str())) {
                        problems.push(format!("{lang}: {key} names {{{p}}}, which a date does not have"));
                    }
                }
                (_, Some(t)) if placeholders(t) != placeholders(e) => problems.push(format!(
                    "{lang}: {key} has the placeholders {:?}, English {:?}",
                    placeholders(t),
                    placeholders(e)
                )),
                _ => {}
            }
        }
        for key in theirs.keys().filter(|k| !en.contains_key(*k)) {
            problems.push(format!("{lang}: {key} is not an English key"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
