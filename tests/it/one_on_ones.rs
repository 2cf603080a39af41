//! 1:1s, built by the real binary from real directories: the 1:1 map (the
//! org chart with each report's cadence on the line from their manager,
//! the co-lead and skip-level pairs beside it, managers' hours), a person's
//! 1:1s with their agenda links and earlier managers, the start-here
//! page's first 1:1, and nothing of it without `one_on_ones.toml`.

use scraper::{Html, Selector};

use crate::support::Site;
use crate::team::{built, read};

fn texts(html: &str, css: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(css).expect("selector");
    // Text nodes joined by spaces (a card's lines are elements of their own), as read.
    let read = |e: scraper::ElementRef<'_>| {
        let spaced = e.text().collect::<Vec<_>>().join(" ");
        spaced.split_whitespace().collect::<Vec<_>>().join(" ").replace(" ,", ",").replace(" .", ".")
    };
    doc.select(&sel).map(read).collect()
}

#[test]
fn the_map_draws_each_report_s_cadence_on_the_line_from_their_manager() {
    let site = built();
    let page = read(&site, "one-on-ones/index.html");
    // Each node of the chart: the pill on its edge, then the person's card.
    let nodes = texts(&page, ".org-chart.map li");
    // A node holds its reports' nodes: the shortest one naming someone is theirs.
    let node =
        |name: &str| nodes.iter().filter(|n| n.contains(name)).min_by_key(|n| n.len()).cloned().unwrap_or_default();
    assert!(node("Aisha Bello").starts_with("weekly · 30 min Aisha Bello"), "{nodes:?}");
    // The written exception: Tomás and Mitra every other week, for an hour.
    assert!(node("Tomás Ferreira").starts_with("biweekly · 1 h · Agenda Tomás Ferreira"), "{nodes:?}");
    // The top of the chart has no line above it, and a manager's hours are on their node.
    assert!(nodes[0].starts_with("Mitra Raman Engineering Manager"), "{nodes:?}");
    assert!(nodes[0].contains("1:1s: 2 h 20 min a week"), "{nodes:?}");
    // Beside the chart: the co-leads' weekly 1:1 with its time and agenda, and the skip-levels.
    let beside = texts(&page, ".pairs li");
    assert_eq!(
        beside[0],
        "Mitra Raman ↔ Priya Natarajan co-leads Weekly, 45 min · Tuesdays at 15:00 (America/New_York) · Agenda"
    );
    assert_eq!(beside.iter().filter(|b| b.contains("skip-level")).count(), 3, "{beside:?}");
    assert!(page.contains("href=\"https://docs.acme.example/1-1-mitra-priya\""));
    // The policy in words heads the page, and the navigation leads to it.
    assert!(texts(&page, ".policy li").contains(&"The co-leads meet every week for 45 min.".to_string()));
    assert!(read(&site, "index.html").contains("href=\"one-on-ones/index.html\""));
    // The ceremony that stood for every 1:1 is gone.
    assert!(!site.path().join("public/ceremonies/one-on-ones.html").exists());
}

#[test]
fn a_person_page_lists_their_one_on_ones_and_earlier_managers_with_agendas() {
    let site = built();
    let page = read(&site, "people/jonas.html");
    let pairs = texts(&page, ".one-on-ones .pairs li");
    assert_eq!(
        pairs,
        ["Tomás Ferreira manager Weekly, 30 min · Agenda", "Mitra Raman skip-level manager Quarterly, 30 min"]
    );
    assert!(page.contains("href=\"https://docs.acme.example/1-1-tomas-jonas\""));
    let earlier = texts(&page, ".one-on-ones .timeline li");
    assert_eq!(earlier, ["Mitra Raman, until 4 May 2026 · Agenda of those 1:1s"]);
    assert!(page.contains("href=\"https://docs.acme.example/1-1-mitra-jonas\""));
    // A manager's page says how long their 1:1s take a week.
    let mitra = read(&site, "people/mitra.html");
    assert_eq!(texts(&mitra, ".one-on-ones > .note"), ["About 2 h 20 min a week in 1:1s."]);
    // A written exception says why, on both people's pages.
    let why = "Tomás leads the engineers day to day; an hour every other week covers it.";
    assert_eq!(texts(&mitra, ".one-on-ones .pair-reason"), [why]);
    assert_eq!(texts(&read(&site, "people/tomas.html"), ".one-on-ones .pair-reason"), [why]);
}

