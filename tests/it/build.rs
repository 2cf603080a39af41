//! `teambook build`: the real binary builds real handbooks; the HTML it
//! writes is parsed and checked (back-links, matrix, board, archive, ids,
//! links); the output folder is written safely and reproducibly.

use std::fs;

use crate::html::{crawl, files, parse, select, text, texts};
use crate::support::{Site, repo, run_in};

/// example-team built into a fresh folder.
fn built_example() -> Site {
    let site = Site::copy_of("example-team");
    site.run(&["build"]).status(0).stderr_has("built ");
    site
}

#[test]
fn every_page_of_the_handbook_is_built() {
    let site = built_example();
    let out = site.path().join("public");
    for page in [
        "index.html",
        "roles/index.html",
        "roles/engineering-manager.html",
        "start-here/engineer.html",
        "people/index.html",
        "people/mitra.html",
        "ownership/index.html",
        "ownership/changes.html",
        "areas/sprint-planning.html",
        "ceremonies/index.html",
        "ceremonies/em-pm-sync.html",
        "projects/index.html",
        "projects/search-revamp.html",
        "updates/index.html",
        "updates/2026/index.html",
        "updates/2026/2026-09-21.html",
        "onboarding/index.html",
        "onboarding/first-week.html",
        "glossary.html",
        "img/team-topology.svg",
        "assets/style.css",
        ".nojekyll",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
    // The draft is left out.
    assert!(!out.join("working-agreements/async-first.html").exists());
}

#[test]
fn person_pages_show_their_back_links() {
    let site = built_example();
    let doc = parse(&site.path().join("public/people/mitra.html"));
    // Areas by the role they come through, said once.
    assert_eq!(texts(&doc, "#tb-areas + h3"), ["As Engineering Manager"]);
    let areas = texts(&doc, "#tb-areas + h3 + ul li");
    assert!(areas.contains(&"Sprint planning owner".to_string()), "{areas:?}");
    assert!(areas.contains(&"Roadmap and priorities consulted".to_string()), "{areas:?}");
    // Owned areas come before consulted ones.
    let first_consulted = areas.iter().position(|a| a.contains("consulted")).expect("consulted");
    assert!(areas[..first_consulted].iter().all(|a| a.contains("owner")));
    // One line per meeting; facilitating it is attending it.
    let ceremonies = texts(&doc, "#tb-ceremonies + ul li");
    assert!(ceremonies.contains(&"EM / PM weekly sync facilitates".to_string()), "{ceremonies:?}");
    assert_eq!(select(&doc, "#tb-updates + ul li").len(), 7);
    // The first-week page links to her, and she keeps it: it is said once, as kept.
    assert!(texts(&doc, "#tb-pages + ul li").contains(&"Your first week".to_string()));
    assert!(!texts(&doc, ".backlinks li").iter().any(|l| l.starts_with("Your first week")));

    let tomas = parse(&site.path().join("public/people/tomas.html"));
    let projects = texts(&tomas, "#tb-projects + ul li");
    assert!(projects.contains(&"Card tokenization ENG".to_string()), "{projects:?}");
    assert!(projects.contains(&"Ledger migration BRD, as TL".to_string()), "{projects:?}");
}

#[test]
fn the_ownership_matrix_marks_owners_consulted_and_informed() {
    let site = built_example();
    let doc = parse(&site.path().join("public/ownership/index.html"));
    let header: Vec<String> = texts(&doc, ".matrix thead th");
    // Owners first: the roles that own most, then those consulted most.
    assert_eq!(header, ["Area", "PM", "EM", "TL", "Design", "SWE", "Also"]);
    let row = select(&doc, ".matrix tbody tr")
        .into_iter()
        .find(|r| text(r).starts_with("Sprint planning"))
        .expect("sprint planning row");
    let cells: Vec<String> = row.children().filter_map(scraper::ElementRef::wrap).map(|c| text(&c)).collect();
    assert_eq!(cells[1..6], ["owner O", "owner O", "consulted C", "", "informed I"]);
    // Shared, with its decision rule under the area's name.
    assert!(cells[0].contains("(shared)") && cells[0].contains("PM proposes scope"), "{}", cells[0]);
    assert_eq!(
        row.value().attr("data-who"),
        Some("role-product-manager role-engineering-manager role-tech-lead role-engineer")
    );
    let groups = texts(&doc, ".matrix tr.group");
    assert_eq!(groups, ["Product", "Planning", "Delivery", "People", "Communication"]);

    let changes = parse(&site.path().join("public/ownership/changes.html"));
    let log = texts(&changes, ".timeline li");
    assert_eq!(log.len(), 3);
    assert!(
        log[0].starts_with("1 July 2026") && log[0].contains("Release management moved from Sam Okafor"),
        "{log:?}"
    );
    assert!(log[2].starts_with("10 March 2025"), "newest first: {log:?}");
}

#[test]
fn the_board_has_a_column_per_stage_and_impact_totals() {
    let site = built_example();
    let doc = parse(&site.path().join("public/projects/index.html"));
    let stages: Vec<String> =
        select(&doc, ".column > h2").iter().map(|h| text(h).split(' ').next().unwrap_or("").to_string()).collect();
    assert_eq!(stages, ["Backlog", "Design", "BRD", "Ready", "ENG", "QA", "Release", "Analyze"]);
    let eng = select(&doc, ".column").into_iter().nth(4).expect("ENG column");
    let cards: Vec<String> =
        eng.select(&scraper::Selector::parse(".card h3").expect("css")).map(|h| text(&h)).collect();
    assert_eq!(cards, ["Card tokenization", "Search revamp"]);
    let totals: Vec<String> =
        eng.select(&scraper::Selector::parse(".totals li").expect("css")).map(|d| text(&d)).collect();
    // The column adds up the figures its cards show, and only those.
    assert_eq!(totals, ["10/year audit days saved", "40/month eng hours saved"]);
    // The card's headline figure reads like a phrase, with its owners' names.
    let backlog = select(&doc, ".column").into_iter().next().expect("Backlog column");
    let card = text(&backlog.select(&scraper::Selector::parse(".card").expect("css")).next().expect("card"));
    assert!(card.contains("Priya Natarajan (PM)") && card.contains("$250k/year revenue"), "{card}");
    // An empty stage is drawn narrow.
    let ready = select(&doc, ".column").into_iter().nth(3).expect("Ready column");
    assert!(ready.value().classes().any(|c| c == "empty"));
}

#[test]
fn the_archive_is_newest_first_with_previous_and_next() {
    let site = built_example();
    let doc = parse(&site.path().join("public/updates/2026/index.html"));
    let months = texts(&doc, "main section h2");
    assert_eq!(months, ["November 2026", "October 2026", "September 2026", "August 2026"]);
    let titles: Vec<String> = select(&doc, "main section li > a").iter().map(text).collect();
    assert_eq!(titles.first().map(String::as_str), Some("Week of 23 Nov 2026"));
    assert_eq!(titles.last().map(String::as_str), Some("Week of 31 Aug 2026"));
    assert_eq!(titles.len(), 13);

    let update = parse(&site.path().join("public/updates/2026/2026-09-21.html"));
    let older = select(&update, "a[rel=prev]");
    let newer = select(&update, "a[rel=next]");
    assert_eq!(older[0].value().attr("href"), Some("../../updates/2026/2026-09-14.html"));
    assert_eq!(newer[0].value().attr("href"), Some("../../updates/2026/2026-09-28.html"));
}

#[test]
fn ceremonies_show_the_week_and_who_facilitates() {
    let site = built_example();
    let doc = parse(&site.path().join("public/ceremonies/index.html"));
    // SOURCE_DATE_EPOCH is 2026-11-23 00:00 UTC: Sunday 22 November in New
    // York, so the week of 16 November; the reader's browser marks today.
    let days: Vec<String> =
        select(&doc, ".week .day").iter().map(|d| d.value().attr("data-date").unwrap_or("").to_string()).collect();
    assert_eq!(days.first().map(String::as_str), Some("2026-11-16"));
    assert_eq!(days.len(), 7);
    assert!(select(&doc, ".week .today").is_empty(), "today is the reader's, marked by script");
    let monday = texts(&doc, ".week .day:first-of-type .block");
    assert_eq!(monday[0].replace(" –", "–"), "09:30–09:45 Daily stand-up led by Aisha Bello (SWE)");
    // The empty weekend is drawn narrow.
    assert_eq!(select(&doc, ".week .day.collapsed").len(), 2);
    let shares = texts(&doc, ".shares li .share-who");
    assert!(shares.iter().any(|r| r.starts_with("Engineering Manager")), "{shares:?}");
    let total: f64 = texts(&doc, ".shares .share-figures strong")
        .iter()
        .map(|t| t.trim_end_matches('%').trim().parse::<f64>().expect("percent"))
        .sum();
    assert!((total - 100.0).abs() < 0.5, "{total}");
    let split = texts(&doc, ".split figcaption");
    assert!(split[0].contains("Engineering Manager leads") && split[0].contains("Product Manager"), "{split:?}");

    let sync = parse(&site.path().join("public/ceremonies/em-pm-sync.html"));
    let next = texts(&sync, "#tb-next + table tbody tr");
    assert_eq!(next.len(), 6);
    assert!(next[0].starts_with("Mon 23 Nov 10:00–10:45"), "{next:?}");
}

#[test]
fn markdown_features_and_unique_heading_ids() {
    let site = Site::new()
        .file("roles/engineer.md", "+++\ntitle = \"Engineer\"\n+++\n")
        .file("people/ana.md", "+++\nname = \"Ana\"\nroles = [\"engineer\"]\n+++\n")
        .file(
            "pages/guide.md",
            "# Guide\n\n## Setup\n\n## Setup\n\n## Notes {#custom}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~old~~ text[^1]\n\n[^1]: A footnote.\n\n```rust\nfn main() {}\n```\n\nSee [[ana]], [[ana|our engineer]] and [setup](#setup-1).\n",
        );
    site.run(&["build"]).status(0);
    let doc = parse(&site.path().join("public/guide.html"));
    let ids: Vec<&str> = select(&doc, "main h2[id]").iter().filter_map(|h| h.value().attr("id")).collect();
    assert_eq!(ids, ["setup", "setup-1", "custom"]);
    assert_eq!(select(&doc, "main h1").len(), 1, "the body's own h1 only");
    assert_eq!(select(&doc, "table td").len(), 2);
    assert_eq!(select(&doc, "input[type=checkbox]").len(), 2);
    assert_eq!(select(&doc, "del").len(), 1);
    assert_eq!(select(&doc, ".footnote-definition").len(), 1);
    assert_eq!(select(&doc, "code.language-rust").len(), 1);
    let links: Vec<(String, String)> = select(&doc, "article a")
        .iter()
        .filter(|a| !a.value().attr("href").unwrap_or("").starts_with("#fn"))
        .map(|a| (text(a), a.value().attr("href").unwrap_or("").to_string()))
        .collect();
    assert!(links.contains(&("Ana".into(), "people/ana.html".into())), "{links:?}");
    assert!(links.contains(&("our engineer".into(), "people/ana.html".into())), "{links:?}");
    assert!(links.contains(&("setup".into(), "#setup-1".into())), "{links:?}");
}

#[test]
fn every_id_on_every_page_is_unique_and_every_link_resolves() {
    let site = built_example();
    let out = site.path().join("public");
    for (path, bytes) in files(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        let doc = scraper::Html::parse_document(&String::from_utf8(bytes).expect("utf-8"));
        let mut ids: Vec<&str> = select(&doc, "[id]").iter().filter_map(|e| e.value().attr("id")).collect();
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count, "duplicate ids in {path}");
    }
    let (problems, followed) = crawl(&out);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(followed > 1000, "followed only {followed} links");
}

