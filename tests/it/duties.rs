//! Duties, built by the real binary: turns across daylight-saving changes
//! and a leap day, read back from the calendars with independent parsers
//! (`icalendar` for structure, `rrule`'s chrono-tz for each local start and
//! end) and compared with the model; stable UIDs; overrides applied; who is
//! on duty at build time in the HTML, and at a fixed clock in headless
//! Chromium from the embedded schedule.

use std::collections::BTreeSet;
use std::fs;
use std::time::Duration;

use icalendar::parser::{read_calendar, unfold};
use rrule::RRuleSet;
use teambook::load::Options;

use crate::cdp::Browser;
use crate::support::{Site, build_at};

/// 2028-02-20T00:00:00Z: the calendars then run from four weeks before to
/// the next quarter, over 29 February and both zones' spring changes.
const LEAP_NOW: i64 = 1834531200;

fn leap_site() -> Site {
    Site::new()
        .file("roles/engineer.md", "+++\ntitle = \"Engineer\"\n+++\n")
        .file("people/ana.md", "+++\nname = \"Ana Lima\"\nroles = [\"engineer\"]\n+++\n")
        .file("people/bo.md", "+++\nname = \"Bo Chen\"\nroles = [\"engineer\"]\n+++\n")
        .file("people/cy.md", "+++\nname = \"Cy Diaz\"\nroles = [\"engineer\"]\n+++\n")
        .file(
            "duties/triage.md",
            "+++\ntitle = \"Triage\"\ntimezone = \"Europe/Berlin\"\nstart = 2028-01-03\nturn = \"1d\"\nhandoff = { time = \"09:00\" }\npool = [\"ana\", \"bo\"]\n+++\n",
        )
        .file(
            "duties/on-call.md",
            "+++\ntitle = \"On-call\"\ntimezone = \"America/New_York\"\nstart = 2028-01-03\nturn = \"1w\"\nhandoff = { day = \"mon\", time = \"10:00\" }\npool = [\"cy\"]\n+++\n",
        )
}

/// Each VEVENT's properties, unfolded.
fn events(ics: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in unfold(ics).lines() {
        match line {
            "BEGIN:VEVENT" => current = Some(Vec::new()),
            "END:VEVENT" => out.extend(current.take()),
            _ => current.iter_mut().for_each(|c| c.push(line.to_string())),
        }
    }
    out
}

fn prop<'a>(event: &'a [String], name: &str) -> &'a str {
    event
        .iter()
        .find(|l| l.starts_with(&format!("{name}:")) || l.starts_with(&format!("{name};")))
        .and_then(|l| l.split_once(':'))
        .map_or("", |(_, v)| v)
}

/// An instant written as `DTSTART;TZID=...:...` (or DTEND), read by the
/// rrule crate with chrono-tz: UTC seconds.
fn instant(event: &[String], name: &str) -> i64 {
    let line = event.iter().find(|l| l.starts_with(name)).expect(name);
    // The crate wants something to expand: the same instant as an RDATE.
    let as_start = format!("{}\n{}", line.replacen(name, "DTSTART", 1), line.replacen(name, "RDATE", 1));
    let set: RRuleSet = as_start.parse().unwrap_or_else(|e| panic!("{e}: {line}"));
    set.get_dt_start().timestamp()
}

