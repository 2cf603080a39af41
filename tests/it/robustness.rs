//! No input makes teambook panic: every file of example-team, cut at many
//! points and with bytes flipped, still loads with diagnostics.

use std::fs;

use teambook::load::Options;

use crate::support::{NOW, Site, repo};

#[test]
fn truncated_and_corrupted_files_never_panic() {
    let now = jiff::Timestamp::from_second(NOW.parse().expect("epoch")).expect("timestamp");
    let options = Options { drafts: true, now };
    let example = repo().join("example-team");
    let mut files: Vec<_> = walkdir::WalkDir::new(&example)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&example).expect("prefix").to_path_buf())
        .collect();
    files.sort();
    let site = Site::copy_of("example-team");
    let mut runs = 0;
    for rel in files {
        let original = fs::read(example.join(&rel)).expect("read");
        let step = (original.len() / 12).max(1);
        for cut in (0..original.len()).step_by(step) {
            let mut variants = vec![original[..cut].to_vec()];
            let mut flipped = original.clone();
            flipped[cut] ^= 0x80;
            variants.push(flipped);
            for bytes in variants {
                fs::write(site.path().join(&rel), &bytes).expect("write");
                let (_hb, _diags) = teambook::open(site.path(), &options);
                runs += 1;
            }
        }
        fs::write(site.path().join(&rel), &original).expect("restore");
    }
    assert!(runs > 500, "{runs}");
}

/// A 10 MB page with 240,000 wiki links, and Markdown and TOML nested
/// thousands deep, build in bounded time (a linear search per link once
/// made the big page take 23 s) or fail with a located error.
#[test]
fn huge_and_deeply_nested_pages_stay_fast() {
    let paragraph = "A paragraph of text with [[engineer]] in it. ".repeat(20);
    let big = format!(
        "+++\nname = \"Big\"\nroles = [\"engineer\"]\n+++\n# Big\n\n{}",
        format!("{paragraph}\n\n").repeat(12_000)
    );
    assert!(big.len() > 10_000_000);
    let deep = format!(
        "+++\nname = \"Deep\"\nroles = [\"engineer\"]\n+++\n{}deep quote\n\n{}deep list\n\n{}x{}\n\n{}z{}\n",
        "> ".repeat(20_000),
        "- ".repeat(20_000),
        "*".repeat(50_000),
        "*".repeat(50_000),
        "<div>".repeat(5_000),
        "</div>".repeat(5_000)
    );
    let site = Site::new()
        .file("roles/engineer.md", "+++\ntitle = \"Engineer\"\n+++\n")
        .file("people/big.md", &big)
        .file("people/deep.md", &deep);
    let started = std::time::Instant::now();
    site.run(&["build"]).status(0);
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "{:?}", started.elapsed());
    assert!(site.path().join("public/people/big.html").is_file());
    let nested_toml =
        format!("+++\nname = \"N\"\nroles = [\"engineer\"]\nextra = {}{}\n+++\n", "[".repeat(300), "]".repeat(300));
    let site = site.file("people/nested.md", &nested_toml);
    site.run(&["check"]).status(1).stderr_has("error: people/nested.md:4:").stderr_has("recurse");
}

/// The same broken link written thousands of times, in a handbook of
/// thousands of names, is checked in bounded time: its "did you mean" is
/// worked out once (it took 12 s for 12,000 links among 10,000 pages).
#[test]
fn many_broken_links_among_many_names_stay_fast() {
    let mut site = Site::new().file("roles/engineer.md", "+++\ntitle = \"Engineer\"\n+++\n");
    for i in 0..1500 {
        site = site.file(
            &format!("people/person-{i}.md"),
            &format!("+++\nname = \"Person {i}\"\nroles = [\"engineer\"]\n+++\n"),
        );
    }
    let page = format!("# Broken\n\n{}", "See [[nobody-here]] and [[persn-1]].\n\n".repeat(5_000));
    let site = site.file("pages/broken.md", &page);
    let started = std::time::Instant::now();
    let run = site.run(&["check"]).status(1);
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
    let err = run.stderr();
    assert!(err.contains("check failed: 10000 errors"), "{}", &err[err.len().saturating_sub(300)..]);
    assert!(err.contains("unknown link [[persn-1]] (did you mean \"person-1\"?)"));
}

/// A page of 40,000 anchor links to its own 40,000 headings, 4,000 of them
/// broken, is checked in linear time: every link once searched every heading
/// (4.7 s at 40,000 in a release build), and every broken one compared itself
/// with every heading for its "did you mean". The broken ones keep a hint.
#[test]
fn thousands_of_anchor_links_are_checked_in_linear_time() {
    let mut page = String::from("# Many anchors\n\n");
    for i in 0..40_000 {
        page.push_str(&format!("[to {i}](#heading-{i})\n"));
    }
    for i in 0..4_000 {
        page.push_str(&format!("[broken {i}](#heding-{i}-gone)\n"));
    }
    page.push('\n');
    for i in 0..40_000 {
        page.push_str(&format!("## Heading {i}\n\n"));
    }
    let site = Site::new().file("pages/anchors.md", &page);
    let started = std::time::Instant::now();
    let run = site.run(&["check"]).status(1);
    // About 7 s in a debug build on 2 cores; more than 20 minutes before.
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "{:?}", started.elapsed());
    let err = run.stderr();
    assert!(err.contains("check failed: 4000 errors"), "{}", &err[err.len().saturating_sub(300)..]);
    assert!(
        err.contains("no heading #heding-0-gone in pages/anchors.md (did you mean #heading-0?)"),
        "{}",
        &err[..300]
    );
    assert!(err.lines().filter(|l| l.starts_with("error: ")).all(|l| l.ends_with(')')));
}

