//! What a designer sent back about the views (issue 30), each checked in a
//! real browser so it cannot quietly return: a start-here page speaks from
//! the newcomer's side and keeps its ticks across a reload.

use crate::cdp::Browser;
use crate::views::{built, screen, url};

/// The text of the elements a selector matches, in order.
fn texts(browser: &mut Browser, selector: &str) -> Vec<String> {
    let found = browser.eval(&format!("[...document.querySelectorAll({selector:?})].map(e => e.textContent.trim())"));
    found.as_array().into_iter().flatten().filter_map(|t| t.as_str().map(str::to_string)).collect()
}

#[test]
fn start_here_speaks_to_the_newcomer_and_keeps_its_ticks() {
    let Some(chromium) = crate::browser::chromium() else { return };
    drop(chromium);
    let (_site, public) = built("example-team");
    let page = url(&public, "start-here/engineer.html");
    let Some(mut browser) = Browser::open(&page) else { return };
    screen(&mut browser, 1280);
    browser.goto(&page);
    // One manager (the one who manages most engineers), the co-leads as
    // co-leads, the other engineers as peers, and no "team you lead".
    let notes = texts(&mut browser, "#meet + .checklist li");
    let with = |needle: &str| notes.iter().filter(|n| n.contains(needle)).cloned().collect::<Vec<_>>();
    assert_eq!(with("your manager"), ["Tomás Ferreira your manager"], "{notes:#?}");
    assert_eq!(with("co-leads the team").len(), 2, "{notes:#?}");
    assert_eq!(with("a fellow SWE").len(), 4, "{notes:#?}");
    assert!(with("the team you lead").is_empty(), "{notes:#?}");
    assert!(with(" 1 more areas").is_empty(), "{notes:#?}");
    // Ticks: three boxes ticked, "3 of N done", and the same after a reload.
    let total =
        browser.eval("document.querySelectorAll('.checklist input[type=checkbox]').length").as_u64().unwrap_or(0);
    assert!(total >= 10, "{total} boxes");
    browser.eval("[...document.querySelectorAll('.checklist input')].slice(0, 3).forEach(b => b.click())");
    assert_eq!(texts(&mut browser, ".ticks"), [format!("3 of {total} done")]);
    browser.goto(&page);
    let ticked = browser.eval("[...document.querySelectorAll('.checklist input')].map(b => b.checked)");
    let ticked: Vec<bool> = ticked.as_array().into_iter().flatten().map(|b| b.as_bool().unwrap_or(false)).collect();
    assert_eq!(ticked.iter().filter(|&&t| t).count(), 3, "after a reload: {ticked:?}");
    assert!(ticked[..3].iter().all(|&t| t), "the same three: {ticked:?}");
    assert_eq!(texts(&mut browser, ".ticks"), [format!("3 of {total} done")]);
    // Another role's page keeps its own ticks.
    browser.goto(&url(&public, "start-here/designer.html"));
    assert_eq!(browser.eval("document.querySelectorAll('.checklist input:checked').length"), 0);
}