#[test]
fn turns_keep_their_local_hand_off_across_daylight_saving_and_the_leap_day() {
    let site = leap_site();
    build_at(&site, LEAP_NOW);
    let now = jiff::Timestamp::from_second(LEAP_NOW).expect("ts");
    let (hb, _) = teambook::open(site.path(), &Options { drafts: false, now });
    let hb = hb.expect("handbook");
    for (id, local) in [("triage", "T090000"), ("on-call", "T100000")] {
        let ics = fs::read_to_string(site.path().join(format!("public/duties/{id}.ics"))).expect("ics");
        read_calendar(&unfold(&ics)).expect("valid iCalendar");
        let evs = events(&ics);
        let duty = hb.duties.iter().find(|d| d.doc.id == id).expect("duty");
        let rota = duty.rota(&hb).expect("rota");
        let mut previous_end = None;
        for e in &evs {
            // Every turn starts and ends at the local hand-off time...
            assert!(prop(e, "DTSTART").ends_with(local) && prop(e, "DTEND").ends_with(local), "{e:?}");
            // ...at the instant the model gives its turn (chrono-tz agrees with jiff)...
            let uid = prop(e, "UID");
            let turn: usize = uid.split('@').next().and_then(|u| u.rsplit('-').next()).expect("n").parse().expect("n");
            let (start, end) = (instant(e, "DTSTART"), instant(e, "DTEND"));
            assert_eq!(start, rota.turn_start(turn).expect("start").timestamp().as_second(), "{uid}");
            assert_eq!(end, rota.turn_start(turn + 1).expect("end").timestamp().as_second(), "{uid}");
            // ...and each begins where the one before ended.
            if let Some(p) = previous_end {
                assert_eq!(p, start, "{uid}");
            }
            previous_end = Some(end);
        }
        let uids: BTreeSet<&str> = evs.iter().map(|e| prop(e, "UID")).collect();
        assert_eq!(uids.len(), evs.len(), "one event per turn");
    }
    let triage = fs::read_to_string(site.path().join("public/duties/triage.ics")).expect("ics");
    // 29 February is a turn of its own, and Bo's: day 57 from 3 January.
    let leap = events(&triage).into_iter().find(|e| prop(e, "DTSTART").ends_with("20280229T090000")).expect("leap day");
    assert_eq!(prop(&leap, "SUMMARY"), "Triage: Bo Chen");
    // Berlin springs forward on 26 March: 09:00 is 08:00 UTC before, 07:00 after.
    let utc = |day: &str| {
        let e = events(&triage).into_iter().find(|e| prop(e, "DTSTART").ends_with(day)).expect(day);
        instant(&e, "DTSTART") % 86_400 / 3600
    };
    assert_eq!((utc("20280325T090000"), utc("20280327T090000")), (8, 7));
    // New York springs forward on 12 March: the turn that starts on the 6th is an hour shorter.
    let on_call = fs::read_to_string(site.path().join("public/duties/on-call.ics")).expect("ics");
    let across = events(&on_call).into_iter().find(|e| prop(e, "DTSTART").ends_with("20280306T100000")).expect("6 Mar");
    assert_eq!(instant(&across, "DTEND") - instant(&across, "DTSTART"), 7 * 86_400 - 3600);
    // The team calendar holds both duties' turns, each zone described once.
    let all = fs::read_to_string(site.path().join("public/calendar.ics")).expect("calendar.ics");
    let unfolded = unfold(&all);
    let parsed = read_calendar(&unfolded).expect("valid iCalendar");
    let zones: Vec<_> = parsed.components.iter().filter(|c| c.name == "VTIMEZONE").collect();
    assert_eq!(zones.len(), 2);
    assert_eq!(events(&all).len(), events(&triage).len() + events(&on_call).len());
}

#[test]
fn uids_are_stable_and_an_override_changes_who_holds_the_turn() {
    let site = leap_site();
    build_at(&site, LEAP_NOW);
    let read = |site: &Site| fs::read_to_string(site.path().join("public/duties/triage.ics")).expect("ics");
    let before = events(&read(&site));
    // Bo covers Ana's turn on 1 March.
    let text = "+++\ntitle = \"Triage\"\ntimezone = \"Europe/Berlin\"\nstart = 2028-01-03\nturn = \"1d\"\nhandoff = { time = \"09:00\" }\npool = [\"ana\", \"bo\"]\n\n[[override]]\nfrom = 2028-03-01\nto = 2028-03-02\nperson = \"bo\"\ninstead_of = \"ana\"\nreason = \"Ana is at the dentist\"\n+++\n";
    fs::write(site.path().join("duties/triage.md"), text).expect("write");
    build_at(&site, LEAP_NOW);
    let after = events(&read(&site));
    let uids = |evs: &[Vec<String>]| evs.iter().map(|e| prop(e, "UID").to_string()).collect::<Vec<_>>();
    assert_eq!(uids(&before), uids(&after), "the same turns, the same UIDs");
    let first_march = |evs: &[Vec<String>]| {
        evs.iter().find(|e| prop(e, "DTSTART").ends_with("20280301T090000")).map(|e| prop(e, "SUMMARY").to_string())
    };
    assert_eq!(first_march(&before).as_deref(), Some("Triage: Ana Lima"));
    assert_eq!(first_march(&after).as_deref(), Some("Triage: Bo Chen (instead of Ana Lima)"));
    let page = fs::read_to_string(site.path().join("public/duties/triage.html")).expect("page");
    assert!(page.contains("Ana is at the dentist"), "the override's reason is on the page");
}

