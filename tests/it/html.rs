//! Reading built HTML in tests: parse with scraper, crawl every link.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::Path;

use scraper::{Html, Selector};

pub fn parse(path: &Path) -> Html {
    Html::parse_document(&fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"));
    doc.select(&selector).collect()
}

/// The text of an element, whitespace collapsed.
pub fn text(e: &scraper::ElementRef<'_>) -> String {
    e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn texts(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css).iter().map(text).collect()
}

/// Every file of a built site, by path relative to it.
pub fn files(site: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(site).expect("prefix").to_string_lossy().replace('\\', "/");
            (rel, fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// Checks every internal link and asset reference of every HTML file: it is
/// relative, its file exists, and its #anchor is an id in the target.
/// Returns the problems found and the number of links followed.
pub fn crawl(site: &Path) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let mut followed = 0;
    let mut ids_cache: BTreeMap<String, HashSet<String>> = BTreeMap::new();
    let pages: Vec<String> = files(site).into_keys().filter(|p| p.ends_with(".html")).collect();
    for page in &pages {
        let doc = parse(&site.join(page));
        for (css, attr) in [("a[href]", "href"), ("link[href]", "href"), ("img[src]", "src"), ("script[src]", "src")] {
            for e in select(&doc, css) {
                let url = e.value().attr(attr).unwrap_or_default();
                if url.contains("://") || url.starts_with("mailto:") || url.starts_with("webcal:") {
                    continue;
                }
                if url.starts_with('/') {
                    problems.push(format!("{page}: absolute link {url}"));
                    continue;
                }
                followed += 1;
                let (path, anchor) = url.split_once('#').unwrap_or((url, ""));
                // A browser decodes the address (`desk%20photo.png`) to find the file.
                let target =
                    if path.is_empty() { page.clone() } else { join(page, &teambook::markdown::percent_decode(path)) };
                if !site.join(&target).is_file() {
                    problems.push(format!("{page}: {url} → missing {target}"));
                    continue;
                }
                if !anchor.is_empty() && target.ends_with(".html") {
                    let ids = ids_cache.entry(target.clone()).or_insert_with(|| {
                        select(&parse(&site.join(&target)), "[id]")
                            .iter()
                            .filter_map(|e| e.value().attr("id").map(str::to_string))
                            .collect()
                    });
                    if !ids.contains(anchor) {
                        problems.push(format!("{page}: {url} → no #{anchor} in {target}"));
                    }
                }
            }
        }
    }
    (problems, followed)
}

fn join(page: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for p in rel.split('/') {
        match p {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}
