//! Rebuilding after an edit without re-rendering the whole site: the pages
//! that can show anything of the changed entities are rendered again, the
//! rest are kept. A page shows an entity when it is that entity's page, when
//! the two are linked in either direction (by a field or a Markdown link),
//! or when it lists the entity: the home page, the indexes, the start-here
//! pages, the update archive around it, the pages of its section. Links
//! through a role (a person owns what their role owns) reach the holders of
//! the role. Changes to the configuration, the templates or the navigation
//! re-render everything.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use rustc_hash::FxHashSet;

use super::job::{Job, jobs};
use super::nav::nav;
use super::views::Facts;
use super::{Content, Renderer, Site, calendar_files, feed_file, redirects, sitemap_files};
use crate::diagnostics::Diagnostics;
use crate::digest::Chronicle;
use crate::digest::week_of;
use crate::markdown::Target;
use jiff::civil::Date;

use crate::model::{Entity, Handbook, Index, Kind, Period, targets};
use crate::urls::Paged;

#[derive(Clone, Copy)]
enum Set {
    Assets,
    Calendars,
    Sitemaps,
    Redirects,
}

/// A site kept in memory between rebuilds (for `serve`).
pub struct Session {
    renderer: Renderer,
    /// The site as last rendered, shared with whoever serves it, and the
    /// one before it with the changes that lead from it to `site`: a rebuild
    /// replays them on the spare and changes that, rather than copy the
    /// whole site (a copy costs about 1 ms per 10,000 files).
    site: Arc<Site>,
    spare: Arc<Site>,
    log: Vec<(String, Option<Content>)>,
    /// A hash of each file's content, for the fingerprint.
    hashes: BTreeMap<String, u64>,
    /// The sum of every file's path-and-content hash, kept up to date as
    /// files change, so that the fingerprint costs nothing per rebuild.
    combined: u64,
    /// The paths of the pages, of the static files and theme assets, and of
    /// the calendars: what to remove when they go.
    pages: HashSet<String>,
    assets: HashSet<String>,
    calendars: HashSet<String>,
    sitemaps: HashSet<String>,
    redirects: HashSet<String>,
    /// The years of the update archive.
    years: BTreeSet<i16>,
    /// The pages of whole lists.
    lists: HashSet<Job>,
    /// The periods of the goals, each with a page.
    periods: Vec<Period>,
}

/// What a rebuild did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rebuilt {
    /// Pages rendered.
    pub pages: usize,
}

impl Session {
    /// Renders everything but the heavy files (see `heavy`).
    pub fn start(hb: &Handbook, diags: &mut Diagnostics) -> Option<Session> {
        let renderer = Renderer::new(hb, diags)?;
        let mut session = Session {
            renderer,
            site: Arc::default(),
            spare: Arc::default(),
            log: Vec::new(),
            hashes: BTreeMap::new(),
            combined: 0,
            pages: HashSet::new(),
            assets: HashSet::new(),
            calendars: HashSet::new(),
            sitemaps: HashSet::new(),
            redirects: HashSet::new(),
            years: BTreeSet::new(),
            lists: HashSet::new(),
            periods: Vec::new(),
        };
        session.apply(hb, None, diags)?;
        Some(session)
    }

    /// Brings the site up to date with a handbook rebuilt after changes to
    /// `paths` (relative to the root), given what the handbook showed before
    /// them. `None`: anything may have changed.
    pub fn update(
        &mut self,
        hb: &Handbook,
        change: Option<(&[String], &Before)>,
        diags: &mut Diagnostics,
    ) -> Option<Rebuilt> {
        let retheme = change.is_none_or(|(paths, _)| {
            paths
                .iter()
                .any(|p| p == crate::config::FILE_NAME || p.starts_with("templates/") || p.starts_with("themes/"))
        });
        if retheme {
            self.renderer = Renderer::new(hb, diags)?;
        }
        self.apply(hb, change.filter(|_| !retheme), diags)
    }

