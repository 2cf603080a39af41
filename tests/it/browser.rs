//! A real browser (Debian's chromium, headless) on the built site, opened
//! from disk: the search box finds people and pages. `.ci/run` installs
//! chromium; outside CI a machine without it skips these tests, loudly.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::Site;

/// The chromium binary, or `None` (skip) when it is missing outside CI.
pub fn chromium() -> Option<PathBuf> {
    let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].into_iter().map(PathBuf::from).find(|p| p.is_file());
    if found.is_none() {
        assert!(std::env::var_os("CI").is_none(), "chromium is required in CI (.ci/run installs it)");
        eprintln!("SKIPPED: no chromium on this machine (apt-get install chromium)");
    }
    found
}

/// How tests start chromium: headless, and quiet on a machine without a network.
pub const FLAGS: [&str; 7] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
];

/// The DOM of a page after its scripts ran.
pub fn dump_dom(chromium: &Path, url: &str) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    let out = Command::new(chromium)
        .args(FLAGS)
        .arg("--virtual-time-budget=5000")
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("run chromium");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn results(dom: &str) -> Vec<(String, String)> {
    let doc = scraper::Html::parse_document(dom);
    crate::html::select(&doc, "#tb-search-results li > a")
        .iter()
        .map(|a| (crate::html::text(a), a.value().attr("href").unwrap_or("").to_string()))
        .collect()
}

#[test]
fn search_finds_people_and_pages_from_disk() {
    let Some(chromium) = chromium() else { return };
    let site = Site::copy_of("example-team");
    site.run(&["build"]).status(0);
    let public = site.path().join("public");
    // Accents folded, last word matched as a prefix, from a page one folder down.
    let dom = dump_dom(&chromium, &format!("file://{}/people/index.html?q=tomas%20ledg", public.display()));
    let found = results(&dom);
    assert_eq!(
        found.first().map(|(t, h)| (t.as_str(), h.as_str())),
        Some(("Tomás Ferreira", "../people/tomas.html")),
        "{found:?}"
    );
    // A heading inside a page.
    let dom = dump_dom(&chromium, &format!("file://{}/index.html?q=handover", public.display()));
    assert!(results(&dom).iter().any(|(t, _)| t == "Development environment"), "{dom}");
    // Nothing found says so.
    let dom = dump_dom(&chromium, &format!("file://{}/index.html?q=zzzzqq", public.display()));
    assert!(dom.contains("No results for"), "{dom}");
}

#[test]
fn pages_read_without_javascript_and_hide_search_without_it() {
    // Without scripts the form stays hidden and empty (search.js draws it);
    // everything else is plain HTML.
    let site = Site::copy_of("example-team");
    site.run(&["build"]).status(0);
    let doc = crate::html::parse(&site.path().join("public/index.html"));
    let form = crate::html::select(&doc, "form#tb-search");
    assert!(form[0].value().attr("hidden").is_some());
    assert_eq!(form[0].children().count(), 0);
    let script = crate::html::select(&doc, "script[src$='assets/search.js']");
    assert_eq!(script.len(), 1, "the page loads the script that draws the form");
}
