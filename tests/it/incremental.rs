//! Incremental rebuilds (what `serve` does after a save) give exactly the
//! site a full build gives, file for file, after every kind of edit.

use std::fs;
use std::sync::Arc;

use teambook::diagnostics::Diagnostics;
use teambook::load::Options;
use teambook::render::{self, Site};
use teambook::workspace::Workspace;

use crate::support::{NOW, Site as Dir};

fn options() -> Options {
    Options { drafts: false, now: jiff::Timestamp::from_second(NOW.parse().expect("epoch")).expect("ts") }
}

/// A full build, without the files `serve` makes only on demand.
fn full(dir: &Dir) -> Site {
    let (hb, diags) = teambook::open(dir.path(), &options());
    assert!(!diags.has_errors(), "{:?}", diags.sorted());
    let mut site = render::render(&hb.expect("handbook"), &mut Diagnostics::default()).expect("site");
    site.files.retain(|p, _| !render::is_heavy(p));
    site
}

struct Live {
    workspace: Workspace,
    site: Arc<Site>,
}

impl Live {
    fn start(dir: &Dir) -> Live {
        let mut workspace = Workspace::new(dir.path(), false, None);
        let built = workspace.build(None, options().now).expect("first build");
        Live { workspace, site: built.site }
    }

    /// Rebuilds after `changed`; returns how many pages were rendered and
    /// whether the model was patched rather than rebuilt.
    fn update(&mut self, _dir: &Dir, changed: &[&str]) -> (usize, bool) {
        let changed: Vec<String> = changed.iter().map(|s| s.to_string()).collect();
        let built = self.workspace.build(Some(&changed), options().now).expect("rebuilt");
        self.site = built.site;
        (built.pages, built.patched)
    }
}

fn same(live: &Live, dir: &Dir, what: &str) {
    let expected = full(dir);
    let got = &live.site;
    let missing: Vec<&String> = expected.files.keys().filter(|k| !got.files.contains_key(*k)).collect();
    let extra: Vec<&String> = got.files.keys().filter(|k| !expected.files.contains_key(*k)).collect();
    let differ: Vec<&String> =
        expected.files.iter().filter(|(k, v)| got.files.get(*k).is_some_and(|g| g != *v)).map(|(k, _)| k).collect();
    assert!(
        missing.is_empty() && extra.is_empty() && differ.is_empty(),
        "after {what}: missing {missing:?}, extra {extra:?}, stale {differ:?}"
    );
}

