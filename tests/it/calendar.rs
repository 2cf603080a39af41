//! The calendar files, read back with independent parsers: the `icalendar`
//! crate for structure and the `rrule` crate (chrono-tz) to expand the
//! recurrences. Every occurrence it expands must be one the model has, at
//! the same instant and led by the same person, and the other way round.

use std::collections::BTreeSet;
use std::fs;

use icalendar::parser::{read_calendar, unfold};
use jiff::civil::date;
use rrule::RRuleSet;
use teambook::load::Options;
use teambook::model::Handbook;

use crate::support::{NOW, Site};

fn example() -> (Site, Handbook) {
    let site = Site::copy_of("example-team");
    site.run(&["build"]).status(0);
    let now = jiff::Timestamp::from_second(NOW.parse().expect("epoch")).expect("ts");
    let (hb, _) = teambook::open(site.path(), &Options { drafts: false, now });
    (site, hb.expect("handbook"))
}

/// The VEVENTs of a calendar: their unfolded property lines.
fn events(ics: &str) -> Vec<Vec<String>> {
    let unfolded = unfold(ics);
    let mut out = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in unfolded.lines() {
        match line {
            "BEGIN:VEVENT" => current = Some(Vec::new()),
            "END:VEVENT" => out.extend(current.take()),
            _ => {
                if let Some(c) = current.as_mut() {
                    c.push(line.to_string());
                }
            }
        }
    }
    out
}

fn prop<'a>(event: &'a [String], name: &str) -> Option<&'a str> {
    event
        .iter()
        .find(|l| l.starts_with(&format!("{name}:")) || l.starts_with(&format!("{name};")))
        .map(|l| l.split_once(':').map_or("", |(_, v)| v))
}

/// Expands one VEVENT with the rrule crate: UTC seconds of each occurrence
/// up to the end of 2027.
fn expand(event: &[String]) -> Vec<i64> {
    expand_until(event, 1830297600) // 2028-01-01T00:00:00Z
}

/// The same, of each occurrence before `end` (UTC seconds).
fn expand_until(event: &[String], end: i64) -> Vec<i64> {
    let rules: Vec<&str> = event
        .iter()
        .filter(|l| {
            ["DTSTART", "RRULE", "EXDATE", "RDATE"]
                .iter()
                .any(|p| l.starts_with(&format!("{p}:")) || l.starts_with(&format!("{p};")))
        })
        .map(String::as_str)
        .collect();
    let set: RRuleSet = rules.join("\n").parse().unwrap_or_else(|e| panic!("{e}: {rules:?}"));
    let first = set.get_dt_start().timestamp();
    let mut out: Vec<i64> = set.all(u16::MAX).dates.iter().map(|d| d.timestamp()).filter(|&t| t < end).collect();
    // RFC 5545: DTSTART is the first instance. The rrule crate (like
    // python-dateutil) counts it only through an RRULE, so an event of
    // RDATEs gets it added here.
    if !rules.iter().any(|l| l.starts_with("RRULE")) {
        out.insert(0, first);
    }
    out
}

