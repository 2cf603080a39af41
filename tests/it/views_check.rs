//! What a designer sent back about the views (issue 30), each checked in a
//! real browser so it cannot quietly return: a start-here page speaks from
//! the newcomer's side and keeps its ticks across a reload.

use crate::cdp::Browser;
use crate::support::Site;
use crate::views::{built, screen, url};

/// The text of the elements a selector matches, in order.
fn texts(browser: &mut Browser, selector: &str) -> Vec<String> {
    let found = browser.eval(&format!("[...document.querySelectorAll({selector:?})].map(e => e.textContent.trim())"));
    found.as_array().into_iter().flatten().filter_map(|t| t.as_str().map(str::to_string)).collect()
}

/// example-team built, and a browser on one of its pages: the site, its
/// folder, the page's address and the browser (`None`: no chromium, skip).
pub fn example_page(rel: &str) -> Option<(Site, std::path::PathBuf, String, Browser)> {
    drop(crate::browser::chromium()?);
    let (site, public) = built("example-team");
    let page = url(&public, rel);
    let browser = Browser::open(&page)?;
    Some((site, public, page, browser))
}

#[test]
fn start_here_speaks_to_the_newcomer_and_keeps_its_ticks() {
    let Some((_site, public, page, mut browser)) = example_page("start-here/engineer.html") else { return };
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
    // The week's blocks say their title and time on hover; empty days carry no filler.
    let hover = browser.eval(
        "[...document.querySelectorAll('.week .block')].every(b => /, \\d\\d:\\d\\d–\\d\\d:\\d\\d/.test(b.title))",
    );
    assert_eq!(hover, true, "every block has its title and time on hover");
    assert_eq!(browser.eval("document.querySelectorAll('.week .day .empty').length"), 0);
    // Another role's page keeps its own ticks.
    browser.goto(&url(&public, "start-here/designer.html"));
    assert_eq!(browser.eval("document.querySelectorAll('.checklist input:checked').length"), 0);
}

/// Every row of the matrix shows its owner: an owner's cell in view, or
/// the owners named in the area cell. The rows that fail, by area.
const OWNER_HIDDEN: &str = "(() => { const box = document.querySelector('.matrix-scroll').getBoundingClientRect(); \
    return [...document.querySelectorAll('.matrix tbody tr[data-who]')].filter(row => { \
      const left = row.querySelector('th[scope=row]').getBoundingClientRect().right; \
      const cell = [...row.querySelectorAll('.owns')].some(c => { const r = c.getBoundingClientRect(); return r.right > left + 4 && r.left < box.right - 4; }); \
      const named = row.querySelector('.owned-by'); \
      return row.querySelector('.owns') && !cell && !(named && named.getBoundingClientRect().height > 0); \
    }).map(row => row.querySelector('th a').textContent); })()";

