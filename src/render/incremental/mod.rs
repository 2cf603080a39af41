//! Rebuilding after an edit without re-rendering the whole site: the pages
//! that can show anything of the changed entities are rendered again, the
//! rest are kept. A page shows an entity when it is that entity's page, when
//! the two are linked in either direction (by a field or a Markdown link),
//! or when it lists the entity: the home page, the indexes, the start-here
//! pages, the update archive around it, the pages of its section. Links
//! through a role (a person owns what their role owns) reach the holders of
//! the role. Changes to the configuration, the templates or the navigation
//! re-render everything.

mod before;
mod reach;

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

pub use before::Before;
use before::affected;
use reach::Reach;

use super::job::{Job, jobs};
use super::nav::nav;
use super::views::Facts;
use super::{Content, Renderer, Site, calendar_files, feed_file, redirects, sitemap_files, team_api_file};
use crate::diagnostics::Diagnostics;
use crate::model::{Entity, Handbook, Kind, Period};
use crate::urls::{update_years, year_pages};

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
    /// The years of the update archive, with the pages of each.
    years: Vec<(i16, usize)>,
    /// The pages of whole lists.
    lists: HashSet<Job>,
    /// The periods of the goals, each with a page.
    periods: Vec<Period>,
    /// The tags, each with its pages' count: each has pages of its own.
    tags: Vec<(String, usize)>,
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
            years: Vec::new(),
            lists: HashSet::new(),
            periods: Vec::new(),
            tags: Vec::new(),
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
        // A changed page may have gained or lost a tag: every tag's pages
        // list pages by title (they are few and short).
        let pages_changed_at_all = touched.as_ref().is_some_and(|t| t.kinds.contains(&Kind::Page));
        let reached = |t: &Reach, j: &Job| match j {
            Job::List(e, ..) => t.jobs.contains(&Job::Entity(*e)),
            Job::Tag(..) => pages_changed_at_all,
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
        // and the updates still span the same years (and pages of years).
        // A whole list gets pages of its own, or loses them, as it grows past
        // what a page shows, or shrinks back.
        let years: Vec<(i16, usize)> = update_years(hb).into_iter().map(|(y, count)| (y, year_pages(count))).collect();
        let same_pages = body_only || {
            let lists: HashSet<Job> = all.iter().copied().filter(|j| matches!(j, Job::List(..))).collect();
            let periods = hb.periods();
            let tags: Vec<(String, usize)> = facts.tags.iter().map(|t| (t.slug.clone(), t.pages.len())).collect();
            let same = change.is_some_and(|(_, before)| before.same_indices)
                && !full
                && years == self.years
                && lists == self.lists
                && periods == self.periods
                && tags == self.tags;
            self.lists = lists;
            self.periods = periods;
            self.tags = tags;
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
        // Static files, theme assets and the team card's team-api.json are
        // listed again every time (cheap).
        let mut assets = self.renderer.assets(hb);
        assets.extend(team_api_file(hb));
        self.replace_set(Set::Assets, assets.iter().map(|(p, _)| p.clone()).collect());
        files.extend(assets);
        // Calendars name ceremonies, facilitators and attendees, and duties' turns.
        if changed_kind(&[Kind::Ceremony, Kind::Person, Kind::Role, Kind::Duty]) {
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
