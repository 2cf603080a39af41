//! A handbook as teams already have it drops into `pages/`: folder pages
//! (`README.md`, `index.md`, `_index.md`, or one made for the folder),
//! files beside pages, links to folders, aliases from other generators as
//! redirect pages, and the Markdown handbooks use.

use std::fs;

use crate::html::{crawl, parse, select, texts};
use crate::serve::Server;
use crate::support::Site;

fn built_docs() -> Site {
    let site = Site::copy_of("tests/fixtures/github-docs");
    site.run(&["build", "--strict", "-o", "public"]).status(0);
    site
}

#[test]
fn a_docs_folder_as_github_shows_it_checks_clean_and_every_link_resolves() {
    let site = Site::copy_of("tests/fixtures/github-docs");
    site.run(&["check", "--strict"]).status(0).stderr_has("check passed: 0 errors, 0 warnings");
    let site = built_docs();
    let out = site.path().join("public");
    let (problems, followed) = crawl(&out);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(followed > 200, "followed only {followed} links");
    // Folder pages: README.md and index.md are their folder's page; a
    // folder without one gets a page listing what it holds.
    let onboarding = parse(&out.join("onboarding/index.html"));
    assert_eq!(texts(&onboarding, "h1"), ["Onboarding"]);
    let runbooks = parse(&out.join("runbooks/index.html"));
    assert_eq!(texts(&runbooks, "h1"), ["Runbooks"]);
    let listed = texts(&runbooks, "main a");
    assert!(listed.contains(&"Deploy".to_string()) && listed.contains(&"Roll back".to_string()), "{listed:?}");
    assert_eq!(texts(&parse(&out.join("tools/index.html")), "h1"), ["Tools we use"]);
    // The top README is the home page's text, under its own heading.
    let home = parse(&out.join("index.html"));
    assert_eq!(texts(&home, "h1"), ["Platform team docs"]);
    assert!(texts(&home, ".intro a").contains(&"runbooks".to_string()));
    // Files beside pages are published beside them, and linked there.
    for file in [
        "onboarding/architecture.svg",
        "onboarding/welcome.svg",
        "runbooks/checklist.pdf",
        "updates/2026/build-times.svg",
    ] {
        assert_eq!(
            fs::read(out.join(file)).expect(file),
            fs::read(site.path().join(if file.starts_with("updates/") {
                file.to_string()
            } else {
                format!("pages/{file}")
            }))
            .expect("source")
        );
    }
    let first_day = parse(&out.join("onboarding/first-day.html"));
    let srcs: Vec<_> =
        select(&first_day, "main img").iter().filter_map(|i| i.value().attr("src").map(str::to_string)).collect();
    assert_eq!(srcs, ["../onboarding/architecture.svg"]);
    // GitHub alerts say what they are, definition lists and <details> stay.
    assert_eq!(texts(&first_day, ".alert-title"), ["Note", "Warning"]);
    assert_eq!(select(&first_day, "details summary").len(), 1);
    let glossary = parse(&out.join("glossary.html"));
    assert_eq!(texts(&glossary, "dt"), ["SLO", "Toil"]);
}

#[test]
fn aliases_become_redirect_pages_that_work_without_javascript() {
    let site = built_docs();
    let out = site.path().join("public");
    for (alias, up) in [("runbooks/undo/index.html", "../../"), ("runbooks/revert.html", "../")] {
        let page = fs::read_to_string(out.join(alias)).expect(alias);
        let target = format!("{up}runbooks/rollback.html");
        assert!(page.contains(&format!("<meta http-equiv=\"refresh\" content=\"0; url={target}\">")), "{page}");
        assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{target}\">")), "{page}");
        assert!(page.contains(&format!("<a href=\"{target}\">Roll back</a>")), "{page}");
    }
    // With the site's address known, the canonical link is absolute.
    let site = Site::copy_of("tests/fixtures/github-docs");
    site.run(&["build", "-o", "public", "--base-url", "https://acme.github.io/platform/"]).status(0);
    let page = fs::read_to_string(site.path().join("public/runbooks/revert.html")).expect("revert.html");
    assert!(page.contains("href=\"https://acme.github.io/platform/runbooks/rollback.html\""), "{page}");
}

