//! A page of the site to render (a `Job`): where it lands, which template
//! draws it, and the context every page gets. Each page family (home, roles,
//! people, ownership, decisions, ceremonies, projects, goals, updates, free
//! pages) builds its own page object, next to its templates' names; this
//! file only dispatches.

use std::collections::BTreeSet;

use tera::Context;

use super::lists::{self, List, Shown};
use super::paging::{PagerView, pager};
use super::views::{Facts, Item};
use super::{
    ceremonies, decisions, duties, goals, home, one_on_ones, ownership, pages, people, projects, roles, tags, team,
    updates,
};
use crate::model::{Entity, Handbook, Index, Period};
use crate::urls::{self, Paged};

/// A page of the site to render.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Job {
    Home,
    Entity(Entity),
    OwnershipChanges,
    /// The areas due for an ownership review.
    ReviewsDue,
    /// Page n (from 1) of a year of the updates archive.
    UpdatesYear(i16, usize),
    /// The objectives of one period.
    GoalPeriod(Period),
    /// `404.html`, served by GitHub Pages for any missing address.
    NotFound,
    /// Page 2 and on of a long list (page 1 is the list's own job).
    More(Paged, usize),
    /// Page n (from 1) of the whole of a long list of an entity's page.
    List(Entity, List, usize),
    /// Page n (from 1) of the pages of a tag (by its place in `Facts::tags`).
    Tag(usize, usize),
}

impl Job {
    /// The page that shows an entity: its own, except for the text of
    /// `pages/index.md` (or `README.md`), which the home page shows.
    pub fn of(hb: &Handbook, e: Entity) -> Job {
        match e {
            Entity::Page(i) if hb.pages[i].is_home() => Job::Home,
            e => Job::Entity(e),
        }
    }

    pub fn path(self, facts: &Facts<'_>) -> String {
        match self {
            Job::Home => urls::HOME.to_string(),
            Job::Entity(e) => urls::page(facts.hb, e),
            Job::OwnershipChanges => urls::OWNERSHIP_CHANGES.to_string(),
            Job::ReviewsDue => urls::REVIEWS_DUE.to_string(),
            Job::UpdatesYear(y, n) => urls::updates_year(y, n),
            Job::GoalPeriod(p) => urls::goal_period(p),
            Job::NotFound => urls::NOT_FOUND.to_string(),
            Job::More(list, n) => list.path(n),
            Job::List(e, list, n) => urls::list(facts.hb, e, list.slug(), n),
            Job::Tag(t, n) => tags::path(&facts.tags[t].slug, n),
        }
    }

    /// The list this job shows a page of, and which page.
    fn paged(self) -> Option<(Paged, usize)> {
        match self {
            Job::More(list, n) => Some((list, n)),
            Job::List(..) | Job::Tag(..) => None,
            job => Paged::ALL.into_iter().find(|&list| first_page(list) == job).map(|list| (list, 1)),
        }
    }

    pub fn template(self) -> &'static str {
        match self {
            Job::Home => home::TEMPLATE,
            Job::OwnershipChanges => ownership::changes::TEMPLATE,
            Job::ReviewsDue => ownership::due::TEMPLATE,
            Job::UpdatesYear(..) => updates::archive::YEAR_TEMPLATE,
            Job::GoalPeriod(_) => goals::index::PERIOD_TEMPLATE,
            Job::NotFound => home::NOT_FOUND_TEMPLATE,
            Job::More(list, _) => first_page(list).template(),
            Job::List(..) => lists::TEMPLATE,
            Job::Tag(..) => tags::TEMPLATE,
            Job::Entity(e) => match e {
                Entity::Role(_) => roles::role::TEMPLATE,
                Entity::Person(_) => people::person::TEMPLATE,
                Entity::Area(_) => ownership::area::TEMPLATE,
                Entity::Ceremony(_) => ceremonies::ceremony::TEMPLATE,
                Entity::Project(_) => projects::project::TEMPLATE,
                Entity::Goal(_) => goals::objective::TEMPLATE,
                Entity::Update(_) => updates::update::TEMPLATE,
                Entity::Page(_) => pages::page::TEMPLATE,
                Entity::Decision(_) => decisions::decision::TEMPLATE,
                Entity::Duty(_) => duties::duty::TEMPLATE,
                Entity::StartHere(_) => roles::start_here::TEMPLATE,
                Entity::Index(ix) => match ix {
                    Index::Roles => roles::TEMPLATE,
                    Index::People => people::directory::TEMPLATE,
                    Index::Ownership => ownership::matrix::TEMPLATE,
                    Index::Ceremonies => ceremonies::index::TEMPLATE,
                    Index::Projects => projects::board::TEMPLATE,
                    Index::Goals => goals::index::TEMPLATE,
                    Index::Updates => updates::archive::TEMPLATE,
                    Index::Pages => pages::index::TEMPLATE,
                    Index::Decisions => decisions::log::TEMPLATE,
                    Index::Team => team::TEMPLATE,
                    Index::Duties => duties::index::TEMPLATE,
                    Index::OneOnOnes => one_on_ones::TEMPLATE,
                    Index::Tags => tags::INDEX_TEMPLATE,
                },
            },
        }
    }
}

