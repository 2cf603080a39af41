//! The lists on an entity's page that grow with the handbook (a role's
//! areas, a person's updates, what links to a page). The page shows the
//! first `SHOWN` items of each and links to the whole list, which has pages
//! of its own under `lists/` (`lists/people/mitra/areas.html`, then
//! `areas-2.html`, ...): no page grows with the handbook, and every item
//! stays one link away.

use std::any::Any;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use serde::Serialize;

use super::decisions;
use super::paging::PagerView;
use super::roles::first_week::{addressed, guides, in_flight, to_meet};
use super::views::{Facts, Item, goal_note, part_name, raci_name, via_note};
use crate::model::{Daci, Entity, Part, Raci, Via};
use crate::urls::{self, PER_PAGE};

/// The template of a page of a whole list.
pub const TEMPLATE: &str = "list.html";

/// Items of each list that an entity's page shows.
pub const SHOWN: usize = 20;

/// A list of an entity's page that can be long.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum List {
    /// A role's current holders.
    People,
    /// A role's former holders.
    Former,
    Areas,
    Ceremonies,
    Projects,
    /// The objectives a role or person owns.
    Goals,
    /// A person's current reports.
    Reports,
    Updates,
    /// The pages a person keeps.
    Pages,
    /// Whom a newcomer to a role should meet.
    Meet,
    /// The projects in flight a newcomer to a role works on.
    InFlight,
    /// The pages a role keeps.
    Guides,
    /// The pages of the folder a folder's page introduces.
    InFolder,
    /// The pages that link to this one.
    LinkedFrom,
    /// The decisions about an area or a project, or that a person or role
    /// drove or approved, newest first.
    Decisions,
    /// What a role is expected to do, area by area (`[area.expect]`).
    Expected,
}

impl List {
    /// Its name in the addresses of its pages.
    pub fn slug(self) -> &'static str {
        match self {
            List::People => "people",
            List::Former => "former",
            List::Areas => "areas",
            List::Ceremonies => "ceremonies",
            List::Projects => "projects",
            List::Goals => "objectives",
            List::Reports => "reports",
            List::Updates => "updates",
            List::Pages => "pages",
            List::Meet => "meet",
            List::InFlight => "in-flight",
            List::Guides => "guides",
            List::InFolder => "pages",
            List::LinkedFrom => "linked-from",
            List::Decisions => "decisions",
            List::Expected => "expected",
        }
    }

    /// What it holds, as a link to it says: "All 57 areas".
    pub fn noun(self) -> &'static str {
        match self {
            List::People => "people",
            List::Former => "former holders",
            List::Areas => "areas",
            List::Ceremonies => "ceremonies",
            List::Projects => "projects",
            List::Goals => "objectives",
            List::Reports => "reports",
            List::Updates => "updates",
            List::Pages => "pages kept",
            List::Meet => "people to meet",
            List::InFlight => "projects in flight",
            List::Guides => "guides",
            List::InFolder => "pages in this folder",
            List::LinkedFrom => "pages linking here",
            List::Decisions => "decisions",
            List::Expected => "expectations",
        }
    }
}

/// The lists each kind of page has. (A start-here page also shows the
/// role's areas and ceremonies, and links to the role's lists of them.)
pub fn lists_of(e: Entity) -> &'static [List] {
    use List::*;
    match e {
        Entity::Role(_) => &[People, Former, Areas, Ceremonies, Projects, Decisions, Goals, LinkedFrom],
        Entity::StartHere(_) => &[Expected, Meet, InFlight, Guides, LinkedFrom],
        Entity::Person(_) => &[Reports, Areas, Ceremonies, Projects, Goals, Updates, Pages, Decisions, LinkedFrom],
        Entity::Area(_) => &[Ceremonies, Decisions, LinkedFrom],
        Entity::Ceremony(_) => &[Areas, LinkedFrom],
        Entity::Project(_) => &[Updates, Decisions, LinkedFrom],
        Entity::Page(_) => &[InFolder, LinkedFrom],
        Entity::Goal(_) | Entity::Update(_) | Entity::Decision(_) | Entity::Duty(_) | Entity::Index(_) => &[LinkedFrom],
    }
}

