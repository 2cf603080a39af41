//! `teambook init` and `teambook new update`: what they write is a valid
//! handbook, and they never overwrite anything.

use std::fs;

use crate::html::files;
use crate::support::{Site, run_in};

#[test]
fn init_scaffolds_a_handbook_that_checks_and_builds() {
    let dir = Site::empty();
    run_in(dir.path(), &["init", "handbook", "--title", "Platform team handbook"]).status(0).stderr_has("created");
    let root = dir.path().join("handbook");
    let config = fs::read_to_string(root.join("teambook.toml")).expect("teambook.toml");
    assert!(config.contains("\ntitle = \"Platform team handbook\""), "{config}");
    for kind in ["roles", "people", "ceremonies", "projects", "updates/2026", "pages"] {
        assert!(fs::read_dir(root.join(kind)).expect(kind).count() > 0, "{kind}");
    }
    // No git repository here: the workflow goes next to the handbook (the
    // layouts are in workflows.rs).
    let workflow = fs::read_to_string(root.join(".github/workflows/teambook.yml")).expect("workflow");
    assert!(workflow.contains("actions/deploy-pages") && workflow.contains("teambook build"));
    run_in(&root, &["check", "--strict"]).status(0);
    run_in(&root, &["build"]).status(0);
    assert!(root.join("public/start-here/engineer.html").is_file());
}

#[test]
fn init_refuses_to_overwrite_anything() {
    let site = Site::new().file("people/alex.md", "+++\nname = \"Mine\"\nroles = []\n+++\n");
    let before = files(site.path());
    site.run(&["init", "."]).status(2).stderr_has("teambook never overwrites files (nothing was written)");
    assert!(before == files(site.path()), "nothing was written");
}

/// `init` over docs already copied into `pages/` writes no example page
/// beside them: `pages/onboarding.md` would meet an imported `onboarding/`.
#[test]
fn init_over_imported_pages_writes_no_example_page() {
    let dir = Site::empty()
        .file("pages/onboarding/README.md", "# Onboarding\n\nOur own.\n")
        .file("pages/README.md", "# Our docs\n");
    run_in(dir.path(), &["init", "."]).status(0);
    assert!(!dir.path().join("pages/onboarding.md").exists());
    assert!(dir.path().join("teambook.toml").is_file() && dir.path().join("roles/engineer.md").is_file());
    run_in(dir.path(), &["check", "--strict"]).status(0);
}

#[test]
fn new_update_writes_this_weeks_update_once() {
    let site = Site::new()
        .file("teambook.toml", "title = \"T\"\ntimezone = \"America/New_York\"\n")
        .file("roles/em.md", "+++\ntitle = \"EM\"\n+++\n")
        .file("people/mitra.md", "+++\nname = \"Mitra\"\nroles = [\"em\"]\n+++\n");
    // SOURCE_DATE_EPOCH is 2026-11-23T00:00Z: Sunday 22 November in New York, so the week of the 16th.
    site.run(&["new", "update", "--author", "mitra"]).status(0);
    let text = fs::read_to_string(site.path().join("updates/2026/2026-11-16.md")).expect("update");
    assert!(text.contains("date = 2026-11-16") && text.contains("author = \"mitra\"") && text.contains("## Risks"));
    site.run(&["check", "--strict"]).status(0);
    site.run(&["new", "update", "--author", "mitra"]).status(2).stderr_has("never overwrites");
    site.run(&["new", "update", "--author", "mitr"]).status(2).stderr_has("did you mean \"mitra\"?");
}

