//! The views in a real browser (headless chromium, pages opened from disk):
//! no page of example-team, nor of a handbook of 25 roles
//! (`tests/fixtures/many-roles`), is wider than the screen at 390 and
//! 1280 px; the board's stages are columns of one width; the week grid's
//! blocks are as tall as their meetings are long; search finds joined and
//! hyphenated forms and forgives a typo, leaves common words out, marks what
//! it found and says "did you mean" when it finds nothing.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::cdp::Browser;
use crate::support::Site;

/// A handbook of the repository, built; the site's folder is `public/` in it.
pub fn built(rel: &str) -> (Site, PathBuf) {
    let site = Site::copy_of(rel);
    site.run(&["build"]).status(0);
    let public = site.path().join("public");
    (site, public)
}

/// Every page of a built site, by path from its root.
fn pages(public: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter_map(|e| e.path().strip_prefix(public).ok().map(|p| p.to_string_lossy().into_owned()))
        .collect();
    out.sort();
    out
}

pub fn url(public: &Path, page: &str) -> String {
    format!("file://{}/{page}", public.display())
}

/// The browser as a phone (390 px, a touch screen) or a laptop (1280 px).
pub fn screen(browser: &mut Browser, width: u32) {
    let metrics = serde_json::json!({
        "width": width, "height": if width < 800 { 844 } else { 900 },
        "deviceScaleFactor": 1, "mobile": width < 800
    });
    browser.call("Emulation.setDeviceMetricsOverride", metrics);
}

/// How far a page is wider than the screen, and what sticks out most that
/// nothing scrolls or clips ("" when the page fits).
const OVERFLOW: &str = "(() => { const w = document.documentElement.clientWidth; \
    const over = document.documentElement.scrollWidth - w; if (over <= 0) return ''; \
    const clipped = el => { for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) \
      { if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; }; \
    let worst = 'the page', right = w; \
    for (const el of document.querySelectorAll('body *')) { const r = el.getBoundingClientRect(); \
      if (r.right > right + 0.5 && !clipped(el)) { right = r.right; worst = el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''); } } \
    return over + ' px wider, ' + worst + ' ends at ' + Math.round(right); })()";