#[test]
fn calendars_are_valid_icalendar() {
    let (site, hb) = example();
    let out = site.path().join("public");
    let all = fs::read_to_string(out.join("calendar.ics")).expect("calendar.ics");
    for line in all.split_inclusive('\n') {
        assert!(line.ends_with("\r\n"), "line not ended by CRLF: {line:?}");
        assert!(line.len() - 2 <= 75, "line longer than 75 octets: {line:?}");
    }
    let unfolded = unfold(&all);
    let calendar = read_calendar(&unfolded).expect("parses");
    let names: Vec<String> =
        calendar.properties.iter().map(|p| format!("{}:{}", p.name.as_str(), p.val.as_str())).collect();
    assert!(names.contains(&"X-WR-CALNAME:Payments team handbook ceremonies".to_string()), "{names:?}");
    assert!(names.contains(&"NAME:Payments team handbook ceremonies".to_string()));
    assert!(names.contains(&"REFRESH-INTERVAL:PT12H".to_string()));
    let kinds: Vec<&str> = calendar.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "VTIMEZONE").count(), 1);
    assert!(kinds.iter().filter(|k| **k == "VEVENT").count() >= hb.ceremonies.len());
    // Every event has a stable UID and a DTSTAMP from SOURCE_DATE_EPOCH.
    let evs = events(&all);
    let uids: BTreeSet<&str> = evs.iter().filter_map(|e| prop(e, "UID")).collect();
    assert_eq!(uids.len(), evs.len());
    assert!(evs.iter().all(|e| prop(e, "DTSTAMP") == Some("20261123T000000Z")));
    // One calendar per ceremony, linked from its page with a webcal:// link.
    for c in &hb.ceremonies {
        let single = fs::read_to_string(out.join(format!("ceremonies/{}.ics", c.doc.id))).expect("ceremony calendar");
        read_calendar(&unfold(&single)).expect("parses");
        let page = fs::read_to_string(out.join(format!("ceremonies/{}.html", c.doc.id))).expect("page");
        assert!(page.contains(&format!("href=\"../ceremonies/{}.ics\"", c.doc.id)), "{}", c.doc.id);
        assert!(page.contains(&format!("webcal://acme.github.io/payments-handbook/ceremonies/{}.ics", c.doc.id)));
    }
}

/// The calendar says exactly what the model says: same instants, same leaders.
#[test]
fn expanded_occurrences_match_the_model_across_daylight_saving() {
    let (site, hb) = example();
    let out = site.path().join("public");
    for c in &hb.ceremonies {
        let ics = fs::read_to_string(out.join(format!("ceremonies/{}.ics", c.doc.id))).expect("ics");
        let mut from_ics: BTreeSet<(i64, String)> = BTreeSet::new();
        for event in events(&ics) {
            let summary = prop(&event, "SUMMARY").expect("summary").to_string();
            let leader =
                summary.split_once("(led by ").map_or(String::new(), |(_, who)| who.trim_end_matches(')').to_string());
            for t in expand(&event) {
                from_ics.insert((t, leader.clone()));
            }
        }
        let model: BTreeSet<(i64, String)> = c
            .occurrences(date(2020, 1, 1), date(2027, 12, 31))
            .into_iter()
            .filter(|o| o.start.timestamp().as_second() < 1830297600)
            .map(|o| {
                let leader = match (c.facilitators.len() > 1, o.facilitator) {
                    (true, Some(f)) => c.facilitators[f].to.map(|e| hb.title(e)).unwrap_or_default(),
                    _ => String::new(),
                };
                (o.start.timestamp().as_second(), leader)
            })
            .collect();
        assert!(!model.is_empty(), "{} has occurrences", c.doc.id);
        assert_eq!(from_ics, model, "{}", c.doc.id);
    }
    // The weekly sync at 10:00 New York: 14:00 UTC in October, 15:00 UTC after 1 November.
    let sync = fs::read_to_string(out.join("ceremonies/em-pm-sync.ics")).expect("ics");
    let times: BTreeSet<i64> = events(&sync).iter().flat_map(|e| expand(e)).collect();
    assert!(times.contains(&1792418400)); // 2026-10-19T14:00:00Z
    assert!(times.contains(&1793631600)); // 2026-11-02T15:00:00Z
    assert!(!times.contains(&1788789600)); // 2026-09-07, Labor Day, skipped
}

#[test]
fn rotations_are_one_event_per_turn_and_attendees_have_emails() {
    let (site, _) = example();
    let standup = fs::read_to_string(site.path().join("public/ceremonies/daily-standup.ics")).expect("ics");
    let evs = events(&standup);
    // Monday to Friday rotating between two people repeats every two weeks.
    assert_eq!(evs.len(), 4);
    assert!(evs.iter().all(|e| prop(e, "RRULE").is_some_and(|r| r.contains("INTERVAL=2"))));
    let sync = fs::read_to_string(site.path().join("public/ceremonies/em-pm-sync.ics")).expect("ics");
    let first = &events(&sync)[0];
    let attendees: Vec<&String> = first.iter().filter(|l| l.starts_with("ATTENDEE")).collect();
    assert!(
        attendees.iter().any(|a| a.contains("CN=\"Mitra Raman\"") && a.ends_with(":mailto:mitra@acme.example")),
        "{attendees:?}"
    );
    let ops = fs::read_to_string(site.path().join("public/ceremonies/ops-review.ics")).expect("ics");
    assert_eq!(prop(&events(&ops)[0], "RRULE"), Some("FREQ=MONTHLY;UNTIL=20261231T150000Z"));
}