    fn apply(
        &mut self,
        hb: &Handbook,
        change: Option<(&[String], &Before)>,
        diags: &mut Diagnostics,
    ) -> Option<Rebuilt> {
        let facts = Facts::new(hb);
        // What changed, when it is known (`None`: anything).
        let touched = match change {
            Some((paths, before)) if before.nav == nav(hb) => Some(affected(hb, paths, before)),
            _ => None,
        };
        // Edits of bodies alone make no page come or go and change no list:
        // they reach their entities' own pages, which exist, so the site's
        // pages are not listed (at 50,000 areas, that is most of a save).
        let body_only = touched.is_some() && change.is_some_and(|(_, b)| b.body_only && b.same_indices);
        let all = if body_only { Vec::new() } else { jobs(&facts) };
        // The whole lists of a page show what its page shows the first of.
        let reached = |t: &Reach, j: &Job| match j {
            Job::List(e, ..) => t.jobs.contains(&Job::Entity(*e)),
            j => t.jobs.contains(j),
        };
        let selected: Vec<Job> = match &touched {
            Some(t) if body_only => t.jobs.iter().copied().collect(),
            Some(t) => all.iter().copied().filter(|j| reached(t, j)).collect(),
            None => all.clone(),
        };
        // Nothing goes to a sink here: serve keeps every page in memory.
        let mut files: Vec<(String, Content)> = self
            .renderer
            .pages(&facts, &selected, None, diags)?
            .into_iter()
            .filter_map(|(path, content)| Some((path, content?)))
            .collect();
        let full = touched.is_none();
        let pages = files.len();
        self.take_spare();
        let changed_kind = |kinds: &[Kind]| touched.as_ref().is_none_or(|t| t.kinds.iter().any(|k| kinds.contains(k)));

        // Pages that no longer exist: none can go when no entity came or went
        // and the updates still span the same years.
        // A whole list gets pages of its own, or loses them, as it grows past
        // what a page shows, or shrinks back.
        let years: BTreeSet<i16> = hb.updates.iter().map(|u| u.date.year()).collect();
        let same_pages = body_only || {
            let lists: HashSet<Job> = all.iter().copied().filter(|j| matches!(j, Job::List(..))).collect();
            let periods = hb.periods();
            let same = change.is_some_and(|(_, before)| before.same_indices)
                && !full
                && years == self.years
                && lists == self.lists
                && periods == self.periods;
            self.lists = lists;
            self.periods = periods;
            same
        };
        self.years = years;
        let mut pages_changed = false;
        if !same_pages {
            let current: HashSet<String> = all.iter().map(|j| j.path(&facts)).collect();
            pages_changed = current != self.pages;
            for path in self.pages.difference(&current).cloned().collect::<Vec<_>>() {
                self.remove(&path);
            }
            self.pages = current;
        }
        // Static files and theme assets are listed again every time (cheap).
        let assets = self.renderer.assets(hb);
        self.replace_set(Set::Assets, assets.iter().map(|(p, _)| p.clone()).collect());
        files.extend(assets);
        // Calendars name ceremonies, facilitators and attendees.
        if changed_kind(&[Kind::Ceremony, Kind::Person, Kind::Role]) {
            let calendars = calendar_files(hb);
            self.replace_set(Set::Calendars, calendars.iter().map(|(p, _)| p.clone()).collect());
            files.extend(calendars);
        }
        if touched.as_ref().is_none_or(|t| t.feed) {
            files.push(feed_file(&facts));
        }
        if full || pages_changed {
            let sitemaps = sitemap_files(&facts);
            self.replace_set(Set::Sitemaps, sitemaps.iter().map(|(p, _)| p.clone()).collect());
            files.extend(sitemaps);
        }
        // Aliases are listed again unless only bodies changed; a redirect is
        // made again for the pages rendered again, whose title or place it shows.
        let mut new_alias = false;
        if !body_only {
            let aliases = redirects::paths(hb);
            new_alias = !aliases.is_subset(&self.redirects);
            self.replace_set(Set::Redirects, aliases);
        }
        let redo: Vec<Entity> = if full || pages_changed || new_alias {
            crate::urls::all_pages(hb)
        } else {
            let home = hb.pages.iter().position(|p| p.is_home()).map(Entity::Page);
            selected
                .iter()
                .filter_map(|j| match j {
                    Job::Entity(e) => Some(*e),
                    Job::Home => home,
                    _ => None,
                })
                .collect()
        };
        files.extend(redirects::files(hb, redo));
        for (path, content) in files {
            let h = hash(&content);
            self.combined = self.combined.wrapping_add(entry(&path, h));
            if let Some(old) = self.hashes.insert(path.clone(), h) {
                self.combined = self.combined.wrapping_sub(entry(&path, old));
            }
            self.set(path, Some(content));
        }
        Some(Rebuilt { pages })
    }