#[test]
fn no_page_is_wider_than_the_screen() {
    let Some(chromium) = crate::browser::chromium() else { return };
    drop(chromium);
    let mut problems = Vec::new();
    for rel in ["example-team", "tests/fixtures/many-roles"] {
        let (_site, public) = built(rel);
        let all = pages(&public);
        assert!(all.len() > 50, "{rel}: {} pages", all.len());
        let Some(mut browser) = Browser::open(&url(&public, "index.html")) else { return };
        for width in [390, 1280] {
            screen(&mut browser, width);
            for page in &all {
                browser.goto(&url(&public, page));
                if let Some(problem) = browser.eval(OVERFLOW).as_str().filter(|p| !p.is_empty()) {
                    problems.push(format!("{rel} {page} at {width} px: {problem}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} pages too wide:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_board_has_columns_of_one_width_and_the_week_is_drawn_to_scale() {
    let Some(chromium) = crate::browser::chromium() else { return };
    drop(chromium);
    for rel in ["example-team", "tests/fixtures/many-roles"] {
        let (_site, public) = built(rel);
        let Some(mut browser) = Browser::open(&url(&public, "projects/index.html")) else { return };
        screen(&mut browser, 1280);
        browser.goto(&url(&public, "projects/index.html"));
        // Stages with projects are about 260 px wide (the board scrolls
        // sideways); empty ones slim, upright and not cut.
        let columns = browser.eval(
            "[...document.querySelectorAll('.board .column')].map(c => { const s = c.querySelector('.stage'); \
             return [s.textContent, c.classList.contains('empty'), c.getBoundingClientRect().width, \
               getComputedStyle(c.querySelector('h2')).writingMode, s.scrollWidth <= s.clientWidth]; })",
        );
        let columns = columns.as_array().cloned().unwrap_or_default();
        assert_eq!(columns.len(), 8, "{rel}: {columns:?}");
        for c in &columns {
            let width = c[2].as_f64().unwrap_or(0.0);
            let fits = if c[1] == true { (80.0..140.0).contains(&width) } else { (250.0..=270.0).contains(&width) };
            assert!(fits && c[3] == "horizontal-tb" && c[4] == true, "{rel}: stage {c:?}");
        }
        // Each block of the week is as tall as its meeting is long.
        browser.goto(&url(&public, "ceremonies/index.html"));
        let blocks = browser.eval(
            "[...document.querySelectorAll('.week .block')].map(b => [Number(b.dataset.minutes), b.getBoundingClientRect().height])",
        );
        let blocks: Vec<(f64, f64)> = blocks
            .as_array()
            .into_iter()
            .flatten()
            .map(|b| (b[0].as_f64().unwrap_or(0.0), b[1].as_f64().unwrap_or(0.0)))
            .collect();
        assert!(blocks.len() >= 5, "{rel}: {blocks:?}");
        let per_minute = blocks.iter().map(|(m, h)| h / m).sum::<f64>() / blocks.len() as f64;
        for (minutes, height) in &blocks {
            assert!(
                (height - minutes * per_minute).abs() <= 1.0,
                "{rel}: a {minutes}-minute block is {height} px tall"
            );
        }
        let lengths: Vec<u32> = blocks.iter().map(|(m, _)| *m as u32).collect();
        assert!(lengths.contains(&15) && lengths.iter().any(|&m| m >= 60), "{rel}: {lengths:?}");
    }
}

/// Searches from a page and returns the results' titles, the status line,
/// and how many matches are marked.
fn search(browser: &mut Browser, public: &Path, query: &str) -> (Vec<String>, String, u64) {
    let page = format!("{}?q={}", url(public, "people/index.html"), query.replace(' ', "%20"));
    browser.call("Page.navigate", serde_json::json!({ "url": page }));
    let ready = "document.readyState === 'complete' && !!document.querySelector('#tb-search-results .search-status')";
    assert!(browser.wait_for(ready, Duration::from_secs(10)), "no answer to {query:?}");
    let titles = browser.eval("[...document.querySelectorAll('#tb-search-results li > a')].map(a => a.textContent)");
    let titles = titles.as_array().into_iter().flatten().filter_map(|t| t.as_str().map(str::to_string)).collect();
    let status = browser.eval("document.querySelector('#tb-search-results .search-status').textContent");
    let marks = browser.eval("document.querySelectorAll('#tb-search-results mark').length");
    (titles, status.as_str().unwrap_or_default().to_string(), marks.as_u64().unwrap_or(0))
}

#[test]
fn search_forgives_spelling_and_says_what_it_found() {
    let Some(chromium) = crate::browser::chromium() else { return };
    drop(chromium);
    let (_site, public) = built("example-team");
    let Some(mut browser) = Browser::open(&url(&public, "index.html")) else { return };
    let first = |r: &(Vec<String>, String, u64)| r.0.first().cloned().unwrap_or_default();
    // "standup" finds "stand-up", "oncall" finds "On-call".
    let found = search(&mut browser, &public, "standup");
    assert_eq!(first(&found), "Daily stand-up", "{found:?}");
    assert!(found.2 > 0, "the match is marked: {found:?}");
    let found = search(&mut browser, &public, "oncall");
    assert_eq!(first(&found), "On-call rotation", "{found:?}");
    // One typo in a long word.
    let found = search(&mut browser, &public, "retrospectve");
    assert_eq!(first(&found), "Retrospective", "{found:?}");
    // Common words are left out, and pages with the most words come first.
    let found = search(&mut browser, &public, "who owns hiring");
    assert_eq!(first(&found), "Hiring", "{found:?}");
    // Nothing found: the nearest words are offered.
    let found = search(&mut browser, &public, "demi");
    assert!(found.0.is_empty() && found.1.contains("Did you mean demo?"), "{found:?}");
}

#[test]
fn on_a_phone_the_navigation_is_behind_a_button_and_the_search_on_one_line() {
    let Some(chromium) = crate::browser::chromium() else { return };
    drop(chromium);
    let (_site, public) = built("example-team");
    let Some(mut browser) = Browser::open(&url(&public, "index.html")) else { return };
    screen(&mut browser, 390);
    browser.goto(&url(&public, "index.html"));
    let shown = "getComputedStyle(document.getElementById('tb-nav')).display !== 'none'";
    assert_eq!(browser.eval(shown), false, "the navigation waits behind the button");
    // The search box sits on one line, as wide as the screen allows.
    let search = browser.eval(
        "(() => { const i = document.getElementById('tb-search-input').getBoundingClientRect(); \
         const l = document.querySelector('label[for=tb-search-input]').getBoundingClientRect(); \
         return [i.height < 50, i.width > 300, l.width <= 1]; })()",
    );
    assert_eq!(search, serde_json::json!([true, true, true]), "one line, its label for screen readers only");
    browser.eval("document.querySelector('.menu-button').click()");
    assert_eq!(browser.eval(shown), true);
    assert_eq!(browser.eval("document.querySelector('.menu-button').getAttribute('aria-expanded')"), "true");
    // At 1280 px the navigation is always there, and there is no button.
    screen(&mut browser, 1280);
    browser.goto(&url(&public, "people/index.html"));
    assert_eq!(browser.eval(shown), true);
    assert_eq!(browser.eval("getComputedStyle(document.querySelector('.menu-button')).display"), "none");
}