/// An ownership.toml of 20,000 areas in 500 groups, each with a change,
/// owned, consulted or informed by a role that 20 people hold, builds in
/// bounded time: every page of the matrix and of the changes log once
/// sorted all the areas again (a 50 MB file of 50,000 areas took 280 s), as
/// did every page of each holder's whole list of areas.
#[test]
fn a_long_ownership_list_builds_in_linear_time() {
    let mut toml = String::new();
    for i in 0..20_000 {
        toml.push_str(&format!(
            "[[area]]\nname = \"Area {i}\"\ngroup = \"Group {}\"\n{} = [\"engineer\"]\n\
             [[area.history]]\ndate = 2026-01-{:02}\nto = [\"engineer\"]\n\n",
            i % 500,
            ["owners", "consulted", "informed"][i % 3],
            i % 28 + 1
        ));
    }
    let mut site =
        Site::new().file("roles/engineer.md", "+++\ntitle = \"Engineer\"\n+++\n").file("ownership.toml", &toml);
    for p in 0..20 {
        site = site.file(&format!("people/p{p}.md"), &format!("+++\nname = \"P{p}\"\nroles = [\"engineer\"]\n+++\n"));
    }
    let started = std::time::Instant::now();
    site.run(&["build"]).status(0);
    // About 15 s in a debug build on 2 cores; more than 20 minutes before.
    assert!(started.elapsed() < std::time::Duration::from_secs(120), "{:?}", started.elapsed());
    let out = site.path().join("public");
    // Group order as first written, areas in file order within a group.
    let last = fs::read_to_string(out.join("ownership/page-200.html")).expect("last page of the matrix");
    assert!(last.contains("Area 19999") && last.contains("Group 499"));
    let first = fs::read_to_string(out.join("ownership/index.html")).expect("matrix");
    // 40 areas a group, 100 a page: groups 0 and 1 and half of group 2.
    assert!(first.contains(">Area 0<") && first.contains(">Area 19500<") && first.contains(">Area 1<"));
    assert!(first.contains(">Area 9502<") && !first.contains(">Area 10002<") && !first.contains(">Area 3<"));
    assert!(out.join("ownership/changes-200.html").is_file() && !out.join("ownership/changes-201.html").exists());
    // Each holder's whole list of areas: owned first, then consulted, then informed.
    let list = |n: usize| fs::read_to_string(out.join(format!("lists/people/p7/areas-{n}.html"))).expect("list page");
    assert!(list(2).contains(">Area 300<") && list(67).contains(">Area 19998<") && list(67).contains(">Area 1<"));
    assert!(list(134).contains(">Area 19999<") && list(200).contains(">Area 19997<"));
    assert!(!out.join("lists/people/p7/areas-201.html").exists());
}

/// A management chain 8,000 deep, and a loop of 3,000 decisions, are
/// checked at once: every person once walked the chain above them, looking
/// each step up in the path so far (cubic: minutes at 8,000); and the loop
/// is named by its ends, not by its 3,000 members.
#[test]
fn a_chain_thousands_deep_is_checked_once_and_a_long_loop_said_briefly() {
    let mut site = Site::new();
    for i in 0..8_000 {
        let manager = if i > 0 { format!("manager = \"p{}\"\n", i - 1) } else { String::new() };
        site =
            site.file(&format!("people/p{i}.md"), &format!("+++\nname = \"P{i}\"\nroles = [\"lead\"]\n{manager}+++\n"));
    }
    for i in 0..3_000 {
        site = site.file(
            &format!("decisions/d{i}.md"),
            &format!(
                "+++\ntitle = \"D{i}\"\ndate = 2026-01-01\nstatus = \"superseded\"\nsupersedes = [\"d{}\"]\n+++\n",
                (i + 1) % 3_000
            ),
        );
    }
    let site = site.file("roles/lead.md", "+++\ntitle = \"Lead\"\n+++\n");
    let started = std::time::Instant::now();
    let run = site.run(&["check"]).status(1);
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "{:?}", started.elapsed());
    let err = run.stderr();
    let looped: Vec<&str> = err.lines().filter(|l| l.contains("the supersedes chain loops")).collect();
    assert_eq!(looped.len(), 1, "{looped:?}");
    assert!(
        looped[0].contains("loops: d0 → d1 → d2 → d3 → d4 → … (2991 more) … → d2996 → d2997 → d2998 → d2999 → d0 ("),
        "{}",
        looped[0]
    );
    assert!(!err.contains("manager chain loops"));
}
