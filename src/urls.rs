//! Where everything ends up in the built site, as paths relative to the site
//! root. One place, so that checks (duplicate output paths) and rendering can
//! never disagree. Pages are `.html` files linked by their file name, so the
//! site works at a domain root, under a sub-path and opened from disk alike.

use crate::model::{Entity, Handbook, Index, Period};

/// Files and folders teambook writes itself; user files must not collide.
pub const RESERVED: [&str; 14] = [
    "index.html",
    "404.html",
    "feed.xml",
    "calendar.ics",
    "sitemap.xml",
    "handbook.json",
    "team-api.json",
    "search/",
    ".nojekyll",
    ".teambook-manifest",
    "assets/",
    "ownership/changes.html",
    LISTS,
    "ownership/due.html",
];

/// The folder of the whole lists of entity pages (see `list`).
pub const LISTS: &str = "lists/";

pub const HOME: &str = "index.html";
pub const CALENDAR: &str = "calendar.ics";
pub const NOT_FOUND: &str = "404.html";
pub const OWNERSHIP_CHANGES: &str = "ownership/changes.html";
pub const REVIEWS_DUE: &str = "ownership/due.html";

/// The HTML file of an entity's page.
pub fn page(hb: &Handbook, e: Entity) -> String {
    match e {
        Entity::Role(i) => format!("roles/{}.html", hb.roles[i].doc.id),
        Entity::Person(i) => format!("people/{}.html", hb.people[i].doc.id),
        Entity::Area(i) => format!("areas/{}.html", hb.areas[i].id),
        Entity::Ceremony(i) => format!("ceremonies/{}.html", hb.ceremonies[i].doc.id),
        Entity::Project(i) => format!("projects/{}.html", hb.projects[i].doc.id),
        Entity::Goal(i) => format!("goals/{}.html", hb.goals[i].doc.id),
        Entity::Update(i) => format!("updates/{}.html", hb.updates[i].doc.id),
        Entity::Decision(i) => format!("decisions/{}.html", hb.decisions[i].doc.id),
        Entity::Duty(i) => format!("duties/{}.html", hb.duties[i].doc.id),
        Entity::Page(i) if hb.pages[i].is_home() => HOME.to_string(),
        Entity::Page(i) if hb.pages[i].is_section_index => {
            format!("{}/index.html", published_folder(&slug_path(&hb.pages[i].doc.id)))
        }
        Entity::Page(i) => published_file(&slug_path(&hb.pages[i].doc.id)),
        Entity::Index(ix) => format!("{}/index.html", ix.name()),
        Entity::StartHere(i) => format!("start-here/{}.html", hb.roles[i].doc.id),
    }
}

/// The folders teambook writes its own sections in. A top folder of
/// `pages/` whose address would be one of them (`Projects/`, `team/`) is
/// published under `pages/` instead (`pages/projects/`), whether or not the
/// handbook has that section today, so that its address never changes.
pub const SECTION_FOLDERS: [&str; 16] = [
    "roles",
    "people",
    "ownership",
    "ceremonies",
    "projects",
    "goals",
    "updates",
    "pages",
    "decisions",
    "team",
    "duties",
    "start-here",
    "lists",
    "search",
    "assets",
    "tags",
];

/// Where a folder of `pages/`, given as its slug (`team-life`), is
/// published: at that slug, or under `pages/` when its top folder's slug
/// is one of teambook's `SECTION_FOLDERS`.
pub fn published_folder(slug: &str) -> String {
    match slug.split('/').next() {
        Some(top) if SECTION_FOLDERS.contains(&top) => format!("pages/{slug}"),
        _ => slug.to_string(),
    }
}

/// The HTML file of a page of `pages/` whose slug is `slug` (`a/b` →
/// `a/b.html`), its folder moved as `published_folder` says.
pub fn published_file(slug: &str) -> String {
    match slug.rsplit_once('/') {
        Some((dir, name)) => format!("{}/{name}.html", published_folder(dir)),
        None => format!("{slug}.html"),
    }
}

