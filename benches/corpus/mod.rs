//! A deterministic synthetic handbook of about N pages in one of three
//! shapes, for benchmarks: roles, people, areas, ceremonies, projects, free
//! pages and weekly updates, 2-4 KB of Markdown each, with headings, lists, a
//! table, sometimes code, and several wiki links. `sites.rs` writes it as a
//! teambook handbook, a Zola site and a Hugo site.

mod sites;

use std::fmt::Write as _;

pub use sites::{hugo, teambook, zola};

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

/// The shapes a handbook takes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shape {
    /// Mostly weekly updates in year folders; free pages in ten folders.
    Folders,
    /// As `Folders`, but a tenth of the pages are free pages at the top of
    /// `pages/` (1,000 at 10,000 pages).
    Flat,
    /// Many roles and people (a tenth and a fifth of the pages) and five
    /// areas per page in ownership.toml, at most 50,000.
    Team,
}

impl Shape {
    pub const ALL: [Shape; 3] = [Shape::Folders, Shape::Flat, Shape::Team];

    pub fn name(self) -> &'static str {
        match self {
            Shape::Folders => "folders",
            Shape::Flat => "flat",
            Shape::Team => "team",
        }
    }

    /// `TEAMBOOK_BENCH_SHAPES` (comma-separated names), else all of them.
    pub fn from_env() -> Vec<Shape> {
        match std::env::var("TEAMBOOK_BENCH_SHAPES") {
            Ok(list) => {
                list.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| {
                        Shape::ALL.into_iter().find(|shape| shape.name() == s).unwrap_or_else(|| {
                            panic!("TEAMBOOK_BENCH_SHAPES: unknown shape {s:?} (folders, flat or team)")
                        })
                    })
                    .collect()
            }
            Err(_) => Shape::ALL.to_vec(),
        }
    }
}