    /// Removes the files of a set that are no longer in it.
    fn replace_set(&mut self, which: Set, now: HashSet<String>) {
        let before = std::mem::take(match which {
            Set::Assets => &mut self.assets,
            Set::Calendars => &mut self.calendars,
            Set::Sitemaps => &mut self.sitemaps,
            Set::Redirects => &mut self.redirects,
        });
        for path in before.difference(&now) {
            self.remove(path);
        }
        match which {
            Set::Assets => self.assets = now,
            Set::Calendars => self.calendars = now,
            Set::Sitemaps => self.sitemaps = now,
            Set::Redirects => self.redirects = now,
        }
    }

    fn remove(&mut self, path: &str) {
        self.set(path.to_string(), None);
        if let Some(old) = self.hashes.remove(path) {
            self.combined = self.combined.wrapping_sub(entry(path, old));
        }
    }

    /// Makes the spare site, brought up to date, the one to change; the
    /// site served so far becomes the spare. Copies the site only when the
    /// spare is still being read.
    fn take_spare(&mut self) {
        let mut next = std::mem::take(&mut self.spare);
        match Arc::get_mut(&mut next) {
            Some(site) => {
                for (path, content) in self.log.drain(..) {
                    match content {
                        Some(content) => site.files.insert(path, content),
                        None => site.files.remove(&path),
                    };
                }
            }
            None => {
                next = Arc::new(Site::clone(&self.site));
                self.log.clear();
            }
        }
        self.spare = std::mem::replace(&mut self.site, next);
    }

    /// Writes (or with `None`, removes) a file of the site being changed.
    fn set(&mut self, path: String, content: Option<Content>) {
        // No copy: `take_spare` left this site to the session alone.
        let site = Arc::make_mut(&mut self.site);
        match &content {
            Some(content) => site.files.insert(path.clone(), content.clone()),
            None => site.files.remove(&path),
        };
        self.log.push((path, content));
    }

    /// The site as it is now (cheap: shared, not copied).
    pub fn site(&self) -> Arc<Site> {
        Arc::clone(&self.site)
    }

    /// Identifies the site's content, the same for the same content.
    pub fn fingerprint(&self) -> String {
        format!("{:016x}", self.combined)
    }
}

/// One file's share of the fingerprint: a sum of these does not depend on order.
fn entry(path: &str, content: u64) -> u64 {
    fnv(fnv(0xcbf2_9ce4_8422_2325, path.as_bytes()), &content.to_le_bytes())
}

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn hash(content: &Content) -> u64 {
    match content {
        Content::Bytes(b) => fnv(0xcbf2_9ce4_8422_2325, b),
        Content::Copy(p) => {
            let meta = std::fs::metadata(p).ok();
            let len = meta.as_ref().map_or(0, |m| m.len());
            let modified =
                meta.and_then(|m| m.modified().ok()).and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            fnv(fnv(0xcbf2_9ce4_8422_2325, &len.to_le_bytes()), &modified.map_or(0, |d| d.as_nanos()).to_le_bytes())
        }
    }
}

/// What changed entities reach in one handbook: the pages that can show
/// something of them, whether the feed does, and their kinds.
#[derive(Default)]
struct Reach {
    /// Looked up once for every page of the site: hashed cheaply.
    jobs: FxHashSet<Job>,
    feed: bool,
    kinds: Vec<Kind>,
    /// The weeks whose digest may show something of the changed entities.
    weeks: BTreeSet<Date>,
}