/// What a page shows of a list: its first items, and where the rest are.
#[derive(Serialize)]
pub struct Shown<T = Item> {
    pub items: Vec<T>,
    /// How many items the whole list has.
    pub total: usize,
    /// The address of the whole list when the page shows only part of it,
    /// else "".
    pub all: String,
    pub noun: &'static str,
}

impl<T> Shown<T> {
    /// The first `SHOWN` of `total` items, the whole list being at `all`.
    pub fn cut(items: Vec<T>, total: usize, all: String, noun: &'static str) -> Shown<T> {
        let items: Vec<T> = items.into_iter().take(SHOWN).collect();
        let all = if total > items.len() { all } else { String::new() };
        Shown { items, total, all, noun }
    }
}

/// What `e`'s page shows of one of its lists.
pub fn shown(facts: &Facts<'_>, e: Entity, list: List) -> Shown {
    let entries = entries(facts, e, list);
    let items = (0..entries.total.min(SHOWN)).map(&entries.item).collect();
    Shown::cut(items, entries.total, urls::list(facts.hb, e, list.slug(), 1), list.noun())
}

/// How many pages the whole of a list has: none when `e`'s page shows it all.
pub fn pages(facts: &Facts<'_>, e: Entity, list: List) -> usize {
    let total = entries(facts, e, list).total;
    if total > SHOWN { total.div_ceil(PER_PAGE) } else { 0 }
}

/// Page `n` of the whole of a list.
#[derive(Serialize)]
pub struct ListView {
    /// The entity whose list it is.
    of: Item,
    noun: &'static str,
    items: Vec<Item>,
}

/// Where page `n` of a whole list sits among its pages.
pub fn pager(facts: &Facts<'_>, e: Entity, list: List, n: usize) -> PagerView {
    PagerView::new(n, pages(facts, e, list), |k| urls::list(facts.hb, e, list.slug(), k))
}

pub fn view(facts: &Facts<'_>, e: Entity, list: List, n: usize) -> ListView {
    let entries = entries(facts, e, list);
    let shown = ((n - 1) * PER_PAGE).min(entries.total)..(n * PER_PAGE).min(entries.total);
    let items = shown.map(&entries.item).collect();
    ListView { of: facts.item(e), noun: list.noun(), items }
}

/// A list in its order: how long it is, and its item at a position. Items
/// are made only for the positions shown, so that a page showing twenty of
/// fifty thousand areas costs twenty.
struct Entries<'f> {
    total: usize,
    item: Box<dyn Fn(usize) -> Item + 'f>,
}

/// The keys of every long list of the handbook's entities (longer than an
/// entity's page shows), each worked out once for all the pages of the list:
/// every page sorting the whole list again made a long list quadratic.
#[derive(Default)]
pub struct Keys(Mutex<HashMap<(Entity, List), Arc<dyn Any + Send + Sync>>>);

/// The entries of `e`'s `list`, made of its keys (from `make`, or from the
/// cache when the list is long) and the way to show one.
fn keyed<'f, T: Send + Sync + 'static>(
    facts: &Facts<'_>,
    (e, list): (Entity, List),
    make: impl FnOnce() -> Vec<T>,
    show: impl Fn(&T) -> Item + 'f,
) -> Entries<'f> {
    // A poisoned lock is only a lost cache: the keys are made again.
    let cached = facts.lists.0.lock().ok().and_then(|c| c.get(&(e, list)).cloned());
    let keys: Arc<Vec<T>> = match cached.and_then(|k| k.downcast::<Vec<T>>().ok()) {
        Some(keys) => keys,
        None => {
            let keys = Arc::new(make());
            if keys.len() > SHOWN
                && let Ok(mut cache) = facts.lists.0.lock()
            {
                cache.insert((e, list), keys.clone());
            }
            keys
        }
    };
    Entries { total: keys.len(), item: Box::new(move |i| show(&keys[i])) }
}