#[test]
fn the_matrix_keeps_owners_area_and_groups_in_view_at_any_size() {
    let Some(chromium) = crate::browser::chromium() else { return };
    drop(chromium);
    // 25 roles: a box that scrolls both ways, owners first.
    let (_many, public) = built("tests/fixtures/many-roles");
    let page = url(&public, "ownership/index.html");
    let Some(mut browser) = Browser::open(&page) else { return };
    screen(&mut browser, 1280);
    browser.goto(&page);
    assert_eq!(browser.eval("document.querySelector('.matrix-scroll').classList.contains('wide')"), true);
    // Columns: the roles that own most first (counted on this page).
    let owned = browser.eval(
        "(() => { const n = document.querySelectorAll('.matrix thead .role-col').length; const c = Array(n).fill(0); \
         document.querySelectorAll('.matrix tbody tr[data-who]').forEach(row => [...row.querySelectorAll('td')].slice(0, n) \
           .forEach((td, i) => { if (td.classList.contains('owns')) c[i]++; })); return c; })()",
    );
    let owned: Vec<u64> = owned.as_array().into_iter().flatten().filter_map(|n| n.as_u64()).collect();
    assert!(owned.len() > 10 && owned.windows(2).all(|w| w[0] >= w[1]), "owners per column: {owned:?}");
    assert_eq!(browser.eval(OWNER_HIDDEN), serde_json::json!([]), "at the start");
    // Scrolled right: the area column and the group labels stay, and rows
    // whose owners went off screen name them.
    browser.eval("document.querySelector('.matrix-scroll').scrollLeft = 5000");
    std::thread::sleep(std::time::Duration::from_millis(200));
    let stuck = browser.eval(
        "(() => { const box = document.querySelector('.matrix-scroll').getBoundingClientRect().left; \
         const near = el => Math.abs(el.getBoundingClientRect().left - box) < 16; \
         return [document.querySelector('.matrix-scroll').scrollLeft > 200, \
           [...document.querySelectorAll('.matrix th[scope=row]')].every(near), \
           [...document.querySelectorAll('.matrix tr.group th > span')].every(near)]; })()",
    );
    assert_eq!(stuck, serde_json::json!([true, true, true]), "scrolled, area column and group labels");
    assert_eq!(browser.eval(OWNER_HIDDEN), serde_json::json!([]), "scrolled right");
    assert!(browser.eval("document.querySelectorAll('.matrix tr.owner-off').length").as_u64() > Some(0));
    // 5 roles: the matrix flows with the page, its border hugs the table,
    // its header sticks to the window, and many areas due are one banner
    // (every area of example-team last reviewed a year ago).
    let site = Site::copy_of("example-team");
    let toml = std::fs::read_to_string(site.path().join("ownership.toml")).expect("ownership.toml");
    let aged: Vec<String> = toml
        .lines()
        .map(|l| if l.starts_with("reviewed = ") { "reviewed = 2025-11-03".to_string() } else { l.to_string() })
        .collect();
    let site = site.file("ownership.toml", &aged.join("\n"));
    site.run(&["build"]).status(0);
    let public = site.path().join("public");
    browser.goto(&url(&public, "ownership/index.html"));
    let fits = browser.eval(
        "(() => { const box = document.querySelector('.matrix-scroll'); const t = box.querySelector('table'); \
         window.scrollTo(0, box.getBoundingClientRect().top + window.scrollY + 600); \
         const head = box.querySelector('thead th').getBoundingClientRect().top; \
         return [box.classList.contains('fits'), box.getBoundingClientRect().height > window.innerHeight, \
           t.getBoundingClientRect().width / box.getBoundingClientRect().width > 0.97, Math.abs(head) < 2]; })()",
    );
    assert_eq!(fits, serde_json::json!([true, true, true, true]), "fits, flows, hugs, header sticks");
    assert_eq!(
        browser.eval(
            "document.querySelectorAll('.due-banner').length + ':' + document.querySelectorAll('.due-reviews').length"
        ),
        "1:0"
    );
}

