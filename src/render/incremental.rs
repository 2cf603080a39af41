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

use super::pages::{Job, jobs};
use super::views::{Facts, nav_signature};
use super::{Content, Renderer, Site, calendar_files, feed_file, sitemap_file};
use crate::diagnostics::Diagnostics;
use crate::markdown::Target;
use crate::model::{Entity, Handbook, Index, Kind, targets};

#[derive(Clone, Copy)]
enum Set {
    Assets,
    Calendars,
}

/// A site kept in memory between rebuilds (for `serve`).
pub struct Session {
    renderer: Renderer,
    hb: Arc<Handbook>,
    site: Site,
    /// A hash of each file's content, for the fingerprint.
    hashes: BTreeMap<String, u64>,
    /// The paths of the pages, of the static files and theme assets, and of
    /// the calendars: what to remove when they go.
    pages: HashSet<String>,
    assets: HashSet<String>,
    calendars: HashSet<String>,
}

/// What a rebuild did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rebuilt {
    pub pages: usize,
    pub full: bool,
}

impl Session {
    /// Renders everything but the heavy files (see `heavy`).
    pub fn start(hb: Handbook, diags: &mut Diagnostics) -> Option<Session> {
        let renderer = Renderer::new(&hb, diags)?;
        let mut session = Session {
            renderer,
            hb: Arc::new(Handbook::empty()),
            site: Site::default(),
            hashes: BTreeMap::new(),
            pages: HashSet::new(),
            assets: HashSet::new(),
            calendars: HashSet::new(),
        };
        session.apply(hb, None, diags)?;
        Some(session)
    }

    /// Brings the site up to date with a handbook rebuilt after changes to
    /// `changed` (paths relative to the root; `None`: anything may have changed).
    pub fn update(&mut self, hb: Handbook, changed: Option<&[String]>, diags: &mut Diagnostics) -> Option<Rebuilt> {
        let retheme = changed.is_none_or(|paths| {
            paths
                .iter()
                .any(|p| p == crate::config::FILE_NAME || p.starts_with("templates/") || p.starts_with("themes/"))
        });
        if retheme {
            self.renderer = Renderer::new(&hb, diags)?;
        }
        self.apply(hb, changed.filter(|_| !retheme), diags)
    }

    fn apply(&mut self, hb: Handbook, changed: Option<&[String]>, diags: &mut Diagnostics) -> Option<Rebuilt> {
        let facts = Facts::new(&hb);
        let all = jobs(&facts);
        // What changed, when it is known (`None`: anything).
        let touched = match changed {
            Some(paths) if nav_signature(&self.hb) == nav_signature(&hb) => Some(affected(&self.hb, &hb, paths)),
            _ => None,
        };
        let selected: Vec<Job> = match &touched {
            Some(t) => all.iter().copied().filter(|j| t.jobs.contains(j)).collect(),
            None => all.clone(),
        };
        let rendered = self.renderer.pages(&facts, &selected, diags)?;
        let full = touched.is_none();
        let changed_kind = |kinds: &[Kind]| touched.as_ref().is_none_or(|t| t.kinds.iter().any(|k| kinds.contains(k)));
        let mut files: Vec<(String, Content)> = rendered;
        let pages = files.len();

        // Pages that no longer exist.
        let current: HashSet<String> = all.iter().map(|j| j.path(&facts)).collect();
        let pages_changed = current != self.pages;
        for path in self.pages.difference(&current).cloned().collect::<Vec<_>>() {
            self.remove(&path);
        }
        self.pages = current;
        // Static files and theme assets are listed again every time (cheap).
        let assets = self.renderer.assets(&hb);
        self.replace_set(Set::Assets, assets.iter().map(|(p, _)| p.clone()).collect());
        files.extend(assets);
        // Derived files, when what they show may have changed.
        // Calendars name ceremonies, facilitators and attendees.
        if changed_kind(&[Kind::Ceremony, Kind::Person, Kind::Role]) {
            let calendars = calendar_files(&hb);
            self.replace_set(Set::Calendars, calendars.iter().map(|(p, _)| p.clone()).collect());
            files.extend(calendars);
        }
        if touched.as_ref().is_none_or(|t| t.feed) {
            files.push(feed_file(&facts));
        }
        if full || pages_changed {
            match sitemap_file(&facts) {
                Some(sitemap) => files.push(sitemap),
                None => self.remove(super::feeds::SITEMAP),
            }
        }
        for (path, content) in files {
            self.hashes.insert(path.clone(), hash(&content));
            self.site.files.insert(path, content);
        }
        self.hb = Arc::new(hb);
        Some(Rebuilt { pages, full })
    }