#[test]
fn pages_past_their_review_date_show_a_banner() {
    let site = Site::new()
        .file("pages/old.md", "+++\ntitle = \"Old\"\nreview_by = 2026-01-01\n+++\nText.\n")
        .file("pages/fresh.md", "+++\ntitle = \"Fresh\"\nreview_by = 2027-01-01\n+++\nText.\n");
    site.run(&["build"]).status(0).stderr_has("warning: pages/old.md:3:13");
    let old = parse(&site.path().join("public/old.html"));
    assert_eq!(texts(&old, ".banner"), ["This page needs review: it was due on 1 January 2026."]);
    assert!(select(&parse(&site.path().join("public/fresh.html")), ".banner").is_empty());
}

#[test]
fn builds_are_reproducible() {
    let site = Site::copy_of("example-team");
    site.run(&["build", "-o", "one"]).status(0);
    site.run(&["build", "-o", "two"]).status(0);
    let one = files(&site.path().join("one"));
    let two = files(&site.path().join("two"));
    assert!(one.len() > 80);
    assert!(one == two, "the two builds differ");
}

#[test]
fn a_site_template_overrides_one_block_of_the_built_in_one() {
    let site = Site::copy_of("example-team").file(
        "templates/person.html",
        "{% extends \"teambook/person.html\" %}{% block footer %}<p class=\"custom\">Custom footer for {{ page.name }}</p>{% endblock footer %}",
    );
    site.run(&["build"]).status(0);
    let doc = parse(&site.path().join("public/people/mitra.html"));
    assert_eq!(texts(&doc, ".custom"), ["Custom footer for Mitra Raman"]);
    assert_eq!(select(&doc, "#tb-areas").len(), 1, "the rest of the page is the built-in one");
    let role = parse(&site.path().join("public/roles/engineer.html"));
    assert!(select(&role, ".custom").is_empty());
}

