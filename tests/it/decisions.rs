//! The decision log, ownership reviews and expectations, on example-team
//! built by the real binary: the pages' content (read with scraper), the
//! export, the search index, and the review that falls due once "today"
//! moves on.

use std::fs;
use std::process::Command;

use crate::html::{crawl, parse, select, text, texts};
use crate::support::Site;

/// example-team, built on the tests' day (2026-11-23).
fn built() -> Site {
    let site = Site::copy_of("example-team");
    site.run(&["build"]).status(0);
    site
}

/// The texts of the elements `css` selects, as a reader sees them: no space
/// before `)`, `,`, `.` or `:`, nor after `(`, where elements meet.
fn read(doc: &scraper::Html, css: &str) -> Vec<String> {
    texts(doc, css).iter().map(|t| tidy(t)).collect()
}

fn tidy(text: &str) -> String {
    text.replace("( ", "(").replace(" )", ")").replace(" ,", ",").replace(" .", ".").replace(" :", ":")
}

fn page(site: &Site, rel: &str) -> scraper::Html {
    parse(&site.path().join("public").join(rel))
}

/// Runs `teambook ARGS` in `site` on another day (seconds since the epoch).
pub fn run_on(site: &Site, epoch: &str, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_teambook"))
        .args(args)
        .current_dir(site.path())
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .expect("run teambook");
    (out.status.code().expect("exit code"), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// 2026-12-07T00:00Z: 6 December in New York, two weeks after `NOW`.
const TWO_WEEKS_LATER: &str = "1796601600";

#[test]
fn the_log_is_newest_first_with_status_badges_and_leads_to_each_area() {
    let site = built();
    let log = page(&site, "decisions/index.html");
    assert_eq!(
        read(&log, ".log .log-title"),
        [
            "Engineers take turns writing the weekly update",
            "The release train goes back to the tech lead",
            "A fifth of every sprint goes to tech debt",
            "Engineering leads technical scoping and project kick-offs",
            "The PM runs project kick-offs, technical scoping included",
        ]
    );
    assert_eq!(read(&log, ".log .status"), ["proposed", "accepted", "accepted", "accepted", "superseded"]);
    assert!(tidy(&text(&select(&log, ".lead")[0])).contains("1 proposed, 3 accepted, 1 superseded."));
    // By area: each area with how many decisions are about it, leading to its list.
    let by_area = select(&log, ".by-area a");
    let first = by_area.iter().find(|a| text(a) == "Technical scoping").expect("technical scoping");
    assert_eq!(first.value().attr("href"), Some("../areas/technical-scoping.html#tb-decisions"));
    assert!(tidy(&text(&select(&log, ".by-area")[0])).contains("Technical scoping (2)"));
    let scoping = page(&site, "areas/technical-scoping.html");
    assert_eq!(
        read(&scoping, "#tb-decisions + ul li"),
        [
            "Engineering leads technical scoping and project kick-offs accepted · 2 June 2025",
            "The PM runs project kick-offs, technical scoping included superseded · 16 September 2024",
        ]
    );
    // Every link of the site leads somewhere, anchors included.
    let (problems, followed) = crawl(&site.path().join("public"));
    assert!(problems.is_empty() && followed > 1000, "{problems:?}");
}

#[test]
fn a_decision_page_names_people_first_and_links_both_ways() {
    let site = built();
    let doc = page(&site, "decisions/engineering-leads-scoping.html");
    let facts: Vec<String> = read(&doc, ".facts div");
    assert!(facts.contains(&"Driver Mitra Raman (EM)".to_string()), "{facts:?}");
    assert!(facts.contains(&"Approvers Priya Natarajan (PM), Mitra Raman (EM)".to_string()), "{facts:?}");
    assert!(facts.contains(&"Contributors Tomás Ferreira (TL)".to_string()), "{facts:?}");
    assert!(facts.contains(&"Projects Ledger migration".to_string()), "{facts:?}");
    assert!(facts.contains(&"Review by 7 December 2026".to_string()), "{facts:?}");
    assert_eq!(read(&doc, ".decision-meta"), ["accepted 2 June 2025"]);
    // The areas, with who owns them today and how they decide.
    assert_eq!(read(&doc, "#tb-areas + ul li"), ["Technical scoping, owned by Mitra Raman (EM)"]);
    assert_eq!(
        read(&doc, "#tb-supersedes + ul li"),
        ["The PM runs project kick-offs, technical scoping included superseded 16 September 2024"]
    );
    let changes = read(&doc, "#tb-changes + ol li");
    assert_eq!(changes.len(), 1);
    assert!(changes[0].starts_with("2 June 2025: Technical scoping moved from Product Manager"), "{changes:?}");
    assert!(!changes[0].contains("Decided in"), "the page is the decision: {changes:?}");
    // Its Markdown sections, as written.
    assert_eq!(read(&doc, ".prose h2"), ["Context", "Options considered", "Decision", "Consequences"]);

    let old = page(&site, "decisions/pm-runs-kickoffs.html");
    assert_eq!(read(&old, ".banner"), ["Superseded by Engineering leads technical scoping and project kick-offs."]);
    assert_eq!(
        read(&old, "#tb-superseded-by + ul li"),
        ["Engineering leads technical scoping and project kick-offs accepted 2 June 2025"]
    );
}

#[test]
fn decisions_are_listed_on_their_areas_projects_people_and_roles() {
    let site = built();
    let mitra = read(&page(&site, "people/mitra.html"), "#tb-decisions + ul li");
    assert_eq!(
        mitra,
        [
            "Engineers take turns writing the weekly update proposed · 9 November 2026 · approved as EM",
            "The release train goes back to the tech lead accepted · 1 July 2026 · drove",
            "A fifth of every sprint goes to tech debt accepted · 2 February 2026 · approved as EM",
            "Engineering leads technical scoping and project kick-offs accepted · 2 June 2025 · drove, approved as EM",
            "The PM runs project kick-offs, technical scoping included superseded · 16 September 2024 · approved as EM",
        ]
    );
    let tl = read(&page(&site, "roles/tech-lead.html"), "#tb-decisions + ul li");
    assert_eq!(
        tl,
        [
            "The release train goes back to the tech lead accepted · 1 July 2026 · approved",
            "A fifth of every sprint goes to tech debt accepted · 2 February 2026 · approved",
        ]
    );
    let project = read(&page(&site, "projects/flaky-tests.html"), "#tb-decisions + ul li");
    assert_eq!(project, ["A fifth of every sprint goes to tech debt accepted · 2 February 2026"]);
    // A person in no decision has no such section.
    assert!(select(&page(&site, "people/keiko.html"), "#tb-decisions").is_empty());
    // The changes log names the decision that made a change.
    let log = read(&page(&site, "ownership/changes.html"), ".timeline li");
    assert!(
        log[0].ends_with("Decided in The release train goes back to the tech lead."),
        "newest first, with its decision: {log:?}"
    );
    assert!(log[2].starts_with("10 March 2025") && !log[2].contains("Decided in"), "{log:?}");
}

#[test]
fn reviews_and_expectations_show_on_the_matrix_and_the_area_and_start_here_pages() {
    let site = built();
    let matrix = page(&site, "ownership/index.html");
    // On the tests' day (22 November in New York) one area is due within two
    // weeks, and none is overdue.
    assert_eq!(
        read(&matrix, "#tb-due + ul li"),
        ["Hiring due in 9 days Last reviewed 1 September 2026, every quarter. Owners: Mitra Raman (EM)"]
    );
    assert!(select(&matrix, "#tb-due + ul .review-overdue").is_empty());
    let row = |name: &str| {
        select(&matrix, ".matrix tbody tr")
            .into_iter()
            .find(|r| text(r).starts_with(name))
            .unwrap_or_else(|| panic!("row {name}"))
    };
    let hiring = row("Hiring");
    assert_eq!(
        hiring
            .select(&scraper::Selector::parse(".reviewed").expect("css"))
            .map(|r| tidy(&text(&r)))
            .collect::<Vec<_>>(),
        ["reviewed Sep 2026, due in 9 days"]
    );
    // Who does what is there on demand, folded.
    let sprint = row("Sprint planning");
    let details: Vec<_> = sprint.select(&scraper::Selector::parse("details.expectations").expect("css")).collect();
    assert_eq!(details.len(), 1);
    assert!(details[0].value().attr("open").is_none());
    assert!(tidy(&text(&details[0])).contains("PM Propose scope from the roadmap"), "{}", tidy(&text(&details[0])));

    let area = page(&site, "areas/sprint-planning.html");
    let facts = read(&area, ".facts div");
    assert!(
        facts.contains(
            &"Last review 5 October 2026 by Mitra Raman (EM), Priya Natarajan (PM) (every quarter; next due 5 January 2027)"
                .to_string()
        ),
        "{facts:?}"
    );
    assert_eq!(
        read(&area, "#tb-expect + dl div"),
        [
            "Priya Natarajan (PM) Propose scope from the roadmap",
            "Mitra Raman (EM) Confirm capacity, holidays and on-call included",
            "Tomás Ferreira (TL) Split the work and point out dependencies",
            // A role held by more than three people is named by its title.
            "Software Engineer (5 people) Commit to the sprint goal, or say why not",
        ]
    );

    let pm = read(&page(&site, "start-here/product-manager.html"), "ul.expected li");
    assert!(pm.contains(&"In Sprint planning you: propose scope from the roadmap".to_string()), "{pm:?}");
    assert!(pm.contains(&"In Technical scoping you: open the kick-off with the BRD and answer questions".to_string()));
    assert!(pm.iter().all(|l| !l.contains("onfirm capacity")), "only the role's own: {pm:?}");
}

#[test]
fn a_review_that_falls_due_is_listed_first_and_warned_about() {
    let site = Site::copy_of("example-team");
    let (code, err) = run_on(&site, TWO_WEEKS_LATER, &["check"]);
    assert_eq!(code, 0, "{err}");
    // Two weeks on, key results also go stale (goals' own warnings).
    let reviews: Vec<&str> = err.lines().filter(|l| !l.starts_with("warning: goals/")).collect();
    assert_eq!(
        reviews,
        [
            "warning: ownership.toml:166:12: area \"Hiring\" is due for an ownership review: last reviewed 2026-09-01, \
             every quarter (overdue by 5 days) (confirm or change who owns it with its owners, then set \
             reviewed = 2026-12-06 and reviewed_by)",
            "check passed: 0 errors, 5 warnings"
        ]
    );
    let (code, err) = run_on(&site, TWO_WEEKS_LATER, &["check", "--strict"]);
    assert_eq!(code, 1, "{err}");
    let (code, err) = run_on(&site, TWO_WEEKS_LATER, &["build"]);
    assert_eq!(code, 0, "{err}");
    // More than three areas due: one banner above the matrix, in the
    // colours of the list.
    let matrix = page(&site, "ownership/index.html");
    assert!(select(&matrix, "#tb-due").is_empty());
    assert_eq!(
        read(&matrix, ".due-banner"),
        ["4 areas are due for review: 1 overdue (Hiring) and 3 due within two weeks."]
    );
    assert_eq!(read(&matrix, ".due-banner .review-overdue"), ["1 overdue"]);
    let hiring = page(&site, "areas/hiring.html");
    assert!(read(&hiring, ".facts .review-overdue").contains(&"overdue by 5 days".to_string()));
    // The whole list has a page of its own, most urgent first.
    let all = page(&site, "ownership/due.html");
    let due = read(&all, ".due li");
    assert_eq!(due.len(), 4, "{due:?}");
    assert!(due[0].starts_with("Hiring overdue by 5 days"), "overdue first: {due:?}");
    assert!(due[1..].iter().all(|d| d.contains("due in 8 days")), "{due:?}");
    assert_eq!(read(&all, ".due .review-overdue"), ["overdue by 5 days"]);
}

#[test]
fn the_export_and_the_search_index_hold_decisions_and_reviews() {
    let site = built();
    let json = fs::read_to_string(site.path().join("public/handbook.json")).expect("handbook.json");
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let find = |list: &str, id: &str| {
        v[list].as_array().expect("array").iter().find(|x| x["id"] == id).cloned().unwrap_or_else(|| panic!("{id}"))
    };
    let d = find("decisions", "engineering-leads-scoping");
    assert_eq!(d["url"], "decisions/engineering-leads-scoping.html");
    assert_eq!(d["date"], "2025-06-02");
    assert_eq!(d["status"], "accepted");
    assert_eq!(d["areas"], serde_json::json!(["areas/technical-scoping"]));
    assert_eq!(d["projects"], serde_json::json!(["projects/ledger-migration"]));
    assert_eq!(d["driver"], "people/mitra");
    assert_eq!(d["approvers"], serde_json::json!(["roles/product-manager", "roles/engineering-manager"]));
    assert_eq!(d["supersedes"], serde_json::json!(["decisions/pm-runs-kickoffs"]));
    assert_eq!(d["review_by"], "2026-12-07");
    let old = find("decisions", "pm-runs-kickoffs");
    assert_eq!(old["superseded_by"], serde_json::json!(["decisions/engineering-leads-scoping"]));
    let hiring = find("areas", "hiring");
    assert_eq!(hiring["review_every"], "quarter");
    assert_eq!(hiring["reviewed"], "2026-09-01");
    assert_eq!(hiring["reviewed_by"], serde_json::json!(["people/mitra", "people/priya"]));
    assert_eq!(hiring["review_due"], "2026-12-01");
    assert_eq!(hiring["expect"]["roles/tech-lead"], "Run the technical interview");
    let scoping = find("areas", "technical-scoping");
    assert_eq!(
        scoping["decisions"],
        serde_json::json!(["decisions/engineering-leads-scoping", "decisions/pm-runs-kickoffs"])
    );
    assert_eq!(scoping["history"][0]["decision"], "decisions/engineering-leads-scoping");
    assert_eq!(find("projects", "flaky-tests")["decisions"], serde_json::json!(["decisions/tech-debt-budget"]));
    // Search finds a decision by a word of its text, listed as a decision.
    let docs: String = fs::read_dir(site.path().join("public/search"))
        .expect("search")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("d-"))
        .map(|e| fs::read_to_string(e.path()).expect("read"))
        .collect();
    assert!(
        docs.contains(
            "[\"A fifth of every sprint goes to tech debt\",\"decisions/tech-debt-budget.html\",\"decision\","
        ),
        "{docs}"
    );
}

#[test]
fn without_review_every_reviews_are_not_tracked_and_the_log_is_empty() {
    let site = Site::new()
        .file("roles/em.md", "+++\ntitle = \"Engineering Manager\"\n+++\n")
        .file("people/ana.md", "+++\nname = \"Ana\"\nroles = [\"em\"]\n+++\n")
        .file("ownership.toml", "[[area]]\nname = \"Hiring\"\nowners = [\"em\"]\nreviewed = 2026-01-05\n");
    site.run(&["check", "--strict"]).status(0);
    site.run(&["build"]).status(0);
    let matrix = page(&site, "ownership/index.html");
    assert!(read(&matrix, ".lead")[0].ends_with("No area is due for review."), "{:?}", read(&matrix, ".lead"));
    assert!(select(&matrix, "#tb-due").is_empty());
    // The last review still shows, without a due date.
    assert_eq!(read(&page(&site, "areas/hiring.html"), ".facts div")[1], "Last review 5 January 2026");
    assert!(read(&page(&site, "ownership/due.html"), "main p.empty")[0].starts_with("Reviews are not tracked"));
    assert_eq!(
        read(&page(&site, "decisions/index.html"), "main p.empty"),
        ["No decisions yet: write them in decisions/, one file each."]
    );
}
