//! What a designer sent back about the pages of people and goals (issue 30,
//! items 7 to 9), each measured in a real browser: a person page opens
//! with a profile, an objective's chart is wide and its empty bar reads as
//! empty, the org chart puts its co-leads side by side in boxes of one width.

use crate::views_check::at_both_widths;

/// The org chart's boxes: their widths, the boxes of the people at its top
/// (left, top, right), and the top of every other box.
const CHART: &str = "(() => { const box = c => c.getBoundingClientRect(); \
    const all = [...document.querySelectorAll('.org-chart .person-card')]; \
    const top = [...document.querySelectorAll('.org-chart > li > .person-card')]; \
    return { widths: all.map(c => Math.round(box(c).width)), \
      leads: top.map(c => [c.querySelector('a').textContent, Math.round(box(c).left), Math.round(box(c).top), Math.round(box(c).right)]), \
      others: Math.min(...all.filter(c => !top.includes(c)).map(c => box(c).top)), \
      cut: all.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent) }; })()";

#[test]
fn the_org_chart_puts_co_leads_side_by_side_in_boxes_of_one_width() {
    let Some((_site, _, charts)) = at_both_widths("people/index.html", CHART) else { return };
    for (width, chart) in charts {
        let widths: Vec<u64> = chart["widths"].as_array().into_iter().flatten().filter_map(|w| w.as_u64()).collect();
        assert!(widths.len() == 8 && widths.iter().all(|&w| w == widths[0]), "at {width} px: {chart:#}");
        // Mitra Raman and Priya Natarajan, who lead the team, on one row at
        // the top, left to right, above everyone else.
        let leads = chart["leads"].as_array().cloned().unwrap_or_default();
        assert_eq!(leads.len(), 2, "{chart:#}");
        assert_eq!((&leads[0][0], &leads[1][0]), (&"Mitra Raman".into(), &"Priya Natarajan".into()));
        assert_eq!(leads[0][2], leads[1][2], "at {width} px, on one row: {chart:#}");
        assert!(leads[0][3].as_i64() < leads[1][1].as_i64(), "at {width} px, side by side: {chart:#}");
        assert!(chart["others"].as_f64() > leads[0][2].as_f64(), "at {width} px, at the top: {chart:#}");
        assert_eq!(chart["cut"], serde_json::json!([]), "at {width} px: {chart:#}");
    }
}

/// An objective's pictures: each chart's width against its section's and
/// the height of its smallest text; every bar's width; the empty bar of
/// "Systems in PCI scope" (0 %): its width, whether its track is tinted
/// unlike the page and edged, whether it has a fill, and its figure.
const OBJECTIVE: &str = "(() => { const box = e => e.getBoundingClientRect(); \
    const charts = [...document.querySelectorAll('.kr-chart')].map(c => { \
      const texts = [...c.querySelectorAll('text')].filter(t => t.getClientRects().length); \
      const out = texts.filter(t => box(t).left < box(c).left - 1 || box(t).right > box(c).right + 1).map(t => t.textContent); \
      return [Math.round(box(c).width), Math.round(box(c.closest('section')).width), Math.min(...texts.map(t => box(t).height)), out]; }); \
    const bars = [...document.querySelectorAll('.progress .bar')].map(b => Math.round(box(b).width)); \
    const zero = [...document.querySelectorAll('.key-result-detail')].find(s => s.querySelector('h3').textContent == 'Systems in PCI scope').querySelector('.progress'); \
    const bar = zero.querySelector('.bar'), track = getComputedStyle(zero.querySelector('.bar-track')).fill; \
    const page = [document.documentElement, document.body].map(e => getComputedStyle(e).backgroundColor); \
    return { charts, bars, zero: [Math.round(box(bar).width), !page.includes(track), parseFloat(getComputedStyle(bar).borderTopWidth) >= 1, \
      !!zero.querySelector('.bar-fill'), zero.querySelector('.bar-text').textContent] }; })()";

#[test]
fn an_objective_has_a_wide_chart_an_empty_bar_that_reads_as_one_and_owners_as_everywhere() {
    let Some((site, mut browser, pages)) = at_both_widths("goals/2026-q4-fast-safe-checkout.html", OBJECTIVE) else {
        return;
    };
    for (width, page) in pages {
        // Each chart as wide as its key result's section, its text readable and inside it.
        let charts = page["charts"].as_array().cloned().unwrap_or_default();
        assert_eq!(charts.len(), 2, "{page:#}");
        for c in &charts {
            let (chart, section) = (c[0].as_f64().unwrap_or(0.0), c[1].as_f64().unwrap_or(1.0));
            assert!(chart >= 0.95 * section.min(832.0), "at {width} px, a chart {chart} px in {section}: {page:#}");
            assert!(c[2].as_f64().unwrap_or(0.0) >= 11.0, "at {width} px, text readable: {page:#}");
            assert_eq!(c[3], serde_json::json!([]), "at {width} px, text outside the chart: {page:#}");
        }
        if width == 1280 {
            assert!(charts[0][0].as_f64() >= Some(700.0), "wide at 1280 px: {page:#}");
        }
        // Every bar one length, the empty one too; it is drawn: a tinted,
        // edged track, no fill, "0 %" beside it.
        let bars: Vec<i64> = page["bars"].as_array().into_iter().flatten().filter_map(|w| w.as_i64()).collect();
        assert!(bars.len() == 3 && bars.iter().all(|&w| (w - bars[0]).abs() <= 1), "at {width} px: {page:#}");
        assert_eq!(
            page["zero"],
            serde_json::json!([bars[0], true, true, false, "0\u{a0}%"]),
            "at {width} px: {page:#}"
        );
    }
    // Owners: on every objective's card and page alike, the people first
    // (a role by who holds it, "Tomás Ferreira (TL)"), never a role's title.
    let owners = "Object.fromEntries([...document.querySelectorAll('.objective, main:has(.key-result-detail)')] \
        .map(o => [(o.querySelector('h1, h2 a, h3 a') || {}).textContent, \
          [...o.querySelectorAll('.owners')].map(w => [w.textContent, [...w.querySelectorAll('a')].map(a => a.getAttribute('href').includes('people/') || a.textContent.length <= 3)])]))";
    let page = crate::views::url(&site.path().join("public"), "goals/index.html");
    browser.goto(&page);
    let cards = browser.eval(owners);
    let cards = cards.as_object().cloned().unwrap_or_default();
    assert!(cards.len() >= 4, "{cards:#?}");
    for (title, card) in &cards {
        let link = browser.eval(&format!(
            "[...document.querySelectorAll('.objective h3 a')].find(a => a.textContent == {title:?}).href"
        ));
        browser.goto(link.as_str().unwrap_or_default());
        let on_page = browser.eval(owners);
        assert_eq!(&on_page[title], card, "{title}: its card and its page");
        let shown = card[0][1].as_array().cloned().unwrap_or_default();
        assert!(!shown.is_empty() && shown.iter().all(|l| l == true), "{title}: {card:#}");
        assert!(
            card[0][0].as_str().is_some_and(|t| !t.contains("Lead (") && !t.contains("Manager (")),
            "{title}: {card:#}"
        );
        browser.goto(&page);
    }
}
