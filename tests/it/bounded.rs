//! No page grows with the handbook, in any shape: a generated handbook with
//! 1,000 pages at the top of `pages/`, a folder of 150 more, 2,000 people
//! (one manager of them all), 1,000 roles (one consulted on every area and
//! expected to do something in each), thousands of areas (half of them due
//! for review) and a decision per project (all about one area, approved by
//! one role, driven by one person) builds into pages of at most 400 KB, the whole output
//! stays within a constant factor of the input, and every page of the site
//! can be reached by following links from the home page.

use std::collections::{BTreeSet, HashSet, VecDeque};
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use crate::support::Site;

/// The largest HTML page allowed.
const MAX_PAGE: u64 = 400 * 1024;
/// The output may be this many times the size of the input, at most: a
/// page's frame (head, header, navigation, footer) is about 2.5 KB, and an
/// area is a few lines of ownership.toml (150 bytes here) that become a
/// page of its own, and a line in the lists of its roles, their holders and
/// its ceremony. (About 36 times at 5,000 areas, 43 at 50,000.)
const MAX_FACTOR: f64 = 45.0;

struct Shape {
    pages: usize,
    folder: usize,
    people: usize,
    roles: usize,
    areas: usize,
    ceremonies: usize,
    projects: usize,
    updates: usize,
}

const BIG: Shape = Shape {
    pages: 1000,
    folder: 150,
    people: 2000,
    roles: 1000,
    areas: 50_000,
    ceremonies: 20,
    projects: 300,
    updates: 300,
};

/// Writes the handbook; returns how many bytes of input it has.
fn generate(site: &Site, s: &Shape) -> u64 {
    let mut files: Vec<(String, String)> = vec![(
        "teambook.toml".into(),
        "title = \"A very large team\"\ntimezone = \"Europe/Berlin\"\nbase_url = \"https://example.org/team/\"\n"
            .into(),
    )];
    let prose = "What this is for, how we work with it, and whom to ask when it is unclear.";
    for i in 0..s.pages {
        files.push((
            format!("pages/guide-{i}.md"),
            format!(
                "+++\ntitle = \"Guide {i}\"\nweight = {}\n+++\nThe guide number {i}. {prose}\n\nAsk [[person-{}]] or read [[guide-{}]].\n",
                i % 7,
                i % s.people,
                (i + 1) % s.pages
            ),
        ));
    }
    files.push(("pages/handbook/_index.md".into(), "+++\ntitle = \"The handbook\"\n+++\nThe long folder.\n".into()));
    for i in 0..s.folder {
        files.push((format!("pages/handbook/part-{i}.md"), format!("+++\ntitle = \"Part {i}\"\n+++\n{prose}\n")));
    }
    for r in 0..s.roles {
        files.push((
            format!("roles/role-{r}.md"),
            format!("+++\ntitle = \"Role {r}\"\nshort = \"R{r}\"\nsummary = \"Role number {r}.\"\n+++\n{prose}\n"),
        ));
    }
    for p in 0..s.people {
        let manager = if p > 0 { "manager = \"person-0\"\n" } else { "" };
        let left = if p % 50 == 49 { "left = 2025-01-01\n" } else { "" };
        files.push((
            format!("people/person-{p}.md"),
            format!(
                "+++\nname = \"Person {p}\"\nroles = [\"role-{}\"]\n{manager}{left}+++\nPerson {p} works here. {prose}\n",
                p % s.roles
            ),
        ));
    }
    let mut ownership = String::from("review_every = \"quarter\"\n\n");
    for a in 0..s.areas {
        let reviewed = if a % 2 == 0 { "reviewed = 2025-01-06\n" } else { "reviewed = 2026-11-02\n" };
        let (owners, decision) = if a % 4 == 0 {
            (
                format!("\"role-{}\", \"role-{}\"", a % s.roles, (a + 1) % s.roles),
                "decision = \"The first proposes.\"\n",
            )
        } else {
            (format!("\"role-{}\"", a % s.roles), "")
        };
        let informed = if a % 10 == 0 { "informed = [\"person-1\"]\n" } else { "" };
        let _ = write!(
            ownership,
            "[[area]]\nname = \"Area {a}\"\ngroup = \"Group {}\"\nowners = [{owners}]\n{decision}consulted = [\"role-0\"]\n{informed}ceremony = \"ceremony-{}\"\n{reviewed}[area.expect]\nrole-0 = \"Say what could go wrong\"\n\n",
            a % 40,
            a % s.ceremonies
        );
    }
    files.push(("ownership.toml".into(), ownership));
    let days = ["mon", "tue", "wed", "thu", "fri"];
    for c in 0..s.ceremonies {
        files.push((
            format!("ceremonies/ceremony-{c}.md"),
            format!(
                "+++\ntitle = \"Ceremony {c}\"\ncadence = \"weekly\"\ndays = [\"{}\"]\ntime = \"{:02}:00\"\nduration = \"30m\"\nstart = 2026-01-05\nfacilitators = [\"role-{}\", \"role-{}\"]\nattendees = [\"role-0\"]\n+++\n{prose}\n",
                days[c % 5],
                9 + c % 8,
                c % s.roles,
                (c + 1) % s.roles
            ),
        ));
    }
    let stages = ["Backlog", "Design", "BRD", "Ready", "ENG", "QA", "Release", "Analyze"];
    for d in 0..s.projects {
        files.push((
            format!("decisions/decision-{d}.md"),
            format!(
                "+++\ntitle = \"Decision {d}\"\ndate = 2026-01-{:02}\nstatus = \"accepted\"\nareas = [\"area-0\", \"area-{}\"]\nprojects = [\"project-0\"]\ndriver = \"person-1\"\napprovers = [\"role-0\"]\n+++\n{prose}\n",
                d % 28 + 1,
                d % s.areas
            ),
        ));
    }
    for p in 0..s.projects {
        files.push((
            format!("projects/project-{p}.md"),
            format!(
                "+++\ntitle = \"Project {p}\"\nstage = \"{}\"\nowners = [\"person-{}\", \"role-0\"]\n[impact]\nsummary = \"Saves time.\"\neng_hours_saved_per_month = {p}\n+++\n{prose}\n",
                stages[p % stages.len()],
                p % s.people
            ),
        ));
    }
    for u in 0..s.updates {
        let date = jiff::civil::date(2024, 1, 1).checked_add(jiff::Span::new().days(7 * u as i64)).expect("date");
        files.push((
            format!("updates/{}/{date}.md", date.year()),
            format!(
                "+++\ndate = {date}\nauthor = \"person-1\"\nprojects = [\"project-{}\"]\n+++\n## Highlights\n\nWith [[person-0]] and [[role-0]]. {prose}\n",
                u % s.projects
            ),
        ));
    }
    let mut bytes = 0;
    for (rel, text) in files {
        bytes += text.len() as u64;
        let path = site.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    bytes
}

/// Every file under `dir`, by path relative to it, with its size.
fn files(dir: &Path) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir").flatten() {
            let path = entry.path();
            let meta = entry.metadata().expect("metadata");
            if meta.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).expect("inside").to_string_lossy().into_owned();
                out.push((rel, meta.len()));
            }
        }
    }
    out
}

