//! What the site showed before a change, kept until the model is replaced
//! or patched, and what an edit reaches against it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;

use super::reach::{Reach, defined_in, own_pages, reach};
use crate::digest::{Chronicle, week_of};
use crate::model::{Entity, Handbook, Kind};
use crate::render::job::Job;
use crate::render::nav::nav;

/// What the handbook showed before a change: taken before the model is
/// replaced or patched, so that pages which showed the old state are
/// rendered again.
pub struct Before {
    /// The jobs, with the qualified id of the entity of each entity page.
    jobs: Vec<(Job, Option<String>)>,
    feed: bool,
    kinds: Vec<Kind>,
    /// The navigation of the site as last rendered.
    pub(super) nav: Vec<crate::render::nav::NavEntry>,
    /// Indexes keep their meaning (no entity was added, removed or renamed).
    pub(super) same_indices: bool,
    /// Every change was to bodies alone, in ways only the entity's own page
    /// and the feed show (no heading, link target or front matter changed).
    pub(super) body_only: bool,
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
pub(super) fn affected(new: &Handbook, paths: &[String], before: &Before) -> Reach {
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