#[test]
fn template_errors_name_the_template_and_the_page() {
    let site = Site::new()
        .file("roles/engineer.md", "+++\ntitle = \"Engineer\"\n+++\n")
        .file("people/ana.md", "+++\nname = \"Ana\"\nroles = [\"engineer\"]\n+++\n")
        .file(
            "templates/person.html",
            "{% extends \"base.html\" %}\n{% block main %}\n{{ page.no_such_field.x }}\n{% endblock main %}\n",
        );
    let err = site.run(&["build"]).status(1).stderr();
    assert!(err.contains("error: templates/person.html:3:"), "{err}");
    assert!(err.contains("(while rendering people/ana.html)"), "{err}");
    let broken = Site::new().file("templates/page.html", "{% if %}\n").file("templates/role.html", "{{ unclosed\n");
    let err = broken.run(&["build"]).status(1).stderr();
    assert!(err.contains("error: templates/page.html:1:"), "{err}");
    assert!(err.contains("error: templates/role.html:1:"), "{err}");
}

#[test]
fn the_output_folder_is_refused_when_unsafe() {
    let site = Site::copy_of("example-team");
    site.run(&["build", "-o", "."]).status(2).stderr_has("is the handbook itself");
    site.run(&["build", "-o", ".."]).status(2).stderr_has("contains the handbook");
    site.run(&["build", "-o", "pages/out"]).status(2).stderr_has("inside the handbook's content");
    let foreign = site.path().join("mine");
    fs::create_dir_all(&foreign).expect("mkdir");
    fs::write(foreign.join("notes.txt"), "keep me").expect("write");
    site.run(&["build", "-o", "mine"]).status(2).stderr_has("holds files teambook did not write (notes.txt)");
    assert_eq!(fs::read_to_string(foreign.join("notes.txt")).expect("kept"), "keep me");
    assert_eq!(fs::read_dir(&foreign).expect("dir").count(), 1);
}

