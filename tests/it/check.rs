//! `teambook check`: every bad fixture under tests/fixtures/bad reports
//! exactly the diagnostics in its expected.txt (file, line, column, message
//! and hint), all in one run; exit statuses 0, 1 and 2.

use std::fs;

use crate::support::{Site, repo, run_in};

#[test]
fn example_team_is_clean() {
    let run = run_in(&repo(), &["check", "example-team", "--strict"]).status(0);
    assert_eq!(run.stderr(), "check passed: 0 errors, 0 warnings\n");
}

#[test]
fn every_bad_fixture_reports_exactly_what_it_expects() {
    let root = repo().join("tests/fixtures/bad");
    let mut names: Vec<_> = fs::read_dir(&root).expect("fixtures").map(|e| e.expect("entry").file_name()).collect();
    names.sort();
    assert!(names.len() >= 30, "fixtures went missing: {}", names.len());
    let mut failures = Vec::new();
    for name in names {
        let dir = root.join(&name);
        let expected = fs::read_to_string(dir.join("expected.txt")).expect("expected.txt");
        // Copy the fixture so expected.txt itself is not part of the handbook.
        let site = Site::copy_of(&format!("tests/fixtures/bad/{}", name.to_string_lossy()));
        fs::remove_file(site.path().join("expected.txt")).expect("rm expected");
        let run = site.run(&["check"]);
        let want_code = if expected.contains("\nerror: ") || expected.starts_with("error: ") { 1 } else { 0 };
        if run.stderr() != expected || run.code() != want_code {
            failures.push(format!(
                "== {}: exit {} (want {want_code})\n-- got:\n{}-- want:\n{expected}",
                name.to_string_lossy(),
                run.code(),
                run.stderr()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn warnings_pass_unless_strict() {
    let site = Site::new().file("roles/designer.md", "+++\ntitle = \"Designer\"\n+++\n");
    site.run(&["check"]).status(0).stderr_has("warning: roles/designer.md:1:1: no one on the team holds");
    site.run(&["check", "--strict"]).status(1).stderr_has("check failed: 0 errors, 1 warning");
}

#[test]
fn every_problem_of_every_file_is_reported_in_one_run() {
    let site = Site::new()
        .file("roles/engineer.md", "+++\ntitle = \"Engineer\"\n+++\n")
        .file("people/a.md", "+++\nname = \"A\"\nroles = [\"enginer\"]\njoined = \"2026-13-01\"\n+++\n[[nobody]]\n")
        .file("people/b.md", "+++\nname = \"B\"\nroles = [\"engineer\"]\nmanager = \"c\"\n+++\n")
        .file("projects/p.md", "+++\ntitle = \"P\"\nstage = \"Shipping\"\n+++\n");
    let err = site.run(&["check"]).status(1).stderr();
    for needle in [
        "error: people/a.md:3:10: unknown role \"enginer\"",
        "error: people/a.md:4:10: invalid date \"2026-13-01\" in `joined`",
        "error: people/a.md:6:1: unknown link [[nobody]]",
        "error: people/b.md:4:11: unknown person \"c\"",
        "error: projects/p.md:3:9: unknown stage \"Shipping\"",
        "warning: projects/p.md:1:1: project \"P\" states no impact",
        "check failed: 5 errors, 1 warning",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
    }
    // Sorted by file, then line.
    let lines: Vec<&str> = err.lines().filter(|l| l.contains(".md:")).collect();
    let mut sorted = lines.clone();
    sorted.sort_by_key(|l| {
        let loc = l.split(": ").nth(1).unwrap_or("");
        let mut parts = loc.split(':');
        let file = parts.next().unwrap_or("").to_string();
        let line: usize = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        (file, line)
    });
    assert_eq!(lines, sorted);
}

#[test]
fn finds_the_root_upward_from_the_current_directory() {
    let site = Site::new().file("people/x/notes.txt", "not content");
    crate::support::run_in(&site.path().join("people"), &["check"]).status(0);
}

#[test]
fn usage_problems_exit_2() {
    let empty = Site::empty();
    empty.run(&["check"]).status(2).stderr_has("no teambook.toml in");
    empty.run(&["check", "nowhere"]).status(2).stderr_has("nowhere is not a directory");
    empty.run(&["check", "."]).status(2).stderr_has("run `teambook init .`");
    empty.run(&["check", "--no-such-flag"]).status(2);
    empty.run(&["frobnicate"]).status(2);
    let site = Site::new();
    crate::support::run_in(site.path(), &["check"]);
    let bad_epoch = std::process::Command::new(env!("CARGO_BIN_EXE_teambook"))
        .arg("check")
        .current_dir(site.path())
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .expect("run");
    assert_eq!(bad_epoch.status.code(), Some(2));
}

#[test]
fn an_empty_handbook_is_clean() {
    Site::new().run(&["check", "--strict"]).status(0);
}

#[test]
fn bom_and_crlf_are_fine() {
    let site = Site::new()
        .file("roles/engineer.md", "\u{feff}+++\r\ntitle = \"Engineer\"\r\n+++\r\nText.\r\n")
        .file("people/a.md", "+++\r\nname = \"A\"\r\nroles = [\"engineer\"]\r\nmanager = \"nobody\"\r\n+++\r\n");
    // The error position counts lines and characters the same with CRLF.
    site.run(&["check"]).status(1).stderr_has("error: people/a.md:4:11: unknown person \"nobody\"");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::new().file("pages/a.md", "See [[pages/b]].\n").file("pages/b.md", "+++\ndraft = true\n+++\n# B\n");
    site.run(&["check"]).status(1).stderr_has("link [[pages/b]] is a draft");
    site.run(&["check", "--drafts"]).status(0);
}

#[test]
fn symlinks_leaving_the_handbook_are_errors() {
    let outside = Site::empty().file("secret.md", "+++\ntitle = \"x\"\n+++\n");
    let site = Site::new();
    std::fs::create_dir_all(site.path().join("pages")).expect("mkdir");
    std::os::unix::fs::symlink(outside.path().join("secret.md"), site.path().join("pages/secret.md")).expect("symlink");
    std::os::unix::fs::symlink(site.path().join("pages"), site.path().join("pages/loop")).expect("symlink");
    let err = site.run(&["check"]).status(1).stderr();
    assert!(err.contains("error: pages/secret.md:1:1: symlink points outside the handbook"), "{err}");
    assert!(err.contains("symlink loop"), "{err}");
}

/// A link to a folder that holds it would show the whole handbook again
/// inside itself: one error at the link, and nothing it would have shown.
#[test]
fn a_symlink_to_a_folder_above_it_is_one_error() {
    let site = Site::copy_of("example-team");
    std::os::unix::fs::symlink("..", site.path().join("pages/up")).expect("symlink");
    std::os::unix::fs::symlink("../..", site.path().join("pages/onboarding/root")).expect("symlink");
    let err = site.run(&["check"]).status(1).stderr();
    assert_eq!(
        err,
        "error: pages/onboarding/root:1:1: symlink loop (remove the link: it points to a folder that contains it)\n\
         error: pages/up:1:1: symlink loop (remove the link: it points to a folder that contains it)\n\
         check failed: 2 errors, 0 warnings\n"
    );
}

/// Names that differ only in Unicode normalisation (or case) are one file on
/// macOS and Windows: written here rather than committed, so that the
/// repository itself checks out everywhere.
#[test]
fn names_differing_in_normalisation_collide() {
    let site = Site::new().file("pages/caf\u{e9}.md", "# Precomposed\n").file("pages/cafe\u{301}.md", "# Decomposed\n");
    let err = site.run(&["check"]).status(1).stderr();
    let clash = err.lines().filter(|l| l.contains(".html is also written by pages/caf")).count();
    assert_eq!(clash, 1, "{err}");
}

/// A file named in decomposed Unicode (as macOS writes `café.md`: `e` and a
/// combining accent) and a link typed precomposed look the same: the hint
/// spells both out, escaped, instead of suggesting the very name the link has.
#[test]
fn a_name_differing_only_in_normalisation_is_spelt_out() {
    let site = Site::new()
        .file("pages/cafe\u{301}.md", "+++\nid = \"cafe\"\n+++\n# Decomposed\n\n## Cr\u{e8}me\n")
        .file("static/cr\u{e8}me.txt", "x")
        .file("roles/cre\u{300}me.md", "+++\ntitle = \"Cr\u{e8}me\"\n+++\n")
        .file(
            "pages/start.md",
            "# Start\n\n[the page](caf\u{e9}.md), [the file](../static/cre\u{300}me.txt), \
             [the heading](cafe\u{301}.md#cre\u{300}me), [[cr\u{e8}me]]\n",
        );
    let err = site.run(&["check"]).status(1).stderr();
    // A page's address is the slug of its name, in NFC: a link to the page
    // in either form reaches it (SPEC part 3); a file beside pages is not
    // renamed, and is spelt out.
    assert!(!err.contains("pages/caf\u{e9}.md does not exist"), "{err}");
    for needle in [
        "broken link: static/cre\u{300}me.txt does not exist (the file static/cr\\u{e8}me.txt has this name with \
         its accents precomposed, while it is written here decomposed",
        "no heading #cre\u{300}me in pages/cafe\u{301}.md (the heading #cr\\u{e8}me has this name",
        "unknown link [[cr\u{e8}me]] (the id cre\\u{300}me has this name with its accents decomposed",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
    }
}