fn entries<'f>(facts: &'f Facts<'_>, e: Entity, list: List) -> Entries<'f> {
    let hb = facts.hb;
    let stage = move |p: usize| facts.stage_name(hb.projects[p].stage);
    let at = (e, list);
    match (e, list) {
        (_, List::LinkedFrom) => {
            // What the page lists already is not said again.
            let from = || {
                let from = hb.linked_from(e);
                let listed = if from.is_empty() { HashSet::new() } else { listed(facts, e) };
                from.iter().copied().filter(|s| !listed.contains(s)).collect()
            };
            keyed(facts, at, from, move |&s| facts.noted(s, s.kind().noun()))
        }
        (Entity::Role(r), List::People | List::Former) => {
            let former = list == List::Former;
            let people = || hb.roles[r].people.iter().copied().filter(|&p| hb.people[p].alumnus == former).collect();
            keyed(facts, at, people, move |&p| facts.item(Entity::Person(p)))
        }
        (Entity::Role(r), List::Areas) => {
            let areas = || {
                let mut areas = hb.roles[r].areas.clone();
                areas.sort_by_key(|&(a, raci)| (raci, a));
                areas
            };
            keyed(facts, at, areas, move |&(a, raci)| facts.noted(Entity::Area(a), raci_name(raci)))
        }
        (Entity::Role(r), List::Ceremonies) => {
            // One line per ceremony: a role that facilitates one attends it too.
            // (The list is sorted by ceremony, so its parts of one are together.)
            let lines = || {
                let mut lines: Vec<(usize, Part)> = Vec::new();
                for &(c, part) in &hb.roles[r].ceremonies {
                    match lines.last_mut() {
                        Some((m, p)) if *m == c => {
                            if part == Part::Facilitates {
                                *p = part;
                            }
                        }
                        _ => lines.push((c, part)),
                    }
                }
                lines
            };
            keyed(facts, at, lines, move |&(c, part)| facts.noted(Entity::Ceremony(c), part_name(part)))
        }
        (Entity::Role(r), List::Projects) => {
            keyed(facts, at, || hb.roles[r].projects.clone(), move |&p| facts.noted(Entity::Project(p), stage(p)))
        }
        (Entity::Person(p), List::Reports) => {
            let reports = || hb.people[p].reports.iter().copied().filter(|&r| !hb.people[r].alumnus).collect();
            keyed(facts, at, reports, move |&r| facts.party(Entity::Person(r)))
        }
        (Entity::Person(p), List::Areas) => {
            // Owned first, then consulted, then informed.
            let areas = || {
                let mut areas: Vec<Via<(usize, Raci)>> = hb.people[p].areas.clone();
                areas.sort_by_key(|v| (v.item.1, v.item.0));
                areas
            };
            keyed(facts, at, areas, move |v| {
                let via = via_note(facts, v);
                let mark = raci_name(v.item.1);
                facts.noted(
                    Entity::Area(v.item.0),
                    if via.is_empty() { mark.to_string() } else { format!("{mark} {via}") },
                )
            })
        }
        (Entity::Person(p), List::Ceremonies) => {
            // One line per ceremony: "facilitates" (which includes attending),
            // else "attends"; through which role only when they have several.
            let lines = || {
                let mut lines: Vec<(usize, Part, Option<usize>)> = Vec::new();
                let mut line_of = HashMap::new();
                for v in &hb.people[p].ceremonies {
                    let (c, part) = v.item;
                    match line_of.get(&c) {
                        Some(&k) => {
                            let line: &mut (usize, Part, Option<usize>) = &mut lines[k];
                            if part == Part::Facilitates && line.1 != Part::Facilitates {
                                *line = (c, part, v.role);
                            }
                        }
                        None => {
                            line_of.insert(c, lines.len());
                            lines.push((c, part, v.role));
                        }
                    }
                }
                lines
            };
            let roles = several_roles(facts, p);
            keyed(facts, at, lines, move |&(c, part, role)| {
                facts.noted(Entity::Ceremony(c), with_role(facts, part_name(part).to_string(), role.filter(|_| roles)))
            })
        }
        (Entity::Person(p), List::Projects) => {
            through_roles(facts, at, p, || hb.people[p].projects.clone(), Entity::Project, stage)
        }
        (Entity::Role(r), List::Goals) => {
            keyed(facts, at, || hb.roles[r].goals.clone(), move |&g| facts.noted(Entity::Goal(g), goal_note(facts, g)))
        }
        (Entity::Person(p), List::Goals) => {
            through_roles(facts, at, p, || hb.people[p].goals.clone(), Entity::Goal, move |g| goal_note(facts, g))
        }
        (Entity::Person(p), List::Updates) => {
            keyed(facts, at, || hb.people[p].updates.iter().rev().copied().collect(), move |&u| facts.update_item(u))
        }
        (Entity::Person(p), List::Pages) => {
            keyed(facts, at, || hb.people[p].pages.clone(), move |&g| facts.item(Entity::Page(g)))
        }
        (Entity::StartHere(r), List::Meet) => {
            keyed(facts, at, || to_meet(facts, r), move |(p, why)| facts.noted(Entity::Person(*p), why.join("; ")))
        }
        (Entity::StartHere(r), List::InFlight) => {
            keyed(facts, at, || in_flight(facts, r), move |&p| facts.noted(Entity::Project(p), stage(p)))
        }
        (Entity::StartHere(r), List::Guides) => {
            keyed(facts, at, || guides(facts, r), move |&g| facts.item(Entity::Page(g)))
        }
        (Entity::Page(g), List::InFolder) => {
            let pages = facts.sections.of(hb, g);
            keyed(facts, at, || pages.to_vec(), move |&p| facts.item(Entity::Page(p)))
        }
        (Entity::Area(a), List::Ceremonies) => {
            keyed(facts, at, || hb.areas[a].ceremonies.clone(), move |&c| facts.item(Entity::Ceremony(c)))
        }
        (Entity::Ceremony(c), List::Areas) => {
            keyed(facts, at, || hb.ceremonies[c].area_links.clone(), move |&a| facts.item(Entity::Area(a)))
        }
        (Entity::Project(p), List::Updates) => {
            keyed(facts, at, || hb.projects[p].updates.iter().rev().copied().collect(), move |&u| facts.update_item(u))
        }
        (Entity::Area(a), List::Decisions) => about(facts, at, &hb.areas[a].decisions),
        (Entity::Project(p), List::Decisions) => about(facts, at, &hb.projects[p].decisions),
        (Entity::Person(p), List::Decisions) => {
            took_part(facts, at, || decisions::taken_part(facts, &hb.people[p].decisions))
        }
        (Entity::Role(r), List::Decisions) => took_part(facts, at, || {
            let parts: Vec<Via<(usize, Daci)>> =
                hb.roles[r].decisions.iter().map(|&item| Via { item, role: None }).collect();
            decisions::taken_part(facts, &parts)
        }),
        (Entity::StartHere(r), List::Expected) => {
            // Area and place in its expectations: the text stays in the handbook.
            let expected = move || -> Vec<(usize, usize)> {
                hb.roles[r]
                    .expected
                    .iter()
                    .flat_map(|&a| {
                        let of_role = move |(_, (who, _)): &(usize, &(crate::model::Ref, String))| {
                            who.to == Some(Entity::Role(r))
                        };
                        hb.areas[a].expect.iter().enumerate().filter(of_role).map(move |(k, _)| (a, k))
                    })
                    .collect()
            };
            keyed(facts, at, expected, move |&(a, k)| facts.noted(Entity::Area(a), addressed(&hb.areas[a].expect[k].1)))
        }
        _ => Entries { total: 0, item: Box::new(|_| Item::default()) },
    }
}