#[test]
fn the_board_reads_at_1280_and_on_a_phone() {
    let Some(chromium) = crate::browser::chromium() else { return };
    drop(chromium);
    // On 8 December 2026 three projects have gone unmentioned for three weeks.
    let site = Site::copy_of("example-team");
    let (code, err) = crate::decisions::run_on(&site, "1796774400", &["build"]);
    assert_eq!(code, 0, "{err}");
    let public = site.path().join("public");
    let page = url(&public, "projects/index.html");
    let Some(mut browser) = Browser::open(&page) else { return };
    screen(&mut browser, 1280);
    browser.goto(&page);
    // Every card's title on one line; the board scrolls sideways inside itself.
    let titles = browser.eval(
        "[...document.querySelectorAll('.project-card h3')].filter(h => h.getBoundingClientRect().height > \
         1.6 * parseFloat(getComputedStyle(h).lineHeight || '20')).map(h => h.textContent)",
    );
    assert_eq!(titles, serde_json::json!([]), "titles that wrap");
    let scrolls = browser
        .eval("(() => { const b = document.querySelector('.board-scroll'); return b.scrollWidth > b.clientWidth; })()");
    assert_eq!(scrolls, true);
    // A column adds up only the figures its cards show.
    let extra = browser.eval(
        "[...document.querySelectorAll('.board .column')].flatMap(c => { \
           const shown = [...c.querySelectorAll('.project-card .headline')].map(h => h.textContent.replace(/^\\S+\\s*/, '')); \
           return [...c.querySelectorAll('.totals li')].map(t => t.textContent.replace(/^\\S+\\s*/, '')) \
             .filter(t => !shown.includes(t)).map(t => c.querySelector('.stage').textContent + ': ' + t); })",
    );
    assert_eq!(extra, serde_json::json!([]), "totals no card shows");
    // A project no update mentioned for three weeks says so on its card.
    let quiet = texts(&mut browser, ".project-card:has(.quiet-note) h3");
    assert_eq!(quiet, ["Fraud rules v2", "Ledger migration", "Card tokenization"]);
    // On a phone the stages are one under another and the picker stays on top.
    screen(&mut browser, 390);
    browser.goto(&page);
    let picker = browser.eval(
        "(() => { window.scrollTo(0, 1500); const p = document.querySelector('.stage-picker').getBoundingClientRect(); \
         return [window.scrollY > 1000, Math.abs(p.top) < 2, document.querySelectorAll('.stage-picker a').length]; })()",
    );
    assert_eq!(picker, serde_json::json!([true, true, 8]), "scrolled, picker on top, a link per stage");
}

#[test]
fn pages_say_words_not_keys_and_leave_empty_sections_out() {
    let Some(chromium) = crate::browser::chromium() else { return };
    drop(chromium);
    let (_site, public) = built("example-team");
    let Some(mut browser) = Browser::open(&url(&public, "index.html")) else { return };
    screen(&mut browser, 1280);
    // No status written as its key, no key result's id, anywhere.
    let keys = "(() => { const t = document.body.innerText; \
        return (t.match(/\\b(on-track|at-risk|off-track)\\b|checkout-p95|month-end-close-days/g) || []).join(', '); })()";
    let mut problems = Vec::new();
    for page in walkdir::WalkDir::new(&public).into_iter().filter_map(Result::ok) {
        let rel = page.path().strip_prefix(&public).unwrap_or(page.path()).to_string_lossy().into_owned();
        if !rel.ends_with(".html") || rel == "404.html" {
            continue;
        }
        browser.goto(&url(&public, &rel));
        if let Some(found) = browser.eval(keys).as_str().filter(|f| !f.is_empty()) {
            problems.push(format!("{rel}: {found}"));
        }
    }
    assert!(problems.is_empty(), "keys shown as text:\n{}", problems.join("\n"));
    // An update lists each project once, with its rating; the digest comes
    // before the text; "Asks: None." is left out.
    browser.goto(&url(&public, "updates/2026/2026-11-23.html"));
    let projects = texts(&mut browser, ".facts .ratings li");
    assert_eq!(
        projects,
        ["Checkout latency Release on track", "Payout reconciliation QA on track", "Search revamp ENG on track"]
    );
    assert_eq!(texts(&mut browser, ".prose h2"), ["Highlights", "Project changes", "Risks"]);
    browser.goto(&url(&public, "updates/2026/2026-09-14.html"));
    let order = browser.eval(
        "(() => { const d = document.querySelector('.digest'), p = document.querySelector('.prose'); \
         return !!d && !!(d.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING); })()",
    );
    assert_eq!(order, true, "the digest sits above the update's text");
}

#[test]
fn the_font_stack_names_fonts_for_chinese_japanese_and_korean() {
    let Some(chromium) = crate::browser::chromium() else { return };
    drop(chromium);
    let (_site, public) = built("example-team");
    let Some(mut browser) = Browser::open(&url(&public, "people/index.html")) else { return };
    browser.goto(&url(&public, "people/index.html"));
    let stack = browser.eval("getComputedStyle(document.body).fontFamily").as_str().unwrap_or_default().to_string();
    // One each that macOS, Windows and Linux carry, before the generic family.
    for font in ["PingFang SC", "Hiragino Sans", "Microsoft YaHei", "Malgun Gothic", "Noto Sans CJK SC"] {
        assert!(stack.contains(font), "{font} missing from {stack}");
    }
    assert!(stack.trim_end().ends_with("sans-serif"), "{stack}");
}

