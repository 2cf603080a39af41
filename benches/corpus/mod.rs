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

/// One page of the corpus, in teambook's terms.
pub struct Doc {
    /// The teambook folder (`people`, `updates/2000`, ...).
    pub folder: String,
    pub slug: String,
    pub title: String,
    /// teambook front matter (without the `+++` lines).
    pub front: String,
    /// Markdown with `[[id]]` wiki links.
    pub body: String,
}

/// The pages of a corpus of about `n` pages, and its ownership.toml.
pub fn documents(n: usize) -> (Vec<Doc>, String) {
    let mix = Mix::of(n);
    let mut rng = Rng::new(n as u64);
    let people: Vec<String> = (0..mix.people).map(|i| format!("person-{i}")).collect();
    let projects: Vec<String> = (0..mix.projects).map(|i| format!("project-{i}")).collect();
    let mut links: Vec<String> = people.clone();
    links.extend(projects.iter().cloned());
    let mut docs = Vec::new();
    let mut doc = |folder: &str, slug: String, title: String, front: String, body: String| {
        docs.push(Doc { folder: folder.to_string(), slug, title, front, body });
    };
    for r in 0..mix.roles {
        let counterpart = if r < 2 { format!("counterpart = \"role-{}\"\n", 1 - r) } else { String::new() };
        let front =
            format!("title = \"Role {r}\"\nshort = \"R{r}\"\nsummary = \"{}\"\n{counterpart}", sentence(&mut rng, 10));
        doc("roles", format!("role-{r}"), format!("Role {r}"), front, body(&mut rng, 2000, &links));
    }
    for (i, p) in people.iter().enumerate() {
        let manager = if i > 0 { format!("manager = \"person-{}\"\n", (i - 1) / 5) } else { String::new() };
        let front = format!(
            "name = \"Person {i}\"\nroles = [\"role-{}\"]\n{manager}links = {{ email = \"p{i}@example.org\" }}\n",
            i % mix.roles
        );
        doc("people", p.clone(), format!("Person {i}"), front, body(&mut rng, 2000, &links));
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
        doc("ceremonies", format!("ceremony-{c}"), format!("Ceremony {c}"), front, body(&mut rng, 2000, &links));
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
        doc("projects", p.clone(), format!("Project {i}"), front, body(&mut rng, 2500, &links));
    }
    for g in 0..mix.pages {
        let front = format!("title = \"Guide {g}\"\nweight = {}\n", g % 5);
        doc(
            &format!("pages/section-{}", g % 10),
            format!("guide-{g}"),
            format!("Guide {g}"),
            front,
            body(&mut rng, 3000, &links),
        );
    }
    let start = jiff::civil::date(2000, 1, 3);
    for u in 0..mix.updates {
        let date = start.checked_add(jiff::Span::new().days(7 * (u / 5) as i64)).expect("date");
        let front = format!(
            "date = {date}\nauthor = \"{}\"\nprojects = [\"{}\"]\n",
            people[u % people.len()],
            projects[u % projects.len()]
        );
        doc(
            &format!("updates/{}", date.year()),
            format!("update-{u}"),
            format!("Update {u}"),
            front,
            body(&mut rng, 2800, &links),
        );
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
    (docs, ownership)
}

/// Where a wiki link's target lives: (folder, slug).
fn target(id: &str) -> (&'static str, &str) {
    if id.starts_with("person-") { ("people", id) } else { ("projects", id) }
}

/// Writes a teambook handbook of about `n` pages under `dir`.
pub fn teambook(dir: &Path, n: usize) {
    let (docs, ownership) = documents(n);
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir).expect("mkdir");
    fs::write(dir.join("teambook.toml"), "title = \"Benchmark handbook\"\ntimezone = \"America/New_York\"\nbase_url = \"https://example.org/handbook/\"\n").expect("write");
    fs::write(dir.join("ownership.toml"), ownership).expect("write");
    for d in &docs {
        let folder = dir.join(&d.folder);
        fs::create_dir_all(&folder).expect("mkdir");
        fs::write(folder.join(format!("{}.md", d.slug)), format!("+++\n{}+++\n{}", d.front, d.body)).expect("write");
    }
}

/// The same pages as a Hugo site, with minimal templates doing comparable
/// work: every page in a layout with the site's sections, a list per section.
pub fn hugo(dir: &Path, n: usize) {
    let (docs, _) = documents(n);
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir.join("layouts/_default")).expect("mkdir");
    fs::write(dir.join("hugo.toml"), "baseURL = \"https://example.org/handbook/\"\ntitle = \"Benchmark handbook\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n").expect("write");
    let base = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }} · {{ .Site.Title }}</title></head><body><nav><a href=\"{{ .Site.Home.RelPermalink }}\">Home</a>{{ range .Site.Sections }} <a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</nav><main>{{ block \"main\" . }}{{ end }}</main></body></html>";
    fs::write(dir.join("layouts/_default/baseof.html"), base).expect("write");
    fs::write(
        dir.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}",
    )
    .expect("write");
    fs::write(dir.join("layouts/_default/list.html"), "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}").expect("write");
    for d in &docs {
        let folder = dir.join("content").join(&d.folder);
        fs::create_dir_all(&folder).expect("mkdir");
        let body = convert_links(&d.body, |id| {
            let (f, s) = target(id);
            format!("/{f}/{s}/")
        });
        fs::write(folder.join(format!("{}.md", d.slug)), format!("+++\ntitle = \"{}\"\n+++\n{body}", d.title))
            .expect("write");
    }
}

/// The same pages as an mdBook book (every page in SUMMARY.md).
pub fn mdbook(dir: &Path, n: usize) {
    let (docs, _) = documents(n);
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir.join("src")).expect("mkdir");
    fs::write(dir.join("book.toml"), "[book]\ntitle = \"Benchmark handbook\"\n").expect("write");
    let mut summary = String::from("# Summary\n\n");
    for d in &docs {
        let folder = dir.join("src").join(&d.folder);
        fs::create_dir_all(&folder).expect("mkdir");
        let depth = d.folder.matches('/').count() + 1;
        let body = convert_links(&d.body, |id| {
            let (f, s) = target(id);
            format!("{}{f}/{s}.md", "../".repeat(depth))
        });
        fs::write(folder.join(format!("{}.md", d.slug)), format!("# {}\n\n{body}", d.title)).expect("write");
        let _ = writeln!(summary, "- [{}]({}/{}.md)", d.title, d.folder, d.slug);
    }
    fs::write(dir.join("src/SUMMARY.md"), summary).expect("write");
}

/// `[[id]]` → `[id](url)`.
fn convert_links(body: &str, url: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find("[[") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("]]") {
            Some(end) => {
                let id = &after[..end];
                out.push_str(&format!("[{id}]({})", url(id)));
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}