/// The top folder of `pages/` (as written) that is published elsewhere
/// than at its slug, with where it goes: `Projects` → `pages/projects/`.
pub fn moved_top_folder(page_path: &str) -> Option<(&str, String)> {
    let (top, _) = page_path.split_once('/').unwrap_or((page_path, ""));
    let slug = slug_path(top);
    SECTION_FOLDERS.contains(&slug.as_str()).then(|| (top, format!("pages/{slug}/")))
}

/// The address of a page or folder named as people write names (`Team
/// Life/Board games` → `team-life/board-games`), as Hugo and Zola make
/// them: each part in NFC (as macOS's NFD names are not), lowercase, with
/// every run of characters other than letters, digits, `-`, `_` and `.`
/// made one `-`. A part with nothing left (`🚀`) stays as written; names
/// reports it.
pub fn slug_path(path: &str) -> String {
    let plain = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_./".contains(c);
    if path.chars().all(plain) {
        return path.to_string();
    }
    path.split('/')
        .map(|part| Some(slug_part(part)).filter(|s| !s.is_empty()).unwrap_or_else(|| part.to_string()))
        .collect::<Vec<_>>()
        .join("/")
}

/// One part of `slug_path`: `""` when nothing is left of it.
pub fn slug_part(part: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(part.len());
    for c in part.nfc() {
        if c.is_alphanumeric() || "_.".contains(c) {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Where the redirect for an alias of `e`'s page is written: `/old/path/`
/// from the site's root, `old-name.html` beside the page; an address that
/// is not a `.html` file is a folder (`old/path/index.html`). `None` when it
/// climbs above the site's root or names no file.
pub fn alias_file(hb: &Handbook, e: Entity, alias: &str) -> Option<String> {
    if alias_problem(alias).is_some() {
        return None;
    }
    let alias = alias.split(['#', '?']).next().unwrap_or(alias).trim();
    let decoded = crate::markdown::percent_decode(alias);
    let page = page(hb, e);
    let folder: Vec<&str> = match decoded.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => page.split('/').collect::<Vec<_>>().split_last().map_or_else(Vec::new, |(_, dir)| dir.to_vec()),
    };
    let joined = join_segments(folder, decoded.trim_start_matches('/'))?;
    if joined.is_empty() {
        return None;
    }
    let is_file = [".html", ".htm"].iter().any(|ext| joined.to_ascii_lowercase().ends_with(ext));
    Some(if is_file { joined } else { format!("{joined}/index.html") })
}

/// Why an alias is not an address on this site, if it is not: one with a
/// scheme (`https://elsewhere/x`, `javascript:x`), a backslash (`\\host\x`)
/// or a leading `//` (another host) would be written as a folder named after
/// it, and is not an old address of the page.
pub fn alias_problem(alias: &str) -> Option<&'static str> {
    let alias = alias.trim();
    let decoded = crate::markdown::percent_decode(alias);
    if alias.contains('\\') || decoded.contains('\\') {
        Some("holds a backslash")
    } else if alias.starts_with("//") || decoded.starts_with("//") {
        Some("starts with //, which names another host")
    } else if crate::fields::url::scheme(alias).is_some() {
        Some("is an address with a scheme")
    } else {
        None
    }
}

/// Every alias's redirect file, with the entity it leads to.
pub fn alias_files(hb: &Handbook) -> std::collections::HashMap<String, Entity> {
    let mut out = std::collections::HashMap::new();
    for e in all_pages(hb) {
        for alias in hb.aliases(e) {
            if let Some(file) = alias_file(hb, e, &alias.value) {
                out.entry(file).or_insert(e);
            }
        }
    }
    out
}

/// Items per page of a long list, so that no page grows with the handbook.
pub const PER_PAGE: usize = 100;

/// The lists that are split into pages of `PER_PAGE` items: page 1 is the
/// list's usual address, later pages sit beside it (`people/page-2.html`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Paged {
    /// The role cards.
    Roles,
    /// The directory, the org chart and the alumni.
    People,
    /// The ownership matrix, by area.
    Ownership,
    /// The board's cards.
    Projects,
    /// The ownership-changes log.
    Changes,
    /// The list of ceremonies and the week view of those listed.
    Ceremonies,
    /// Every free page, by section.
    Pages,
    /// The decision log, newest first.
    Decisions,
    /// The areas due for review, most urgent first.
    Due,
    /// The duties, in file order.
    Duties,
}

