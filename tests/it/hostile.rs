//! Broken handbooks, each with one defect: the fixtures under
//! tests/fixtures/bad plus the cases that cannot be committed (symlinks,
//! names differing only in Unicode normalisation, huge and deeply nested
//! files, a file name too long for its page's). Every one must fail `build --strict` the same way: exit 1 within
//! a time bound, every problem located as file:line:col with a hint saying
//! what to fix, and the previous site in the output folder left exactly as
//! it was.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::{Site, repo, run_with_deadline, tree_digest};

/// Generous for debug builds on 2 cores; the slowest case takes about 2 s.
const BOUND: Duration = Duration::from_secs(30);

/// The cases, and a folder outside them that one links to (kept alive with them).
fn generated_cases() -> (Vec<(&'static str, Site)>, Site) {
    let outside = Site::empty().file("secret.md", "+++\ntitle = \"x\"\n+++\n");
    let leaving = Site::new();
    fs::create_dir_all(leaving.path().join("pages")).expect("mkdir");
    std::os::unix::fs::symlink(outside.path().join("secret.md"), leaving.path().join("pages/secret.md"))
        .expect("symlink");

    let looping = Site::new().file("pages/a.md", "# A\n");
    std::os::unix::fs::symlink(looping.path().join("pages"), looping.path().join("pages/loop")).expect("symlink");

    let huge_text = "A paragraph of a very long page, with **bold** and `code`.\n\n".repeat(170_000);
    let deep_markdown = format!("{}[[nobody]]\n", "> ".repeat(20_000));
    let deep_lists =
        format!("{}[[nobody]]\n", (0..1_000).map(|i| format!("{}- x\n", "  ".repeat(i))).collect::<String>());
    let cases = vec![
        ("symlink-leaving-the-root", leaving),
        ("symlink-loop", looping),
        (
            "names-differing-in-normalisation",
            Site::new().file("pages/caf\u{e9}.md", "# Precomposed\n").file("pages/cafe\u{301}.md", "# Decomposed\n"),
        ),
        ("ten-megabyte-page", Site::new().file("pages/huge.md", &format!("# Huge\n\n{huge_text}See [[nobody]].\n"))),
        ("markdown-nested-20000-deep", Site::new().file("pages/deep.md", &deep_markdown)),
        ("lists-nested-1000-deep", Site::new().file("pages/lists.md", &deep_lists)),
        ("non-utf8-deep-in-a-big-file", {
            let mut bytes = "Text.\n".repeat(100_000).into_bytes();
            bytes.extend_from_slice(b"caf\xe9\n");
            Site::new().bytes("pages/latin1.md", &bytes)
        }),
        ("nul-bytes", Site::new().bytes("people/nul.md", b"+++\nname = \"N\0ul\"\nroles = [\"engineer\"]\0\n+++\n")),
        // The longest name a file system allows: its page's name (.html) is longer.
        ("file-name-too-long-for-its-page", Site::new().file(&format!("pages/{}.md", "x".repeat(252)), "# Long\n")),
    ];
    (cases, outside)
}

fn committed_cases() -> Vec<(String, Site)> {
    let root = repo().join("tests/fixtures/bad");
    let mut names: Vec<String> = fs::read_dir(&root)
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let site = Site::copy_of(&format!("tests/fixtures/bad/{name}"));
            fs::remove_file(site.path().join("expected.txt")).expect("rm expected");
            (name, site)
        })
        .collect()
}

/// `severity: file:line:col: message (hint)`, with a real position.
fn is_located_with_hint(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("error: ").or_else(|| line.strip_prefix("warning: ")) else { return false };
    let mut parts = rest.splitn(4, ':');
    let (Some(file), Some(l), Some(c), Some(message)) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let number = |s: &str| s.parse::<usize>().is_ok_and(|n| n >= 1);
    !file.is_empty() && number(l) && number(c) && message.contains(" (") && message.ends_with(')')
}

#[test]
fn every_broken_handbook_fails_cleanly_and_leaves_the_previous_site_alone() {
    let prev = Site::empty();
    let good = prev.path().join("site");
    crate::support::run_in(&repo(), &["build", "example-team", "-o", good.to_str().expect("utf-8 path")]).status(0);

    let mut cases: Vec<(String, Site)> = committed_cases();
    let (generated, _outside) = generated_cases();
    cases.extend(generated.into_iter().map(|(n, s)| (n.to_string(), s)));
    assert!(cases.len() >= 40, "only {} cases", cases.len());

    let mut failures = Vec::new();
    for (name, site) in &cases {
        let out = site.path().join("public");
        crate::support::copy_tree(&good, &out);
        let before = tree_digest(&out);
        let started = Instant::now();
        let Some(run) = run_with_deadline(site.path(), &["build", "--strict"], BOUND) else {
            failures.push(format!("{name}: still running after {BOUND:?}"));
            continue;
        };
        let took = started.elapsed();
        let err = run.stderr();
        let problems: Vec<&str> = err.lines().filter(|l| !l.starts_with("build failed")).collect();
        let why = if run.code() != 1 {
            Some(format!("exit {} (want 1)", run.code()))
        } else if problems.is_empty() {
            Some("no problem reported".to_string())
        } else if let Some(bad) = problems.iter().find(|l| !is_located_with_hint(l)) {
            Some(format!("not located or without a hint: {bad}"))
        } else if !err.contains("the previous output is untouched") {
            Some("no summary".to_string())
        } else if tree_digest(&out) != before {
            Some("the previous site changed".to_string())
        } else {
            None
        };
        if let Some(why) = why {
            failures.push(format!("{name} ({took:?}): {why}\n{err}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn the_digest_sees_a_changed_byte() {
    let site = Site::empty().file("a/b.txt", "one");
    let before = tree_digest(site.path());
    fs::write(site.path().join("a/b.txt"), "onE").expect("write");
    assert_ne!(before, tree_digest(site.path()));
    assert!(tree_digest(Path::new(site.path())).contains_key("a/b.txt"));
}
