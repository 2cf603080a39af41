//! What changed entities reach: the pages that can show something of them.

use std::collections::{BTreeSet, HashSet};

use jiff::civil::Date;
use rustc_hash::FxHashSet;

use crate::digest::Chronicle;
use crate::markdown::Target;
use crate::model::{Entity, Handbook, Index, Kind, targets};
use crate::render::job::Job;
use crate::render::views::Facts;
use crate::urls::Paged;

/// What changed entities reach in one handbook: the pages that can show
/// something of them, whether the feed does, and their kinds.
#[derive(Default)]
pub(super) struct Reach {
    /// Looked up once for every page of the site: hashed cheaply.
    pub(super) jobs: FxHashSet<Job>,
    pub(super) feed: bool,
    pub(super) kinds: Vec<Kind>,
    /// The weeks whose digest may show something of the changed entities.
    pub(super) weeks: BTreeSet<Date>,
}

pub(super) fn reach(hb: &Handbook, es: &[Entity], chronicle: &Chronicle<'_>) -> Reach {
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
    // A duty reached (its pool, its people, itself) may hand its turns out
    // anew: every member's page lists their next turns.
    let duties: Vec<usize> =
        wanted.iter().filter_map(|e| if let Entity::Duty(i) = e { Some(*i) } else { None }).collect();
    for i in duties {
        wanted.extend(neighbours(hb, Entity::Duty(i)));
    }
    // Links through a role reach its holders.
    let roles: Vec<usize> =
        wanted.iter().filter_map(|e| if let Entity::Role(r) = e { Some(*r) } else { None }).collect();
    for r in roles {
        wanted.extend(holders(r));
        wanted.insert(Entity::StartHere(r));
    }
    let mut jobs: FxHashSet<Job> = wanted.iter().map(|&e| Job::of(hb, e)).collect();
    // The year archives list every update with its authors: all the pages
    // of a year, as an update that comes or goes moves the ones after it.
    // (`wanted` holds the changed entities themselves.)
    let years: BTreeSet<i16> = wanted
        .iter()
        .filter_map(|e| if let Entity::Update(u) = e { Some(hb.updates[*u].date.year()) } else { None })
        .collect();
    if !years.is_empty() {
        jobs.extend(crate::render::job::year_jobs(hb, Some(&years)));
    }
    // The indexes list their kind, with the names of people and roles.
    let any = |f: fn(&Entity) -> bool| changed.iter().any(f);
    let named = any(|e| matches!(e, Entity::Person(_) | Entity::Role(_)));
    // The goals pages show objectives, the projects serving them, and their
    // owners: people with their roles' short names, roles by the people who
    // hold them (whom a person's edit may add or take away).
    let owners: HashSet<Entity> = hb.goals.iter().flat_map(|g| targets(&g.owners)).collect();
    let role_owned = owners.iter().any(|o| matches!(o, Entity::Role(_)));
    let shows_owner = |e: &Entity| match *e {
        Entity::Role(r) => {
            owners.contains(e) || hb.roles[r].people.iter().any(|&p| owners.contains(&Entity::Person(p)))
        }
        Entity::Person(_) => role_owned || owners.contains(e),
        _ => false,
    };
    let goals = changed.iter().any(|e| matches!(e, Entity::Goal(_) | Entity::Project(_)) || shows_owner(e));
    let rates = changed.iter().any(|e| matches!(e, Entity::Update(u) if !hb.updates[*u].health.is_empty()));
    let index = |ix: Index| Job::Entity(Entity::Index(ix));
    let lists = [
        (Index::Roles, named),
        (Index::People, named),
        (Index::Ownership, named || any(|e| matches!(e, Entity::Area(_)))),
        (Index::Ceremonies, named || any(|e| matches!(e, Entity::Ceremony(_) | Entity::Duty(_)))),
        // The board shows each project's latest health, from the updates that rate it.
        (Index::Projects, named || any(|e| matches!(e, Entity::Project(_))) || rates),
        (Index::Goals, goals),
        (Index::Updates, named || any(|e| matches!(e, Entity::Update(_)))),
        (Index::Pages, any(|e| matches!(e, Entity::Page(_)))),
        (Index::Tags, any(|e| matches!(e, Entity::Page(_)))),
        (Index::Decisions, named || any(|e| matches!(e, Entity::Decision(_) | Entity::Area(_)))),
        // The card names its contacts, the areas they come from, runbook pages and who is on duty.
        (Index::Team, named || any(|e| matches!(e, Entity::Area(_) | Entity::Page(_) | Entity::Duty(_)))),
        (Index::Duties, named || any(|e| matches!(e, Entity::Duty(_) | Entity::Area(_)))),
        // The 1:1 map is the org chart with the pairs drawn on it.
        (Index::OneOnOnes, named),
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
        Paged::ALL.into_iter().filter(|&list| jobs.contains(&crate::render::job::first_page(list))).collect();
    jobs.extend(crate::render::job::later_pages(hb, &lists));
    // Start-here pages name whom to meet (holders, co-leads, managers,
    // owners of the areas the role is consulted on) and their meetings' facilitators.
    if named {
        jobs.extend((0..hb.roles.len()).map(|r| Job::Entity(Entity::StartHere(r))));
    }
    // Home: the roles and their people, this week's ceremonies, who is on duty.
    if named || any(|e| matches!(e, Entity::Ceremony(_) | Entity::Duty(_))) {
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
    let latest: HashSet<usize> =
        crate::render::views::latest_updates(hb, crate::render::views::LATEST).into_iter().collect();
    if es.iter().any(|e| matches!(e, Entity::Update(u) if latest.contains(u))) {
        jobs.extend((0..hb.roles.len()).map(|r| Job::Entity(Entity::StartHere(r))));
        jobs.insert(Job::Home);
    }
    // The same older/newer links the pages show (only the years involved are sorted).
    let order = Facts::new(hb);
    for &e in es {
        if let Entity::Update(u) = e {
            jobs.extend(order.next_to(u).into_iter().flatten().map(|n| Job::Entity(Entity::Update(n))));
        }
        // Pages: the other pages of the same folder, and its page, list them
        // (top-level pages list no others: the navigation and the index do).
        // (SUMMARY.md may nest a page under another: that one lists it.)
        if let Entity::Page(g) = e
            && !order.sections.place(g).is_empty()
        {
            let place = order.sections.place(g);
            jobs.extend(
                order.sections.children.get(place).into_iter().flatten().map(|&i| Job::of(hb, Entity::Page(i))),
            );
            jobs.extend(order.sections.parent(g).map(|p| Job::of(hb, Entity::Page(p))));
        }
    }
    // What changed in the handbook each week is on the update pages and, for
    // this week, the home page: the weeks whose digest may show something of
    // the changed entities (`affected` keeps those whose digest changed).
    let weeks = changed.iter().flat_map(|&e| chronicle.weeks_of(e)).collect();
    // The feed holds the latest updates with the titles of what they link to.
    let top: HashSet<usize> =
        crate::render::views::latest_updates(hb, crate::render::feeds::FEED_ENTRIES).into_iter().collect();
    let feed = wanted.iter().any(|e| matches!(e, Entity::Update(u) if top.contains(u)));
    Reach { jobs, feed, kinds: changed.iter().map(|e| e.kind()).collect(), weeks }
}

/// What edits of bodies alone reach: the entities' own pages, and the feed
/// when it holds one of them (it shows the latest updates whole).
pub(super) fn own_pages(hb: &Handbook, es: &[Entity]) -> Reach {
    let top: HashSet<usize> =
        crate::render::views::latest_updates(hb, crate::render::feeds::FEED_ENTRIES).into_iter().collect();
    Reach {
        jobs: es.iter().map(|&e| Job::of(hb, e)).collect(),
        feed: es.iter().any(|e| matches!(e, Entity::Update(u) if top.contains(u))),
        kinds: Vec::new(),
        weeks: BTreeSet::new(),
    }
}

/// The entities defined in a file, or in the files of a folder.
pub(super) fn defined_in(hb: &Handbook, path: &str) -> Vec<Entity> {
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
    // The 1:1s are shown on the map, on every person's page and on the
    // start-here pages: as if every person changed.
    if hb.one_on_ones.as_ref().is_some_and(|o| files.contains(&o.file)) {
        out.extend((0..hb.people.len()).map(Entity::Person));
        out.push(Entity::Index(crate::model::Index::OneOnOnes));
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
    out.extend(hb.duties.iter().enumerate().filter(|(_, x)| mine(x.doc.file)).map(|(i, _)| Entity::Duty(i)));
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
    out.extend(duties_naming(hb, e));
    out
}

/// The duties whose pages show `e`: in their pool, escalation or area, or
/// (a person) taking turns through a role or an override.
fn duties_naming(hb: &Handbook, e: Entity) -> Vec<Entity> {
    let is = |r: &crate::model::Ref| r.to == Some(e);
    let mut out = Vec::new();
    for (i, x) in hb.duties.iter().enumerate() {
        let named = x.pool.iter().chain(&x.escalation).chain(&x.area).any(is)
            || x.overrides.iter().any(|o| is(&o.person) || is(&o.instead_of));
        let member = matches!(e, Entity::Person(p) if crate::model::members(x, hb).iter().any(|m| m.person == p));
        if named || member {
            out.push(Entity::Duty(i));
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
            out.extend(duties_naming(hb, e));
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
        Entity::Duty(i) => {
            let x = &hb.duties[i];
            out.extend(targets(&x.pool).chain(targets(&x.escalation)).chain(x.area.as_ref().and_then(|a| a.to)));
            out.extend(crate::model::members(x, hb).into_iter().map(|m| Entity::Person(m.person)));
            out.extend(x.overrides.iter().flat_map(|o| [o.person.to, o.instead_of.to]).flatten());
            // Ceremonies led by whoever is on this duty.
            out.extend(
                hb.ceremonies
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.facilitators.iter().any(|r| r.to == Some(e)))
                    .map(|(j, _)| Entity::Ceremony(j)),
            );
            out.extend(links(&x.doc.body));
        }
        Entity::Index(_) | Entity::StartHere(_) => {}
    }
    out
}