impl Paged {
    pub const ALL: [Paged; 10] = [
        Paged::Roles,
        Paged::People,
        Paged::Ownership,
        Paged::Projects,
        Paged::Changes,
        Paged::Ceremonies,
        Paged::Pages,
        Paged::Decisions,
        Paged::Due,
        Paged::Duties,
    ];

    /// How many items the list has.
    pub fn items(self, hb: &Handbook) -> usize {
        match self {
            Paged::People => {
                let alumni = hb.people.iter().filter(|p| p.alumnus).count();
                alumni.max(hb.people.len() - alumni)
            }
            Paged::Ownership => hb.areas.len(),
            Paged::Projects => hb.projects.iter().filter(|p| p.stage.is_some()).count(),
            Paged::Changes => hb.areas.iter().map(|a| a.history.len()).sum(),
            Paged::Roles => hb.roles.len(),
            Paged::Ceremonies => hb.ceremonies.len(),
            Paged::Pages => hb.pages.iter().filter(|p| !p.is_home()).count(),
            Paged::Decisions => hb.decisions.len(),
            Paged::Duties => hb.duties.len(),
            Paged::Due => hb.areas.iter().filter(|a| a.standing(hb.today).is_listed()).count(),
        }
    }

    pub fn pages(self, hb: &Handbook) -> usize {
        self.items(hb).div_ceil(PER_PAGE).max(1)
    }

    /// The path of page `n` (from 1).
    pub fn path(self, n: usize) -> String {
        match (self, n) {
            (Paged::Changes, 1) => OWNERSHIP_CHANGES.to_string(),
            (Paged::Changes, n) => format!("ownership/changes-{n}.html"),
            (Paged::Due, 1) => REVIEWS_DUE.to_string(),
            (Paged::Due, n) => format!("ownership/due-{n}.html"),
            (list, 1) => format!("{}/index.html", list.folder()),
            (list, n) => format!("{}/page-{n}.html", list.folder()),
        }
    }

    /// The index whose page this list is; `None` for the changes log and
    /// the areas due for review.
    pub fn index(self) -> Option<Index> {
        match self {
            Paged::Roles => Some(Index::Roles),
            Paged::People => Some(Index::People),
            Paged::Ownership => Some(Index::Ownership),
            Paged::Projects => Some(Index::Projects),
            Paged::Ceremonies => Some(Index::Ceremonies),
            Paged::Pages => Some(Index::Pages),
            Paged::Decisions => Some(Index::Decisions),
            Paged::Duties => Some(Index::Duties),
            Paged::Changes | Paged::Due => None,
        }
    }

    fn folder(self) -> &'static str {
        self.index().unwrap_or(Index::Ownership).name()
    }
}

/// Page `n` (from 1) of the whole of one list of an entity's page, named by
/// `slug`: under `lists/`, at the entity page's own path
/// (`lists/people/mitra/areas.html`, then `areas-2.html`). The folder is
/// teambook's, so these never meet a page or file of the handbook.
pub fn list(hb: &Handbook, e: Entity, slug: &str, n: usize) -> String {
    let page = page(hb, e);
    let stem = page.strip_suffix(".html").unwrap_or(&page);
    match n {
        1 => format!("{LISTS}{stem}/{slug}.html"),
        n => format!("{LISTS}{stem}/{slug}-{n}.html"),
    }
}

/// The calendar of one ceremony, beside its page.
pub fn ceremony_calendar(hb: &Handbook, i: usize) -> String {
    format!("ceremonies/{}.ics", hb.ceremonies[i].doc.id)
}

/// The calendar of one duty's turns, beside its page.
pub fn duty_calendar(hb: &Handbook, i: usize) -> String {
    format!("duties/{}.ics", hb.duties[i].doc.id)
}

