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