/// A zone written in the wrong case is the zone the database names, so
/// calendars get a TZID that calendar apps know.
#[test]
fn zone_names_are_spelt_as_the_database_spells_them() {
    let site = Site::empty()
        .file("teambook.toml", "title = \"T\"\ntimezone = \"america/new_york\"\n")
        .file(
            "ceremonies/sync.md",
            "+++\ntitle = \"Sync\"\ncadence = \"weekly\"\ntime = \"10:00\"\nduration = \"30m\"\nstart = 2026-11-02\ntimezone = \"europe/dublin\"\n+++\n",
        );
    site.run(&["build"]).status(0);
    let ics = fs::read_to_string(site.path().join("public/calendar.ics")).expect("calendar.ics");
    assert!(ics.contains("TZID:Europe/Dublin") && !ics.contains("europe/dublin"), "{ics}");
    let page = fs::read_to_string(site.path().join("public/ceremonies/index.html")).expect("page");
    assert!(page.contains("America/New_York") && !page.contains("america/new_york"));
}

/// A ceremony file with a rule, at 10:00 for an hour.
fn ceremony(rule: &str, extra: &str) -> String {
    format!("+++\ntitle = \"C\"\n{rule}\ntime = \"10:00\"\nduration = \"1h\"\n{extra}\n+++\n")
}