#[test]
fn start_here_says_whom_a_new_hire_meets_first_how_often_and_where_the_agenda_is() {
    let site = built();
    let first = |role: &str| texts(&read(&site, &format!("start-here/{role}.html")), ".first-one-on-one");
    // A report starts an agenda of their own with the manager most holders report to.
    assert_eq!(
        first("engineer"),
        [
            "Your first 1:1 is with Tomás Ferreira, every week, 30 min each. Keep a running agenda document for the two of you; once it is linked in one_on_ones.toml, your page shows it."
        ]
    );
    // A co-lead takes over the co-leads' 1:1 and its running agenda.
    assert_eq!(
        first("product-manager"),
        ["Your first 1:1 is with Mitra Raman, every week, 45 min each. The agenda: Agenda."]
    );
}

#[test]
fn without_one_on_ones_toml_there_is_no_map_and_no_check() {
    let site = Site::new()
        .file("roles/engineer.md", "+++\ntitle = \"Engineer\"\n+++\n")
        .file("people/ana.md", "+++\nname = \"Ana\"\nroles = [\"engineer\"]\nmanager = \"bo\"\n+++\n")
        .file("people/bo.md", "+++\nname = \"Bo\"\nroles = [\"engineer\"]\n+++\n");
    site.run(&["check", "--strict"]).status(0);
    site.run(&["build"]).status(0);
    assert!(!site.path().join("public/one-on-ones").exists());
    assert!(!read(&site, "index.html").contains("one-on-ones/"));
    // With the file, the report without a 1:1 is found, at their `manager`.
    let site = site.file("one_on_ones.toml", "[policy]\nminimum = \"monthly\"\n");
    site.run(&["check"])
        .status(0)
        .stderr_has("warning: people/ana.md:4:11: Ana reports to Bo but has no 1:1 with them");
    site.run(&["build"]).status(0);
    assert!(site.path().join("public/one-on-ones/index.html").is_file());
}

#[test]
fn handbook_json_carries_the_pairs_and_each_person_s_earlier_managers() {
    let site = built();
    let export: serde_json::Value = serde_json::from_str(&read(&site, "handbook.json")).expect("json");
    let o = &export["one_on_ones"];
    assert_eq!(o["policy"]["reports"], serde_json::json!({"cadence": "weekly", "duration_minutes": 30}));
    assert_eq!(o["policy"]["new_joiners"], serde_json::json!({"cadence": "weekly", "days": 90}));
    assert_eq!(o["policy"]["minimum"], "monthly");
    let pairs = o["pairs"].as_array().expect("pairs");
    let pair = |a: &str, b: &str| {
        pairs
            .iter()
            .find(|q| q["people"] == serde_json::json!([format!("people/{a}"), format!("people/{b}")]))
            .unwrap_or_else(|| panic!("no pair {a} {b} in {pairs:?}"))
    };
    // The co-leads' pair, implied by the roles and detailed in the file.
    let leads = pair("mitra", "priya");
    assert_eq!(leads["kind"], "co-leads");
    assert_eq!((leads["cadence"].as_str(), leads["duration_minutes"].as_i64()), (Some("weekly"), Some(45)));
    assert_eq!((leads["day"].as_str(), leads["time"].as_str()), (Some("tue"), Some("15:00")));
    assert_eq!(leads["timezone"], "America/New_York");
    assert_eq!(leads["agenda_doc"], "https://docs.acme.example/1-1-mitra-priya");
    assert_eq!((leads["written"].as_bool(), leads["exception"].as_bool()), (Some(true), Some(false)));
    // The written exception, with its reason.
    let tomas = pair("mitra", "tomas");
    assert_eq!((tomas["kind"].as_str(), tomas["cadence"].as_str()), (Some("manager"), Some("biweekly")));
    assert_eq!(tomas["exception"], true);
    assert!(tomas["reason"].as_str().is_some_and(|r| r.contains("day to day")), "{tomas}");
    // A pair the policy implies alone.
    let aisha = pair("mitra", "aisha");
    assert_eq!((aisha["written"].as_bool(), aisha["reason"].is_null()), (Some(false), true));
    // A person's earlier managers, with the agenda of those 1:1s.
    let jonas = export["people"].as_array().expect("people").iter().find(|p| p["id"] == "jonas").expect("jonas");
    assert_eq!(
        jonas["history"],
        serde_json::json!([{"until": "2026-05-04", "manager": "people/mitra", "agenda_doc": "https://docs.acme.example/1-1-mitra-jonas"}])
    );
    // Without the file, `one_on_ones` is null.
    let bare = Site::new()
        .file("roles/engineer.md", "+++\ntitle = \"Engineer\"\n+++\n")
        .file("people/ana.md", "+++\nname = \"Ana\"\nroles = [\"engineer\"]\n+++\n");
    bare.run(&["build"]).status(0);
    let export: serde_json::Value = serde_json::from_str(&read(&bare, "handbook.json")).expect("json");
    assert!(export["one_on_ones"].is_null() && export["people"][0]["history"] == serde_json::json!([]));
}
