//! Hostile input, round 3 (issue 29): addresses that are not paths, names
//! that would break the manifest, numbers that overflow, text that leaks.
//! The located errors themselves are fixtures under tests/fixtures/bad; these
//! are the cases that need a build, a file name a fixture cannot hold, or
//! the published page.

use std::fs;

use crate::support::{Site, tree_digest};

/// An alias that is the page's own address writes no redirect over the page.
#[test]
fn an_alias_equal_to_its_own_page_is_ignored() {
    let site = Site::new().file(
        "pages/revert.md",
        "+++\ntitle = \"Revert\"\naliases = [\"revert.html\", \"/revert.html\"]\n+++\nThe real text.\n",
    );
    site.run(&["build", "--strict"]).status(0);
    let page = fs::read_to_string(site.path().join("public/revert.html")).expect("page");
    assert!(page.contains("The real text."), "{page}");
    assert!(!page.contains("http-equiv=\"refresh\""), "{page}");
}

/// A newline in a file name is refused, shown escaped, before anything is
/// written: a later build never removes a file it did not write (the old
/// manifest would have listed `a` and `b.png`).
#[test]
fn a_file_name_with_a_newline_is_refused_and_the_output_kept() {
    let site = Site::new().file("pages/guide.md", "# Guide\n");
    site.run(&["build"]).status(0);
    let out = site.path().join("public");
    let before = tree_digest(&out);
    let site = site.bytes("pages/a\nb.png", b"png").bytes("pages/notes\tdraft/c.md", b"# C\n");
    let run = site.run(&["build"]).status(1);
    assert_eq!(
        run.stderr().lines().filter(|l| l.starts_with("error: ")).collect::<Vec<_>>(),
        [
            "error: pages/a\\nb.png:1:1: the name \"a\\nb.png\" holds a control character (rename it without newlines, tabs or other control characters)",
            "error: pages/notes\\tdraft:1:1: the name \"notes\\tdraft\" holds a control character (rename it without newlines, tabs or other control characters)",
        ]
    );
    assert_eq!(tree_digest(&out), before, "the previous output changed");
}

/// Numbers at the edge of f64 make no NaN or infinity on any page: progress
/// is worked out without overflowing, impact sums saturate.
#[test]
fn extreme_numbers_never_print_nan_or_infinity() {
    let site = Site::new()
        .file("roles/engineer.md", "+++\ntitle = \"Engineer\"\n+++\n")
        .file("people/ana.md", "+++\nname = \"Ana\"\nroles = [\"engineer\"]\n+++\n")
        .file(
            "goals/grow.md",
            "+++\ntitle = \"Grow\"\nperiod = \"2026-Q4\"\nowners = [\"ana\"]\n\n[[key_result]]\nid = \"wide\"\n\
             title = \"Wide\"\nbaseline = -1.7e308\ntarget = 1.7e308\n\n[[key_result.check_in]]\ndate = 2026-11-02\n\
             value = 8.5e307\n\n[[key_result]]\nid = \"narrow\"\ntitle = \"Narrow\"\nbaseline = 0\ntarget = 1e-300\n\n\
             [[key_result.check_in]]\ndate = 2026-11-02\nvalue = -1.7e308\n+++\n",
        )
        .file(
            "projects/a.md",
            "+++\ntitle = \"A\"\nstage = \"ENG\"\nowners = [\"ana\"]\nkey_results = [\"wide\", \"narrow\"]\n\
             [impact]\nrevenue_usd_per_year = 1.7e308\n+++\n",
        )
        .file(
            "projects/b.md",
            "+++\ntitle = \"B\"\nstage = \"ENG\"\nowners = [\"ana\"]\nkey_results = [\"wide\", \"narrow\"]\n\
             [impact]\nrevenue_usd_per_year = 1.7e308\n+++\n",
        );
    site.run(&["build"]).status(0);
    let out = site.path().join("public");
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.expect("walk");
        let made = ["html", "xml", "json", "ics"].iter().any(|ext| entry.path().extension().is_some_and(|e| e == *ext));
        if !entry.file_type().is_file() || !made {
            continue;
        }
        let text = String::from_utf8_lossy(&fs::read(entry.path()).expect("read")).into_owned();
        pages += 1;
        for bad in ["NaN", "inf\u{a0}", ">inf", "∞", "-inf", "Infinity"] {
            assert!(!text.contains(bad), "{} shows {bad:?}", entry.path().display());
        }
    }
    assert!(pages > 10);
    let goal = fs::read_to_string(out.join("goals/grow.html")).expect("goal page");
    assert!(goal.contains("75\u{a0}%"), "the wide key result is three quarters of the way:\n{goal}");
}