/// Every page of the site.
pub fn jobs(facts: &Facts<'_>) -> Vec<Job> {
    let mut jobs = vec![Job::Home, Job::OwnershipChanges, Job::ReviewsDue, Job::NotFound];
    let hb = facts.hb;
    jobs.extend(urls::all_pages(hb).into_iter().map(|e| Job::of(hb, e)).filter(|&j| j != Job::Home));
    jobs.extend(year_jobs(facts.hb, None));
    jobs.extend(hb.periods().into_iter().map(Job::GoalPeriod));
    jobs.extend(later_pages(facts.hb, &Paged::ALL));
    let pages: Vec<Entity> = jobs.iter().filter_map(|j| if let Job::Entity(e) = j { Some(*e) } else { None }).collect();
    jobs.extend(whole_lists(facts, &pages));
    jobs.extend(tag_jobs(facts));
    jobs
}

/// The pages of every tag.
pub fn tag_jobs(facts: &Facts<'_>) -> Vec<Job> {
    (0..facts.tags.len()).flat_map(|t| (1..=tags::pages(facts, t)).map(move |n| Job::Tag(t, n))).collect()
}

/// The pages of the whole lists of the given entities' pages, for the
/// lists longer than a page shows.
pub fn whole_lists(facts: &Facts<'_>, entities: &[Entity]) -> Vec<Job> {
    let mut jobs = Vec::new();
    for &e in entities {
        for &list in lists::lists_of(e) {
            jobs.extend((1..=lists::pages(facts, e, list)).map(|n| Job::List(e, list, n)));
        }
    }
    jobs
}

/// The pages of the updates archive of every year, or of some.
pub fn year_jobs(hb: &Handbook, only: Option<&BTreeSet<i16>>) -> Vec<Job> {
    urls::update_years(hb)
        .into_iter()
        .filter(|(y, _)| only.is_none_or(|o| o.contains(y)))
        .flat_map(|(y, count)| (1..=urls::year_pages(count)).map(move |n| Job::UpdatesYear(y, n)))
        .collect()
}

/// The job of a list's first page: the list's own page.
pub fn first_page(list: Paged) -> Job {
    match list {
        Paged::Changes => Job::OwnershipChanges,
        Paged::Due => Job::ReviewsDue,
        list => list.index().map_or(Job::NotFound, |ix| Job::Entity(Entity::Index(ix))),
    }
}

/// Pages 2 and on of the given lists.
pub fn later_pages(hb: &Handbook, lists: &[Paged]) -> Vec<Job> {
    lists.iter().flat_map(|&list| (2..=list.pages(hb)).map(move |n| Job::More(list, n))).collect()
}

