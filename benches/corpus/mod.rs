//! A deterministic synthetic handbook of N pages, for benchmarks: mostly
//! weekly updates, then people, areas, projects, ceremonies, roles and free
//! pages; 2-4 KB of Markdown each, with headings, lists, a table, sometimes
//! code, and several wiki links.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// A small linear congruential generator: the same corpus every time.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407))
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "payment",
    "ledger",
    "merchant",
    "payout",
    "reconciliation",
    "search",
    "index",
    "latency",
    "checkout",
    "fraud",
    "rule",
    "token",
    "card",
    "network",
    "bank",
    "statement",
    "release",
    "deploy",
    "incident",
    "review",
    "planning",
    "sprint",
    "capacity",
    "scope",
    "roadmap",
    "customer",
    "research",
    "design",
    "usability",
    "metric",
    "impact",
    "revenue",
    "hours",
    "tickets",
    "support",
    "finance",
    "audit",
    "compliance",
    "migration",
    "service",
    "database",
    "cache",
    "queue",
    "worker",
    "retry",
    "timeout",
    "alert",
    "rotation",
    "handover",
    "the",
    "team",
    "we",
    "shipped",
    "blocked",
    "waiting",
    "agreed",
    "decided",
    "measured",
    "improved",
    "reduced",
    "week",
    "next",
    "because",
    "while",
    "risk",
    "ask",
    "owner",
    "stakeholder",
    "partner",
    "dashboard",
    "schema",
    "contract",
    "rollout",
    "flag",
    "cohort",
];

/// The numbers of each kind of page for a total of `n`.
pub struct Mix {
    pub roles: usize,
    pub people: usize,
    pub areas: usize,
    pub ceremonies: usize,
    pub projects: usize,
    pub pages: usize,
    pub updates: usize,
}

impl Mix {
    pub fn of(n: usize) -> Mix {
        let roles = (n / 200).max(3);
        let people = (n / 20).max(5);
        let areas = (n / 20).max(5);
        let ceremonies = (n / 100).max(3);
        let projects = (n / 25).max(4);
        let pages = (n / 33).max(3);
        let updates = n.saturating_sub(roles + people + areas + ceremonies + projects + pages).max(1);
        Mix { roles, people, areas, ceremonies, projects, pages, updates }
    }
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[rng.below(WORDS.len())]);
    }
    s.push('.');
    s
}

/// Markdown of about `bytes` bytes, linking to the given wiki targets.
pub fn body(rng: &mut Rng, bytes: usize, links: &[String]) -> String {
    let mut out = String::new();
    let sections = ["Highlights", "Project changes", "Risks", "Asks", "Notes"];
    let mut s = 0;
    while out.len() < bytes {
        let _ = writeln!(out, "## {}\n", sections[s % sections.len()]);
        s += 1;
        let _ = writeln!(out, "{} {}\n", sentence(rng, 25), sentence(rng, 18));
        for _ in 0..3 {
            let link = links.get(rng.below(links.len().max(1))).cloned().unwrap_or_default();
            let _ = writeln!(out, "- {} [[{link}]]", sentence(rng, 9));
        }
        out.push('\n');
        if s % 2 == 0 {
            out.push_str("| metric | before | after |\n| --- | --- | --- |\n");
            for _ in 0..3 {
                let _ =
                    writeln!(out, "| {} | {} | {} |", WORDS[rng.below(WORDS.len())], rng.below(1000), rng.below(1000));
            }
            out.push('\n');
        }
        if s % 3 == 0 {
            let _ = writeln!(out, "```sh\nmake deploy SERVICE={}\n```\n", WORDS[rng.below(WORDS.len())]);
        }
    }
    out
}