    /// Removes the files of a set that are no longer in it.
    fn replace_set(&mut self, which: Set, now: HashSet<String>) {
        let before = std::mem::take(match which {
            Set::Assets => &mut self.assets,
            Set::Calendars => &mut self.calendars,
        });
        for path in before.difference(&now) {
            self.remove(path);
        }
        match which {
            Set::Assets => self.assets = now,
            Set::Calendars => self.calendars = now,
        }
    }

    fn remove(&mut self, path: &str) {
        self.site.files.remove(path);
        self.hashes.remove(path);
    }

    /// The site as it is now (cheap: file contents are shared).
    pub fn site(&self) -> Site {
        self.site.clone()
    }

    pub fn handbook(&self) -> Arc<Handbook> {
        self.hb.clone()
    }

    /// Identifies the site's content, the same for the same content.
    pub fn fingerprint(&self) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for (path, file) in &self.hashes {
            h = fnv(h, path.as_bytes());
            h = fnv(h, &file.to_le_bytes());
        }
        format!("{h:016x}")
    }
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

/// What an edit reaches: the pages of the new handbook that may differ
/// because of changes to `paths`, and the derived files to make again.
struct Affected {
    jobs: HashSet<Job>,
    /// The feed shows one of them.
    feed: bool,
    /// The kinds of the entities that changed (not their neighbours).
    kinds: Vec<crate::model::Kind>,
}