/// The context of a page: what every page gets (`root`, `path`, `pager`,
/// `linked_from`, `edit_url`, `key`, `title`) and its family's `page`.
pub fn context(facts: &Facts<'_>, job: Job) -> Context {
    let hb = facts.hb;
    let path = job.path(facts);
    let mut cx = Context::new();
    cx.insert("root", &urls::root_of(&path));
    cx.insert("linked_from", &Shown::<Item>::cut(Vec::new(), 0, String::new(), List::LinkedFrom.noun()));
    // The 404 page is served at any depth: a <base> makes its links work
    // there, when the site's address is known.
    let base_href = if job == Job::NotFound { hb.config.base_url.clone().unwrap_or_default() } else { String::new() };
    cx.insert("base_href", &base_href);
    cx.insert("edit_url", "");
    cx.insert("path", &path);
    cx.insert("pager", &job.paged().map_or_else(PagerView::single, |(list, n)| pager(facts, list, n)));
    let (key, title) = match job {
        Job::Home => {
            cx.insert("page", &home::view(facts));
            ("home".to_string(), hb.config.title.clone())
        }
        Job::OwnershipChanges | Job::ReviewsDue => {
            let list = if job == Job::ReviewsDue { Paged::Due } else { Paged::Changes };
            let (key, title) = list_page(facts, list, 1, &mut cx);
            (key.to_string(), title.to_string())
        }
        Job::UpdatesYear(y, n) => {
            let (page, pages) = updates::archive::year_view(facts, y, n);
            cx.insert("page", &page);
            cx.insert("pager", &PagerView::new(n, pages, |k| urls::updates_year(y, k)));
            let title = hb.strings.fill("updates.year", &[("year", &y.to_string())]);
            let title = if n == 1 { title } else { paged_title(hb, &title, n) };
            ("updates".to_string(), title)
        }
        Job::GoalPeriod(p) => {
            cx.insert("page", &goals::index::period_view(facts, p));
            ("goals".to_string(), hb.strings.fill("goals.title", &[("period", &p.label(&hb.strings))]))
        }
        Job::NotFound => {
            cx.insert("page", &home::not_found(facts));
            (String::new(), hb.strings.get("not_found.title").to_string())
        }
        Job::More(list, n) => {
            let (key, title) = list_page(facts, list, n, &mut cx);
            (key.to_string(), paged_title(hb, title, n))
        }
        Job::List(e, list, n) => {
            cx.insert("page", &lists::view(facts, e, list, n));
            cx.insert("pager", &lists::pager(facts, e, list, n));
            let noun = hb.strings.get(&format!("nouns.{}", list.noun()));
            let title = hb.strings.fill("list.title", &[("title", &hb.title(e)), ("noun", noun)]);
            (nav_key(hb, e), if n > 1 { paged_title(hb, &title, n) } else { title })
        }
        Job::Tag(t, n) => {
            let (page, pager) = tags::view(facts, t, n);
            cx.insert("page", &page);
            cx.insert("pager", &pager);
            let title = hb.strings.fill("tags.title", &[("tag", &facts.tags[t].name)]);
            ("tags".to_string(), if n > 1 { format!("{title}, page {n}") } else { title })
        }
        Job::Entity(e) => {
            cx.insert("linked_from", &lists::shown(facts, e, List::LinkedFrom));
            cx.insert("edit_url", &edit_url(facts, e));
            entity(facts, e, &path, &mut cx)
        }
    };
    cx.insert("key", &key);
    cx.insert("title", &title);
    cx
}

/// "Areas, page 2".
fn paged_title(hb: &Handbook, title: &str, n: usize) -> String {
    hb.strings.fill("list.paged_title", &[("title", title), ("page", &n.to_string())])
}