/// Writes a teambook handbook of about `n` pages under `dir`.
pub fn teambook(dir: &Path, n: usize) {
    let mix = Mix::of(n);
    let mut rng = Rng::new(n as u64);
    let _ = fs::remove_dir_all(dir);
    for folder in ["roles", "people", "ceremonies", "projects", "updates", "pages"] {
        fs::create_dir_all(dir.join(folder)).expect("mkdir");
    }
    fs::write(dir.join("teambook.toml"), "title = \"Benchmark handbook\"\ntimezone = \"America/New_York\"\nbase_url = \"https://example.org/handbook/\"\n").expect("write");
    let people: Vec<String> = (0..mix.people).map(|i| format!("person-{i}")).collect();
    let projects: Vec<String> = (0..mix.projects).map(|i| format!("project-{i}")).collect();
    let mut links: Vec<String> = people.clone();
    links.extend(projects.iter().cloned());
    for r in 0..mix.roles {
        let counterpart = if r < 2 { format!("counterpart = \"role-{}\"\n", 1 - r) } else { String::new() };
        let text = format!(
            "+++\ntitle = \"Role {r}\"\nshort = \"R{r}\"\nsummary = \"{}\"\n{counterpart}+++\n{}",
            sentence(&mut rng, 10),
            body(&mut rng, 2000, &links)
        );
        fs::write(dir.join(format!("roles/role-{r}.md")), text).expect("write");
    }
    for (i, p) in people.iter().enumerate() {
        let manager = if i > 0 { format!("manager = \"person-{}\"\n", (i - 1) / 5) } else { String::new() };
        let text = format!(
            "+++\nname = \"Person {i}\"\nroles = [\"role-{}\"]\n{manager}links = {{ email = \"p{i}@example.org\" }}\n+++\n{}",
            i % mix.roles,
            body(&mut rng, 2000, &links)
        );
        fs::write(dir.join(format!("people/{p}.md")), text).expect("write");
    }
    let mut ownership = String::new();
    for a in 0..mix.areas {
        let owners = if a % 4 == 0 {
            format!("[\"role-{}\", \"role-{}\"]", a % mix.roles, (a + 1) % mix.roles)
        } else {
            format!("[\"role-{}\"]", a % mix.roles)
        };
        let decision = if a % 4 == 0 { "decision = \"The first owner proposes, the second decides.\"\n" } else { "" };
        let _ = write!(
            ownership,
            "[[area]]\nname = \"Area {a}\"\ngroup = \"Group {}\"\nowners = {owners}\n{decision}consulted = [\"{}\"]\n\n",
            a % 7,
            people[a % people.len()]
        );
    }
    fs::write(dir.join("ownership.toml"), ownership).expect("write");
    let days = ["mon", "tue", "wed", "thu", "fri"];
    for c in 0..mix.ceremonies {
        let text = format!(
            "+++\ntitle = \"Ceremony {c}\"\ncadence = \"weekly\"\ndays = [\"{}\"]\ntime = \"{:02}:00\"\nduration = \"30m\"\nstart = 2026-01-05\nfacilitators = [\"role-{}\", \"{}\"]\nattendees = [\"role-{}\"]\n+++\n{}",
            days[c % 5],
            9 + c % 8,
            c % mix.roles,
            people[c % people.len()],
            (c + 1) % mix.roles,
            body(&mut rng, 2000, &links)
        );
        fs::write(dir.join(format!("ceremonies/ceremony-{c}.md")), text).expect("write");
    }
    let stages = ["Backlog", "Design", "BRD", "Ready", "ENG", "QA", "Release", "Analyze"];
    for (i, p) in projects.iter().enumerate() {
        let text = format!(
            "+++\ntitle = \"Project {i}\"\nstage = \"{}\"\nowners = [\"{}\"]\n[impact]\nsummary = \"{}\"\neng_hours_saved_per_month = {}\n+++\n{}",
            stages[i % stages.len()],
            people[i % people.len()],
            sentence(&mut rng, 8),
            rng.below(100),
            body(&mut rng, 2500, &links)
        );
        fs::write(dir.join(format!("projects/{p}.md")), text).expect("write");
    }
    for g in 0..mix.pages {
        let section = format!("section-{}", g % 10);
        fs::create_dir_all(dir.join("pages").join(&section)).expect("mkdir");
        let text = format!("+++\ntitle = \"Guide {g}\"\nweight = {}\n+++\n{}", g % 5, body(&mut rng, 3000, &links));
        fs::write(dir.join(format!("pages/{section}/guide-{g}.md")), text).expect("write");
    }
    let start = jiff::civil::date(2000, 1, 3);
    for u in 0..mix.updates {
        let date = start.checked_add(jiff::Span::new().days(7 * (u / 5) as i64)).expect("date");
        let year = dir.join(format!("updates/{}", date.year()));
        fs::create_dir_all(&year).expect("mkdir");
        let text = format!(
            "+++\ndate = {date}\nauthor = \"{}\"\nprojects = [\"{}\"]\n+++\n{}",
            people[u % people.len()],
            projects[u % projects.len()],
            body(&mut rng, 2800, &links)
        );
        fs::write(year.join(format!("update-{u}.md")), text).expect("write");
    }
}