#[test]
fn serve_serves_redirects_and_files_beside_pages() {
    let site = Site::copy_of("tests/fixtures/github-docs");
    let mut server = Server::start(&site, &[]);
    let reply = server.page("runbooks/undo/");
    assert_eq!(reply.status, 200);
    assert!(String::from_utf8_lossy(&reply.bytes).contains("url=../../runbooks/rollback.html"));
    assert_eq!(server.page("runbooks/checklist.pdf").status, 200);
    // A new alias is served after a save; a removed one is gone.
    let rollback = site.path().join("pages/runbooks/rollback.md");
    let text = fs::read_to_string(&rollback).expect("read").replace("revert.html", "oops.html");
    fs::write(&rollback, text).expect("write");
    server.until("runbooks/oops.html", std::time::Duration::from_secs(20), |r| r.status == 200);
    assert_eq!(server.page("runbooks/revert.html").status, 404);
    let _ = server.drain();
}

#[test]
fn a_folder_with_two_pages_of_its_own_is_one_error() {
    let site = Site::new()
        .file("pages/tools/index.md", "# Tools\n")
        .file("pages/tools/README.md", "# Tools, as GitHub shows them\n")
        .file("pages/tools/ci.md", "# CI\n\nBack to [tools](./).\n");
    let err = site.run(&["check"]).status(1).stderr();
    assert_eq!(
        err,
        "error: pages/tools/README.md:1:1: pages/tools/ has two pages of its own: pages/tools/index.md and this one \
         (a folder's page is its _index.md, index.md or README.md, one of them: merge this text into pages/tools/index.md, or rename this file)\n\
         check failed: 1 error, 0 warnings\n"
    );
}

#[test]
fn links_written_for_other_generators_get_the_link_that_works_here() {
    let site = Site::new()
        .file("pages/travel/leave.md", "---\ntitle: Leave\nredirect_from: [/leave-policy/]\n---\nText.\n")
        .file(
            "pages/guide.md",
            "# Guide\n\nSee [leave]({{ site.baseurl }}/travel/leave/), [the policy](/leave-policy/) and [nothing](/nowhere/).\n",
        )
        .file("pages/more.md", "[leave]({% link travel/leave.md %})\n");
    let err = site.run(&["check"]).status(1).stderr();
    for want in [
        "error: pages/guide.md:3:5: link to \"{{ site.baseurl }}/travel/leave/\" uses a template tag of another site generator (teambook does not run template tags; it points at travel/leave/: write [..](travel/leave.md) instead)",
        // From the root, read from pages/ (issue 31): nothing there is a broken link.
        "error: pages/guide.md:3:81: broken link: pages/nowhere does not exist",
        "error: pages/more.md:1:1: link to \"{% link travel/leave.md %}\" uses a template tag of another site generator",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    // An old address a page claims (`/leave-policy/`) leads to that page.
    assert!(!err.contains("leave-policy"), "{err}");
}

#[test]
fn aliases_that_name_no_page_or_collide_are_errors() {
    let site = Site::new()
        .file("pages/a.md", "---\ntitle: A\naliases: [\"/b.html\", \"../../../up\"]\n---\n")
        .file("pages/b.md", "# B\n")
        .file("pages/c.md", "+++\naliases = [\"/old/\"]\n+++\n# C\n")
        .file("pages/d.md", "+++\naliases = [\"/old/\"]\n+++\n# D\n");
    let err = site.run(&["check"]).status(1).stderr();
    for want in [
        "error: pages/a.md:3:11: alias \"/b.html\" would be written at b.html, which pages/b.md writes",
        "error: pages/a.md:3:22: alias \"../../../up\" names no page of the site",
        "error: pages/d.md:2:12: alias \"/old/\" would be written at old/index.html, which the alias \"/old/\" of pages/c.md writes",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
}

#[test]
fn a_readme_in_a_content_folder_is_not_an_entity() {
    let site = Site::new().file("roles/README.md", "# About roles\n");
    site.run(&["check"]).status(0).stderr_has(
        "warning: roles/README.md:1:1: file ignored (a README in roles/ is not one of its entities; put what it says in a page under pages/, which publishes it)",
    );
}

#[test]
fn a_missing_image_beside_a_page_names_what_is_there() {
    let site = Site::new()
        .file("pages/guide.md", "![The flow](flow.svg)\n")
        .file("pages/flows.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site.run(&["check"]).status(1).stderr_has(
        "error: pages/guide.md:1:1: broken image: pages/flow.svg does not exist (did you mean pages/flows.svg?)",
    );
}