#[test]
fn a_failed_build_leaves_the_previous_output_as_it_was() {
    let site = Site::copy_of("example-team");
    site.run(&["build"]).status(0);
    let before = files(&site.path().join("public"));
    let site = site.file("people/mitra.md", "+++\nname = \"Mitra\"\nroles = [\"no-such-role\"]\n+++\n");
    site.run(&["build"]).status(1).stderr_has("previous output is untouched");
    assert!(before == files(&site.path().join("public")));
}

#[test]
fn a_gh_pages_worktree_keeps_git_and_cname() {
    let site = Site::copy_of("example-team");
    let out = site.path().join("public");
    fs::create_dir_all(out.join(".git/objects")).expect("mkdir");
    fs::write(out.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").expect("write");
    fs::write(out.join("CNAME"), "handbook.acme.example\n").expect("write");
    site.run(&["build"]).status(0);
    site.run(&["build"]).status(0);
    assert_eq!(fs::read_to_string(out.join(".git/HEAD")).expect("HEAD"), "ref: refs/heads/gh-pages\n");
    assert_eq!(fs::read_to_string(out.join("CNAME")).expect("CNAME"), "handbook.acme.example\n");
    assert!(out.join("index.html").is_file());
    // No staging or old folders are left behind.
    let leftovers: Vec<_> = fs::read_dir(site.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".teambook-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_removed_page_disappears_from_the_output() {
    let site = Site::copy_of("example-team");
    site.run(&["build"]).status(0);
    assert!(site.path().join("public/glossary.html").is_file());
    fs::remove_file(site.path().join("pages/glossary.md")).expect("rm");
    site.run(&["build"]).status(0);
    assert!(!site.path().join("public/glossary.html").exists());
}

#[test]
fn builds_from_the_repository_root_too() {
    let out = tempfile::tempdir().expect("tmp");
    let target = out.path().join("site");
    run_in(&repo(), &["build", "example-team", "-o", target.to_str().expect("utf-8")]).status(0);
    assert!(target.join("index.html").is_file());
}

/// A handbook far bigger than a team: 230 of everything.
fn crowded() -> Site {
    let mut site = Site::new()
        .file("teambook.toml", "title = \"Crowd\"\ntimezone = \"UTC\"\n[board]\nstages = [\"Backlog\", \"Building\"]\n")
        .file("roles/engineer.md", "+++\ntitle = \"Engineer\"\n+++\n");
    // Never reviewed: every area is due.
    let mut ownership = String::from("review_every = \"quarter\"\n");
    for i in 0..110 {
        site = site.file(&format!("roles/r{i:03}.md"), &format!("+++\ntitle = \"Role {i}\"\n+++\n")).file(
            &format!("ceremonies/c{i:03}.md"),
            &format!("+++\ntitle = \"Meeting {i}\"\ncadence = \"weekly\"\ndays = [\"tue\"]\ntime = \"10:00\"\nduration = \"30m\"\nstart = 2026-01-06\nfacilitators = [\"r{i:03}\"]\n+++\n"),
        );
    }
    for i in 0..230 {
        let left = if i < 30 { "left = 2026-01-01\n" } else { "" };
        site = site
            .file(
                &format!("people/p{i:03}.md"),
                &format!("+++\nname = \"Person {i}\"\nroles = [\"engineer\"]\n{left}+++\n"),
            )
            .file(
                &format!("projects/x{i:03}.md"),
                &format!(
                    "+++\ntitle = \"Project {i}\"\nstage = \"{}\"\n[impact]\nhours = 1\n+++\n",
                    ["Backlog", "Building"][i % 2]
                ),
            );
        site = site.file(
            &format!("decisions/d{i:03}.md"),
            &format!(
                "+++\ntitle = \"Decision {i}\"\ndate = 2026-01-{:02}\nstatus = \"accepted\"\nareas = [\"area-{i}\"]\napprovers = [\"engineer\"]\n+++\n",
                i % 28 + 1
            ),
        );
        let group = ["Product", "Delivery", "People"][i % 3];
        ownership.push_str(&format!(
            "[[area]]\nname = \"Area {i}\"\ngroup = \"{group}\"\nowners = [\"engineer\"]\n[[area.history]]\ndate = 2026-01-{:02}\nfrom = [\"engineer\"]\nto = [\"engineer\"]\n",
            i % 28 + 1
        ));
    }
    site.file("ownership.toml", &ownership)
}

#[test]
fn long_lists_are_split_into_pages_that_link_up() {
    let site = crowded();
    site.run(&["build"]).status(0);
    let out = site.path().join("public");
    // (first page, later pages, rows per page)
    for (first, later, rows) in [
        (
            "ownership/index.html",
            ["ownership/page-2.html", "ownership/page-3.html"],
            "table.matrix tbody tr:not(.group)",
        ),
        ("projects/index.html", ["projects/page-2.html", "projects/page-3.html"], ".card"),
        ("ownership/changes.html", ["ownership/changes-2.html", "ownership/changes-3.html"], ".timeline li"),
        ("decisions/index.html", ["decisions/page-2.html", "decisions/page-3.html"], ".log > li"),
        ("ownership/due.html", ["ownership/due-2.html", "ownership/due-3.html"], ".due li"),
    ] {
        let mut seen = Vec::new();
        let pages: Vec<&str> = std::iter::once(first).chain(later).collect();
        for (k, page) in pages.iter().enumerate() {
            let doc = parse(&out.join(page));
            let count = select(&doc, rows).len();
            assert!(count <= 100, "{page}: {count} rows");
            seen.push(count);
            let next: Vec<String> = select(&doc, "nav.pager a[rel=next]")
                .iter()
                .map(|a| a.attr("href").unwrap_or("").to_string())
                .collect();
            let prev = select(&doc, "nav.pager a[rel=prev]").len();
            assert_eq!(next.len(), usize::from(k + 1 < pages.len()), "{page}");
            assert_eq!(prev, usize::from(k > 0), "{page}");
            assert!(texts(&doc, "nav.pager span").contains(&format!("Page {} of 3", k + 1)), "{page}");
        }
        assert_eq!(seen.iter().sum::<usize>(), 230, "{first}: {seen:?}");
        let fourth = first.replace("index", "page-4").replace("changes.html", "changes-4.html");
        assert!(!out.join(fourth.replace("due.html", "due-4.html")).exists());
    }
    // Two pages of people (200 current), alumni spread over them; the
    // board's counts and totals are the whole stage's on every page.
    assert!(out.join("people/page-2.html").is_file() && !out.join("people/page-3.html").exists());
    for list in ["roles", "ceremonies"] {
        assert!(out.join(format!("{list}/page-2.html")).is_file() && !out.join(format!("{list}/page-3.html")).exists());
    }
    let week = parse(&out.join("ceremonies/page-2.html"));
    assert_eq!(select(&week, ".week .block").len(), 10, "the week of the 10 ceremonies listed there");
    let home = parse(&out.join("index.html"));
    assert_eq!(select(&home, ".cards .card").len(), 12);
    assert!(texts(&home, "main p").iter().any(|t| t.contains("All roles (99 more)")), "{:?}", texts(&home, "main p"));
    let board = parse(&out.join("projects/page-3.html"));
    assert!(
        texts(&board, ".column h2 .count").iter().all(|c| c.contains("115 projects")),
        "{:?}",
        texts(&board, ".column h2 .count")
    );
    // So many areas due for review are one banner above the matrix that
    // leads to their list; the log's areas are those of its page.
    let matrix = parse(&out.join("ownership/index.html"));
    assert!(select(&matrix, "#tb-due").is_empty());
    assert_eq!(texts(&matrix, ".due-banner strong a"), ["230 areas are due for review"]);
    assert_eq!(select(&parse(&out.join("decisions/page-3.html")), ".by-area a").len(), 30);
    let (problems, _) = crawl(&out);
    assert!(problems.is_empty(), "{problems:?}");
    // A free page cannot take the address of a later page: a folder named
    // like one of teambook's sections is published under pages/.
    let clash = site.file("pages/people/page-2.md", "# Mine\n");
    clash.run(&["check"]).status(0).stderr_has("folder pages/people/ is published at pages/people/ of the site");
}

#[test]
fn an_entity_page_shows_the_first_of_a_long_list_and_links_to_all_of_it() {
    let site = crowded();
    site.run(&["build"]).status(0);
    let out = site.path().join("public");
    let role = parse(&out.join("roles/engineer.html"));
    // 200 current holders and 230 areas: twenty of each, and a link to the rest.
    let more: Vec<(String, String)> = select(&role, "p.more a")
        .iter()
        .map(|a| (text(a), a.value().attr("href").unwrap_or_default().to_string()))
        .collect();
    assert!(more.contains(&("All 200 people".into(), "../lists/roles/engineer/people.html".into())), "{more:?}");
    assert!(more.contains(&("All 230 areas".into(), "../lists/roles/engineer/areas.html".into())), "{more:?}");
    assert_eq!(select(&role, "#tb-owns + ul.items li").len(), 20);
    // The whole list, a hundred a page, every area once.
    let mut areas = Vec::new();
    for page in ["areas.html", "areas-2.html", "areas-3.html"] {
        let doc = parse(&out.join("lists/roles/engineer").join(page));
        areas.extend(texts(&doc, "main ul.items li a"));
        assert!(texts(&doc, "h1").contains(&"Engineer: all areas".to_string()), "{page}");
    }
    assert!(!out.join("lists/roles/engineer/areas-4.html").exists());
    areas.sort();
    areas.dedup();
    assert_eq!(areas.len(), 230);
    // Short lists have no pages of their own.
    assert!(!out.join("lists/roles/r000").exists());
}

#[test]
fn the_navigation_shows_the_first_top_level_pages_and_the_index_all_of_them() {
    let mut site = Site::new();
    for p in 0..14 {
        site = site.file(&format!("pages/p{p:02}.md"), &format!("+++\ntitle = \"Page {p:02}\"\n+++\nText.\n"));
    }
    let site = site.file("pages/guides/_index.md", "# Guides\n").file("pages/guides/one.md", "# One\n");
    site.run(&["build"]).status(0);
    let out = site.path().join("public");
    let home = parse(&out.join("index.html"));
    let nav = texts(&home, "nav.site-nav a");
    // Home, the nine indexes (roles to updates), ten pages, and all pages.
    assert_eq!(nav.len(), 10 + 10 + 1, "{nav:?}");
    assert_eq!(nav.last().map(String::as_str), Some("All pages"));
    assert!(nav.contains(&"Guides".to_string()) && !nav.contains(&"Page 13".to_string()), "{nav:?}");
    let index = parse(&out.join("pages/index.html"));
    let listed = texts(&index, "main ul.items li a");
    assert_eq!(listed.len(), 14 + 2, "{listed:?}");
    assert!(texts(&index, "main h2").contains(&"Guides".to_string()));
}

#[test]
fn the_index_of_pages_ends_with_the_last_page_listed() {
    // 100 pages and the home page's own text: one page of the index, full.
    let mut site = Site::new().file("pages/index.md", "# Welcome\n\nThe team's handbook.\n");
    for p in 0..100 {
        site = site.file(&format!("pages/p{p:03}.md"), &format!("# Page {p}\n"));
    }
    site.run(&["build"]).status(0);
    let out = site.path().join("public");
    assert_eq!(select(&parse(&out.join("pages/index.html")), "main ul.items li").len(), 100);
    assert!(!out.join("pages/page-2.html").exists());
}

/// `static/.well-known/` (RFC 8615: security.txt, ...) is published; other
/// hidden files and folders, and hidden files inside it, are not.
#[test]
fn the_well_known_folder_is_published_and_other_hidden_files_are_not() {
    let site = Site::new()
        .file("static/.well-known/security.txt", "Contact: mailto:security@example.com\n")
        .file("static/.well-known/pki-validation/token.txt", "token")
        .file("static/.well-known/.DS_Store", "x")
        .file("static/.env", "SECRET=1")
        .file("static/.git/config", "x")
        .file("static/img/.well-known/x.txt", "x")
        .file("static/img/logo.txt", "logo");
    site.run(&["build", "--strict"]).status(0);
    let out = site.path().join("public");
    let published = fs::read_to_string(out.join(".well-known/security.txt")).expect("security.txt published");
    assert_eq!(published, "Contact: mailto:security@example.com\n");
    assert!(out.join(".well-known/pki-validation/token.txt").is_file());
    assert!(out.join("img/logo.txt").is_file());
    for hidden in [".well-known/.DS_Store", ".env", ".git/config", "img/.well-known/x.txt"] {
        assert!(!out.join(hidden).exists(), "{hidden} was published");
    }
    let manifest = fs::read_to_string(out.join(".teambook-manifest")).expect("manifest");
    assert!(manifest.lines().any(|l| l == ".well-known/security.txt"), "{manifest}");
    // A second build replaces it like any other file it wrote.
    site.run(&["build"]).status(0);
    assert!(out.join(".well-known/security.txt").is_file());
}