/// Inserts page `n` of a list; returns its nav key and title.
fn list_page<'f>(facts: &'f Facts<'_>, list: Paged, n: usize, cx: &mut Context) -> (&'static str, &'f str) {
    match list {
        Paged::Roles => cx.insert("page", &roles::view(facts, n)),
        Paged::People => cx.insert("page", &people::directory::view(facts, n)),
        Paged::Ownership => cx.insert("page", &ownership::matrix::view(facts, n)),
        Paged::Projects => cx.insert("page", &projects::board::view(facts, n)),
        Paged::Changes => cx.insert("page", &ownership::changes::view(facts, n)),
        Paged::Ceremonies => cx.insert("page", &ceremonies::index::view(facts, n)),
        Paged::Pages => cx.insert("page", &pages::index::view(facts, n)),
        Paged::Decisions => cx.insert("page", &decisions::log::view(facts, n)),
        Paged::Due => cx.insert("page", &ownership::due::view(facts, n)),
        Paged::Duties => cx.insert("page", &duties::index::view(facts, n)),
    }
    let strings = &facts.hb.strings;
    match list {
        Paged::Changes => ("ownership", strings.get("changes.title")),
        Paged::Due => ("ownership", strings.get("due.title")),
        list => list.index().map_or(("", ""), |ix| (ix.name(), strings.get(&format!("index.{}", ix.name())))),
    }
}

/// "Edit this page" on the repository, for pages made from a file.
fn edit_url(facts: &Facts<'_>, e: Entity) -> String {
    let hb = facts.hb;
    match (&hb.config.repo, hb.origin(e)) {
        (Some(repo), Some((file, _))) => {
            let dir = if repo.dir.is_empty() { String::new() } else { format!("{}/", repo.dir) };
            format!("{}/edit/{}/{dir}{}", repo.url, repo.branch, hb.file(file).rel)
        }
        _ => String::new(),
    }
}

/// Inserts the page object of an entity's page; returns its nav key and title.
fn entity(facts: &Facts<'_>, e: Entity, path: &str, cx: &mut Context) -> (String, String) {
    match e {
        Entity::Role(i) => cx.insert("page", &roles::role::view(facts, i, path)),
        Entity::StartHere(i) => cx.insert("page", &roles::start_here::view(facts, i)),
        Entity::Person(i) => cx.insert("page", &people::person::view(facts, i, path)),
        Entity::Area(i) => cx.insert("page", &ownership::area::view(facts, i, path)),
        Entity::Ceremony(i) => cx.insert("page", &ceremonies::ceremony::view(facts, i, path)),
        Entity::Project(i) => cx.insert("page", &projects::project::view(facts, i, path)),
        Entity::Goal(i) => cx.insert("page", &goals::objective::view(facts, i, path)),
        Entity::Update(i) => cx.insert("page", &updates::update::view(facts, i, path)),
        Entity::Page(i) => cx.insert("page", &pages::page::view(facts, i, path)),
        Entity::Decision(i) => cx.insert("page", &decisions::decision::view(facts, i, path)),
        Entity::Duty(i) => cx.insert("page", &duties::duty::view(facts, i, path)),
        Entity::Index(_) => match Paged::ALL.into_iter().find(|&list| first_page(list) == Job::Entity(e)) {
            Some(list) => {
                list_page(facts, list, 1, cx);
            }
            None if e == Entity::Index(Index::Goals) => cx.insert("page", &goals::index::view(facts)),
            None if e == Entity::Index(Index::Team) => cx.insert("page", &team::view(facts)),
            None if e == Entity::Index(Index::OneOnOnes) => cx.insert("page", &one_on_ones::map(facts)),
            None if e == Entity::Index(Index::Tags) => cx.insert("page", &tags::index_view(facts)),
            None => cx.insert("page", &updates::archive::view(facts)),
        },
    }
    (nav_key(facts.hb, e), facts.hb.title(e))
}

/// The navigation entry an entity's page belongs to.
fn nav_key(hb: &Handbook, e: Entity) -> String {
    match e {
        Entity::Role(_) | Entity::StartHere(_) => "roles".into(),
        Entity::Person(_) => "people".into(),
        Entity::Area(_) => "ownership".into(),
        Entity::Ceremony(_) => "ceremonies".into(),
        Entity::Project(_) => "projects".into(),
        Entity::Goal(_) => "goals".into(),
        Entity::Update(_) => "updates".into(),
        Entity::Decision(_) => "decisions".into(),
        Entity::Duty(_) => "duties".into(),
        Entity::Page(i) => {
            let path = &hb.pages[i].path;
            format!("pages/{}", path.split('/').next().unwrap_or(path))
        }
        Entity::Index(ix) => ix.name().into(),
    }
}