fn reach(hb: &Handbook, es: &[Entity], chronicle: &Chronicle<'_>) -> Reach {
    let holders = |r: usize| hb.roles[r].people.iter().map(|&p| Entity::Person(p));
    // A person is shown with their roles' short names: a changed role
    // shows wherever its holders do.
    let mut changed: BTreeSet<Entity> = es.iter().copied().collect();
    for &e in es {
        if let Entity::Role(r) = e {
            changed.extend(holders(r));
        }
    }
    let mut wanted: BTreeSet<Entity> = BTreeSet::new();
    for &e in &changed {
        wanted.insert(e);
        wanted.extend(neighbours(hb, e));
        // A role is shown by the names of its holders ("Mitra Raman (EM)"):
        // a changed person shows wherever their roles do.
        if let Entity::Person(p) = e {
            for role in targets(&hb.people[p].roles) {
                wanted.insert(role);
                wanted.extend(neighbours(hb, role));
            }
        }
    }
    // Links through a role reach its holders.
    let roles: Vec<usize> =
        wanted.iter().filter_map(|e| if let Entity::Role(r) = e { Some(*r) } else { None }).collect();
    for r in roles {
        wanted.extend(holders(r));
        wanted.insert(Entity::StartHere(r));
    }
    let mut jobs: FxHashSet<Job> = wanted.iter().map(|&e| Job::of(hb, e)).collect();
    // The year archives list every update with its authors.
    jobs.extend(wanted.iter().filter_map(|e| {
        if let Entity::Update(u) = e { Some(Job::UpdatesYear(hb.updates[*u].date.year())) } else { None }
    }));
    // The indexes list their kind, with the names of people and roles.
    let any = |f: fn(&Entity) -> bool| changed.iter().any(f);
    let named = any(|e| matches!(e, Entity::Person(_) | Entity::Role(_)));
    // The goals pages show objectives, the projects serving them, and their
    // owners: roles by short name, people with their roles' short names.
    let owners: HashSet<Entity> = hb.goals.iter().flat_map(|g| targets(&g.owners)).collect();
    let shows_owner = |e: &Entity| match *e {
        Entity::Role(r) => {
            owners.contains(e) || hb.roles[r].people.iter().any(|&p| owners.contains(&Entity::Person(p)))
        }
        Entity::Person(_) => owners.contains(e),
        _ => false,
    };
    let goals = changed.iter().any(|e| matches!(e, Entity::Goal(_) | Entity::Project(_)) || shows_owner(e));
    let rates = changed.iter().any(|e| matches!(e, Entity::Update(u) if !hb.updates[*u].health.is_empty()));
    let index = |ix: Index| Job::Entity(Entity::Index(ix));
    let lists = [
        (Index::Roles, named),
        (Index::People, named),
        (Index::Ownership, named || any(|e| matches!(e, Entity::Area(_)))),
        (Index::Ceremonies, named || any(|e| matches!(e, Entity::Ceremony(_)))),
        // The board shows each project's latest health, from the updates that rate it.
        (Index::Projects, named || any(|e| matches!(e, Entity::Project(_))) || rates),
        (Index::Goals, goals),
        (Index::Updates, named || any(|e| matches!(e, Entity::Update(_)))),
        (Index::Pages, any(|e| matches!(e, Entity::Page(_)))),
        (Index::Decisions, named || any(|e| matches!(e, Entity::Decision(_) | Entity::Area(_)))),
    ];
    if goals {
        jobs.extend(hb.periods().into_iter().map(Job::GoalPeriod));
    }
    jobs.extend(lists.iter().filter(|(_, shown)| *shown).map(|(ix, _)| index(*ix)));
    // The changes log names the decisions that made changes; the areas due
    // for review are listed with their owners.
    if named || any(|e| matches!(e, Entity::Area(_) | Entity::Decision(_))) {
        jobs.insert(Job::OwnershipChanges);
    }
    if named || any(|e| matches!(e, Entity::Area(_))) {
        jobs.insert(Job::ReviewsDue);
    }
    // A list's later pages show the same kind of thing as its first.
    let lists: Vec<Paged> =
        Paged::ALL.into_iter().filter(|&list| jobs.contains(&super::job::first_page(list))).collect();
    jobs.extend(super::job::later_pages(hb, &lists));
    // Start-here pages name whom to meet (holders, co-leads, managers,
    // owners of the areas the role is consulted on) and their meetings' facilitators.
    if named {
        jobs.extend((0..hb.roles.len()).map(|r| Job::Entity(Entity::StartHere(r))));
    }
    // Home: the roles and their people, this week's ceremonies.
    if named || any(|e| matches!(e, Entity::Ceremony(_))) {
        jobs.insert(Job::Home);
    }
    // Start-here pages show a role's co-leads, holders and their managers,
    // and the projects in flight of its holders.
    let mut start_roles: Vec<Entity> = Vec::new();
    for &e in &changed {
        if let Entity::Person(p) = e {
            let person = &hb.people[p];
            start_roles.extend(targets(&person.roles));
            start_roles.extend(person.reports.iter().flat_map(|&r| targets(&hb.people[r].roles)));
        }
        if let Entity::Project(p) = e {
            for owner in targets(&hb.projects[p].owners) {
                if let Entity::Person(q) = owner {
                    start_roles.extend(targets(&hb.people[q].roles));
                }
            }
        }
    }
    for role in start_roles {
        if let Entity::Role(r) = role {
            jobs.insert(Job::Entity(Entity::StartHere(r)));
            let colead = |o: &crate::model::Role| o.counterpart.as_ref().and_then(|c| c.to) == Some(role);
            jobs.extend(
                hb.roles.iter().enumerate().filter(|(_, o)| colead(o)).map(|(j, _)| Job::Entity(Entity::StartHere(j))),
            );
        }
    }
    // The latest updates are on the home and start-here pages; each update
    // links to the ones before and after it.
    let latest: HashSet<usize> = super::views::latest_updates(hb, super::views::LATEST).into_iter().collect();
    if es.iter().any(|e| matches!(e, Entity::Update(u) if latest.contains(u))) {
        jobs.extend((0..hb.roles.len()).map(|r| Job::Entity(Entity::StartHere(r))));
        jobs.insert(Job::Home);
    }
    // The same older/newer links the pages show (only the years involved are sorted).
    let order = Facts::new(hb);
    for &e in es {
        if let Entity::Update(u) = e {
            jobs.insert(Job::UpdatesYear(hb.updates[u].date.year()));
            jobs.extend(order.next_to(u).into_iter().flatten().map(|n| Job::Entity(Entity::Update(n))));
        }
        // Pages: the other pages of the same folder, and its page, list them
        // (top-level pages list no others: the navigation and the index do).
        if let Entity::Page(g) = e
            && !hb.pages[g].section.is_empty()
        {
            let section = &hb.pages[g].section;
            for (i, p) in hb.pages.iter().enumerate() {
                if &p.section == section || p.path == *section {
                    jobs.insert(Job::of(hb, Entity::Page(i)));
                }
            }
        }
    }
    // What changed in the handbook each week is on the update pages and, for
    // this week, the home page: the weeks whose digest may show something of
    // the changed entities (`affected` keeps those whose digest changed).
    let weeks = changed.iter().flat_map(|&e| chronicle.weeks_of(e)).collect();
    // The feed holds the latest updates with the titles of what they link to.
    let top: HashSet<usize> = super::views::latest_updates(hb, super::feeds::FEED_ENTRIES).into_iter().collect();
    let feed = wanted.iter().any(|e| matches!(e, Entity::Update(u) if top.contains(u)));
    Reach { jobs, feed, kinds: changed.iter().map(|e| e.kind()).collect(), weeks }
}

