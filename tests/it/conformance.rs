//! The built example-team, and a handbook of 25 roles
//! (`tests/fixtures/many-roles`), against outside judges: every HTML file
//! through the Nu HTML Checker (npm `vnu-jar`, run with the machine's Java),
//! and the main pages, served under their sub-path, in headless chromium: no
//! console errors, and no axe-core violation in light or dark mode. `.ci/run` installs the tools (`npm ci` in tests/tools, Java,
//! chromium); outside CI a machine without them skips these tests, loudly.

use std::process::Command;

use crate::serve::Server;
use crate::support::{Site, npm_tool, repo, run_in};

#[test]
fn every_html_file_is_valid() {
    let Some(vnu) = npm_tool("vnu-jar/build/dist/vnu.jar") else { return };
    let out = tempfile::tempdir().expect("tmp");
    let site = out.path().join("site");
    let fixture = out.path().join("many-roles");
    run_in(&repo(), &["build", "example-team", "-o", site.to_str().expect("utf-8")]).status(0);
    run_in(&repo(), &["build", "tests/fixtures/many-roles", "-o", fixture.to_str().expect("utf-8")]).status(0);
    let run = Command::new("java")
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--skip-non-html"])
        .arg(&site)
        .arg(&fixture)
        .output()
        .expect("java (.ci/run installs it)");
    let report = String::from_utf8_lossy(&run.stderr);
    let files = walkdir::WalkDir::new(&site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    assert!(files > 50, "only {files} HTML files");
    assert!(run.status.success() && report.trim().is_empty(), "the Nu HTML Checker found errors:\n{report}");
}

/// The pages a newcomer reads first, one of each kind.
const MAIN_PAGES: [&str; 29] = [
    "",
    "roles/index.html",
    "roles/engineering-manager.html",
    "start-here/engineer.html",
    "people/index.html",
    "people/mitra.html",
    "ownership/index.html",
    "ownership/changes.html",
    "areas/sprint-planning.html",
    "ownership/due.html",
    "decisions/index.html",
    "decisions/engineering-leads-scoping.html",
    "ceremonies/index.html",
    "ceremonies/daily-standup.html",
    "projects/index.html",
    "projects/ledger-migration.html",
    // A project with a timeline, a slipped target and a health strip.
    "projects/card-tokenization.html",
    "goals/index.html",
    "goals/2026-Q3/index.html",
    "goals/2026-q4-merchants-self-serve.html",
    "updates/index.html",
    "updates/2026/index.html",
    "updates/2026/2026-11-23.html",
    "onboarding/dev-environment.html",
    "glossary.html",
    "pages/index.html",
    "start-here/product-manager.html",
    "people/sam.html",
    "404.html",
];

/// The views that grow with the team, in the handbook of 25 roles.
const CROWDED_PAGES: [&str; 6] = [
    "",
    "ownership/index.html",
    "projects/index.html",
    "ceremonies/index.html",
    "people/index.html",
    "start-here/engineering-manager.html",
];

/// Console errors, uncaught exceptions and failed loads among `events`.
fn errors_in(events: &[serde_json::Value]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e["method"].as_str()? {
            "Runtime.exceptionThrown" => Some(format!("exception: {}", e["params"]["exceptionDetails"])),
            "Runtime.consoleAPICalled" if e["params"]["type"] == "error" => {
                Some(format!("console.error: {}", e["params"]["args"]))
            }
            "Log.entryAdded" if e["params"]["entry"]["level"] == "error" => {
                Some(format!("{}: {}", e["params"]["entry"]["url"], e["params"]["entry"]["text"]))
            }
            _ => None,
        })
        .collect()
}

const AXE_RUN: &str = "axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations \
    .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', ')))";

#[test]
fn main_pages_load_without_errors_and_pass_axe_in_light_and_dark() {
    let Some(axe) = npm_tool("axe-core/axe.min.js") else { return };
    let axe_source = std::fs::read_to_string(axe).expect("axe");
    let mut problems = Vec::new();
    for (rel, pages) in [("example-team", &MAIN_PAGES[..]), ("tests/fixtures/many-roles", &CROWDED_PAGES[..])] {
        let site = Site::copy_of(rel);
        let server = Server::start(&site, &[]);
        let url = |page: &str| format!("http://127.0.0.1:{}{}{page}", server.port, server.base);
        let Some(mut browser) = crate::cdp::Browser::open(&url("")) else { return };
        browser.call("Runtime.enable", serde_json::json!({}));
        browser.call("Log.enable", serde_json::json!({}));
        for scheme in ["light", "dark"] {
            let media = serde_json::json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] });
            browser.call("Emulation.setEmulatedMedia", media);
            for page in pages {
                browser.events.clear();
                browser.goto(&url(page));
                browser.eval(&axe_source);
                let violations = browser.eval(AXE_RUN);
                let violations = violations.as_array().cloned().unwrap_or_default();
                assert!(browser.eval("typeof axe") == "object", "axe did not load on {page}");
                let at = format!("{rel} {scheme} /{page}");
                problems.extend(violations.iter().map(|v| format!("{at}: {}", v.as_str().unwrap_or("?"))));
                problems.extend(errors_in(&browser.events).into_iter().map(|e| format!("{at}: {e}")));
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