/// JSON front matter is read as YAML's flow style: a trailing comma is fine.
#[test]
fn a_trailing_comma_in_json_front_matter_is_accepted() {
    let site = Site::new().file("pages/c.md", "{\"title\": \"Comma\", \"weight\": 2,}\n\nThe body.\n");
    site.run(&["build", "--strict"]).status(0);
    let page = fs::read_to_string(site.path().join("public/c.html")).expect("page");
    assert!(page.contains("<title>Comma") && page.contains("The body.") && !page.contains("weight"), "{page}");
}

/// `[markdown] safe = true`: raw HTML goes through the sanitizer, which keeps
/// what handbooks use and drops what runs; without it, raw HTML is the
/// author's.
#[test]
fn safe_markdown_keeps_what_handbooks_use_and_drops_scripts() {
    let page = "# Safe\n\n<details><summary>More</summary>\n\nHidden *text*.\n\n</details>\n\n\
                Press <kbd>Ctrl</kbd>. <script>alert(1)</script> <img src=\"x.png\" alt=\"A chart\" onerror=\"alert(1)\">\n\n\
                <a href=\"javascript:alert(2)\" onclick=\"alert(3)\">raw</a> <iframe src=\"https://evil.example\"></iframe>\n\n\
                | a | b |\n|:-:|---|\n| 1 | 2 |\n\n- [x] done\n\n> [!NOTE]\n> Note this.\n\nSee [[pages/other]].\n";
    let site = Site::new().file("pages/s.md", page).file("pages/other.md", "# Other\n");
    site.run(&["build", "--strict"]).status(0);
    let trusted = fs::read_to_string(site.path().join("public/s.html")).expect("page");
    assert!(trusted.contains("<script>alert(1)</script>"), "raw HTML is published as written without `safe`");

    let site = site.file("teambook.toml", "title = \"T\"\ntimezone = \"UTC\"\n\n[markdown]\nsafe = true\n");
    site.run(&["build", "--strict"]).status(0);
    let html = fs::read_to_string(site.path().join("public/s.html")).expect("page");
    let article = html.split("<article").nth(1).and_then(|a| a.split("</article>").next()).expect("article");
    for kept in [
        "<details><summary>More</summary>",
        "<p>Hidden <em>text</em>.</p>",
        "<kbd>Ctrl</kbd>",
        "<img src=\"x.png\" alt=\"A chart\">",
        "<th style=\"text-align:center\">a</th>",
        "<input type=\"checkbox\" disabled=\"\" checked=\"\" aria-label=\"done\">",
        "<div class=\"alert alert-note\">",
        "<h1 id=\"safe\">Safe</h1>",
        "<a href=\"other.html\">Other</a>",
        "<a>raw</a>",
    ] {
        assert!(article.contains(kept), "lacks {kept:?}:\n{article}");
    }
    for dropped in ["<script", "onerror", "onclick", "javascript:", "<iframe"] {
        assert!(!article.contains(dropped), "keeps {dropped:?}:\n{article}");
    }
}

/// The JSON Schema says what `check` says: `[markdown] safe` is a setting,
/// and an address field takes only http(s) addresses.
#[test]
fn the_schema_knows_markdown_safe_and_refuses_script_addresses() {
    let site = Site::new();
    site.run(&["schema"]).status(0);
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(site.path().join(".teambook/schemas/teambook.schema.json")).expect("read"),
    )
    .expect("json");
    assert_eq!(schema["properties"]["markdown"]["properties"]["safe"]["type"], "boolean");
    let pattern = schema["properties"]["repo"]["properties"]["url"]["pattern"].as_str().expect("pattern");
    assert_eq!(pattern, "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#@:\\s]");
}
