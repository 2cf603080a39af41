//! "What changed in the handbook this week": the digest of a week of a
//! small handbook, against the facts written out by hand; the same facts on
//! the update page and in the update `teambook new update` writes.

use std::fs;

use jiff::civil::date;
use teambook::digest::{Chronicle, Group, markdown};
use teambook::load::Options;

use crate::html::{parse, texts};
use crate::support::{NOW, Site};

/// Dated facts in the week of 23 November 2026 (the tests' today), and
/// updates before it.
fn handbook() -> Site {
    let update = |day: &str, mentions: &str| {
        format!("+++\ndate = {day}\nauthor = \"ana\"\nprojects = [{mentions}]\n+++\n## Highlights\n\nWork.\n")
    };
    Site::new()
        .file("roles/engineer.md", "+++\ntitle = \"Engineer\"\n+++\n")
        .file("roles/lead.md", "+++\ntitle = \"Lead\"\n+++\n")
        .file("people/ana.md", "+++\nname = \"Ana\"\nroles = [\"engineer\", \"lead\"]\njoined = 2026-11-24\n+++\n")
        .file("people/bo.md", "+++\nname = \"Bo\"\nroles = [\"lead\"]\nleft = 2026-11-26\n+++\n")
        .file(
            "ownership.toml",
            "review_every = \"quarter\"\n\n[[area]]\nname = \"On-call\"\nowners = [\"engineer\"]\nreviewed = 2026-08-25\nreviewed_by = [\"lead\"]\n\n  [[area.history]]\n  date = 2026-11-25\n  from = [\"lead\"]\n  to = [\"engineer\"]\n  reason = \"Bo is leaving\"\n",
        )
        .file(
            "projects/search.md",
            "+++\ntitle = \"Search\"\nstage = \"ENG\"\ntarget = 2027-01-15\nkey_results = [\"payout-time\"]\nimpact = { summary = \"Faster\" }\n\n\
             [[history]]\ndate = 2026-10-05\nstage = \"Ready\"\ntarget = 2026-12-18\n\n\
             [[history]]\ndate = 2026-11-23\nstage = \"ENG\"\nnote = \"BRD approved\"\n\n\
             [[history]]\ndate = 2026-11-27\ntarget = 2027-01-15\nnote = \"The index needs a rebuild\"\n+++\n",
        )
        .file(
            "projects/ledger.md",
            "+++\ntitle = \"Ledger\"\nstage = \"BRD\"\nimpact = { summary = \"Fewer incidents\" }\n\n[[history]]\ndate = 2026-09-01\nstage = \"BRD\"\n+++\n",
        )
        .file(
            "goals/speed.md",
            "+++\ntitle = \"Payouts are fast\"\nperiod = \"2026-Q4\"\n\n[[key_result]]\nid = \"payout-time\"\ntitle = \"Median payout time\"\nunit = \"hours\"\nbaseline = 48\ntarget = 24\n\n\
             [[key_result.check_in]]\ndate = 2026-11-02\nvalue = 40\n\n\
             [[key_result.check_in]]\ndate = 2026-11-26\nvalue = 30\nnote = \"Batching\"\n+++\n",
        )
        .file(
            "decisions/on-call-to-engineers.md",
            "+++\ntitle = \"Engineers own on-call\"\ndate = 2026-11-24\nstatus = \"accepted\"\nareas = [\"on-call\"]\ndriver = \"ana\"\napprovers = [\"engineer\"]\n+++\n",
        )
        .file("updates/2026-11-02.md", &update("2026-11-02", "\"search\""))
        .file("updates/2026-11-09.md", &update("2026-11-09", "\"search\""))
        .file("updates/2026-11-16.md", &update("2026-11-16", ""))
}

fn options() -> Options {
    Options { drafts: false, now: jiff::Timestamp::from_second(NOW.parse().expect("epoch")).expect("ts") }
}

#[test]
fn the_digest_of_a_week_holds_its_dated_facts() {
    let site = handbook();
    let (hb, diags) = teambook::open(site.path(), &options());
    assert!(!diags.has_errors(), "{:?}", diags.sorted());
    let hb = hb.expect("handbook");
    let chronicle = Chronicle::new(&hb);
    let digest = chronicle.week(date(2026, 11, 23));
    let written: Vec<(Group, Vec<String>)> = digest
        .groups()
        .into_iter()
        .map(|(g, facts, _)| (g, facts.iter().map(|f| markdown(&hb, &f.line(&hb))).collect()))
        .collect();
    let want: Vec<(Group, Vec<&str>)> = vec![
        (
            Group::Projects,
            vec![
                "[[projects/search]] moved from Ready to ENG: BRD approved.",
                "[[projects/search]]’s target moved from 18 Dec 2026 to 15 Jan 2027 (+4 weeks since the baseline of 18 Dec 2026): The index needs a rebuild.",
            ],
        ),
        (
            Group::Goals,
            vec![
                "[[goals/speed#kr-payout-time|Median payout time]] ([[goals/speed]]): 30 hours, 75\u{a0}% of the way from 48 to 24 hours (Batching).",
            ],
        ),
        (Group::People, vec!["[[people/ana]] joined the team.", "[[people/bo]] left the team."]),
        (Group::Decisions, vec!["[[decisions/on-call-to-engineers]] was decided."]),
        (
            Group::Ownership,
            vec![
                "[[areas/on-call]]: owners changed from [[roles/lead]] to [[roles/engineer]]: Bo is leaving.",
                "[[areas/on-call]]: its ownership review fell due (last reviewed 25 Aug 2026, every quarter).",
            ],
        ),
        // Search was mentioned on 9 November; the ledger never, while in BRD.
        (Group::Quiet, vec!["[[projects/ledger]] is in BRD, and no update has mentioned it for three weeks."]),
    ];
    let want: Vec<(Group, Vec<String>)> =
        want.into_iter().map(|(g, lines)| (g, lines.into_iter().map(String::from).collect())).collect();
    assert_eq!(written, want);

    // Projects are asked about only once updates were written three weeks
    // before: not in the week of the first update, which has its check-in.
    let nov_2 = chronicle.week(date(2026, 11, 2));
    assert_eq!(nov_2.facts.iter().map(|f| f.group()).collect::<Vec<_>>(), [Group::Goals]);
    assert!(chronicle.week(date(2026, 10, 26)).is_empty());
    let nov_16 = chronicle.week(date(2026, 11, 16));
    assert_eq!(nov_16.facts.len(), 1, "{nov_16:?}");
    assert_eq!(nov_16.facts[0].group(), Group::Quiet);
}