/// The HTML pages reached by following relative links from the home page.
fn reachable(dir: &Path) -> HashSet<String> {
    let mut seen: HashSet<String> = HashSet::from(["index.html".to_string()]);
    let mut queue = VecDeque::from(["index.html".to_string()]);
    while let Some(page) = queue.pop_front() {
        let html = std::fs::read_to_string(dir.join(&page)).expect("read page");
        let folder: Vec<&str> = page.split('/').collect::<Vec<_>>()[..page.matches('/').count()].to_vec();
        for href in html.split("href=\"").skip(1).filter_map(|rest| rest.split('"').next()) {
            let href = href.split('#').next().unwrap_or_default();
            if href.is_empty() || href.contains(':') || !href.ends_with(".html") {
                continue;
            }
            let mut path = folder.clone();
            for part in href.split('/') {
                match part {
                    ".." => {
                        path.pop();
                    }
                    "." | "" => {}
                    p => path.push(p),
                }
            }
            let target = path.join("/");
            if seen.insert(target.clone()) {
                queue.push_back(target);
            }
        }
    }
    seen
}

fn check_shape(shape: &Shape) {
    let site = Site::new();
    let input = generate(&site, shape);
    let started = Instant::now();
    site.run(&["build", "-o", "public"]).status(0);
    let took = started.elapsed();
    let out = site.path().join("public");
    let files = files(&out);
    let output: u64 = files.iter().map(|(_, size)| size).sum();
    let factor = output as f64 / input as f64;
    let largest = files.iter().filter(|(p, _)| p.ends_with(".html")).max_by_key(|(_, size)| *size).expect("pages");
    eprintln!(
        "{} areas: built {} files in {took:.1?}; input {} KB, output {} KB ({factor:.1}×); largest page {} ({} KB)",
        shape.areas,
        files.len(),
        input / 1024,
        output / 1024,
        largest.0,
        largest.1 / 1024
    );
    let over: Vec<String> = files
        .iter()
        .filter(|(p, size)| p.ends_with(".html") && *size > MAX_PAGE)
        .map(|(p, size)| format!("{p} ({} KB)", size / 1024))
        .collect();
    assert!(over.is_empty(), "pages over {} KB: {over:?}", MAX_PAGE / 1024);
    assert!(factor <= MAX_FACTOR, "the output is {factor:.1} times the input (at most {MAX_FACTOR})");
    // Everything is one link after another away from home.
    let reached = reachable(&out);
    let pages: BTreeSet<&String> = files.iter().map(|(p, _)| p).filter(|p| p.ends_with(".html")).collect();
    let lost: Vec<&&String> = pages.iter().filter(|p| !reached.contains(**p) && **p != "404.html").take(10).collect();
    assert!(lost.is_empty(), "pages no link leads to: {lost:?}");
    for p in 0..shape.people {
        assert!(reached.contains(&format!("people/person-{p}.html")), "person-{p} cannot be reached");
    }
    for a in [0, shape.areas / 2, shape.areas - 1] {
        assert!(reached.contains(&format!("areas/area-{a}.html")), "area-{a} cannot be reached");
    }
    // The long lists of decisions, expectations and reviews due have pages of their own.
    for list in [
        "lists/areas/area-0/decisions.html",
        "lists/roles/role-0/decisions.html",
        "lists/start-here/role-0/expected.html",
    ] {
        assert!(reached.contains(list), "{list} cannot be reached");
    }
    assert!(reached.contains(&format!("ownership/due-{}.html", (shape.areas / 2).div_ceil(100))));
}

#[test]
fn no_page_grows_with_the_handbook() {
    // The whole 50,000 areas take long in a debug build: see the test below.
    check_shape(&Shape { areas: 5000, ..BIG });
}

/// `cargo test --release -- --ignored no_page_grows_with_50000_areas`
#[test]
#[ignore = "50,000 areas: run in release (see README, Development)"]
fn no_page_grows_with_50000_areas() {
    check_shape(&BIG);
}
