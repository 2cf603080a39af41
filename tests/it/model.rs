//! The resolved model of example-team: back-links, owners through roles,
//! and ceremony occurrences across a daylight-saving change.

use jiff::civil::{Date, date};
use teambook::load::Options;
use teambook::model::{Entity, Handbook, Index, Part, Raci, Via};

use crate::support::{NOW, repo};

fn example() -> Handbook {
    let now = jiff::Timestamp::from_second(NOW.parse().expect("epoch")).expect("timestamp");
    let (hb, diags) = teambook::open(&repo().join("example-team"), &Options { drafts: false, now });
    assert!(diags.sorted().is_empty(), "{:?}", diags.sorted());
    hb.expect("handbook")
}

fn find<T>(items: &[T], id: impl Fn(&T) -> &str, want: &str) -> usize {
    items.iter().position(|x| id(x) == want).unwrap_or_else(|| panic!("no {want}"))
}

fn person(hb: &Handbook, id: &str) -> usize {
    find(&hb.people, |p| &p.doc.id, id)
}
fn role(hb: &Handbook, id: &str) -> usize {
    find(&hb.roles, |r| &r.doc.id, id)
}
fn area(hb: &Handbook, id: &str) -> usize {
    find(&hb.areas, |a| &a.id, id)
}
fn ceremony(hb: &Handbook, id: &str) -> usize {
    find(&hb.ceremonies, |c| &c.doc.id, id)
}
fn project(hb: &Handbook, id: &str) -> usize {
    find(&hb.projects, |p| &p.doc.id, id)
}
fn update(hb: &Handbook, id: &str) -> usize {
    find(&hb.updates, |u| &u.doc.id, id)
}
fn goal(hb: &Handbook, id: &str) -> usize {
    find(&hb.goals, |g| &g.doc.id, id)
}

#[test]
fn key_results_know_the_projects_that_serve_them() {
    let hb = example();
    let g = goal(&hb, "2026-q4-month-end-close");
    let close = &hb.goals[g].key_results[0];
    assert_eq!(close.id.value, "month-end-close");
    let ids: Vec<&str> = close.projects.iter().map(|&p| hb.projects[p].doc.id.as_str()).collect();
    assert_eq!(ids, ["ledger-migration", "payout-reconciliation"]);
    let recon = &hb.projects[project(&hb, "payout-reconciliation")];
    let served: Vec<(usize, usize)> = recon.key_results.iter().filter_map(|k| k.to).map(|k| (k.goal, k.kr)).collect();
    assert_eq!(served.len(), 3);
    assert!(served.contains(&(g, 0)) && served.contains(&(g, 1)));
    // A year's objective and the quarter's under it.
    assert_eq!(hb.goals[g].period, Some(teambook::model::Period::Quarter(2026, 4)));
    let child = &hb.goals[goal(&hb, "2026-q4-merchants-self-serve")];
    let year = goal(&hb, "2026-merchants-trust-us");
    assert!(matches!(&child.parent, Some(teambook::model::Parent::Objective(r)) if r.to == Some(Entity::Goal(year))));
}

#[test]
fn people_hold_objectives_directly_and_through_roles() {
    let hb = example();
    let mitra = &hb.people[person(&hb, "mitra")];
    let close = goal(&hb, "2026-q4-month-end-close");
    let em = role(&hb, "engineering-manager");
    assert!(mitra.goals.contains(&Via { item: close, role: Some(em) }), "{:?}", mitra.goals);
    assert!(hb.roles[em].goals.contains(&close));
}

#[test]
fn a_target_moved_in_the_history_keeps_its_baseline() {
    let hb = example();
    let cards = &hb.projects[project(&hb, "card-tokenization")];
    // The front matter's target is the target now; the baseline is the
    // first target its history wrote.
    assert_eq!(cards.target, Some(date(2027, 2, 26)));
    assert_eq!(cards.baseline_target(), Some(date(2027, 1, 29)));
    assert_eq!(cards.current_target(), Some(date(2027, 2, 26)));
    assert_eq!(cards.slip_days(), Some(28));
    let search = &hb.projects[project(&hb, "search-revamp")];
    assert_eq!((search.current_target(), search.slip_days()), (Some(date(2026, 12, 18)), None));
    // Its stage as the history tells it, and its `stage` from its last move on.
    assert_eq!(search.stage_on(date(2026, 8, 1)), None);
    assert_eq!(search.stage_on(date(2026, 9, 1)), Some(2)); // BRD
    assert_eq!(search.stage_on(date(2026, 11, 22)), search.stage);
}

#[test]
fn content_counts() {
    let hb = example();
    assert_eq!(hb.roles.len(), 5);
    assert_eq!(hb.people.len(), 9);
    assert_eq!(hb.areas.len(), 16);
    // Seven: the one-on-ones are pairs in one_on_ones.toml, not a ceremony.
    assert_eq!(hb.ceremonies.len(), 7);
    assert_eq!(hb.projects.len(), 8);
    assert_eq!(hb.updates.len(), 13);
    // The draft is left out.
    assert!(hb.pages.iter().all(|p| p.path != "working-agreements/async-first"));
    let statics: Vec<(&str, &str)> = hb.statics.iter().map(|s| (s.source.as_str(), s.path.as_str())).collect();
    assert_eq!(statics, [("static/img/team-topology.svg", "img/team-topology.svg")]);
}