/// What edits of bodies alone reach: the entities' own pages, and the feed
/// when it holds one of them (it shows the latest updates whole).
fn own_pages(hb: &Handbook, es: &[Entity]) -> Reach {
    let top: HashSet<usize> = super::views::latest_updates(hb, super::feeds::FEED_ENTRIES).into_iter().collect();
    Reach {
        jobs: es.iter().map(|&e| Job::of(hb, e)).collect(),
        feed: es.iter().any(|e| matches!(e, Entity::Update(u) if top.contains(u))),
        kinds: Vec::new(),
        weeks: BTreeSet::new(),
    }
}

/// What the handbook showed before a change: taken before the model is
/// replaced or patched, so that pages which showed the old state are
/// rendered again.
pub struct Before {
    /// The jobs, with the qualified id of the entity of each entity page.
    jobs: Vec<(Job, Option<String>)>,
    feed: bool,
    kinds: Vec<Kind>,
    /// The navigation of the site as last rendered.
    nav: Vec<super::nav::NavEntry>,
    /// Indexes keep their meaning (no entity was added, removed or renamed).
    same_indices: bool,
    /// Every change was to bodies alone, in ways only the entity's own page
    /// and the feed show (no heading, link target or front matter changed).
    body_only: bool,
    /// What the digests of the weeks the changes may touch showed, as last
    /// rendered (`None`: not known, render the week's pages again).
    digests: BTreeMap<Date, Option<Vec<String>>>,
    /// Nothing was merged in since the site was rendered: what the model
    /// shows now is what the pages show.
    rendered: bool,
}

