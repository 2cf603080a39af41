//! The team card: the "Working with us" page names the people who hold
//! each contact today, the card's summary opens the home and start-here
//! pages, services sit on their area's page, `handbook.json` carries the
//! card and `team-api.json` validates against the TeamAPI specification's
//! fields with Ajv, an independent validator.

use std::fs;
use std::process::Command;

use crate::support::{Site, build_at, npm_tool, repo};

pub(crate) fn built() -> Site {
    let site = Site::copy_of("example-team");
    site.run(&["build"]).status(0);
    site
}

pub(crate) fn read(site: &Site, rel: &str) -> String {
    fs::read_to_string(site.path().join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The text of an HTML fragment, tags left out.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn working_with_us_names_the_people_who_hold_each_contact_today() {
    let site = built();
    let page = read(&site, "team/index.html");
    let words = text(&page);
    assert!(words.contains("Working with Payments"), "{words}");
    // The roadmap's owner is the product manager role: its holder is named.
    assert!(words.contains("Contact: Priya Natarajan (PM), owner of Roadmap and priorities"), "{words}");
    assert!(words.contains("Contact: Tomás Ferreira (TL)"), "{words}");
    assert!(!words.contains("product-manager") && !words.contains("tech-lead"), "role ids shown: {words}");
    // Services with their runbooks (a page of the handbook, and a URL).
    assert!(page.contains("href=\"../runbooks/payouts.html\">Runbook</a>"), "{page}");
    assert!(page.contains("href=\"https://runbooks.example.com/settlement-reports\">Runbook</a>"));
    // The drawing: the team in the middle, an edge per interaction with its mode.
    assert_eq!(page.matches("<svg class=\"picture interactions").count(), 2, "wide and narrow layouts");
    assert!(page.contains("<line class=\"edge collaboration"), "{page}");
    assert!(page.contains(">X-as-a-service</tspan><tspan"), "{page}");
    assert!(page.contains("aria-label=\"Payments works with: X-as-a-service with Risk: Fraud scores at checkout;"));
    // In the navigation, and found by search.
    assert!(read(&site, "index.html").contains(">Working with us</a>"));
    let index: String = fs::read_dir(site.path().join("public/search"))
        .expect("search")
        .filter_map(|e| fs::read_to_string(e.expect("entry").path()).ok())
        .collect();
    assert!(index.contains("\"Working with us\",\"team/index.html\",\"team\""), "the page is a search result");
}

/// Who the duty's own page says is on duty, and the intake's words.
fn on_duty_now(site: &Site) -> (String, String) {
    let duty = text(&read(site, "duties/primary-on-call.html"));
    let name = duty.split("On duty: ").nth(1).expect("on duty").split(" until").next().unwrap_or("").to_string();
    let page = read(site, "team/index.html");
    let intake = page.split("Something is broken in production</p>").nth(1).expect("intake").split("</li>").next();
    (name, text(intake.unwrap_or("")))
}

#[test]
fn an_intake_routed_to_a_duty_names_whoever_is_on_it() {
    let site = Site::copy_of("example-team");
    let mut seen = Vec::new();
    // Two weeks apart: two different people on the weekly rota.
    for now in [1_796_000_000, 1_796_000_000 + 14 * 86_400] {
        build_at(&site, now);
        let (name, intake) = on_duty_now(&site);
        assert!(!name.is_empty());
        assert!(intake.contains(&format!("Primary on-call On duty: {name} until")), "{intake}");
        let json: serde_json::Value = serde_json::from_str(&read(&site, "handbook.json")).expect("handbook.json");
        let intake = &json["team"]["intakes"][1];
        assert_eq!(intake["duty"], "duties/primary-on-call");
        let id = intake["contacts"][0].as_str().expect("a contact").to_string();
        let person = json["people"]
            .as_array()
            .expect("people")
            .iter()
            .find(|p| format!("people/{}", p["id"].as_str().unwrap_or("")) == id);
        assert_eq!(person.and_then(|p| p["name"].as_str()), Some(name.as_str()), "{id}");
        seen.push(name);
    }
    assert_ne!(seen[0], seen[1], "the contact follows the rota");
}

#[test]
fn a_new_owner_is_the_new_contact() {
    let site = Site::copy_of("example-team");
    let path = site.path().join("ownership.toml");
    let text_before = fs::read_to_string(&path).expect("read");
    let changed = text_before.replacen("owners = [\"product-manager\"]", "owners = [\"luis\"]", 1);
    assert_ne!(changed, text_before);
    fs::write(&path, changed).expect("write");
    site.run(&["build"]).status(0);
    let words = text(&read(&site, "team/index.html"));
    assert!(words.contains("Contact: Luis"), "{words}");
}

#[test]
fn the_summary_opens_home_and_start_here_and_services_sit_on_their_area() {
    let site = built();
    for rel in ["index.html", "start-here/engineer.html"] {
        let page = read(&site, rel);
        let summary = page.split("<aside class=\"team-summary\"").nth(1).unwrap_or_else(|| panic!("{rel}: no summary"));
        let words = text(summary.split("</aside>").next().unwrap_or(""));
        assert!(words.contains("Stream-aligned Merchants get paid fast and safely."), "{rel}: {words}");
        assert!(words.contains("Reach us in #payments · Core hours 10:00–16:00 America/New_York"), "{rel}: {words}");
        assert!(words.contains("3 ways to ask us · 2 services · 3 teams we work with"), "{rel}: {words}");
    }
    let area = text(&read(&site, "areas/on-call-rotation.html"));
    assert!(area.contains("Services") && area.contains("Payouts API owned by Mitra Raman (EM)"), "{area}");
}

#[test]
fn handbook_json_carries_the_card() {
    let site = built();
    let json: serde_json::Value = serde_json::from_str(&read(&site, "handbook.json")).expect("json");
    let team = &json["team"];
    assert_eq!(team["type"], "stream-aligned");
    assert_eq!(team["url"], "team/index.html");
    assert_eq!(team["intakes"][0]["area"], "areas/roadmap");
    assert_eq!(team["intakes"][0]["contacts"], serde_json::json!(["people/priya"]));
    assert_eq!(team["intakes"][2]["role"], "roles/tech-lead");
    assert_eq!(team["services"][0]["runbook"]["page"], "pages/runbooks/payouts");
    assert_eq!(team["interactions"][1]["until"], "2027-01-29");
    assert_eq!(team["review_due"], "2027-01-05");
}

#[test]
fn team_api_json_follows_the_teamapi_specification() {
    let site = built();
    let api: serde_json::Value = serde_json::from_str(&read(&site, "team-api.json")).expect("json");
    assert_eq!(
        api["info"],
        serde_json::json!({ "name": "Payments", "focus": "Merchants get paid fast and safely.", "type": "stream-aligned" })
    );
    assert_eq!(api["interactions"][0]["mode"], "X-as-a-service");
    assert_eq!(api["services"][0]["url"], "https://acme.github.io/payments-handbook/runbooks/payouts.html");
    if npm_tool("ajv/package.json").is_none() {
        return;
    }
    let out = Command::new("node")
        .arg(repo().join("tests/tools/ajv.cjs"))
        .arg(repo().join("tests/tools/teamapi.schema.json"))
        .arg(site.path().join("public/team-api.json"))
        .output()
        .expect("node");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let results: serde_json::Value = serde_json::from_slice(&out.stdout).expect("ajv's JSON");
    assert_eq!(results[0]["errors"], serde_json::json!([]), "{results}");
}

#[test]
fn without_a_card_there_is_no_page_and_no_file() {
    let site = Site::new();
    site.run(&["build"]).status(0);
    assert!(!site.path().join("public/team/index.html").exists());
    assert!(!site.path().join("public/team-api.json").exists());
    assert!(!read(&site, "index.html").contains("Working with us"));
    // `[[team]]` names nothing then.
    let site = Site::new().file("pages/a.md", "See [[team]].\n");
    site.run(&["check"]).status(1).stderr_has("pages/a.md:1:5: unknown link [[team]]");
}

#[test]
fn the_digest_tells_of_interactions_and_card_changes() {
    let site = built();
    let week = text(&read(&site, "updates/2026/2026-11-02.html"));
    assert!(week.contains("Working with other teams"), "{week}");
    assert!(
        week.contains("Started working with Developer experience (Facilitating): Contract tests for the Payouts API."),
        "{week}"
    );
    assert!(week.contains("The team card: Release dates are now asked of the tech lead, two sprints ahead."), "{week}");
    let started = text(&read(&site, "updates/2026/2026-09-07.html"));
    assert!(
        started.contains("Started working with Ledger (Collaboration): Move payouts onto the new ledger."),
        "{started}"
    );
}

#[test]
fn an_interaction_that_ended_is_told_in_its_week() {
    let site = Site::new()
        .file(
            "teambook.toml",
            "title = \"T\"\ntimezone = \"UTC\"\n\n[team]\n\n[[team.interaction]]\nteam = \"Ledger\"\nmode = \"collaboration\"\nsince = 2026-09-01\nuntil = 2026-11-20\n",
        )
        .file("updates/w.md", "+++\ndate = 2026-11-16\nauthor = \"ana\"\n+++\n")
        .file("people/ana.md", "+++\nname = \"Ana\"\nroles = [\"e\"]\n+++\n")
        .file("roles/e.md", "+++\ntitle = \"E\"\n+++\n");
    site.run(&["build"]).status(0);
    let week = text(&read(&site, "updates/w.html"));
    assert!(week.contains("Stopped working with Ledger (Collaboration)."), "{week}");
}

#[test]
fn init_writes_a_card_to_fill_in_that_passes_strict_checks() {
    for preset in [None, Some("em-pm")] {
        let dir = Site::empty();
        let mut args = vec!["init", "handbook"];
        args.extend(preset.map(|p| ["--preset", p]).into_iter().flatten());
        dir.run(&args).status(0);
        let root = dir.path().join("handbook");
        let config = fs::read_to_string(root.join("teambook.toml")).expect("teambook.toml");
        assert!(config.contains("[team]\nname = \"Our team\""), "{config}");
        crate::support::run_in(&root, &["check", "--strict"]).status(0);
        crate::support::run_in(&root, &["build"]).status(0);
        let words = text(&fs::read_to_string(root.join("public/team/index.html")).expect("team page"));
        // The scaffold's roadmap is the product manager's: Sam holds the role.
        assert!(words.contains("Contact: Sam Example (PM), owner of Roadmap"), "{preset:?}: {words}");
    }
}

/// In a real browser: at 1280 px the wide drawing shows, on a phone the
/// narrow one; either way every word of it sits inside its box or its
/// drawing and reads at 11 px or more.
#[test]
fn the_drawing_reads_at_a_glance_on_a_laptop_and_a_phone() {
    let Some(chromium) = crate::browser::chromium() else { return };
    drop(chromium);
    let site = built();
    let page = format!("file://{}/public/team/index.html", site.path().display());
    let Some(mut browser) = crate::cdp::Browser::open(&page) else { return };
    for (width, shown) in [(1280, "wide"), (390, "narrow")] {
        let metrics =
            serde_json::json!({ "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 800 });
        browser.call("Emulation.setDeviceMetricsOverride", metrics);
        browser.goto(&page);
        let seen = browser.eval(
            "[...document.querySelectorAll('svg.interactions')].filter(s => getComputedStyle(s).display !== 'none').map(s => s.classList[2])",
        );
        assert_eq!(seen, serde_json::json!([shown]), "at {width} px");
        let problems = browser.eval(
            "(() => { const svg = [...document.querySelectorAll('svg.interactions')].find(s => getComputedStyle(s).display !== 'none'); \
             const frame = svg.getBoundingClientRect(); const out = []; \
             for (const t of svg.querySelectorAll('text')) { const r = t.getBoundingClientRect(); \
               if (r.left < frame.left - 0.5 || r.right > frame.right + 0.5 || r.top < frame.top - 0.5 || r.bottom > frame.bottom + 0.5) out.push('outside: ' + t.textContent); \
               const box = t.parentElement.querySelector('rect'); if (box && t.parentElement.tagName === 'g') { const b = box.getBoundingClientRect(); \
                 if (r.left < b.left || r.right > b.right) out.push('out of its box: ' + t.textContent); } \
               const size = parseFloat(getComputedStyle(t).fontSize) * frame.width / svg.viewBox.baseVal.width; \
               if (size < 11) out.push('small (' + size.toFixed(1) + ' px): ' + t.textContent); } \
             return out; })()",
        );
        assert_eq!(problems, serde_json::json!([]), "at {width} px");
    }
}

#[test]
fn hours_default_to_the_team_zone_and_team_is_a_link() {
    let site = Site::new()
        .file(
            "teambook.toml",
            "title = \"T\"\ntimezone = \"Europe/Berlin\"\n\n[team]\nmission = \"We keep the lights on.\"\nhours = { core = \"09:00-17:00\" }\n",
        )
        .file("pages/ask.md", "Ask us: see [[team]].\n");
    site.run(&["check", "--strict"]).status(0);
    site.run(&["build"]).status(0);
    let words = text(&read(&site, "team/index.html"));
    assert!(words.contains("Working with us") && words.contains("09:00–17:00 Europe/Berlin"), "{words}");
    assert!(read(&site, "ask.html").contains("href=\"team/index.html\""));
    let json: serde_json::Value = serde_json::from_str(&read(&site, "handbook.json")).expect("json");
    assert_eq!(json["team"]["hours"]["timezone"], "Europe/Berlin");
    // Named by the handbook's title in team-api.json, which requires a name.
    let api: serde_json::Value = serde_json::from_str(&read(&site, "team-api.json")).expect("json");
    assert_eq!(api["info"]["name"], "T");
}

#[test]
fn the_editor_schema_knows_the_card() {
    if npm_tool("ajv/package.json").is_none() {
        return;
    }
    let site = Site::new().file(
        "teambook.toml",
        "title = \"T\"\n\n[team]\ntype = \"platform\"\n\n[[team.intake]]\nfor = \"X\"\nare = \"roadmap\"\n",
    );
    site.run(&["check"]).status(0).stderr_has("unknown key `team.intake.are` (did you mean `area`?)");
    site.run(&["schema"]).status(0);
    let doc = site.path().join("card.json");
    fs::write(&doc, r#"{"title":"T","team":{"type":"stream aligned","intake":[{"for":"X","are":"roadmap"}]}}"#)
        .expect("write");
    let out = Command::new("node")
        .arg(repo().join("tests/tools/ajv.cjs"))
        .arg(site.path().join(".teambook/schemas/teambook.schema.json"))
        .arg(&doc)
        .output()
        .expect("node");
    let results: serde_json::Value = serde_json::from_slice(&out.stdout).expect("ajv's JSON");
    let errors = results[0]["errors"].to_string();
    assert!(errors.contains("/team/type must be equal to one of the allowed values"), "{errors}");
    assert!(errors.contains("\\\"additionalProperty\\\":\\\"are\\\""), "{errors}");
}