#[test]
fn new_update_writes_the_weeks_facts_for_the_author_to_edit() {
    let site = handbook();
    site.run(&["new", "update", "--author", "ana"]).status(0);
    let text = fs::read_to_string(site.path().join("updates/2026/2026-11-23.md")).expect("the new update");
    assert_eq!(
        text,
        "+++\ndate = 2026-11-23\nauthor = \"ana\"\nstatus = \"on-track\"\nprojects = [\"search\"]\n\
         # How is each project in flight doing (on-track, at-risk, off-track)? Their latest ratings:\n\
         # keep the ones you report on, then remove the # below.\n\
         # health = { ledger = \"on-track\", search = \"on-track\" }\n+++\n\
         ## Highlights\n\n\
         - [[goals/speed#kr-payout-time|Median payout time]] ([[goals/speed]]): 30 hours, 75\u{a0}% of the way from 48 to 24 hours (Batching).\n\
         - [[people/ana]] joined the team.\n\
         - [[people/bo]] left the team.\n\
         - [[decisions/on-call-to-engineers]] was decided.\n\
         - [[areas/on-call]]: owners changed from [[roles/lead]] to [[roles/engineer]]: Bo is leaving.\n\
         - [[areas/on-call]]: its ownership review fell due (last reviewed 25 Aug 2026, every quarter).\n\n\
         ## Project changes\n\n\
         - [[projects/search]] moved from Ready to ENG: BRD approved.\n\
         - [[projects/search]]’s target moved from 18 Dec 2026 to 15 Jan 2027 (+4 weeks since the baseline of 18 Dec 2026): The index needs a rebuild.\n\n\
         ## Risks\n\n\
         - Ledger is in BRD, and no update has mentioned it for three weeks.\n\n\
         ## Asks\n"
    );
    // It checks: its links resolve; the ledger, named without a link, is still asked about.
    site.run(&["check"]).status(0).stderr_has("warning: projects/ledger.md:1:1: project \"Ledger\" is in BRD");
    site.run(&["new", "update", "--author", "ana"]).status(2).stderr_has("never overwrites");

    // Its page shows the week's digest, with links.
    site.run(&["build"]).status(0);
    let page = parse(&site.path().join("public/updates/2026/2026-11-23.html"));
    let digest = texts(&page, "section.digest li");
    // The quiet project is named in a line of its own, not a sentence.
    assert_eq!(digest.len(), 8, "{digest:?}");
    let named = texts(&page, "section.digest p.digest-named");
    assert!(named.len() == 1 && named[0].starts_with("Ledger (BRD)"), "{named:?}");
    assert!(digest[0].starts_with("Search moved from Ready to ENG"), "{digest:?}");
    let links: Vec<&str> =
        crate::html::select(&page, "section.digest li a").iter().filter_map(|a| a.value().attr("href")).collect();
    assert!(links.contains(&"../../goals/speed.html#kr-payout-time"), "{links:?}");
    // The home page shows this week's.
    let home = parse(&site.path().join("public/index.html"));
    assert_eq!(texts(&home, "section.digest li").len(), 8);
}

#[test]
fn the_digest_says_when_a_new_one_on_one_pair_starts() {
    let site = Site::new()
        .file("roles/engineer.md", "+++\ntitle = \"Engineer\"\n+++\n")
        .file("people/bo.md", "+++\nname = \"Bo\"\nroles = [\"engineer\"]\n+++\n")
        .file("people/cy.md", "+++\nname = \"Cy\"\nroles = [\"engineer\"]\n+++\n")
        .file(
            "people/ana.md",
            "+++\nname = \"Ana\"\nroles = [\"engineer\"]\nmanager = \"bo\"\njoined = 2026-10-05\n\n[[history]]\ndate = 2026-11-18\nmanager = \"cy\"\n+++\n",
        )
        .file("one_on_ones.toml", "[policy]\nreports = { cadence = \"biweekly\" }\nnew_joiners = { cadence = \"weekly\", for = \"90d\" }\n");
    let (hb, diags) = teambook::open(site.path(), &options());
    assert!(!diags.has_errors(), "{:?}", diags.sorted());
    let hb = hb.expect("handbook");
    let chronicle = Chronicle::new(&hb);
    let lines = |monday: jiff::civil::Date| -> Vec<String> {
        chronicle.week(monday).facts.iter().map(|f| markdown(&hb, &f.line(&hb))).collect()
    };
    // Joining: the first manager, at the new joiners' cadence.
    assert!(
        lines(date(2026, 10, 5))
            .contains(&"[[people/cy]] and [[people/ana]] start their 1:1s: every week.".to_string())
    );
    // A change of manager: the new one, at the reports' cadence.
    assert_eq!(lines(date(2026, 11, 16)), ["[[people/bo]] and [[people/ana]] start their 1:1s: every other week."]);
}