/// The years of the update archive, newest first, with how many updates
/// each has.
pub fn update_years(hb: &Handbook) -> Vec<(i16, usize)> {
    let mut years: std::collections::BTreeMap<i16, usize> = std::collections::BTreeMap::new();
    for u in &hb.updates {
        *years.entry(u.date.year()).or_default() += 1;
    }
    years.into_iter().rev().collect()
}

/// The pages of the archive of a year of `count` updates.
pub fn year_pages(count: usize) -> usize {
    count.div_ceil(PER_PAGE).max(1)
}

/// Page `n` (from 1) of the archive of one year of updates:
/// `updates/2026/index.html`, then `updates/2026/page-2.html`, ...
pub fn updates_year(year: i16, n: usize) -> String {
    match n {
        1 => format!("updates/{year}/index.html"),
        n => format!("updates/{year}/page-{n}.html"),
    }
}

/// The page of the objectives of one period: `goals/2026-Q3/index.html`
/// (an objective's id has no `/`, so the two never meet).
pub fn goal_period(period: Period) -> String {
    format!("goals/{period}/index.html")
}

/// The prefix that leads from the page at `from` back to the site root:
/// `""` at the root, `"../"` one folder down.
pub fn root_of(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// Applies a `/`-separated path to a folder given as segments: `.` and
/// empty segments stay, `..` climbs. `None` when it would climb above the
/// root. The one place paths from links and requests are resolved.
pub fn join_segments<'a>(mut folder: Vec<&'a str>, path: &'a str) -> Option<String> {
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                folder.pop()?;
            }
            p => folder.push(p),
        }
    }
    Some(folder.join("/"))
}

/// Every entity that gets a page of its own.
pub fn all_pages(hb: &Handbook) -> Vec<Entity> {
    let mut out = Vec::new();
    out.extend((0..hb.roles.len()).map(Entity::Role));
    out.extend((0..hb.roles.len()).map(Entity::StartHere));
    out.extend((0..hb.people.len()).map(Entity::Person));
    out.extend((0..hb.areas.len()).map(Entity::Area));
    out.extend((0..hb.ceremonies.len()).map(Entity::Ceremony));
    out.extend((0..hb.projects.len()).map(Entity::Project));
    out.extend((0..hb.goals.len()).map(Entity::Goal));
    out.extend((0..hb.updates.len()).map(Entity::Update));
    out.extend((0..hb.pages.len()).map(Entity::Page));
    out.extend((0..hb.decisions.len()).map(Entity::Decision));
    out.extend((0..hb.duties.len()).map(Entity::Duty));
    out.extend(hb.indexes().map(Entity::Index));
    out
}

#[cfg(test)]
mod tests {
    use super::root_of;

    #[test]
    fn slugs_names_as_people_write_them() {
        use super::slug_path;
        assert_eq!(slug_path("tools/software_guide"), "tools/software_guide");
        assert_eq!(slug_path("Team Life/Board games"), "team-life/board-games");
        assert_eq!(slug_path("hardware-&-software"), "hardware-software");
        assert_eq!(slug_path("🚀 launch"), "launch");
        assert_eq!(slug_path("Q&A"), "q-a");
        assert_eq!(slug_path("cafe\u{301}"), "caf\u{e9}");
        assert_eq!(slug_path("🚀"), "🚀");
        assert_eq!(slug_path(".gitbook/assets"), ".gitbook/assets");
    }

    #[test]
    fn folders_named_like_teambooks_sections_are_published_under_pages() {
        use super::{published_file, published_folder};
        assert_eq!(published_folder("projects"), "pages/projects");
        assert_eq!(published_folder("team/onboarding"), "pages/team/onboarding");
        assert_eq!(published_folder("team-life"), "team-life");
        assert_eq!(published_file("projects/notes"), "pages/projects/notes.html");
        assert_eq!(published_file("projects"), "projects.html");
        assert_eq!(published_file("work/projects/a"), "work/projects/a.html");
    }

    #[test]
    fn roots() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("people/mitra.html"), "../");
        assert_eq!(root_of("updates/2026/x.html"), "../../");
    }
}