/// Replaces the first `from` in a file of the handbook by `to`.
fn edit(dir: &Dir, rel: &str, from: &str, to: &str) {
    let path = dir.path().join(rel);
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{rel} lacks {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn every_kind_of_edit_matches_a_full_build() {
    let dir = Dir::copy_of("example-team");
    let mut live = Live::start(&dir);
    same(&live, &dir, "start");
    let edit = |rel: &str, from: &str, to: &str| edit(&dir, rel, from, to);

    // A person's name shows on many pages: their roles, areas (Mitra
    // reviewed most of them), decisions, updates, links, the team card's
    // contacts and the duties; still well under the site's 300.
    edit("people/mitra.md", "name = \"Mitra Raman\"", "name = \"Mitra Raman-Okoye\"");
    let (n, patched) = live.update(&dir, &["people/mitra.md"]);
    same(&live, &dir, "renaming a person");
    assert!(n < 90, "{n} pages for one person");
    assert!(patched, "an edit of an existing entity is patched in");

    // A role's short name shows on its holders' pages (\"as EM\").
    edit("roles/engineering-manager.md", "short = \"EM\"", "short = \"EngM\"");
    live.update(&dir, &["roles/engineering-manager.md"]);
    same(&live, &dir, "renaming a role");

    // An area's owners change: the matrix, the roles, the people through them.
    edit(
        "ownership.toml",
        "name = \"Hiring\"\ngroup = \"People\"\nowners = [\"engineering-manager\"]",
        "name = \"Hiring\"\ngroup = \"People\"\nowners = [\"tech-lead\"]",
    );
    live.update(&dir, &["ownership.toml"]);
    same(&live, &dir, "moving an area");

    // A ceremony's time: the week view, its attendees.
    edit("ceremonies/em-pm-sync.md", "time = \"10:00\"", "time = \"11:00\"");
    live.update(&dir, &["ceremonies/em-pm-sync.md"]);
    same(&live, &dir, "moving a ceremony");

    // A project changes stage: the board, the owners.
    edit("projects/search-revamp.md", "stage = \"ENG\"", "stage = \"QA\"");
    live.update(&dir, &["projects/search-revamp.md"]);
    same(&live, &dir, "moving a project");

    // A new update, then one deleted: the archive, neighbours, authors.
    fs::write(
        dir.path().join("updates/2026/2026-11-30.md"),
        "+++\ndate = 2026-11-30\nauthor = \"priya\"\nprojects = [\"instant-payouts\"]\n+++\n## Highlights\n\nNew.\n",
    )
    .expect("write");
    let (_, patched) = live.update(&dir, &["updates/2026/2026-11-30.md"]);
    assert!(!patched, "a new entity rebuilds the model");
    same(&live, &dir, "adding an update");
    fs::remove_file(dir.path().join("updates/2026/2026-10-05.md")).expect("rm");
    live.update(&dir, &["updates/2026/2026-10-05.md"]);
    same(&live, &dir, "deleting an update");

    // A page in a section: its siblings list it.
    fs::write(dir.path().join("pages/onboarding/tools.md"), "+++\nweight = 3\n+++\n# Tools\n\nSee [[mitra]].\n")
        .expect("write");
    live.update(&dir, &["pages/onboarding/tools.md"]);
    same(&live, &dir, "adding a page");

    // A top-level page's title is in the navigation of every page.
    edit("pages/glossary.md", "title = \"Glossary\"", "title = \"Words we use\"");
    let (n, _) = live.update(&dir, &["pages/glossary.md"]);
    same(&live, &dir, "renaming a top-level page");
    assert!(n > 80, "the navigation changed: everything ({n})");

    // A folder appears at once (a git checkout), and a static file.
    fs::create_dir_all(dir.path().join("pages/crew")).expect("mkdir");
    fs::write(dir.path().join("pages/crew/a.md"), "# A\n").expect("write");
    fs::write(dir.path().join("pages/crew/b.md"), "# B\n\n[[pages/crew/a]]\n").expect("write");
    fs::write(dir.path().join("static/notes.txt"), "notes").expect("write");
    fs::create_dir_all(dir.path().join("static/.well-known")).expect("mkdir");
    fs::write(dir.path().join("static/.well-known/security.txt"), "Contact: x").expect("write");
    live.update(&dir, &["pages/crew", "static/notes.txt", "static/.well-known"]);
    same(&live, &dir, "adding a folder");

    // A decision is added that supersedes another, which says so: the log,
    // both pages, the area, the project, the people who approved them.
    fs::write(
        dir.path().join("decisions/tech-debt-quarter.md"),
        "+++\ntitle = \"A quarter of every sprint goes to tech debt\"\ndate = 2026-11-16\nstatus = \"accepted\"\n\
         areas = [\"tech-debt-budget\"]\napprovers = [\"engineering-manager\", \"tech-lead\"]\n\
         supersedes = [\"tech-debt-budget\"]\n+++\nThe ledger migration needs more.\n",
    )
    .expect("write");
    edit("decisions/tech-debt-budget.md", "status = \"accepted\"", "status = \"superseded\"");
    let (_, patched) = live.update(&dir, &["decisions/tech-debt-quarter.md", "decisions/tech-debt-budget.md"]);
    assert!(!patched, "a new decision rebuilds the model");
    same(&live, &dir, "adding a decision that supersedes another");

    // teambook.toml: everything.
    edit("teambook.toml", "title = \"Payments team handbook\"", "title = \"Payments handbook\"");
    live.update(&dir, &["teambook.toml"]);
    same(&live, &dir, "changing the configuration");
}

/// Edits that keep every id are patched into the model; each still gives
/// exactly what a full build gives.
#[test]
fn patched_edits_match_a_full_build() {
    let dir = Dir::copy_of("example-team");
    let mut live = Live::start(&dir);
    let edit = |rel: &str, from: &str, to: &str| edit(&dir, rel, from, to);
    let cases: [(&str, &str, &str, &str); 17] = [
        (
            "people/jonas.md",
            "roles = [\"engineer\"]",
            "roles = [\"engineer\", \"designer\"]",
            "a person takes a second role",
        ),
        ("people/keiko.md", "manager = \"tomas\"", "manager = \"aisha\"", "a person changes manager"),
        ("people/nadia.md", "joined = 2022-05-16", "joined = 2022-05-16\nleft = 2026-10-01", "a person leaves"),
        ("roles/tech-lead.md", "title = \"Tech Lead\"", "title = \"Technical Lead\"", "a role is renamed"),
        (
            "ceremonies/retrospective.md",
            "facilitators = [\"engineering-manager\", \"tomas\", \"nadia\"]",
            "facilitators = [\"aisha\"]",
            "a ceremony's facilitators change",
        ),
        (
            "ceremonies/demo-day.md",
            "areas = [\"stakeholder-demos\"]",
            "areas = [\"stakeholder-demos\", \"hiring\"]",
            "a ceremony takes on an area",
        ),
        ("projects/ledger-migration.md", "owners = [\"tech-lead\"]", "owners = [\"jonas\"]", "a project changes owner"),
        ("updates/2026/2026-09-21.md", "author = \"priya\"", "author = \"luis\"", "an update changes author"),
        (
            "updates/2026/2026-09-21.md",
            "projects = [\"search-revamp\"]",
            "projects = [\"fraud-rules-v2\"]",
            "an update names another project",
        ),
        ("updates/2026/2026-10-19.md", "date = 2026-10-19", "date = 2025-10-20", "an update moves to another year"),
        ("pages/glossary.md", "owner = \"product-manager\"", "owner = \"tomas\"", "a page changes owner"),
        (
            "decisions/release-train-to-tech-lead.md",
            "title = \"The release train goes back to the tech lead\"",
            "title = \"The tech lead runs the release train again\"",
            "a decision that changed an owner is renamed",
        ),
        (
            "decisions/tech-debt-budget.md",
            "approvers = [\"engineering-manager\", \"tech-lead\"]",
            "approvers = [\"mitra\", \"tech-lead\"]",
            "a decision's approvers change",
        ),
        (
            "decisions/rotate-weekly-update.md",
            "status = \"proposed\"",
            "status = \"accepted\"",
            "a proposal is accepted",
        ),
        (
            "decisions/engineering-leads-scoping.md",
            "areas = [\"technical-scoping\"]",
            "areas = [\"technical-scoping\", \"sprint-planning\"]",
            "a decision is about one more area",
        ),
        (
            "people/priya.md",
            "name = \"Priya Natarajan\"",
            "name = \"Priya N.\"",
            "a co-lead named on decisions is renamed",
        ),
        (
            "pages/working-agreements/code-review.md",
            "[[nadia]]",
            "[[keiko]] and [[ledger-migration]]",
            "a page links elsewhere",
        ),
    ];
    for (rel, from, to, what) in cases {
        edit(rel, from, to);
        let (_, patched) = live.update(&dir, &[rel]);
        assert!(patched, "{what}: patched");
        same(&live, &dir, what);
    }
    // A role that becomes a co-lead moves to the front: the model is rebuilt.
    edit(
        "roles/designer.md",
        "title = \"Product Designer\"",
        "title = \"Product Designer\"\ncounterpart = \"tech-lead\"",
    );
    let (_, patched) = live.update(&dir, &["roles/designer.md"]);
    assert!(!patched);
    same(&live, &dir, "a role gets a counterpart");
    // A broken edit fails; fixing it gives the full build's site again.
    edit("people/luis.md", "roles = [\"designer\"]", "roles = [\"desginer\"]");
    let changed = vec!["people/luis.md".to_string()];
    let errors = live.workspace.build(Some(&changed), options().now).err().expect("errors");
    assert!(
        errors.iter().any(|d| d.to_string().contains("people/luis.md:3:10: unknown role \"desginer\"")),
        "{errors:?}"
    );
    edit("updates/2026/2026-11-16.md", "## Highlights", "## Highlights\n\nWhile Luis's file is broken.");
    assert!(
        live.workspace.build(Some(&["updates/2026/2026-11-16.md".to_string()]), options().now).is_err(),
        "still broken"
    );
    edit("people/luis.md", "roles = [\"desginer\"]", "roles = [\"designer\", \"engineer\"]");
    live.update(&dir, &["people/luis.md"]);
    same(&live, &dir, "fixing a broken edit");
}

/// Long lists: a page shows the first of them and links to their own pages,
/// which come and go as an edit takes a list past what a page shows; the
/// navigation shows only the first top-level pages.
#[test]
fn long_lists_match_a_full_build() {
    let mut dir = Dir::new()
        .file("roles/lead.md", "+++\ntitle = \"Lead\"\n+++\n")
        .file("people/ana.md", "+++\nname = \"Ana\"\nroles = [\"lead\"]\n+++\n")
        .file("people/bo.md", "+++\nname = \"Bo\"\nroles = [\"lead\"]\n+++\n");
    // 20 updates by Bo link to Ana: her page shows every one of them.
    for u in 0..20 {
        dir = dir.file(
            &format!("updates/2026/u{u:02}.md"),
            &format!("+++\ndate = 2026-01-{:02}\nauthor = \"bo\"\n+++\nNews from [[ana]].\n", u + 1),
        );
    }
    // 12 top-level pages: the navigation shows 10; a folder of 25.
    for p in 0..12 {
        dir = dir.file(&format!("pages/p{p:02}.md"), &format!("+++\ntitle = \"Page {p:02}\"\n+++\nText.\n"));
    }
    dir = dir.file("pages/long/_index.md", "+++\ntitle = \"Long\"\n+++\n");
    for p in 0..25 {
        dir = dir.file(&format!("pages/long/l{p:02}.md"), &format!("+++\ntitle = \"Long {p:02}\"\n+++\nText.\n"));
    }
    let mut live = Live::start(&dir);
    same(&live, &dir, "start");
    let edit = |rel: &str, from: &str, to: &str| edit(&dir, rel, from, to);
    assert!(!live.site.files.contains_key("lists/people/ana/linked-from.html"));

    // A 21st link: the list gets a page of its own.
    edit("pages/p00.md", "Text.", "Text for [[ana]].");
    let (_, patched) = live.update(&dir, &["pages/p00.md"]);
    assert!(patched);
    same(&live, &dir, "a list grows past a page");
    assert!(live.site.files.contains_key("lists/people/ana/linked-from.html"));

    // And back: the page goes.
    edit("pages/p00.md", "Text for [[ana]].", "Text.");
    live.update(&dir, &["pages/p00.md"]);
    same(&live, &dir, "a list shrinks back");
    assert!(!live.site.files.contains_key("lists/people/ana/linked-from.html"));

    // A top-level page the navigation has no room for: few pages change.
    edit("pages/p11.md", "title = \"Page 11\"", "title = \"Page eleven\"");
    let (n, _) = live.update(&dir, &["pages/p11.md"]);
    same(&live, &dir, "renaming a page the navigation does not show");
    assert!(n < 10, "{n} pages for a page outside the navigation");

    // A page of the long folder: its page, its neighbours, the index.
    edit("pages/long/l12.md", "title = \"Long 12\"", "title = \"Long twelve\"");
    live.update(&dir, &["pages/long/l12.md"]);
    same(&live, &dir, "renaming a page of a long folder");
}

/// An edit of a body alone (same front matter, headings and link targets)
/// renders the entity's own page and nothing else, and still gives what a
/// full build gives; one that links elsewhere reaches further.
#[test]
fn body_edits_render_their_own_page() {
    let dir = Dir::copy_of("example-team");
    let mut live = Live::start(&dir);
    let append = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        let old = fs::read_to_string(&path).expect("read");
        fs::write(&path, format!("{old}\n{text}\n")).expect("write");
    };
    let files = [
        "people/mitra.md",
        "roles/engineering-manager.md",
        "ceremonies/em-pm-sync.md",
        "projects/search-revamp.md",
        "updates/2026/2026-09-21.md",
        "updates/2026/2026-11-23.md",
        "pages/glossary.md",
    ];
    for rel in files {
        append(rel, "One more paragraph, with *emphasis*.");
        let (n, patched) = live.update(&dir, &[rel]);
        assert!(patched, "{rel}: patched");
        assert_eq!(n, 1, "{rel}: pages rendered for an edit of its body");
        same(&live, &dir, &format!("an edit of the body of {rel}"));
    }
    // The latest update is in the feed, which shows it whole.
    let feed = |live: &Live| live.site.files.get("feed.xml").cloned();
    let before = feed(&live);
    append("updates/2026/2026-11-23.md", "Feed-worthy news.");
    live.update(&dir, &["updates/2026/2026-11-23.md"]);
    assert_ne!(feed(&live), before, "the feed shows the latest update's body");
    same(&live, &dir, "an edit of the latest update's body");
    // A new link gives the target a back-link: more than one page.
    append("people/mitra.md", "She works with [[jonas]].");
    let (n, _) = live.update(&dir, &["people/mitra.md"]);
    assert!(n > 1, "{n} pages for a new link");
    same(&live, &dir, "a body that links elsewhere");

    // A person whose back-links have a page of their own: still one page.
    let mut dir = Dir::new()
        .file("roles/lead.md", "+++\ntitle = \"Lead\"\n+++\n")
        .file("people/ana.md", "+++\nname = \"Ana\"\nroles = [\"lead\"]\n+++\nAna leads.\n")
        .file("people/bo.md", "+++\nname = \"Bo\"\nroles = [\"lead\"]\n+++\n");
    // 25 updates by Bo that link to Ana.
    for u in 0..25 {
        dir = dir.file(
            &format!("updates/2026/u{u:02}.md"),
            &format!("+++\ndate = 2026-01-{:02}\nauthor = \"bo\"\n+++\nNews from [[ana]].\n", u + 1),
        );
    }
    let mut live = Live::start(&dir);
    assert!(live.site.files.contains_key("lists/people/ana/linked-from.html"));
    let path = dir.path().join("people/ana.md");
    let old = fs::read_to_string(&path).expect("read");
    fs::write(&path, format!("{old}\nAnd writes.\n")).expect("write");
    let (n, patched) = live.update(&dir, &["people/ana.md"]);
    assert!(patched && n == 1, "{n} pages for an edit of a body with a long list");
    same(&live, &dir, "an edit of the body of a person with a long list");
}

/// Goals, target moves, health ratings and the dated facts behind each
/// week's digest: every edit, patched or not, gives the full build's site,
/// including the update pages of the weeks whose digest changed.
#[test]
fn goal_history_and_health_edits_match_a_full_build() {
    let dir = Dir::copy_of("example-team");
    let mut live = Live::start(&dir);
    let edit = |rel: &str, from: &str, to: &str| edit(&dir, rel, from, to);
    let goal = "goals/2026-q4-merchants-self-serve.md";
    let cases: [(&str, &str, &str, &str); 9] = [
        (
            goal,
            "  [[key_result.check_in]]\n  date = 2026-11-16\n  value = 281\n",
            "  [[key_result.check_in]]\n  date = 2026-11-16\n  value = 281\n\n  [[key_result.check_in]]\n  date = 2026-11-20\n  value = 262\n  note = \"Prefix search for half the merchants\"\n",
            "a key result is checked in",
        ),
        (goal, "baseline = 320", "baseline = 340", "a key result's baseline changes"),
        (
            goal,
            "title = \"Merchants answer their own questions\"",
            "title = \"Merchants help themselves\"",
            "an objective is renamed",
        ),
        (
            "goals/2026-q3-quiet-on-call.md",
            "period = \"2026-Q3\"",
            "period = \"2026-H2\"",
            "an objective moves to a new period",
        ),
        (
            "projects/search-revamp.md",
            "[[history]]\ndate = 2026-10-05\nstage = \"ENG\"",
            "[[history]]\ndate = 2026-10-05\nstage = \"ENG\"\n\n[[history]]\ndate = 2026-11-10\ntarget = 2027-01-15\nnote = \"The index needs a rebuild.\"",
            "a project's target moves",
        ),
        (
            "projects/ledger-migration.md",
            "date = 2026-10-12\nstage = \"BRD\"",
            "date = 2026-09-07\nstage = \"BRD\"",
            "a stage move is dated earlier",
        ),
        (
            "projects/fraud-rules-v2.md",
            "key_results = [\"support-tickets\"]",
            "key_results = [\"support-tickets\", \"merchant-nps\"]",
            "a project serves another key result",
        ),
        (
            "updates/2026/2026-11-16.md",
            "card-tokenization = \"at-risk\"",
            "card-tokenization = \"off-track\"",
            "an update rates a project differently",
        ),
        (
            "updates/2026/2026-10-26.md",
            ", ledger-migration = \"at-risk\"",
            "",
            "an update stops mentioning a project (the next weeks' digests ask about it)",
        ),
    ];
    for (rel, from, to, what) in cases {
        edit(rel, from, to);
        let (_, patched) = live.update(&dir, &[rel]);
        assert!(patched, "{what}: patched");
        same(&live, &dir, what);
    }
    // The only mention of a project in three weeks goes: two weeks on, the
    // digest asks about it (an update page no link leads to from this one).
    fs::write(
        dir.path().join("updates/2026/2026-10-19.md"),
        "+++\ndate = 2026-10-19\nauthor = \"priya\"\nprojects = [\"search-revamp\"]\n+++\n## Highlights\n\nA quiet week.\n\n## Project changes\n\n## Risks\n\n## Asks\n",
    )
    .expect("write");
    let (_, patched) = live.update(&dir, &["updates/2026/2026-10-19.md"]);
    assert!(patched);
    same(&live, &dir, "the only mention of a project in three weeks goes");
    // A key result renamed, with the project that names it: rebuilt whole.
    edit(goal, "id = \"search-time\"", "id = \"time-to-find\"");
    edit("projects/search-revamp.md", "\"search-time\"", "\"time-to-find\"");
    let (_, patched) = live.update(&dir, &[goal, "projects/search-revamp.md"]);
    assert!(!patched, "a key result's new id rebuilds the model");
    same(&live, &dir, "a key result is renamed");
    // A new objective, and a person who joins in a week with an update.
    fs::write(
        dir.path().join("goals/2026-q4-new.md"),
        "+++\ntitle = \"New\"\nperiod = \"2026-Q4\"\nowners = [\"luis\"]\n+++\n",
    )
    .expect("write");
    live.update(&dir, &["goals/2026-q4-new.md"]);
    same(&live, &dir, "adding an objective");
    edit("people/keiko.md", "joined = 2025-08-18", "joined = 2026-09-14");
    let (_, patched) = live.update(&dir, &["people/keiko.md"]);
    assert!(patched);
    same(&live, &dir, "a person's joining date moves into a week with an update");
}

/// A year of 250 updates is three archive pages of at most 100, linked by a
/// pager; an update added at the top of the year moves one from each page
/// to the next, and one removed gives the last page back: the incremental
/// site stays the full build's.
#[test]
fn a_long_year_of_updates_is_paged_and_stays_true_as_it_changes() {
    let update = |day: usize| {
        let date = jiff::civil::date(2026, 1, 1).checked_add(jiff::Span::new().days(day as i64)).expect("date");
        format!("+++\ndate = {date}\nauthor = \"ana\"\n+++\nWork on day {day}.\n")
    };
    let mut dir = Dir::new()
        .file("roles/lead.md", "+++\ntitle = \"Lead\"\n+++\n")
        .file("people/ana.md", "+++\nname = \"Ana\"\nroles = [\"lead\"]\n+++\n");
    for day in 0..250 {
        dir = dir.file(&format!("updates/2026/u{day:03}.md"), &update(day));
    }
    let mut live = Live::start(&dir);
    let page = |n: usize| {
        let path = if n == 1 { "updates/2026/index.html".to_string() } else { format!("updates/2026/page-{n}.html") };
        match live.site.files.get(&path) {
            Some(render::Content::Bytes(b)) => Some(String::from_utf8_lossy(b).into_owned()),
            _ => None,
        }
    };
    let lines = |html: &str| html.matches("<li><a href=\"../../updates/2026/u").count();
    assert_eq!([page(1), page(2), page(3)].map(|p| p.as_deref().map_or(0, lines)), [100, 100, 50]);
    assert!(page(4).is_none());
    let first = page(1).expect("page 1");
    assert!(first.contains("Page 1 of 3") && first.contains("href=\"../../updates/2026/page-2.html\" rel=\"next\""));
    // Newest first: the last day opens the year.
    assert!(first.find("u249.html").expect("u249") < first.find("u248.html").expect("u248"));

    // One more at the top of the year: a fourth page.
    fs::write(dir.path().join("updates/2026/u250.md"), update(250)).expect("write");
    live.update(&dir, &["updates/2026/u250.md"]);
    same(&live, &dir, "an update added to a year of three pages");
    // An edit of one update's text.
    edit(&dir, "updates/2026/u100.md", "Work on day 100.", "Work on day one hundred.");
    live.update(&dir, &["updates/2026/u100.md"]);
    same(&live, &dir, "an update's body edited");
    fs::remove_file(dir.path().join("updates/2026/u250.md")).expect("remove");
    live.update(&dir, &["updates/2026/u250.md"]);
    same(&live, &dir, "an update removed");
}

/// A duty's turns show on its page, the home page, its area's page, its
/// members' pages and in the calendars: each kind of edit of one, or of
/// whom it names, gives what a full build gives.
#[test]
fn duty_edits_match_a_full_build() {
    let dir = Dir::copy_of("example-team");
    let mut live = Live::start(&dir);
    let edit = |rel: &str, from: &str, to: &str| edit(&dir, rel, from, to);

    // An override moves a turn from one member's page to another's.
    edit(
        "duties/primary-on-call.md",
        "[[override]]\nfrom = 2026-12-14",
        "[[override]]\nfrom = 2026-11-23\nto = 2026-11-30\nperson = \"aisha\"\ninstead_of = \"tomas\"\nreason = \"Swap\"\n\n[[override]]\nfrom = 2026-12-14",
    );
    let (_, patched) = live.update(&dir, &["duties/primary-on-call.md"]);
    assert!(patched, "an edit of a duty is patched in");
    same(&live, &dir, "adding an override");

    // A member's name is on the duty's pages and in its calendars.
    edit("people/jonas.md", "name = \"Jonas Weber\"", "name = \"Jonas Weber-Lang\"");
    live.update(&dir, &["people/jonas.md"]);
    same(&live, &dir, "renaming a pool member");

    // A ceremony led by whoever is on call.
    edit("ceremonies/ops-review.md", "facilitators = [\"tech-lead\"]", "facilitators = [\"duty:primary-on-call\"]");
    live.update(&dir, &["ceremonies/ops-review.md"]);
    same(&live, &dir, "a ceremony led by a duty");

    // The hand-off moves: every turn, and the ceremony's leaders with it.
    edit("duties/primary-on-call.md", "time = \"10:00\"", "time = \"11:00\"");
    live.update(&dir, &["duties/primary-on-call.md"]);
    same(&live, &dir, "moving the hand-off");

    // A new duty, then none.
    fs::write(
        dir.path().join("duties/triage.md"),
        "+++\ntitle = \"Triage\"\nstart = 2026-11-02\nturn = \"1d\"\npool = [\"designer\", \"product-manager\"]\n+++\nBugs.\n",
    )
    .expect("write");
    let (_, patched) = live.update(&dir, &["duties/triage.md"]);
    assert!(!patched, "a new duty rebuilds the model");
    same(&live, &dir, "adding a duty");
    for f in ["duties/triage.md", "duties/primary-on-call.md", "duties/weekly-update-writer.md"] {
        fs::remove_file(dir.path().join(f)).expect("rm");
    }
    edit("ceremonies/ops-review.md", "facilitators = [\"duty:primary-on-call\"]", "facilitators = [\"tech-lead\"]");
    // The team card's intake that named the on-call duty goes back to its area.
    edit("teambook.toml", "duty = \"primary-on-call\"", "area = \"on-call-rotation\"");
    live.update(&dir, &["duties", "ceremonies/ops-review.md", "teambook.toml"]);
    same(&live, &dir, "removing every duty");
}

#[test]
fn tag_edits_match_a_full_build() {
    let dir = Dir::copy_of("tests/fixtures/obsidian-vault");
    edit(&dir, "pages/README.md", "[[Meeting notes]]", "[[Team Life/Meeting notes]]");
    let mut live = Live::start(&dir);
    same(&live, &dir, "start");
    // A new tag: its page, the index of tags, the page's own tags.
    edit(&dir, "pages/Team Life/Chess club.md", "  - fun\n", "  - fun\n  - strategy\n");
    live.update(&dir, &["pages/Team Life/Chess club.md"]);
    same(&live, &dir, "adding a tag");
    // A tagged page's title, from its first heading: its tags' pages list it.
    edit(&dir, "pages/Board games.md", "# Board games\n", "# Board and card games\n");
    live.update(&dir, &["pages/Board games.md"]);
    same(&live, &dir, "retitling a tagged page");
    // The last page of a tag loses it: its page goes.
    edit(&dir, "pages/Team Life/Lunch & coffee.md", "categories: [Food]\n", "");
    live.update(&dir, &["pages/Team Life/Lunch & coffee.md"]);
    same(&live, &dir, "removing a tag");
    assert!(!live.site.files.keys().any(|k| k.starts_with("tags/food/")));
    // No tags left: no tag pages, no "Tags" in the navigation.
    for (file, from) in [
        ("pages/Board games.md", "tags: [fun, Team life]\n"),
        ("pages/Team Life/Chess club.md", "tags:\n  - team-life\n  - fun\n  - strategy\n"),
        ("pages/Team Life/Lunch & coffee.md", "tags: \"#fun\"\n"),
    ] {
        edit(&dir, file, from, "");
    }
    live.update(&dir, &["pages/Board games.md", "pages/Team Life/Chess club.md", "pages/Team Life/Lunch & coffee.md"]);
    same(&live, &dir, "removing every tag");
    assert!(!live.site.files.keys().any(|k| k.starts_with("tags/")));
}

#[test]
fn summary_edits_match_a_full_build() {
    let dir = Dir::copy_of("tests/fixtures/gitbook-handbook");
    edit(&dir, "pages/onboarding/first-week.md", " and\nthe [postmortem guide](/playbooks/postmortems.md)", "");
    let mut live = Live::start(&dir);
    same(&live, &dir, "start");
    // On call moves from under Incident response to the top.
    edit(&dir, "pages/SUMMARY.md", "    * [Being on call](playbooks/on-call.md)\n", "");
    edit(&dir, "pages/SUMMARY.md", "## Reference\n", "## Reference\n\n* [Being on call](playbooks/on-call.md)\n");
    live.update(&dir, &["pages/SUMMARY.md"]);
    same(&live, &dir, "moving a page in SUMMARY.md");
}

#[test]
fn one_on_one_edits_match_a_full_build() {
    let dir = Dir::copy_of("example-team");
    let mut live = Live::start(&dir);
    let edit = |rel: &str, from: &str, to: &str| edit(&dir, rel, from, to);

    // The policy: every report's pill on the map, every page's 1:1s and hours.
    edit(
        "one_on_ones.toml",
        "reports = { cadence = \"weekly\", duration = \"30m\" }",
        "reports = { cadence = \"biweekly\", duration = \"45m\" }",
    );
    live.update(&dir, &["one_on_ones.toml"]);
    same(&live, &dir, "changing the reports' cadence");

    // A written pair's agenda, time and reason: the map, both pages, handbook.json.
    edit("one_on_ones.toml", "day = \"thu\"\ntime = \"08:00\"", "day = \"wed\"\ntime = \"09:00\"");
    edit("one_on_ones.toml", "an hour every other week covers it", "they meet less often");
    live.update(&dir, &["one_on_ones.toml"]);
    same(&live, &dir, "moving a written pair");

    // A person's [[history]]: an earlier manager and that 1:1's agenda on their page.
    edit(
        "people/jonas.md",
        "agenda_doc = \"https://docs.acme.example/1-1-mitra-jonas\"",
        "agenda_doc = \"https://docs.acme.example/1-1-mitra-jonas-old\"",
    );
    live.update(&dir, &["people/jonas.md"]);
    same(&live, &dir, "editing a person's history");
    edit(
        "people/jonas.md",
        "[[history]]\ndate = 2026-05-04\nmanager = \"mitra\"",
        "[[history]]\ndate = 2026-03-02\nmanager = \"priya\"\n\n[[history]]\ndate = 2026-05-04\nmanager = \"mitra\"",
    );
    live.update(&dir, &["people/jonas.md"]);
    same(&live, &dir, "adding an earlier manager");

    // Without the file: no map, no 1:1s on any page.
    fs::remove_file(dir.path().join("one_on_ones.toml")).expect("rm");
    live.update(&dir, &["one_on_ones.toml"]);
    same(&live, &dir, "removing one_on_ones.toml");
}