/// A handbook of two meetings six hours apart: a daily stand-up at 09:30
/// and a weekly review at 15:00.
fn two_meetings() -> (Site, std::path::PathBuf) {
    let meeting = |title: &str, when: &str, time: &str, length: &str| {
        format!(
            "+++\ntitle = \"{title}\"\n{when}\ntime = \"{time}\"\nduration = \"{length}\"\nstart = 2026-01-05\n\
             facilitators = [\"ana\"]\nattendees = [\"engineer\"]\n+++\n"
        )
    };
    let site = Site::new()
        .file("roles/engineer.md", "+++\ntitle = \"Engineer\"\n+++\n")
        .file("people/ana.md", "+++\nname = \"Ana Lima\"\nroles = [\"engineer\"]\n+++\n")
        .file(
            "ceremonies/stand-up.md",
            &meeting(
                "Daily stand-up",
                "cadence = \"daily\"\ndays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]",
                "09:30",
                "15m",
            ),
        )
        .file(
            "ceremonies/review.md",
            &meeting("Architecture review", "cadence = \"weekly\"\ndays = [\"wed\"]", "15:00", "1h"),
        );
    site.run(&["build"]).status(0);
    let public = site.path().join("public");
    (site, public)
}

/// The week's grid and list: hour labels, the grid's height in hours, the
/// list's place against the grid, the meetings listed, those whose text in
/// the list is cut, and the grid's blocks whose text is cut.
const WEEK: &str = "(() => { const w = document.querySelector('.week'); \
    const grid = w.querySelector('.week-grid .blocks').getBoundingClientRect(); \
    const list = w.querySelector('.agenda').getBoundingClientRect(); \
    const hour = parseFloat(getComputedStyle(w).getPropertyValue('--hour')) * parseFloat(getComputedStyle(document.documentElement).fontSize); \
    const cut = el => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1; \
    const shown = b => [...b.querySelectorAll('*')].some(e => e.getClientRects().length && parseFloat(getComputedStyle(e).fontSize) > 0); \
    return { marks: [...w.querySelectorAll('.hours li:not(.gap-mark)')].map(m => m.textContent), \
      hours: Math.round(10 * grid.height / hour) / 10, \
      beside: list.left >= grid.right && list.top < grid.bottom, under: list.top >= grid.bottom, \
      listed: [...w.querySelectorAll('.agenda dd')].map(d => d.querySelector('.when').textContent + ' ' + d.querySelector('a').textContent), \
      blocks: w.querySelectorAll('.week-grid .block').length, \
      cut_in_list: [...w.querySelectorAll('.agenda dd')].filter(cut).map(d => d.textContent), \
      cut_in_grid: [...w.querySelectorAll('.week-grid .block')].filter(b => shown(b) && cut(b)).map(b => b.title) }; })()";