#[test]
fn the_browser_works_out_who_is_on_duty_now_from_the_embedded_schedule() {
    let site = Site::copy_of("example-team");
    site.run(&["build"]).status(0);
    let page = site.path().join("public/duties/primary-on-call.html");
    let html = fs::read_to_string(&page).expect("page");
    // At build time (23 November 2026, 00:00 UTC: Sunday evening in New
    // York), Keiko holds the turn that began on 16 November.
    let built =
        html.split("class=\"on-duty-now\"").nth(1).expect("on duty").split("</span></span>").next().unwrap_or("");
    assert!(built.contains("Keiko Tanaka") && built.contains("Mon 23 Nov 10:00"), "{built}");
    assert!(html.contains("href=\"webcal://acme.github.io/payments-handbook/duties/primary-on-call.ics\""));
    assert!(html.contains("href=\"../duties/primary-on-call.ics\" download"));
    let Some(mut browser) = Browser::open("about:blank") else {
        eprintln!("chromium not found: skipped");
        return;
    };
    // 16 December 2026, noon UTC: Nadia covers Keiko's holiday turn.
    let clock = "Date.now = () => Date.UTC(2026, 11, 16, 12, 0, 0);";
    browser.call("Page.enable", serde_json::json!({}));
    browser.call("Page.addScriptToEvaluateOnNewDocument", serde_json::json!({ "source": clock }));
    for rel in ["duties/primary-on-call.html", "index.html", "duties/index.html", "areas/on-call-rotation.html"] {
        browser.goto(&format!("file://{}/public/{rel}", site.path().display()));
        let live = "document.querySelector('[data-duty-now]')?.hasAttribute('data-live') && document.querySelector('[data-duty-now]').getAttribute('data-live') === ''";
        assert!(browser.wait_for(live, Duration::from_secs(5)), "{rel}: no live answer");
        let now = browser.eval("document.querySelector('[data-duty-now] .on-duty-now').textContent");
        assert_eq!(now.as_str(), Some("On duty: Nadia Petrova until Mon 21 Dec 10:00"), "{rel}");
        let next = browser.eval("document.querySelector('[data-duty-now] .on-duty-next').textContent");
        assert_eq!(next.as_str(), Some("Next: Tomás Ferreira from Mon 21 Dec 10:00"), "{rel}");
        let href = browser.eval("document.querySelector('[data-duty-now] .on-duty-now a').getAttribute('href')");
        assert!(href.as_str().is_some_and(|h| h.ends_with("people/nadia.html")), "{rel}: {href}");
    }
}

