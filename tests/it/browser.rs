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

#[test]
fn search_finds_a_word_inside_a_chinese_japanese_or_korean_sentence() {
    let Some(chromium) = chromium() else { return };
    let site = Site::copy_of("example-team")
        .file("pages/zh.md", "+++\ntitle = \"团队节奏\"\n+++\n每周五下午我们开团队会议，讨论发布计划。\n")
        .file("pages/ja.md", "+++\ntitle = \"チームの予定\"\n+++\n金曜日の午後にチームの会議があります。\n")
        .file("pages/ko.md", "+++\ntitle = \"팀 일정\"\n+++\n매주 금요일 오후에 팀 회의를 합니다.\n");
    site.run(&["build"]).status(0);
    let public = site.path().join("public");
    let search = |q: &str| {
        let dom = dump_dom(&chromium, &format!("file://{}/index.html?q={q}", public.display()));
        let doc = scraper::Html::parse_document(&dom);
        let found = results(&dom);
        let marks: Vec<String> =
            crate::html::select(&doc, "#tb-search-results mark").iter().map(crate::html::text).collect();
        (found, marks)
    };
    // A word in the middle of each sentence finds its page, and is marked in the excerpt.
    for (q, title, mark) in [
        ("%E4%BC%9A%E8%AE%AE", "团队节奏", "会议"),                // 会议
        ("%E9%87%91%E6%9B%9C%E6%97%A5", "チームの予定", "金曜日"), // 金曜日
        ("%ED%9A%8C%EC%9D%98", "팀 일정", "회의"),                 // 회의
    ] {
        let (found, marks) = search(q);
        assert!(found.iter().any(|(t, _)| t == title), "{mark}: {found:?}");
        assert!(marks.iter().any(|m| m == mark), "{mark} highlighted: {marks:?}");
    }
    // One character, as it is typed, finds the pairs it begins.
    let (found, _) = search("%E9%87%91"); // 金
    assert!(found.iter().any(|(t, _)| t == "チームの予定"), "{found:?}");
    // A pair that is in no sentence finds nothing.
    let (found, _) = search("%E5%8F%91%E4%BC%9A"); // 发会
    assert!(!found.iter().any(|(t, _)| t == "团队节奏"), "{found:?}");
}