/// `--preset em-pm`: the starting breakdown of an EM/PM-led team, which
/// passes `check --strict` and builds as written.
#[test]
fn init_with_the_em_pm_preset_writes_a_breakdown_that_checks_strictly() {
    let dir = Site::empty();
    run_in(dir.path(), &["init", "team", "--preset", "em-pm"]).status(0);
    let root = dir.path().join("team");
    let run = run_in(&root, &["check", "--strict"]).status(0);
    assert_eq!(run.stderr(), "check passed: 0 errors, 0 warnings\n");
    run_in(&root, &["build"]).status(0);

    let now = jiff::Timestamp::from_second(crate::support::NOW.parse().expect("epoch")).expect("ts");
    let (hb, _) = teambook::open(&root, &teambook::load::Options { drafts: false, now });
    let hb = hb.expect("handbook");
    assert!((25..=30).contains(&hb.areas.len()), "{} areas", hb.areas.len());
    let names: Vec<&str> = hb.areas.iter().map(|a| a.name.as_str()).collect();
    for usual in ["Roadmap", "Sprint planning", "OKRs", "Project kick-offs", "On-call", "Hiring", "Weekly update"] {
        assert!(names.contains(&usual), "{usual} in {names:?}");
    }
    for a in &hb.areas {
        assert!(!a.owners.is_empty(), "{}: owners", a.name);
        assert!(a.owners.len() == 1 || a.decision.is_some(), "{}: a decision rule", a.name);
        // Every owner is told what is expected of them.
        for owner in &a.owners {
            assert!(a.expect.iter().any(|(who, _)| who.id == owner.id), "{}: what {} does", a.name, owner.id);
        }
        assert!(a.review_every.is_some() && a.reviewed.is_some(), "{}: reviewed", a.name);
    }
    assert!(hb.areas.iter().filter(|a| !a.consulted.is_empty() || !a.informed.is_empty()).count() >= 25);
    assert_eq!(hb.decisions.len(), 2);
    let out = root.join("public");
    for page in ["decisions/index.html", "decisions/engineering-leads-kickoffs.html", "areas/project-kickoffs.html"] {
        assert!(out.join(page).is_file(), "{page}");
    }
    let start = fs::read_to_string(out.join("start-here/engineering-manager.html")).expect("start here");
    assert!(start.contains("you: confirm capacity, holidays and on-call included"), "expectations, addressed");

    // Never over anything: into a handbook, the preset writes nothing.
    let before = files(&root);
    run_in(&root, &["init", ".", "--preset", "em-pm"]).status(2).stderr_has("nothing was written");
    assert!(before == files(&root), "nothing was written");
    run_in(dir.path(), &["init", "other", "--preset", "em-pn"]).status(2).stderr_has("possible values: em-pm");
    assert!(!dir.path().join("other").exists());
}

/// The preset's 1:1s and duty: the EM and the PM meet weekly (a co-lead pair
/// the roles imply, its day and time written), each report meets their
/// manager, and the engineers take turns on call; all of it checks strictly
/// and shows on the 1:1 map and the duty's page.
#[test]
fn init_with_the_em_pm_preset_scaffolds_the_em_pm_weekly_one_on_one_and_on_call() {
    let dir = Site::empty();
    run_in(dir.path(), &["init", "team", "--preset", "em-pm"]).status(0);
    let root = dir.path().join("team");
    let written = fs::read_to_string(root.join("one_on_ones.toml")).expect("one_on_ones.toml");
    assert!(written.starts_with("#:schema ./.teambook/schemas/one_on_ones.schema.json\n"), "{written}");
    assert!(root.join("duties/on-call.md").is_file());
    assert_eq!(run_in(&root, &["check", "--strict"]).status(0).stderr(), "check passed: 0 errors, 0 warnings\n");
    run_in(&root, &["build"]).status(0);

    let now = jiff::Timestamp::from_second(crate::support::NOW.parse().expect("epoch")).expect("ts");
    let (hb, _) = teambook::open(&root, &teambook::load::Options { drafts: false, now });
    let hb = hb.expect("handbook");
    let id = |p: usize| hb.people[p].doc.id.as_str();
    let pairs: Vec<(&str, &str, &str, Option<&str>)> =
        hb.pairs().iter().map(|q| (id(q.a), id(q.b), q.why.name(), q.cadence.map(|c| c.name()))).collect();
    assert!(pairs.contains(&("alex", "sam", "co-leads", Some("weekly"))), "{pairs:?}");
    assert!(pairs.contains(&("alex", "jo", "manager", Some("weekly"))), "{pairs:?}");
    let em_pm = hb.pairs().into_iter().find(|q| q.why == teambook::model::Why::Counterparts).expect("co-leads");
    assert_eq!(em_pm.duration.map(|d| d.as_mins()), Some(45));
    assert_eq!(hb.duties.len(), 1);
    let out = root.join("public");
    let map = fs::read_to_string(out.join("one-on-ones/index.html")).expect("the 1:1 map");
    assert!(map.contains("Alex Example") && map.contains("Sam Example"), "the EM and the PM on the map");
    let start = fs::read_to_string(out.join("start-here/product-manager.html")).expect("start here");
    assert!(start.contains("first-one-on-one"), "the PM's first 1:1 is with the EM");
    assert!(out.join("duties/on-call.html").is_file());
}