impl Before {
    /// Nothing changed yet since `hb` was rendered.
    pub fn at(hb: &Handbook) -> Before {
        Before {
            jobs: Vec::new(),
            feed: false,
            kinds: Vec::new(),
            nav: nav(hb),
            same_indices: true,
            body_only: true,
            digests: BTreeMap::new(),
            rendered: true,
        }
    }

    /// What changes to `paths` reach in `old`. `same_indices`: the new
    /// handbook will hold the same entities at the same positions;
    /// `body_only`: they change only in their bodies (see the field).
    pub fn capture(old: &Handbook, paths: &[String], same_indices: bool, body_only: bool) -> Before {
        let olds: Vec<Entity> = paths.iter().flat_map(|p| defined_in(old, p)).collect();
        // Bodies alone change no digest: the dated facts are front matter.
        let (r, digests) = if body_only {
            (own_pages(old, &olds), BTreeMap::new())
        } else {
            let chronicle = Chronicle::new(old);
            let r = reach(old, &olds, &chronicle);
            let digests = r.weeks.iter().map(|&w| (w, Some(chronicle.signature(w)))).collect();
            (r, digests)
        };
        let jobs = r
            .jobs
            .into_iter()
            .map(|j| match j {
                Job::Entity(e) if !same_indices => (j, Some(old.qualified_id(e))),
                _ => (j, None),
            })
            .collect();
        Before { jobs, feed: r.feed, kinds: r.kinds, nav: nav(old), same_indices, body_only, digests, rendered: false }
    }

    /// Names the entity pages by id rather than position, in `hb` (which
    /// the positions refer to): for before entities are added or removed.
    pub fn by_id(&mut self, hb: &Handbook) {
        for (job, id) in &mut self.jobs {
            if let (Job::Entity(e), None) = (job, id.as_ref()) {
                *id = Some(hb.qualified_id(*e));
            }
        }
        self.same_indices = false;
    }

    /// Adds what a later change reached (the navigation stays that of the
    /// site as last rendered).
    pub fn merge(&mut self, other: Before) {
        self.jobs.extend(other.jobs);
        self.feed |= other.feed;
        self.kinds.extend(other.kinds);
        self.same_indices &= other.same_indices;
        self.body_only &= other.body_only;
        // A digest taken from a model that was changed since the site was
        // rendered may not be what its pages show.
        let trusted = self.rendered;
        for (week, shown) in other.digests {
            self.digests.entry(week).or_insert(if trusted { shown } else { None });
        }
        self.rendered = false;
    }
}

/// What changes to `seeds` reach in `new`, with the update pages (and the
/// home page) of the weeks whose digest now reads otherwise than `before`.
fn with_digests(new: &Handbook, seeds: &[Entity], before: &Before) -> Reach {
    let chronicle = Chronicle::new(new);
    let mut r = reach(new, seeds, &chronicle);
    // The weeks whose digest now reads otherwise: their update pages, and
    // the home page for this week.
    let candidates: BTreeSet<Date> = r.weeks.iter().chain(before.digests.keys()).copied().collect();
    let changed: BTreeSet<Date> = candidates
        .into_iter()
        .filter(|w| before.digests.get(w).and_then(Option::as_ref) != Some(&chronicle.signature(*w)))
        .collect();
    if changed.contains(&week_of(new.today)) {
        r.jobs.insert(Job::Home);
    }
    if !changed.is_empty() {
        r.jobs.extend(
            new.updates
                .iter()
                .enumerate()
                .filter(|(_, u)| changed.contains(&week_of(u.date)))
                .map(|(i, _)| Job::Entity(Entity::Update(i))),
        );
    }
    r
}

/// What an edit reaches in the new handbook, with what it reached in the old one.
fn affected(new: &Handbook, paths: &[String], before: &Before) -> Reach {
    let seeds: Vec<Entity> = paths.iter().flat_map(|p| defined_in(new, p)).collect();
    let mut r = if before.body_only { own_pages(new, &seeds) } else { with_digests(new, &seeds, before) };
    let index: HashMap<String, Entity> = if before.same_indices {
        HashMap::new()
    } else {
        crate::urls::all_pages(new).into_iter().map(|e| (new.qualified_id(e), e)).collect()
    };
    for (job, id) in &before.jobs {
        match id {
            None => {
                r.jobs.insert(*job);
            }
            Some(id) => r.jobs.extend(index.get(id).map(|&e| Job::Entity(e))),
        }
    }
    r.feed |= before.feed;
    r.kinds.extend(before.kinds.iter().copied());
    r
}