#[test]
fn the_week_grid_holds_only_hours_with_meetings_and_lists_them_in_full() {
    let Some(chromium) = crate::browser::chromium() else { return };
    drop(chromium);
    let (_site, public) = two_meetings();
    let page = url(&public, "index.html");
    let Some(mut browser) = Browser::open(&page) else { return };
    screen(&mut browser, 1280);
    browser.goto(&page);
    let week = browser.eval(WEEK);
    // Two hours and a gap, not 09:00-16:00 (seven hours of grid).
    assert_eq!(week["marks"], serde_json::json!(["09:00", "15:00"]), "{week:#}");
    let hours = week["hours"].as_f64().unwrap_or(99.0);
    assert!((2.0..2.6).contains(&hours), "the grid is {hours} hours tall: {week:#}");
    assert_eq!(week["beside"], true, "the list beside the grid at 1280 px: {week:#}");
    let listed: Vec<String> =
        week["listed"].as_array().into_iter().flatten().filter_map(|t| t.as_str()).map(String::from).collect();
    assert_eq!(listed.len(), 6, "{listed:?}");
    assert_eq!(week["blocks"], 6);
    assert!(listed.contains(&"15:00–16:00 Architecture review".to_string()), "{listed:?}");
    assert_eq!(week["cut_in_list"], serde_json::json!([]), "{week:#}");
    assert_eq!(week["cut_in_grid"], serde_json::json!([]), "{week:#}");
    // example-team's busy week: no text cut in the grid or the list, at
    // 1280 px (list beside) and on a phone (list under the grid).
    let (_example, public) = built("example-team");
    for (width, place) in [(1280, "beside"), (390, "under")] {
        screen(&mut browser, width);
        for rel in ["index.html", "ceremonies/index.html"] {
            browser.goto(&url(&public, rel));
            let week = browser.eval(WEEK);
            assert_eq!(week[place], true, "{rel} at {width} px: the list {place} the grid: {week:#}");
            assert_eq!(week["cut_in_list"], serde_json::json!([]), "{rel} at {width} px: {week:#}");
            assert_eq!(week["cut_in_grid"], serde_json::json!([]), "{rel} at {width} px: {week:#}");
            assert_eq!(week["listed"].as_array().map(Vec::len), week["blocks"].as_u64().map(|n| n as usize));
        }
    }
}

/// The dates under a health strip: their text, rendered height, whether
/// each sits under the squares and inside the strip, and whether two overlap.
const STRIP_DATES: &str = "(() => { const svg = document.querySelector('.health-strip'); const box = svg.getBoundingClientRect(); \
    const squares = Math.max(...[...svg.querySelectorAll('rect')].map(r => r.getBoundingClientRect().bottom)); \
    const dates = [...svg.querySelectorAll('text.date')].map(t => [t.textContent, t.getBoundingClientRect()]); \
    return { dates: dates.map(d => d[0]), \
      smallest: Math.min(...dates.map(d => d[1].height)), \
      under: dates.every(d => d[1].top >= squares - 1), \
      inside: dates.every(d => d[1].left >= box.left - 1 && d[1].right <= box.right + 1), \
      overlap: dates.some((d, i) => i > 0 && d[1].left < dates[i - 1][1].right + 2) }; })()";

#[test]
fn a_project_page_dates_its_health_and_says_what_each_update_wrote() {
    let Some((_site, _, page, mut browser)) = example_page("projects/checkout-latency.html") else { return };
    for width in [1280, 390] {
        screen(&mut browser, width);
        browser.goto(&page);
        let strip = browser.eval(STRIP_DATES);
        // Nine weeks from 28 September: its first week's date and November's.
        let dates = strip["dates"].as_array().map_or(0, Vec::len);
        assert!(dates >= 2 && strip["dates"][0] == "28 Sep", "at {width} px: {strip:#}");
        assert!(strip["smallest"].as_f64().unwrap_or(0.0) >= 10.0, "dates readable at {width} px: {strip:#}");
        assert_eq!(
            [&strip["under"], &strip["inside"], &strip["overlap"]],
            [true, true, false],
            "at {width} px: {strip:#}"
        );
    }
    // Each update with its rating and the line it wrote about the project:
    // the item linking to it, or the paragraph naming it.
    let said = browser.eval(
        "[...document.querySelectorAll('#tb-updates + .said > li')].map(li => [li.querySelector('a').textContent, \
         (li.querySelector('.status') || {}).textContent || '', (li.querySelector('.said-line') || {}).textContent || ''])",
    );
    assert_eq!(said[0], serde_json::json!(["Week of 23 Nov 2026", "on track", "Checkout latency: 50% rollout."]));
    let october = said.as_array().into_iter().flatten().find(|s| s[0] == "Week of 5 Oct 2026").cloned();
    assert!(october.is_some_and(|s| s[2].as_str().is_some_and(|l| l.contains("found an N+1 query"))), "{said:#}");
}