#[test]
fn a_ceremony_led_by_a_duty_is_led_by_whoever_is_on_it() {
    let site = Site::new()
        .file("roles/engineer.md", "+++\ntitle = \"Engineer\"\n+++\n")
        .file("people/ana.md", "+++\nname = \"Ana Lima\"\nroles = [\"engineer\"]\n+++\n")
        .file("people/bo.md", "+++\nname = \"Bo Chen\"\nroles = [\"engineer\"]\n+++\n")
        .file(
            "duties/demo-host.md",
            "+++\ntitle = \"Demo host\"\nstart = 2026-11-02\nturn = \"1w\"\npool = [\"engineer\"]\n+++\n",
        )
        .file(
            "ceremonies/demo.md",
            "+++\ntitle = \"Demo\"\ncadence = \"weekly\"\ndays = [\"thu\"]\ntime = \"15:00\"\nduration = \"30m\"\nstart = 2026-11-05\nfacilitators = [\"duty:demo-host\"]\n+++\n",
        );
    site.run(&["build"]).status(0);
    // Turns alternate from 2 November: the demo of 26 November is in Bo's
    // turn (from the 23rd), that of 3 December in Ana's.
    let export: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(site.path().join("public/handbook.json")).expect("json"))
            .expect("json");
    let demo = &export["ceremonies"][0]["next"];
    assert_eq!(demo[0]["start"], "2026-11-26T15:00:00+00:00");
    assert_eq!(demo[0]["facilitator"], "people/bo");
    assert_eq!(demo[1]["facilitator"], "people/ana");
    let page = fs::read_to_string(site.path().join("public/ceremonies/demo.html")).expect("page");
    assert!(page.contains("Ana Lima") && page.contains("Bo Chen"), "the meetings name who leads each");
    // The duty is in the export with its shifts.
    let duty = &export["duties"][0];
    assert_eq!(duty["members"], serde_json::json!(["people/ana", "people/bo"]));
    // At build time (23 November, 00:00) Ana's turn of the 16th is under way.
    assert_eq!(duty["shifts"][0]["person"], "people/ana");
    assert_eq!(duty["shifts"][0]["end"], "2026-11-23T10:00:00+00:00");
    // A duty that does not exist is an unknown id, with the nearest one.
    let typo = site.file("ceremonies/demo.md", "+++\ntitle = \"Demo\"\nfacilitators = [\"duty:demo-hots\"]\n+++\n");
    typo.run(&["check"])
        .status(1)
        .stderr_has("ceremonies/demo.md:3:17: unknown duty \"demo-hots\" (did you mean \"demo-host\"?)");
}

#[test]
fn new_update_says_who_is_on_duty_that_week() {
    let site = Site::new()
        .file("roles/engineer.md", "+++\ntitle = \"Engineer\"\n+++\n")
        .file("people/ana.md", "+++\nname = \"Ana Lima\"\nroles = [\"engineer\"]\n+++\n")
        .file("people/bo.md", "+++\nname = \"Bo Chen\"\nroles = [\"engineer\"]\n+++\n")
        .file(
            "duties/on-call.md",
            "+++\ntitle = \"On-call\"\nstart = 2026-11-04\nturn = \"1w\"\nhandoff = { day = \"wed\", time = \"09:30\" }\npool = [\"engineer\"]\n+++\n",
        );
    // The week of 23 November: Ana's turn from the 18th, Bo's from Wednesday the 25th.
    site.run(&["new", "update", "--author", "ana"]).status(0);
    let text = fs::read_to_string(site.path().join("updates/2026/2026-11-23.md")).expect("update");
    assert!(
        text.contains("## Highlights\n\n- [[duties/on-call|On-call]]: Ana Lima, then Bo Chen from Wed 25 Nov 09:30.\n"),
        "{text}"
    );
    site.run(&["check", "--strict"]).status(0);
}

#[test]
fn the_digest_says_who_hands_each_duty_to_whom() {
    let site = Site::copy_of("example-team");
    site.run(&["build"]).status(0);
    let text = |rel: &str| {
        let html = fs::read_to_string(site.path().join("public").join(rel)).expect("page");
        let doc = scraper::Html::parse_document(&html);
        let items = scraper::Selector::parse(".digest li").expect("selector");
        doc.select(&items).map(|li| li.text().collect::<String>()).collect::<Vec<_>>()
    };
    let week = text("updates/2026/2026-11-16.html");
    assert!(
        week.contains(&"Jonas Weber hands Primary on-call to Keiko Tanaka on Monday 16 November.".to_string()),
        "{week:?}"
    );
    assert!(
        week.contains(&"Priya Natarajan hands Weekly update writer to Mitra Raman on Friday 20 November.".to_string())
    );
    // Home: this week's (the build's today, 22 November in New York, is in the week of the 16th).
    assert!(text("index.html").iter().any(|l| l.contains("hands Primary on-call to Keiko Tanaka")));
}
