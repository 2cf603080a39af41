//! Handbooks as Obsidian and GitBook write them, dropped into `pages/`
//! (tests/fixtures/obsidian-vault, tests/fixtures/gitbook-handbook): each
//! checks with exactly its own problems (listed, with why, in its
//! expected.txt); with those fixed, it builds, every internal link of the
//! output resolves, and the Nu HTML Checker finds no error.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::html::{crawl, parse, select, texts};
use crate::support::{Site, npm_tool, repo};

const VAULT: &str = "tests/fixtures/obsidian-vault";
const GITBOOK: &str = "tests/fixtures/gitbook-handbook";
const IMPORTED: &str = "tests/fixtures/imported-folders";

fn reports_exactly_its_expected_problems(fixture: &str) {
    reports_exactly(fixture, 1);
}

/// `check` says exactly what the fixture's expected.txt lists, and exits with `status`.
fn reports_exactly(fixture: &str, status: i32) {
    let expected = fs::read_to_string(repo().join(fixture).join("expected.txt")).expect("expected.txt");
    let expected: String =
        expected.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(|l| format!("{l}\n")).collect();
    let got = Site::copy_of(fixture).run(&["check"]).status(status).stderr();
    assert_eq!(got, expected);
}

/// Fixes `from` → `to` in one file, as the error's hint says.
fn fix(site: &Site, file: &str, from: &str, to: &str) {
    let path = site.path().join(file);
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{file} has no {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

/// Builds the fixed site; every internal link resolves and the HTML is valid.
fn builds_with_every_link_resolving(site: &Site) -> std::path::PathBuf {
    site.run(&["check"]).status(0);
    site.run(&["build", "-o", "public"]).status(0);
    let out = site.path().join("public");
    let (problems, followed) = crawl(&out);
    assert!(problems.is_empty(), "broken: {}", problems.join("\n"));
    assert!(followed > 100, "followed only {followed} links");
    valid_html(&out);
    out
}

fn valid_html(out: &Path) {
    let Some(vnu) = npm_tool("vnu-jar/build/dist/vnu.jar") else { return };
    let run = Command::new("java")
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--skip-non-html"])
        .arg(out)
        .output()
        .expect("java (.ci/run installs it)");
    let report = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success() && report.trim().is_empty(), "the Nu HTML Checker found errors:\n{report}");
}

#[test]
fn the_obsidian_vault_reports_only_its_own_problems() {
    reports_exactly_its_expected_problems(VAULT);
}

#[test]
fn the_gitbook_handbook_reports_only_its_own_problems() {
    reports_exactly_its_expected_problems(GITBOOK);
}

#[test]
fn the_obsidian_vault_builds_as_obsidian_shows_it() {
    let site = Site::copy_of(VAULT);
    fix(&site, "pages/README.md", "[[Meeting notes]]", "[[Team Life/Meeting notes]]");
    let out = builds_with_every_link_resolving(&site);
    // Names as written, addresses as slugs.
    for page in
        ["board-games.html", "team-life/chess-club.html", "team-life/lunch-coffee.html", "launch-checklist.html"]
    {
        assert!(out.join(page).is_file(), "no {page}");
    }
    let board = parse(&out.join("board-games.html"));
    assert_eq!(texts(&board, "h1"), ["Board games"]);
    // The embedded image is shown; the link to a note never written is its text.
    let images: Vec<String> =
        select(&board, "article img").iter().filter_map(|i| i.value().attr("src").map(str::to_string)).collect();
    assert_eq!(images, ["attachments/board.png"]);
    assert!(texts(&board, "article").concat().contains("Game night"));
    assert!(select(&board, "article a").iter().all(|a| !a.inner_html().contains("Game night")));
    // A heading named by its text, a note embedded as its link.
    let chess = fs::read_to_string(out.join("team-life/chess-club.html")).expect("chess");
    assert!(chess.contains("src=\"../attachments/Floor%20plan.svg\""), "{chess}");
    assert!(chess.contains("href=\"../board-games.html\">Board games</a>"), "{chess}");
    let board_html = fs::read_to_string(out.join("board-games.html")).expect("board");
    assert!(board_html.contains("href=\"team-life/chess-club.html#rules-of-play\">chess</a>"));
    // A page whose first heading says its title shows it once: `title:`
    // over `# Chess club`, and over `## Project meetings` (made the h1).
    assert_eq!(texts(&parse(&out.join("team-life/chess-club.html")), "main h1"), ["Chess club"]);
    let minutes = parse(&out.join("work/meeting-notes.html"));
    assert_eq!(texts(&minutes, "main h1"), ["Project meetings"]);
    assert!(texts(&minutes, "main h2").iter().all(|h| h != "Project meetings"));
    assert_eq!(select(&minutes, "main h1#project-meetings").len(), 1);
    // Neither the templates nor Obsidian's settings are published.
    assert!(!out.join("templates").exists() && !out.join("Templates").exists());
    assert!(!out.join(".obsidian").exists());
}

#[test]
fn the_gitbook_handbook_builds_as_gitbook_shows_it() {
    let site = Site::copy_of(GITBOOK);
    fix(&site, "pages/onboarding/first-week.md", " and\nthe [postmortem guide](/playbooks/postmortems.md)", "");
    let out = builds_with_every_link_resolving(&site);
    // SUMMARY.md is the navigation, not a page: its order and titles.
    assert!(!out.join("summary.html").exists() && !out.join("SUMMARY.html").exists());
    let playbooks = parse(&out.join("playbooks/index.html"));
    let listed = texts(&playbooks, "nav[aria-label=\"In this section\"] a");
    assert_eq!(listed, ["Writing an RFC", "Incident response"], "SUMMARY's order and titles");
    // A page SUMMARY.md nests under another is listed by that one, though
    // the two files sit side by side; one it puts at the top is in the
    // navigation, though its file is in onboarding/.
    let incident = parse(&out.join("playbooks/incident-response.html"));
    assert_eq!(texts(&incident, "nav[aria-label=\"In this section\"] a"), ["Being on call"]);
    let on_call = parse(&out.join("playbooks/on-call.html"));
    assert_eq!(texts(&on_call, ".trail a"), ["Playbooks", "Incident response"]);
    let nav = texts(&parse(&out.join("index.html")), "#tb-nav a");
    assert_eq!(nav[nav.len() - 3..], ["Onboarding", "Playbooks", "Glossary"], "{nav:?}");
    assert!(texts(&parse(&out.join("onboarding/first-week.html")), ".trail a") == ["Onboarding"]);
    // A folder's page that links every page of its folder lists them once.
    let onboarding = fs::read_to_string(out.join("onboarding/index.html")).expect("onboarding");
    assert!(!onboarding.contains("In this section"), "{onboarding}");
    // .gitbook.yaml's redirects.
    for (old, page) in
        [("old/rfc-process/index.html", "rfcs.html"), ("help/incidents/index.html", "incident-response.html")]
    {
        let redirect = fs::read_to_string(out.join(old)).unwrap_or_else(|_| panic!("no redirect at {old}"));
        assert!(redirect.contains("http-equiv=\"refresh\"") && redirect.contains(page), "{redirect}");
    }
    // Images in .gitbook/assets/ that pages show are published; the rest is not.
    assert!(out.join(".gitbook/assets/team.png").is_file() && out.join(".gitbook/assets/desk photo.png").is_file());
    assert!(!out.join(".gitbook/assets/unused.png").exists());
    // Hints are GitHub's alerts; an embed is a link; a link from the root is relative.
    let home = fs::read_to_string(out.join("index.html")).expect("home");
    assert!(home.contains("class=\"alert alert-note\"") && !home.contains("{%"), "{home}");
    let incident = fs::read_to_string(out.join("playbooks/incident-response.html")).expect("incident");
    assert!(incident.contains("class=\"alert alert-caution\""));
    let week = fs::read_to_string(out.join("onboarding/first-week.html")).expect("week");
    assert!(week.contains("href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\""));
    assert!(week.contains("href=\"../playbooks/rfcs.html#writing-one\""), "{week}");
}

#[test]
fn imported_folders_named_like_teambooks_sections_are_published_under_pages() {
    reports_exactly(IMPORTED, 0);
    let site = Site::copy_of(IMPORTED);
    let out = builds_with_every_link_resolving(&site);
    // Projects/ and Team/ under pages/, with what sits beside their pages.
    for file in ["pages/projects/index.html", "pages/projects/notes.html", "pages/projects/flow.svg"] {
        assert!(out.join(file).is_file(), "no {file}");
    }
    assert_eq!(texts(&parse(&out.join("pages/team/index.html")), "h1"), ["Our team"]);
    assert!(out.join("pages/team/on-call.html").is_file());
    // The board keeps its address, and is the board alone.
    let board = parse(&out.join("projects/index.html"));
    assert_eq!(texts(&board, "h1"), ["Projects"]);
    assert!(!texts(&board, "main").concat().contains("Notes"), "the folder's page is not on the board");
    // Links written to the folders as they were imported lead there.
    let home = fs::read_to_string(out.join("index.html")).expect("home");
    for href in ["pages/projects/notes.html", "pages/team/index.html", "pages/team/on-call.html"] {
        assert!(home.contains(&format!("href=\"{href}\"")), "no link to {href}: {home}");
    }
    let notes = fs::read_to_string(out.join("pages/projects/notes.html")).expect("notes");
    assert!(notes.contains("src=\"../../pages/projects/flow.svg\""), "{notes}");
    assert!(notes.contains("href=\"../../pages/team/index.html\""), "{notes}");
    // Categories/ and categories/ are one folder of the site, listed once.
    let categories = parse(&out.join("categories/index.html"));
    assert_eq!(texts(&categories, "nav[aria-label=\"In this section\"] a"), ["Games", "Tools"]);
    let nav = texts(&parse(&out.join("index.html")), "#tb-nav a");
    assert_eq!(nav.iter().filter(|t| *t == "Categories").count(), 1, "{nav:?}");
}

#[test]
fn front_matter_tags_and_descriptions_give_tag_pages_excerpts_and_search_facets() {
    let site = Site::copy_of(VAULT);
    fix(&site, "pages/README.md", "[[Meeting notes]]", "[[Team Life/Meeting notes]]");
    let out = builds_with_every_link_resolving(&site);
    // `description` is the page's meta description and its search excerpt.
    let board = parse(&out.join("board-games.html"));
    let meta: Vec<&str> =
        select(&board, "meta[name=description]").iter().filter_map(|m| m.value().attr("content")).collect();
    assert_eq!(meta, ["The games on the kitchen shelf, and when we play them."]);
    let docs = fs::read_to_string(out.join("search/d-0.js")).expect("documents");
    assert!(docs.contains("\"board-games.html\",\"page\",\"The games on the kitchen shelf, and when we play them.\""));
    let export: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("handbook.json")).expect("handbook.json")).expect("json");
    let page = export["pages"].as_array().and_then(|p| p.iter().find(|p| p["url"] == "board-games.html")).cloned();
    let page = page.expect("board games in handbook.json");
    assert_eq!(page["tags"], serde_json::json!(["fun", "Team life"]));
    assert_eq!(page["description"], "The games on the kitchen shelf, and when we play them.");
    // A page shows its tags, each leading to its tag's page.
    assert_eq!(texts(&board, ".page-tags a"), ["fun", "Team life"]);
    // Tags and Obsidian's categories, "#fun" and "fun", "Team life" and
    // team-life, are one tag each, listed on /tags/.
    let index = parse(&out.join("tags/index.html"));
    assert_eq!(texts(&index, ".tag-list a"), ["Food", "fun", "Team life"]);
    assert_eq!(texts(&index, ".tag-list .count"), ["1 page", "3 pages", "2 pages"]);
    let fun = parse(&out.join("tags/fun/index.html"));
    assert_eq!(texts(&fun, "main .items a"), ["Board games", "Chess club", "Lunch and coffee"]);
    assert_eq!(texts(&fun, "h1"), ["Tagged fun"]);
    assert_eq!(texts(&parse(&out.join("tags/team-life/index.html")), "main .items a"), ["Board games", "Chess club"]);
    assert!(texts(&parse(&out.join("index.html")), "#tb-nav a").contains(&"Tags".to_string()));
    // The search index records each tag's pages, and the page filters by tag.
    let tags = fs::read_to_string(out.join("search/tags.js")).expect("search/tags.js");
    assert!(
        tags.starts_with("teambookSearch.tags([[\"Food\",\"food\",[") && tags.contains("[\"fun\",\"fun\","),
        "{tags}"
    );
    let Some(chromium) = crate::browser::chromium() else { return };
    let dom = |query: &str| {
        crate::browser::dump_dom(&chromium, &format!("file://{}?{query}", out.join("index.html").display()))
    };
    let all = scraper::Html::parse_document(&dom("q=games"));
    assert_eq!(texts(&all, ".search-facets button"), ["fun 3", "Team life 2", "Food 1"]);
    let only = scraper::Html::parse_document(&dom("q=games&tag=food"));
    assert_eq!(texts(&only, ".search-status"), ["1 result tagged “Food”"]);
    assert_eq!(texts(&only, "#tb-search-results li > a"), ["Lunch and coffee"]);
}