/// Decisions about something, newest first.
fn about<'f>(facts: &'f Facts<'_>, at: (Entity, List), list: &[usize]) -> Entries<'f> {
    keyed(facts, at, || decisions::newest(facts.hb, list.to_vec()), move |&x| decisions::item(facts, x, ""))
}

/// Decisions someone took part in, newest first, with how.
fn took_part<'f>(
    facts: &'f Facts<'_>,
    at: (Entity, List),
    taken: impl FnOnce() -> Vec<(usize, String)>,
) -> Entries<'f> {
    keyed(facts, at, taken, move |(x, part)| decisions::item(facts, *x, part))
}

/// Whether person `p` holds more than one role: only then is it worth
/// saying through which role they have something.
/// Person `p`'s items, directly or through a role: each with its note, and
/// the role it comes through when they hold several.
fn through_roles<'f>(
    facts: &'f Facts<'_>,
    at: (Entity, List),
    p: usize,
    items: impl FnOnce() -> Vec<Via<usize>>,
    entity: fn(usize) -> Entity,
    note: impl Fn(usize) -> String + 'f,
) -> Entries<'f> {
    let roles = several_roles(facts, p);
    keyed(facts, at, items, move |v| {
        facts.noted(entity(v.item), with_role(facts, note(v.item), v.role.filter(|_| roles)))
    })
}