#[test]
fn people_own_areas_directly_and_through_their_roles() {
    let hb = example();
    let em = role(&hb, "engineering-manager");
    let mitra = &hb.people[person(&hb, "mitra")];
    let sprint = area(&hb, "sprint-planning");
    let hiring = area(&hb, "hiring");
    assert!(mitra.areas.contains(&Via { item: (sprint, Raci::Owner), role: Some(em) }));
    assert!(mitra.areas.contains(&Via { item: (hiring, Raci::Owner), role: Some(em) }));
    // Consulted through the role too.
    let roadmap = area(&hb, "roadmap");
    assert!(mitra.areas.contains(&Via { item: (roadmap, Raci::Consulted), role: Some(em) }));
    // Aisha is consulted on impact metrics by name.
    let aisha = &hb.people[person(&hb, "aisha")];
    assert!(aisha.areas.contains(&Via { item: (area(&hb, "impact-metrics"), Raci::Consulted), role: None }));
    // The alumnus gets nothing through his old role.
    let sam = &hb.people[person(&hb, "sam")];
    assert!(sam.alumnus);
    assert!(sam.areas.is_empty() && sam.ceremonies.is_empty() && sam.projects.is_empty());
}

#[test]
fn roles_know_their_people_areas_ceremonies_and_projects() {
    let hb = example();
    let engineer = &hb.roles[role(&hb, "engineer")];
    let ids: Vec<&str> = engineer.people.iter().map(|&p| hb.people[p].doc.id.as_str()).collect();
    assert_eq!(ids, ["aisha", "jonas", "keiko", "nadia", "sam", "tomas"]);
    let pm = &hb.roles[role(&hb, "product-manager")];
    assert!(pm.areas.contains(&(area(&hb, "customer-research"), Raci::Owner)));
    assert!(pm.ceremonies.contains(&(ceremony(&hb, "demo-day"), Part::Facilitates)));
    assert!(pm.projects.contains(&project(&hb, "instant-payouts")));
    let em = &hb.roles[role(&hb, "engineering-manager")];
    assert_eq!(em.counterpart.as_ref().and_then(|r| r.to), Some(Entity::Role(role(&hb, "product-manager"))));
}

#[test]
fn people_know_their_ceremonies_projects_updates_and_reports() {
    let hb = example();
    let tomas_i = person(&hb, "tomas");
    let tomas = &hb.people[tomas_i];
    let standup = ceremony(&hb, "daily-standup");
    assert!(tomas.ceremonies.contains(&Via { item: (standup, Part::Facilitates), role: None }));
    assert!(tomas.ceremonies.contains(&Via { item: (standup, Part::Attends), role: Some(role(&hb, "tech-lead")) }));
    assert!(tomas.projects.contains(&Via { item: project(&hb, "card-tokenization"), role: None }));
    assert!(
        tomas.projects.contains(&Via { item: project(&hb, "ledger-migration"), role: Some(role(&hb, "tech-lead")) })
    );
    let reports: Vec<&str> = tomas.reports.iter().map(|&p| hb.people[p].doc.id.as_str()).collect();
    assert_eq!(reports, ["jonas", "keiko", "nadia"]);
    let mitra = &hb.people[person(&hb, "mitra")];
    let priya = &hb.people[person(&hb, "priya")];
    // 13 updates: alternate authors, the last written by both.
    assert_eq!(mitra.updates.len(), 7);
    assert_eq!(priya.updates.len(), 7);
    assert!(mitra.updates.contains(&update(&hb, "2026/2026-11-23")));
}

#[test]
fn projects_list_updates_that_name_or_link_them() {
    let hb = example();
    let search = &hb.projects[project(&hb, "search-revamp")];
    let ids: Vec<&str> = search.updates.iter().map(|&u| hb.updates[u].doc.id.as_str()).collect();
    assert!(ids.contains(&"2026/2026-09-21"));
    // 2026-08-31 does not list search-revamp in `projects`, but links it in its text.
    assert!(ids.contains(&"2026/2026-08-31"));
    let ledger = &hb.projects[project(&hb, "ledger-migration")];
    let ids: Vec<&str> = ledger.updates.iter().map(|&u| hb.updates[u].doc.id.as_str()).collect();
    // Linked (08-31), listed (10-12), rated in `health` (10-26, 11-16), or both (11-09).
    assert_eq!(ids, ["2026/2026-08-31", "2026/2026-10-12", "2026/2026-10-26", "2026/2026-11-09", "2026/2026-11-16"]);
    assert_eq!(search.impact.as_ref().map(|i| i.metrics.len()), Some(2));
    assert_eq!(search.stage, Some(4)); // "ENG" in the default board
}

