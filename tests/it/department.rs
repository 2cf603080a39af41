//! A department: several teams' handbooks in one site. The real binary on
//! example-department's teams (example-team as `payments`, and `ledger`).

use std::collections::BTreeSet;
use std::fs;

use icalendar::parser::{read_calendar, unfold};

use crate::html::{crawl, parse, select, texts};
use crate::support::{Site, copy_tree, repo, tree_digest};

/// example-department, its symlinked team copied as a folder.
fn department() -> Site {
    let site = Site::empty();
    copy_tree(&repo().join("example-team"), &site.path().join("payments"));
    copy_tree(&repo().join("example-department/ledger"), &site.path().join("ledger"));
    let _ = fs::remove_dir_all(site.path().join("payments/public"));
    fs::copy(repo().join("example-department/teambook.toml"), site.path().join("teambook.toml")).expect("copy");
    site
}

#[test]
fn a_department_builds_each_team_under_its_folder_and_pages_across_them() {
    let site = department();
    site.run(&["build"]).status(0);
    let public = site.path().join("public");
    // Each team's pages are the ones it builds alone at its address in the department.
    let alone = site.path().join("payments-alone");
    site.run(&[
        "build",
        "payments",
        "-o",
        "payments-alone",
        "--base-url",
        "https://acme.github.io/money-movement/payments/",
    ])
    .status(0);
    let (inside, mut own) = (tree_digest(&public.join("payments")), tree_digest(&alone));
    // The department's one manifest lists the teams' files.
    own.remove(".teambook-manifest");
    assert_eq!(inside.len(), own.len());
    let differing: Vec<&String> = own.iter().filter(|(p, h)| inside.get(*p) != Some(h)).map(|(p, _)| p).collect();
    assert!(differing.is_empty(), "pages that differ from the team's own build: {differing:?}");
    // The home lists both teams; the directory and "who owns what" reach into both.
    let home = parse(&public.join("index.html"));
    assert_eq!(texts(&home, "#h-teams + .cards h3"), ["Payments team handbook", "Ledger team handbook"]);
    let people = parse(&public.join("people.html"));
    let names = texts(&people, "tbody th a");
    assert!(names.contains(&"Ana Costa".to_string()) && names.contains(&"Mitra Raman".to_string()), "{names:?}");
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted, "one directory, by name");
    let owners = parse(&public.join("owners.html"));
    let rows: Vec<String> = select(&owners, "tbody tr").iter().map(crate::html::text).collect();
    assert!(
        rows.iter().any(|r| r.starts_with("On-call") && r.contains("ledger") && r.contains("Ana Costa")),
        "{rows:?}"
    );
    assert!(rows.iter().any(|r| r.contains("payments") && r.contains("Mitra Raman")), "{rows:?}");
    // Every link of the whole site resolves, the department's pages' into the teams.
    let (problems, followed) = crawl(&public);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(followed > 1000, "{followed}");
}

#[test]
fn the_department_calendar_holds_every_teams_ceremonies_once() {
    let site = department();
    site.run(&["build"]).status(0);
    let public = site.path().join("public");
    let all = fs::read_to_string(public.join("calendar.ics")).expect("calendar.ics");
    for line in all.split_inclusive('\n') {
        assert!(line.ends_with("\r\n") && line.len() - 2 <= 75, "{line:?}");
    }
    let unfolded = unfold(&all);
    let calendar = read_calendar(&unfolded).expect("parses");
    let kinds: Vec<&str> = calendar.components.iter().map(|c| c.name.as_str()).collect();
    let team_events = |team: &str| {
        let ics = fs::read_to_string(public.join(team).join("calendar.ics")).expect("team calendar");
        read_calendar(&unfold(&ics)).expect("parses").components.iter().filter(|c| c.name == "VEVENT").count()
    };
    let events = kinds.iter().filter(|k| **k == "VEVENT").count();
    assert_eq!(events, team_events("payments") + team_events("ledger"));
    // Each zone once (New York and Berlin), each event's UID unique.
    assert_eq!(kinds.iter().filter(|k| **k == "VTIMEZONE").count(), 2, "{kinds:?}");
    let uids: BTreeSet<&str> = unfolded.lines().filter_map(|l| l.strip_prefix("UID:")).collect();
    assert_eq!(uids.len(), events);
    assert!(uids.iter().any(|u| u.starts_with("ledger.")) && uids.iter().any(|u| u.starts_with("payments.")));
}

#[test]
fn check_reports_every_teams_problems_with_paths_from_the_department() {
    let site = department()
        .file("ledger/pages/runbook.md", "+++\ntitle = \"Runbook\"\n+++\nSee [[people/nobody]].\n")
        .file("payments/pages/broken.md", "+++\ntitle = \"Broken\"\n+++\nSee [[roles/nothing]].\n");
    let run = site.run(&["check"]).status(1);
    let err = run.stderr();
    assert!(err.contains("error: ledger/pages/runbook.md:4:5:"), "{err}");
    assert!(err.contains("error: payments/pages/broken.md:4:5:"), "{err}");
    // GitHub annotations name the files from the department too.
    let gh = site.run(&["check", "--format", "github"]).status(1).stdout();
    assert!(gh.contains("file=ledger/pages/runbook.md,line=4"), "{gh}");
}