fn several_roles(facts: &Facts<'_>, p: usize) -> bool {
    crate::model::targets(&facts.hb.people[p].roles).nth(1).is_some()
}

/// A note with the role something comes through: "facilitates, as EM".
fn with_role(facts: &Facts<'_>, note: String, role: Option<usize>) -> String {
    match role {
        Some(r) => format!("{note}, as {}", facts.hb.roles[r].short_name()),
        None => note,
    }
}

/// What `e`'s page lists besides "Linked from": its fields and back-links.
fn listed(facts: &Facts<'_>, e: Entity) -> HashSet<Entity> {
    let hb = facts.hb;
    let refs = |lists: &[&[crate::model::Ref]]| -> Vec<Entity> {
        lists.iter().flat_map(|l| crate::model::targets(l)).collect()
    };
    let mut out: Vec<Entity> = Vec::new();
    match e {
        Entity::Role(r) => {
            let role = &hb.roles[r];
            out.extend(role.people.iter().map(|&p| Entity::Person(p)));
            out.extend(role.areas.iter().map(|&(a, _)| Entity::Area(a)));
            out.extend(role.ceremonies.iter().map(|&(c, _)| Entity::Ceremony(c)));
            out.extend(role.projects.iter().map(|&p| Entity::Project(p)));
            out.extend(role.goals.iter().map(|&g| Entity::Goal(g)));
            out.extend(role.counterpart.as_ref().and_then(|c| c.to));
            out.extend(role.decisions.iter().map(|&(x, _)| Entity::Decision(x)));
            out.push(Entity::StartHere(r));
        }
        Entity::StartHere(r) => {
            out.push(Entity::Role(r));
            out.extend(to_meet(facts, r).into_iter().map(|(p, _)| Entity::Person(p)));
            out.extend(guides(facts, r).into_iter().map(Entity::Page));
            out.extend(hb.roles[r].ceremonies.iter().map(|&(c, _)| Entity::Ceremony(c)));
            out.extend(hb.roles[r].expected.iter().map(|&a| Entity::Area(a)));
        }
        Entity::Person(p) => {
            let person = &hb.people[p];
            out.extend(refs(&[&person.roles, person.manager.as_slice()]));
            out.extend(person.reports.iter().map(|&r| Entity::Person(r)));
            out.extend(person.areas.iter().map(|v| Entity::Area(v.item.0)));
            out.extend(person.ceremonies.iter().map(|v| Entity::Ceremony(v.item.0)));
            out.extend(person.projects.iter().map(|v| Entity::Project(v.item)));
            out.extend(person.goals.iter().map(|v| Entity::Goal(v.item)));
            out.extend(person.updates.iter().map(|&u| Entity::Update(u)));
            out.extend(person.pages.iter().map(|&g| Entity::Page(g)));
            out.extend(person.decisions.iter().map(|v| Entity::Decision(v.item.0)));
        }
        Entity::Area(a) => {
            let area = &hb.areas[a];
            out.extend(refs(&[&area.owners, &area.consulted, &area.informed]));
            out.extend(area.ceremonies.iter().map(|&c| Entity::Ceremony(c)));
            out.extend(refs(&[&area.reviewed_by]));
            out.extend(area.expect.iter().filter_map(|(r, _)| r.to));
            out.extend(area.decisions.iter().map(|&x| Entity::Decision(x)));
            out.extend(area.history.iter().filter_map(|c| c.decision.as_ref().and_then(|r| r.to)));
        }
        Entity::Ceremony(c) => {
            let ceremony = &hb.ceremonies[c];
            out.extend(refs(&[&ceremony.facilitators, &ceremony.attendees]));
            out.extend(ceremony.area_links.iter().map(|&a| Entity::Area(a)));
        }
        Entity::Project(p) => {
            out.extend(refs(&[&hb.projects[p].owners]));
            out.extend(hb.projects[p].updates.iter().map(|&u| Entity::Update(u)));
            out.extend(hb.projects[p].decisions.iter().map(|&x| Entity::Decision(x)));
            out.extend(hb.projects[p].key_results.iter().filter_map(|k| k.to).map(|k| Entity::Goal(k.goal)));
        }
        Entity::Goal(g) => {
            let goal = &hb.goals[g];
            out.extend(refs(&[&goal.owners]));
            if let Some(crate::model::Parent::Objective(r)) = &goal.parent {
                out.extend(r.to);
            }
            out.extend(goal.key_results.iter().flat_map(|k| k.projects.iter().map(|&p| Entity::Project(p))));
        }
        Entity::Update(u) => {
            out.extend(refs(&[&hb.updates[u].authors]));
            out.extend(hb.updates[u].mentions.iter().map(|&p| Entity::Project(p)));
            out.extend(facts.next_to(u).into_iter().flatten().map(Entity::Update));
        }
        Entity::Page(g) => {
            let page = &hb.pages[g];
            out.extend(refs(&[page.owner.as_slice()]));
            let sections = &facts.sections;
            // What it lists, and (but at the top) the pages beside it.
            let beside = sections.children.get(sections.place(g)).filter(|_| !sections.place(g).is_empty());
            out.extend(sections.of(hb, g).iter().chain(beside.into_iter().flatten()).map(|&s| Entity::Page(s)));
            out.extend(sections.parent(g).map(Entity::Page));
        }
        Entity::Decision(x) => {
            let d = &hb.decisions[x];
            out.extend(refs(&[
                d.driver.as_slice(),
                &d.approvers,
                &d.contributors,
                &d.informed,
                &d.areas,
                &d.projects,
                &d.supersedes,
            ]));
            out.extend(d.superseded_by.iter().map(|&o| Entity::Decision(o)));
            out.extend(d.changes.iter().map(|&(a, _)| Entity::Area(a)));
        }
        Entity::Duty(x) => {
            let d = &hb.duties[x];
            out.extend(refs(&[&d.pool, &d.escalation, d.area.as_slice()]));
            out.extend(d.overrides.iter().flat_map(|o| [o.person.to, o.instead_of.to]).flatten());
        }
        Entity::Index(_) => {}
    }
    out.into_iter().collect()
}