/// Rules whose meetings are rare or far ahead: each is in every output,
/// and the outputs agree. (The page and the calendars used to look a year
/// or 400 days ahead, handbook.json two years: a leap-day rule was "Not
/// scheduled" on its page and absent from calendar.ics, yet listed in the JSON.)
#[test]
fn rare_and_distant_meetings_are_in_every_output_alike() {
    let leap = "rrule = \"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29\"";
    let site = Site::new()
        .file("teambook.toml", "title = \"T\"\ntimezone = \"America/New_York\"\nbase_url = \"https://t.example/\"\n")
        .file("roles/engineer.md", "+++\ntitle = \"Engineer\"\n+++\n")
        .file("people/ana.md", "+++\nname = \"Ana\"\nroles = [\"engineer\"]\n+++\n")
        .file("people/ben.md", "+++\nname = \"Ben\"\nroles = [\"engineer\"]\n+++\n")
        .file("ceremonies/leap-day.md", &ceremony(leap, "start = 2026-01-01\nfacilitators = [\"ana\"]"))
        .file("ceremonies/leap-turns.md", &ceremony(leap, "start = 2026-01-01\nfacilitators = [\"ana\", \"ben\"]"))
        .file(
            "ceremonies/biennial.md",
            &ceremony(
                "rrule = \"FREQ=YEARLY;INTERVAL=2;BYMONTH=1;BYMONTHDAY=5\"",
                "start = 2026-01-06\nfacilitators = [\"ana\"]",
            ),
        )
        .file(
            "ceremonies/far-skip.md",
            &ceremony(
                "cadence = \"weekly\"\ndays = [\"mon\"]",
                "start = 2026-11-02\nskip = [2026-11-30, 2028-01-03]\nfacilitators = [\"ana\", \"ben\"]",
            ),
        )
        .file(
            "ceremonies/ended.md",
            &ceremony("cadence = \"monthly\"", "start = 2026-01-31\nuntil = 2026-06-30\nfacilitators = [\"ana\"]"),
        );
    site.run(&["build", "--strict"]).status(0);
    let out = site.path().join("public");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("handbook.json")).expect("json")).expect("parses");
    let all = fs::read_to_string(out.join("calendar.ics")).expect("calendar.ics");
    let end = 4102444800; // 2100-01-01T00:00:00Z
    for c in json["ceremonies"].as_array().expect("ceremonies") {
        let id = c["id"].as_str().expect("id");
        // handbook.json: the next ten meetings, with who leads each.
        let next: Vec<(i64, String)> = c["next"]
            .as_array()
            .expect("next")
            .iter()
            .map(|o| {
                let start: jiff::Timestamp = o["start"].as_str().expect("start").parse().expect("RFC 3339");
                let who = o["facilitator"].as_str().unwrap_or("").trim_start_matches("people/").to_string();
                (start.as_second(), who)
            })
            .collect();
        // The ceremony's own calendar, expanded by the rrule crate.
        let single = fs::read_to_string(out.join(format!("ceremonies/{id}.ics"))).expect("ics");
        let mut from_ics: Vec<(i64, String)> = Vec::new();
        for event in events(&single) {
            let summary = prop(&event, "SUMMARY").expect("summary");
            let who = summary.split_once("(led by ").map_or("Ana", |(_, w)| w.trim_end_matches(')')).to_lowercase();
            from_ics.extend(expand_until(&event, end).into_iter().map(|t| (t, who.clone())));
        }
        from_ics.sort();
        let today = 1795392000;
        let upcoming: Vec<(i64, String)> = from_ics.iter().filter(|(t, _)| *t >= today).take(10).cloned().collect();
        assert_eq!(upcoming, next, "{id}: the calendar's upcoming meetings are handbook.json's");
        // The page lists the first six.
        let page = fs::read_to_string(out.join(format!("ceremonies/{id}.html"))).expect("page");
        let rows = page.matches("<tr><td>").count();
        assert_eq!(rows, next.len().min(6), "{id}: {page}");
        for (t, _) in next.iter().take(6) {
            let day = jiff::Timestamp::from_second(*t)
                .expect("ts")
                .to_zoned_datetime(jiff::tz::TimeZone::get("America/New_York").expect("zone"))
                .strftime("%a %-d %b")
                .to_string();
            assert!(page.contains(&format!("<tr><td>{day}</td>")), "{id}: no {day} on the page");
        }
        // calendar.ics holds the same events as the ceremony's own calendar.
        for event in events(&single) {
            let uid = prop(&event, "UID").expect("uid");
            assert!(all.contains(&format!("UID:{uid}\r\n")), "{id}: {uid} missing from calendar.ics");
        }
        if id == "ended" {
            assert!(next.is_empty() && page.contains("No more meetings: the last was on 31 May 2026."), "{page}");
        } else {
            assert!(!next.is_empty(), "{id} has upcoming meetings");
        }
    }
    let first = |id: &str| {
        json["ceremonies"].as_array().expect("list").iter().find(|c| c["id"] == id).expect(id)["next"][0]["start"]
            .as_str()
            .expect("start")
            .to_string()
    };
    assert_eq!(first("leap-day"), "2028-02-29T10:00:00-05:00");
    assert_eq!(first("biennial"), "2028-01-05T10:00:00-05:00");
    // The week view (Monday 16 to Sunday 22 November: today is the 22nd in
    // New York) shows this week's meetings of the same series.
    let week = fs::read_to_string(out.join("ceremonies/index.html")).expect("ceremonies");
    let doc = scraper::Html::parse_document(&week);
    let shown: Vec<(String, String)> = doc
        .select(&scraper::Selector::parse(".week li.block").expect("css"))
        .map(|li| {
            let at = |css: &str, attr: &str| {
                li.select(&scraper::Selector::parse(css).expect("css"))
                    .next()
                    .and_then(|e| e.value().attr(attr))
                    .unwrap_or_default()
                    .to_string()
            };
            (at("time", "datetime"), at("a", "href"))
        })
        .collect();
    assert_eq!(shown, [("2026-11-16T10:00:00-05:00".to_string(), "../ceremonies/far-skip.html".to_string())]);
    // A meeting skipped more than a year ahead is cancelled in the calendar too.
    let far = fs::read_to_string(out.join("ceremonies/far-skip.ics")).expect("ics");
    let times: BTreeSet<i64> = events(&far).iter().flat_map(|e| expand_until(e, end)).collect();
    assert!(!times.contains(&1830524400), "2028-01-03 15:00 UTC is skipped"); // 2028-01-03T10:00-05:00
    assert!(times.contains(&1831129200), "2028-01-10 is not"); // 2028-01-10T10:00-05:00
}