#[test]
fn links_across_teams_are_checked_by_the_department_and_guessed_by_a_team_alone() {
    let site = department();
    site.run(&["build"]).status(0);
    // ledger's pages (example-department) name payments' people, projects and pages.
    let ana = parse(&site.path().join("public/ledger/people/ana.html"));
    let links: Vec<(String, String)> = select(&ana, ".prose a")
        .iter()
        .map(|a| (a.value().attr("href").unwrap_or_default().to_string(), crate::html::text(a)))
        .collect();
    for want in [("../../payments/people/mitra.html", "Mitra"), ("../../payments/glossary.html", "Glossary")] {
        assert!(links.iter().any(|(h, t)| (h.as_str(), t.as_str()) == want), "lacks {want:?} in {links:?}");
    }
    let project = parse(&site.path().join("public/ledger/projects/multi-currency-journals.html"));
    assert!(texts(&project, ".prose a").contains(&"Instant payouts".to_string()), "a link's text is the page's title");
    // Alone, the team cannot check them: a warning each, and links beside its own address.
    let alone = site.run(&["build", "ledger", "-o", "ledger-alone"]).status(0);
    let err = alone.stderr();
    assert!(
        err.contains("warning: people/ana.md:7:112: [[payments:people/mitra]] names a page of team \"payments\", which this handbook alone cannot check"),
        "{err}"
    );
    assert!(err.contains("https://acme.github.io/money-movement/payments/people/mitra.html"), "{err}");
    let html = fs::read_to_string(site.path().join("ledger-alone/people/ana.html")).expect("ana");
    assert!(html.contains("href=\"https://acme.github.io/money-movement/payments/glossary.html\""));
    // In the department a wrong team or page is an error with the nearest one; all in one run, one each.
    let site = site.file(
        "ledger/pages/cross.md",
        "# Cross\n\n[[paymnts:people/mitra]] and [[payments:people/mitraa]] and [[payments:pages/glossary#nowhere]]\n",
    );
    let err = site.run(&["check"]).status(1).stderr();
    for want in [
        "error: ledger/pages/cross.md:3:1: [[paymnts:people/mitra]]: no team \"paymnts\" in the department (did you mean [[payments:people/mitra]]?)",
        "error: ledger/pages/cross.md:3:30: [[payments:people/mitraa]]: team \"payments\" has no page \"people/mitraa\" (did you mean [[payments:people/mitra]]?)",
        "error: ledger/pages/cross.md:3:61: no heading #nowhere in payments/pages/glossary.md",
    ] {
        assert!(err.contains(want), "lacks {want:?}:\n{err}");
    }
    assert!(err.contains("check failed: 3 errors"), "{err}");
    assert!(!err.contains("alone cannot check"), "the department checks them itself: {err}");
}

#[test]
fn a_bad_department_is_every_problem_at_once_and_the_output_untouched() {
    let site = department();
    site.run(&["build"]).status(0);
    let before = tree_digest(&site.path().join("public"));
    let site = site
        .file("nested/teambook.toml", "title = \"Nested\"\n[department]\nteams = []\n")
        .file("empty/README.md", "not a handbook\n")
        .file(
            "teambook.toml",
            "title = \"Money movement\"\n[department]\nteams = [\"payments\", \"ledger\", \"risk\", \"payments\", \"nested\", \"empty\", \"../up\"]\n",
        );
    let err = site.run(&["build"]).status(1).stderr();
    for want in [
        "error: teambook.toml:3:32: team folder \"risk\" does not exist",
        "error: teambook.toml:3:40: team \"payments\" is listed twice (it is already listed at 3:10",
        "error: teambook.toml:3:52: team folder \"nested\" is itself a department",
        "error: teambook.toml:3:62: team folder \"empty\" has no teambook.toml",
        "error: teambook.toml:3:71: team \"../up\" is not a folder name",
    ] {
        assert!(err.contains(want), "lacks {want:?}:\n{err}");
    }
    assert!(err.contains("build failed: 5 errors"), "{err}");
    assert_eq!(tree_digest(&site.path().join("public")), before, "the previous output is untouched");
}

#[test]
fn long_department_lists_are_paged() {
    let mut site = department();
    for i in 0..230 {
        site = site.file(
            &format!("ledger/people/p{i:03}.md"),
            &format!("+++\nname = \"Person {i:03}\"\nroles = [\"engineer\"]\n+++\n"),
        );
    }
    site.run(&["build"]).status(0);
    let public = site.path().join("public");
    let first = parse(&public.join("people.html"));
    assert_eq!(select(&first, "tbody tr").len(), 100);
    assert!(public.join("people/page-3.html").is_file() && !public.join("people/page-4.html").exists());
    let last = parse(&public.join("people/page-3.html"));
    assert!(!select(&last, "tbody tr").is_empty());
    let (problems, _) = crawl(&public);
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn serve_says_it_serves_a_team_not_yet_a_department() {
    let site = department();
    site.run(&["serve", "-p", "0"]).status(2).stderr_has("serve does not serve a whole department yet");
}