/// The entities defined in a file, or in the files of a folder.
fn defined_in(hb: &Handbook, path: &str) -> Vec<Entity> {
    let under = format!("{path}/");
    let files: HashSet<usize> = hb
        .files
        .iter()
        .enumerate()
        .filter(|(_, f)| f.rel == path || f.rel.starts_with(&under))
        .map(|(i, _)| i)
        .collect();
    let mut out = Vec::new();
    if hb.ownership_file.is_some_and(|f| files.contains(&f)) {
        out.extend((0..hb.areas.len()).map(Entity::Area));
    }
    let mine = |file: usize| files.contains(&file);
    out.extend(hb.roles.iter().enumerate().filter(|(_, x)| mine(x.doc.file)).map(|(i, _)| Entity::Role(i)));
    out.extend(hb.people.iter().enumerate().filter(|(_, x)| mine(x.doc.file)).map(|(i, _)| Entity::Person(i)));
    out.extend(hb.ceremonies.iter().enumerate().filter(|(_, x)| mine(x.doc.file)).map(|(i, _)| Entity::Ceremony(i)));
    out.extend(hb.projects.iter().enumerate().filter(|(_, x)| mine(x.doc.file)).map(|(i, _)| Entity::Project(i)));
    out.extend(hb.goals.iter().enumerate().filter(|(_, x)| mine(x.doc.file)).map(|(i, _)| Entity::Goal(i)));
    out.extend(hb.updates.iter().enumerate().filter(|(_, x)| mine(x.doc.file)).map(|(i, _)| Entity::Update(i)));
    out.extend(hb.pages.iter().enumerate().filter(|(_, x)| mine(x.doc.file)).map(|(i, _)| Entity::Page(i)));
    out.extend(hb.decisions.iter().enumerate().filter(|(_, x)| mine(x.doc.file)).map(|(i, _)| Entity::Decision(i)));
    out
}

/// The pages that show a role or person names first (a role with the
/// names of its holders): decisions they took part in or whose areas they
/// own, and areas they reviewed or are expected something of.
fn named_on(hb: &Handbook, e: Entity) -> Vec<Entity> {
    let is = |r: &crate::model::Ref| r.to == Some(e);
    let mut out: Vec<Entity> = Vec::new();
    for (i, x) in hb.decisions.iter().enumerate() {
        let daci = x.driver.iter().chain(&x.approvers).chain(&x.contributors).chain(&x.informed).any(is);
        let owns = targets(&x.areas).any(|a| matches!(a, Entity::Area(a) if hb.areas[a].owners.iter().any(is)));
        if daci || owns {
            out.push(Entity::Decision(i));
        }
    }
    for (i, a) in hb.areas.iter().enumerate() {
        if a.reviewed_by.iter().any(is) || a.expect.iter().any(|(r, _)| is(r)) {
            out.push(Entity::Area(i));
        }
    }
    out
}