/// `TEAMBOOK_BENCH_SIZES` (comma-separated page counts), else 1,000 and 10,000.
pub fn sizes_from_env() -> Vec<usize> {
    std::env::var("TEAMBOOK_BENCH_SIZES")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

/// The numbers of each kind of page for a total of `n`.
pub struct Mix {
    pub roles: usize,
    pub people: usize,
    pub areas: usize,
    pub ceremonies: usize,
    pub projects: usize,
    /// Free pages in the ten folders `pages/section-*`.
    pub pages: usize,
    /// Free pages at the top of `pages/`.
    pub top_pages: usize,
    pub updates: usize,
}

impl Mix {
    pub fn of(shape: Shape, n: usize) -> Mix {
        let ceremonies = (n / 100).max(3);
        let projects = (n / 25).max(4);
        let pages = (n / 33).max(3);
        let (roles, people, areas, top_pages) = match shape {
            Shape::Folders => ((n / 200).max(3), (n / 20).max(5), (n / 20).max(5), 0),
            Shape::Flat => ((n / 200).max(3), (n / 20).max(5), (n / 20).max(5), n / 10),
            // Areas are lines of one file, not files: they come on top of the n pages.
            Shape::Team => ((n / 10).max(3), (n / 5).max(5), (5 * n).clamp(5, 50_000), 0),
        };
        let files = roles + people + ceremonies + projects + pages + top_pages;
        let counted = if shape == Shape::Team { files } else { files + areas };
        let updates = n.saturating_sub(counted).max(50);
        Mix { roles, people, areas, ceremonies, projects, pages, top_pages, updates }
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

/// One page of the corpus, in teambook's terms.
pub struct Doc {
    /// The teambook folder (`people`, `updates/2000`, `pages/section-3`, `pages`).
    pub folder: String,
    pub slug: String,
    pub title: String,
    /// An update's date, which all three tools sort by.
    pub date: Option<String>,
    /// teambook front matter (without the `+++` lines).
    pub front: String,
    /// Markdown with `[[id]]` wiki links.
    pub body: String,
}

impl Doc {
    /// Where the other tools keep it, under `content/`: a free page's
    /// folder without `pages/`, as teambook publishes it.
    pub fn content_folder(&self) -> &str {
        self.folder.strip_prefix("pages").map_or(&self.folder, |rest| rest.trim_start_matches('/'))
    }
}

/// One line of ownership.toml.
pub struct Area {
    pub id: String,
    pub name: String,
    pub group: String,
    /// Role ids.
    pub owners: Vec<String>,
    pub decision: Option<&'static str>,
    /// Person ids.
    pub consulted: Vec<String>,
}

/// A handbook's content in teambook's terms.
pub struct Corpus {
    pub docs: Vec<Doc>,
    pub areas: Vec<Area>,
}

/// The kinds of file an edit in `serve` touches.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Person,
    Role,
    Update,
    Page,
}

impl Edit {
    pub const ALL: [Edit; 4] = [Edit::Person, Edit::Role, Edit::Update, Edit::Page];

    pub fn name(self) -> &'static str {
        match self {
            Edit::Person => "person",
            Edit::Role => "role",
            Edit::Update => "update",
            Edit::Page => "free page",
        }
    }
}

impl Corpus {
    /// The corpus of about `n` pages in `shape`.
    pub fn new(shape: Shape, n: usize) -> Corpus {
        let mix = Mix::of(shape, n);
        let mut rng = Rng::new(n as u64);
        let people: Vec<String> = (0..mix.people).map(|i| format!("person-{i}")).collect();
        let projects: Vec<String> = (0..mix.projects).map(|i| format!("project-{i}")).collect();
        let mut links: Vec<String> = people.clone();
        links.extend(projects.iter().cloned());
        let mut docs = Vec::new();
        let doc = |folder: &str, slug: String, title: String, front: String, body: String| Doc {
            folder: folder.to_string(),
            slug,
            title,
            date: None,
            front,
            body,
        };
        for r in 0..mix.roles {
            let counterpart = if r < 2 { format!("counterpart = \"role-{}\"\n", 1 - r) } else { String::new() };
            let front = format!(
                "title = \"Role {r}\"\nshort = \"R{r}\"\nsummary = \"{}\"\n{counterpart}",
                sentence(&mut rng, 10)
            );
            docs.push(doc("roles", format!("role-{r}"), format!("Role {r}"), front, body(&mut rng, 2000, &links)));
        }
        for (i, p) in people.iter().enumerate() {
            let manager = if i > 0 { format!("manager = \"person-{}\"\n", (i - 1) / 5) } else { String::new() };
            let front = format!(
                "name = \"Person {i}\"\nroles = [\"role-{}\"]\n{manager}links = {{ email = \"p{i}@example.org\" }}\n",
                i % mix.roles
            );
            docs.push(doc("people", p.clone(), format!("Person {i}"), front, body(&mut rng, 2000, &links)));
        }
        let days = ["mon", "tue", "wed", "thu", "fri"];
        for c in 0..mix.ceremonies {
            let front = format!(
                "title = \"Ceremony {c}\"\ncadence = \"weekly\"\ndays = [\"{}\"]\ntime = \"{:02}:00\"\nduration = \"30m\"\nstart = 2026-01-05\nfacilitators = [\"role-{}\", \"{}\"]\nattendees = [\"role-{}\"]\n",
                days[c % 5],
                9 + c % 8,
                c % mix.roles,
                people[c % people.len()],
                (c + 1) % mix.roles
            );
            docs.push(doc(
                "ceremonies",
                format!("ceremony-{c}"),
                format!("Ceremony {c}"),
                front,
                body(&mut rng, 2000, &links),
            ));
        }
        let stages = ["Backlog", "Design", "BRD", "Ready", "ENG", "QA", "Release", "Analyze"];
        for (i, p) in projects.iter().enumerate() {
            let front = format!(
                "title = \"Project {i}\"\nstage = \"{}\"\nowners = [\"{}\"]\n[impact]\nsummary = \"{}\"\neng_hours_saved_per_month = {}\n",
                stages[i % stages.len()],
                people[i % people.len()],
                sentence(&mut rng, 8),
                rng.below(100)
            );
            docs.push(doc("projects", p.clone(), format!("Project {i}"), front, body(&mut rng, 2500, &links)));
        }
        for g in 0..mix.pages + mix.top_pages {
            let front = format!("title = \"Guide {g}\"\nweight = {}\n", g % 5);
            let folder = if g < mix.top_pages { "pages".to_string() } else { format!("pages/section-{}", g % 10) };
            docs.push(doc(&folder, format!("guide-{g}"), format!("Guide {g}"), front, body(&mut rng, 3000, &links)));
        }
        let start = jiff::civil::date(2000, 1, 3);
        for u in 0..mix.updates {
            let date = start.checked_add(jiff::Span::new().days(7 * (u / 5) as i64)).expect("date");
            let front = format!(
                "date = {date}\nauthor = \"{}\"\nprojects = [\"{}\"]\n",
                people[u % people.len()],
                projects[u % projects.len()]
            );
            docs.push(doc(
                &format!("updates/{}", date.year()),
                format!("update-{u}"),
                format!("Update {u}"),
                front,
                body(&mut rng, 2800, &links),
            ));
            docs.last_mut().expect("update").date = Some(date.to_string());
        }
        let areas = (0..mix.areas)
            .map(|a| Area {
                id: format!("area-{a}"),
                name: format!("Area {a}"),
                group: format!("Group {}", a % 7),
                owners: if a % 4 == 0 {
                    vec![format!("role-{}", a % mix.roles), format!("role-{}", (a + 1) % mix.roles)]
                } else {
                    vec![format!("role-{}", a % mix.roles)]
                },
                decision: (a % 4 == 0).then_some("The first owner proposes, the second decides."),
                consulted: vec![people[a % people.len()].clone()],
            })
            .collect();
        Corpus { docs, areas }
    }

    /// The files an edit of `kind` may touch, and the page that shows each,
    /// relative to the handbook and to the site.
    pub fn edit_targets(&self, kind: Edit) -> Vec<(String, String)> {
        // Pages at the top of `pages/`, where there are any: the flat shape's own.
        let flat = self.docs.iter().any(|d| d.folder == "pages");
        let wanted = |d: &&Doc| match kind {
            Edit::Person => d.folder == "people",
            Edit::Role => d.folder == "roles",
            Edit::Update => d.folder.starts_with("updates/"),
            Edit::Page if flat => d.folder == "pages",
            Edit::Page => d.folder.starts_with("pages/"),
        };
        self.docs
            .iter()
            .filter(wanted)
            .map(|d| {
                let file = format!("{}/{}.md", d.folder, d.slug);
                let page = match d.content_folder() {
                    "" => format!("{}.html", d.slug),
                    folder => format!("{folder}/{}.html", d.slug),
                };
                (file, page)
            })
            .collect()
    }
}