#[test]
fn areas_know_their_ceremonies_and_history() {
    let hb = example();
    let sprint = &hb.areas[area(&hb, "sprint-planning")];
    assert_eq!(sprint.ceremonies, [ceremony(&hb, "sprint-planning")]);
    assert!(sprint.decision.is_some());
    let onboarding = &hb.areas[area(&hb, "onboarding")];
    assert_eq!(onboarding.ceremonies, [ceremony(&hb, "em-pm-sync")]);
    let releases = &hb.areas[area(&hb, "release-management")];
    assert_eq!(releases.history.len(), 2);
    assert_eq!(releases.history[0].date.value, date(2025, 3, 10));
    let sync = &hb.ceremonies[ceremony(&hb, "em-pm-sync")];
    let names: Vec<&str> = sync.area_links.iter().map(|&a| hb.areas[a].id.as_str()).collect();
    // Sorted in ownership.toml order: the areas listed by the ceremony and those naming it.
    assert_eq!(names, ["roadmap", "onboarding", "weekly-update"]);
}

#[test]
fn links_are_back_linked() {
    let hb = example();
    let luis = Entity::Person(person(&hb, "luis"));
    assert!(hb.linked_from(luis).contains(&Entity::Person(person(&hb, "priya"))));
    let ownership = hb.linked_from(Entity::Index(Index::Ownership));
    assert!(ownership.contains(&Entity::Role(role(&hb, "engineering-manager"))));
    let first_week = hb.pages.iter().position(|p| p.path == "onboarding/first-week").expect("page");
    assert!(hb.linked_from(Entity::Page(first_week)).contains(&Entity::Role(role(&hb, "engineer"))));
}

/// America/New_York leaves daylight-saving time on 2026-11-01: a 10:00 meeting
/// moves from 14:00 to 15:00 UTC and stays at 10:00 local.
#[test]
fn occurrences_keep_local_time_across_daylight_saving() {
    let hb = example();
    let sync = &hb.ceremonies[ceremony(&hb, "em-pm-sync")];
    let occ = sync.occurrences(date(2026, 10, 19), date(2026, 11, 9));
    let utc: Vec<String> = occ.iter().map(|o| o.start.timestamp().to_string()).collect();
    assert_eq!(utc, ["2026-10-19T14:00:00Z", "2026-10-26T14:00:00Z", "2026-11-02T15:00:00Z", "2026-11-09T15:00:00Z"]);
    assert!(occ.iter().all(|o| o.start.hour() == 10 && o.start.minute() == 0));
    assert!(occ.iter().all(|o| o.end.timestamp().duration_since(o.start.timestamp()).as_mins() == 45));
    // The facilitator alternates every occurrence, counting skipped ones.
    let who: Vec<usize> = occ.iter().map(|o| o.facilitator.expect("facilitator")).collect();
    let expected: Vec<usize> = occ.iter().map(|o| o.index % 2).collect();
    assert_eq!(who, expected);
    assert!(who.windows(2).all(|w| w[0] != w[1]), "alternates: {who:?}");
    // Skipped: Labor Day.
    let sept = sync.occurrences(date(2026, 9, 1), date(2026, 9, 14));
    let days: Vec<Date> = sept.iter().map(|o| o.start.date()).collect();
    assert_eq!(days, [date(2026, 9, 14)]);
    assert_eq!(sept[0].index, 36); // Mondays from 2026-01-05: the 37th, with 25 May and 7 Sep skipped but counted
}

#[test]
fn rrule_and_monthly_and_daily_rotation() {
    let hb = example();
    let demo = &hb.ceremonies[ceremony(&hb, "demo-day")];
    let days: Vec<Date> =
        demo.occurrences(date(2026, 10, 1), date(2026, 12, 31)).iter().map(|o| o.start.date()).collect();
    assert_eq!(days, [date(2026, 10, 30), date(2026, 11, 27), date(2026, 12, 25)]);
    let ops = &hb.ceremonies[ceremony(&hb, "ops-review")];
    let days: Vec<Date> = ops.occurrences(date(2026, 11, 1), date(2027, 3, 1)).iter().map(|o| o.start.date()).collect();
    assert_eq!(days, [date(2026, 11, 12), date(2026, 12, 12)]); // until 2026-12-31
    let standup = &hb.ceremonies[ceremony(&hb, "daily-standup")];
    let week = standup.occurrences(date(2026, 11, 23), date(2026, 11, 29));
    assert_eq!(week.len(), 5);
    let who: Vec<usize> = week.iter().map(|o| o.facilitator.expect("facilitator")).collect();
    assert!(who.windows(2).all(|w| w[0] != w[1]), "rotates day by day: {who:?}");
    let holidays = standup.occurrences(date(2026, 12, 21), date(2027, 1, 3));
    assert_eq!(holidays.len(), 8); // 10 weekdays less 25 Dec and 1 Jan
}