/// Everything an entity links to, and everything that links to it.
fn neighbours(hb: &Handbook, e: Entity) -> Vec<Entity> {
    let mut out: Vec<Entity> = hb.linked_from(e).to_vec();
    let links = |body: &crate::markdown::Body| -> Vec<Entity> {
        body.links.iter().filter_map(|l| if let Some(Target::Entity(t)) = l.to { Some(t) } else { None }).collect()
    };
    match e {
        Entity::Role(i) => {
            let r = &hb.roles[i];
            out.extend(r.counterpart.as_ref().and_then(|c| c.to));
            out.extend(r.people.iter().map(|&p| Entity::Person(p)));
            out.extend(r.areas.iter().map(|&(a, _)| Entity::Area(a)));
            out.extend(r.ceremonies.iter().map(|&(c, _)| Entity::Ceremony(c)));
            out.extend(r.projects.iter().map(|&p| Entity::Project(p)));
            out.extend(named_on(hb, e));
            out.extend(r.goals.iter().map(|&g| Entity::Goal(g)));
            out.extend(links(&r.doc.body));
            // Whoever names this role as counterpart or page owner.
            out.extend(
                hb.roles
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.counterpart.as_ref().and_then(|c| c.to) == Some(e))
                    .map(|(j, _)| Entity::Role(j)),
            );
            out.extend(
                hb.pages
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| g.owner.as_ref().and_then(|o| o.to) == Some(e))
                    .map(|(j, _)| Entity::Page(j)),
            );
        }
        Entity::Person(i) => {
            let p = &hb.people[i];
            out.extend(targets(&p.roles));
            out.extend(p.manager.as_ref().and_then(|m| m.to));
            out.extend(p.reports.iter().map(|&r| Entity::Person(r)));
            out.extend(p.areas.iter().map(|v| Entity::Area(v.item.0)));
            out.extend(p.ceremonies.iter().map(|v| Entity::Ceremony(v.item.0)));
            out.extend(p.projects.iter().map(|v| Entity::Project(v.item)));
            out.extend(p.goals.iter().map(|v| Entity::Goal(v.item)));
            out.extend(p.updates.iter().map(|&u| Entity::Update(u)));
            out.extend(p.pages.iter().map(|&g| Entity::Page(g)));
            out.extend(p.decisions.iter().map(|v| Entity::Decision(v.item.0)));
            // Where they are named themselves (their roles' reach is `reach`'s).
            out.extend(named_on(hb, e));
            out.extend(links(&p.doc.body));
        }
        Entity::Area(i) => {
            let a = &hb.areas[i];
            out.extend(targets(&a.owners).chain(targets(&a.consulted)).chain(targets(&a.informed)));
            out.extend(a.ceremony.as_ref().and_then(|c| c.to));
            out.extend(a.history.iter().flat_map(|h| targets(&h.from).chain(targets(&h.to))));
            out.extend(a.ceremonies.iter().map(|&c| Entity::Ceremony(c)));
            out.extend(a.decisions.iter().map(|&x| Entity::Decision(x)));
            out.extend(targets(&a.reviewed_by).chain(a.expect.iter().filter_map(|(r, _)| r.to)));
            out.extend(a.history.iter().filter_map(|h| h.decision.as_ref().and_then(|d| d.to)));
            out.extend(a.notes.iter().flat_map(links));
        }
        Entity::Ceremony(i) => {
            let c = &hb.ceremonies[i];
            out.extend(targets(&c.facilitators).chain(targets(&c.attendees)));
            out.extend(c.area_links.iter().map(|&a| Entity::Area(a)));
            out.extend(links(&c.doc.body));
        }
        Entity::Project(i) => {
            let p = &hb.projects[i];
            out.extend(targets(&p.owners));
            out.extend(p.updates.iter().map(|&u| Entity::Update(u)));
            out.extend(p.decisions.iter().map(|&x| Entity::Decision(x)));
            out.extend(p.key_results.iter().filter_map(|k| k.to).map(|k| Entity::Goal(k.goal)));
            out.extend(links(&p.doc.body));
        }
        Entity::Goal(i) => {
            let g = &hb.goals[i];
            out.extend(targets(&g.owners));
            out.extend(g.key_results.iter().flat_map(|k| k.projects.iter().map(|&p| Entity::Project(p))));
            if let Some(crate::model::Parent::Objective(r)) = &g.parent {
                out.extend(r.to);
            }
            out.extend(links(&g.doc.body));
        }
        Entity::Update(i) => {
            let u = &hb.updates[i];
            out.extend(targets(&u.authors));
            out.extend(u.mentions.iter().map(|&p| Entity::Project(p)));
            out.extend(links(&u.doc.body));
        }
        Entity::Page(i) => {
            let g = &hb.pages[i];
            out.extend(g.owner.as_ref().and_then(|o| o.to));
            out.extend(links(&g.doc.body));
        }
        Entity::Decision(i) => {
            let x = &hb.decisions[i];
            out.extend(targets(x.driver.as_slice()).chain(targets(&x.approvers)));
            out.extend(targets(&x.contributors).chain(targets(&x.informed)));
            out.extend(targets(&x.areas).chain(targets(&x.projects)).chain(targets(&x.supersedes)));
            out.extend(x.superseded_by.iter().map(|&o| Entity::Decision(o)));
            out.extend(x.changes.iter().map(|&(a, _)| Entity::Area(a)));
            out.extend(links(&x.doc.body));
        }
        Entity::Index(_) | Entity::StartHere(_) => {}
    }
    out
}