fn affected(old: &Handbook, new: &Handbook, paths: &[String]) -> Affected {
    let mut seeds: Vec<Entity> = Vec::new();
    let mut olds: Vec<Entity> = Vec::new();
    for path in paths {
        seeds.extend(defined_in(new, path));
        olds.extend(defined_in(old, path));
    }
    // Old entities and their old neighbours, found again in the new handbook.
    let index: HashMap<String, Entity> =
        crate::urls::all_pages(new).into_iter().map(|e| (new.qualified_id(e), e)).collect();
    let by_id = |e: Entity| index.get(&old.qualified_id(e)).copied();
    let mut wanted: BTreeSet<Entity> = BTreeSet::new();
    for &e in &olds {
        wanted.extend(by_id(e));
        wanted.extend(neighbours(old, e).into_iter().filter_map(by_id));
    }
    // A person is shown with their roles' short names: a changed role
    // shows wherever its holders do.
    let mut changed: BTreeSet<Entity> = seeds.iter().copied().collect();
    for e in seeds.iter().copied().chain(olds.iter().filter_map(|&e| by_id(e))) {
        if let Entity::Role(r) = e {
            changed.extend(new.roles[r].people.iter().map(|&p| Entity::Person(p)));
        }
    }
    for &e in &olds {
        if let Entity::Role(r) = e {
            changed.extend(old.roles[r].people.iter().filter_map(|&p| by_id(Entity::Person(p))));
        }
    }
    for &e in &changed {
        wanted.insert(e);
        wanted.extend(neighbours(new, e));
    }
    // Links through a role reach its holders.
    let roles: Vec<usize> =
        wanted.iter().filter_map(|e| if let Entity::Role(r) = e { Some(*r) } else { None }).collect();
    for r in roles {
        wanted.extend(new.roles[r].people.iter().map(|&p| Entity::Person(p)));
        wanted.insert(Entity::StartHere(r));
    }
    // Lists that show these kinds of entity.
    let mut jobs: HashSet<Job> = wanted.iter().map(|&e| Job::Entity(e)).collect();
    // The year archives list every update with its authors.
    jobs.extend(wanted.iter().filter_map(|e| {
        if let Entity::Update(u) = e { Some(Job::UpdatesYear(new.updates[*u].date.year())) } else { None }
    }));
    // The indexes list their kind, with the names of people and roles.
    let kinds: Vec<Entity> = changed.iter().copied().chain(olds.iter().copied()).collect();
    let any = |f: fn(&Entity) -> bool| kinds.iter().any(f);
    let named = any(|e| matches!(e, Entity::Person(_) | Entity::Role(_)));
    let index = |ix: Index| Job::Entity(Entity::Index(ix));
    if named {
        jobs.insert(index(Index::Roles));
        jobs.insert(index(Index::People));
    }
    if named || any(|e| matches!(e, Entity::Area(_))) {
        jobs.insert(index(Index::Ownership));
        jobs.insert(Job::OwnershipChanges);
    }
    if named || any(|e| matches!(e, Entity::Ceremony(_))) {
        jobs.insert(index(Index::Ceremonies));
    }
    if named || any(|e| matches!(e, Entity::Project(_))) {
        jobs.insert(index(Index::Projects));
    }
    if named || any(|e| matches!(e, Entity::Update(_))) {
        jobs.insert(index(Index::Updates));
    }
    // Start-here pages show a role's co-leads, holders and their managers,
    // and the latest updates.
    for e in &changed {
        if let Entity::Person(p) = e {
            let person = &new.people[*p];
            let reports = person.reports.iter().flat_map(|&r| targets(&new.people[r].roles));
            for role in targets(&person.roles).chain(reports) {
                if let Entity::Role(r) = role {
                    jobs.insert(Job::Entity(Entity::StartHere(r)));
                    let colead = |o: &crate::model::Role| o.counterpart.as_ref().and_then(|c| c.to) == Some(role);
                    jobs.extend(
                        new.roles
                            .iter()
                            .enumerate()
                            .filter(|(_, o)| colead(o))
                            .map(|(j, _)| Job::Entity(Entity::StartHere(j))),
                    );
                }
            }
        }
    }
    // ... and the projects in flight of the role's holders.
    for (hb, list) in [(old, &olds), (new, &seeds)] {
        for e in list.iter() {
            if let Entity::Project(p) = e {
                for owner in targets(&hb.projects[*p].owners) {
                    if let Entity::Person(person) = owner {
                        for role in targets(&hb.people[person].roles) {
                            let found = if std::ptr::eq(hb, new) { Some(role) } else { by_id(role) };
                            jobs.extend(found.and_then(|r| {
                                if let Entity::Role(r) = r { Some(Job::Entity(Entity::StartHere(r))) } else { None }
                            }));
                        }
                    }
                }
            }
        }
    }
    let latest = |hb: &Handbook, list: &[Entity]| {
        let top: Vec<usize> = super::views::newest_updates(hb).into_iter().take(super::pages::LATEST).collect();
        list.iter().any(|e| matches!(e, Entity::Update(u) if top.contains(u)))
    };
    if latest(old, &olds) || latest(new, &seeds) {
        jobs.extend((0..new.roles.len()).map(|r| Job::Entity(Entity::StartHere(r))));
        jobs.insert(Job::Home);
    }
    // Home: the roles and their people, this week's ceremonies.
    if named || any(|e| matches!(e, Entity::Ceremony(_))) {
        jobs.insert(Job::Home);
    }
    // Updates: their year's archive page, and the updates before and after them.
    for (hb, list) in [(old, &olds), (new, &seeds)] {
        let order = super::views::newest_updates(hb);
        for &e in list.iter() {
            if let Entity::Update(u) = e {
                jobs.insert(Job::UpdatesYear(hb.updates[u].date.year()));
                if let Some(rank) = order.iter().position(|&x| x == u) {
                    let around = [rank.checked_sub(1), Some(rank + 1)];
                    for n in around.into_iter().flatten().filter_map(|r| order.get(r)) {
                        let e = Entity::Update(*n);
                        let found = if std::ptr::eq(hb, new) { Some(e) } else { by_id(e) };
                        jobs.extend(found.map(Job::Entity));
                    }
                }
            }
            // Pages: the other pages of the same section list them.
            if let Entity::Page(g) = e {
                let section = &hb.pages[g].section;
                for (i, p) in new.pages.iter().enumerate() {
                    if &p.section == section || p.path == *section {
                        jobs.insert(Job::Entity(Entity::Page(i)));
                    }
                }
            }
        }
    }
    // The feed holds the latest updates with the titles of what they link to.
    let in_feed = |hb: &Handbook, list: Vec<Entity>| {
        let top: HashSet<usize> =
            super::views::newest_updates(hb).into_iter().take(super::feeds::FEED_ENTRIES).collect();
        list.into_iter().any(|e| matches!(e, Entity::Update(u) if top.contains(&u)))
    };
    let old_reach: Vec<Entity> = olds.iter().copied().chain(olds.iter().flat_map(|&e| neighbours(old, e))).collect();
    let feed = in_feed(new, wanted.iter().copied().collect()) || in_feed(old, old_reach);
    let kinds = changed.iter().chain(olds.iter()).map(|e| e.kind()).collect();
    Affected { jobs, feed, kinds }
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
    out.extend(hb.updates.iter().enumerate().filter(|(_, x)| mine(x.doc.file)).map(|(i, _)| Entity::Update(i)));
    out.extend(hb.pages.iter().enumerate().filter(|(_, x)| mine(x.doc.file)).map(|(i, _)| Entity::Page(i)));
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
            out.extend(p.updates.iter().map(|&u| Entity::Update(u)));
            out.extend(p.pages.iter().map(|&g| Entity::Page(g)));
            out.extend(links(&p.doc.body));
        }
        Entity::Area(i) => {
            let a = &hb.areas[i];
            out.extend(targets(&a.owners).chain(targets(&a.consulted)).chain(targets(&a.informed)));
            out.extend(a.ceremony.as_ref().and_then(|c| c.to));
            out.extend(a.history.iter().flat_map(|h| targets(&h.from).chain(targets(&h.to))));
            out.extend(a.ceremonies.iter().map(|&c| Entity::Ceremony(c)));
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
            out.extend(links(&p.doc.body));
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
        Entity::Index(_) | Entity::StartHere(_) => {}
    }
    out
}
