//! The lists on an entity's page that grow with the handbook (a role's
//! areas, a person's updates, what links to a page). The page shows the
//! first `SHOWN` items of each and links to the whole list, which has pages
//! of its own under `lists/` (`lists/people/mitra/areas.html`, then
//! `areas-2.html`, ...): no page grows with the handbook, and every item
//! stays one link away.

use serde::Serialize;

use super::paging::{PagerView, page_of};
use super::views::{Facts, Item, part_name, raci_name, via_note};
use crate::model::{Entity, Raci, Via};
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
            List::Reports => "reports",
            List::Updates => "updates",
            List::Pages => "pages",
            List::Meet => "meet",
            List::InFlight => "in-flight",
            List::Guides => "guides",
            List::InFolder => "pages",
            List::LinkedFrom => "linked-from",
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
            List::Reports => "reports",
            List::Updates => "updates",
            List::Pages => "pages kept",
            List::Meet => "people to meet",
            List::InFlight => "projects in flight",
            List::Guides => "guides",
            List::InFolder => "pages in this folder",
            List::LinkedFrom => "pages linking here",
        }
    }
}

/// The lists each kind of page has. (A start-here page also shows the
/// role's areas and ceremonies, and links to the role's lists of them.)
pub fn lists_of(e: Entity) -> &'static [List] {
    use List::*;
    match e {
        Entity::Role(_) => &[People, Former, Areas, Ceremonies, Projects, LinkedFrom],
        Entity::StartHere(_) => &[Meet, InFlight, Guides, LinkedFrom],
        Entity::Person(_) => &[Reports, Areas, Ceremonies, Projects, Updates, Pages, LinkedFrom],
        Entity::Area(_) => &[Ceremonies, LinkedFrom],
        Entity::Ceremony(_) => &[Areas, LinkedFrom],
        Entity::Project(_) => &[Updates, LinkedFrom],
        Entity::Page(_) => &[InFolder, LinkedFrom],
        Entity::Update(_) | Entity::Index(_) => &[LinkedFrom],
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
    let items = page_of((0..entries.total).collect(), n).into_iter().map(&entries.item).collect();
    ListView { of: facts.item(e), noun: list.noun(), items }
}

/// A list in its order: how long it is, and its item at a position. Items
/// are made only for the positions shown, so that a page showing twenty of
/// fifty thousand areas costs twenty.
struct Entries<'f> {
    total: usize,
    item: Box<dyn Fn(usize) -> Item + 'f>,
}

fn keyed<'f, T: 'f>(keys: Vec<T>, show: impl Fn(&T) -> Item + 'f) -> Entries<'f> {
    Entries { total: keys.len(), item: Box::new(move |i| show(&keys[i])) }
}

fn entries<'f>(facts: &'f Facts<'_>, e: Entity, list: List) -> Entries<'f> {
    let hb = facts.hb;
    let stage = move |p: usize| facts.stage_name(hb.projects[p].stage);
    match (e, list) {
        (_, List::LinkedFrom) => keyed(hb.linked_from(e).to_vec(), move |&s| facts.noted(s, s.kind().noun())),
        (Entity::Role(r), List::People | List::Former) => {
            let former = list == List::Former;
            let people: Vec<usize> =
                hb.roles[r].people.iter().copied().filter(|&p| hb.people[p].alumnus == former).collect();
            keyed(people, move |&p| facts.item(Entity::Person(p)))
        }
        (Entity::Role(r), List::Areas) => {
            let mut areas = hb.roles[r].areas.clone();
            areas.sort_by_key(|&(a, raci)| (raci, a));
            keyed(areas, move |&(a, raci)| facts.noted(Entity::Area(a), raci_name(raci)))
        }
        (Entity::Role(r), List::Ceremonies) => {
            keyed(hb.roles[r].ceremonies.clone(), move |&(c, part)| facts.noted(Entity::Ceremony(c), part_name(part)))
        }
        (Entity::Role(r), List::Projects) => {
            keyed(hb.roles[r].projects.clone(), move |&p| facts.noted(Entity::Project(p), stage(p)))
        }
        (Entity::Person(p), List::Reports) => {
            let reports: Vec<usize> = hb.people[p].reports.iter().copied().filter(|&r| !hb.people[r].alumnus).collect();
            keyed(reports, move |&r| facts.party(Entity::Person(r)))
        }
        (Entity::Person(p), List::Areas) => {
            // Owned first, then consulted, then informed.
            let mut areas: Vec<&Via<(usize, Raci)>> = hb.people[p].areas.iter().collect();
            areas.sort_by_key(|v| (v.item.1, v.item.0));
            keyed(areas, move |v| {
                let via = via_note(facts, v);
                let mark = raci_name(v.item.1);
                facts.noted(
                    Entity::Area(v.item.0),
                    if via.is_empty() { mark.to_string() } else { format!("{mark} {via}") },
                )
            })
        }
        (Entity::Person(p), List::Ceremonies) => {
            // One line per ceremony, with every part in it: "facilitates, attends as EM".
            let parts = &hb.people[p].ceremonies;
            let mut lines: Vec<(usize, Vec<usize>)> = Vec::new();
            let mut line_of = std::collections::HashMap::new();
            for (k, v) in parts.iter().enumerate() {
                let line = *line_of.entry(v.item.0).or_insert_with(|| {
                    lines.push((v.item.0, Vec::new()));
                    lines.len() - 1
                });
                lines[line].1.push(k);
            }
            keyed(lines, move |(c, of)| {
                let notes: Vec<String> = of
                    .iter()
                    .map(|&k| {
                        let via = via_note(facts, &parts[k]);
                        let part = part_name(parts[k].item.1);
                        if via.is_empty() { part.to_string() } else { format!("{part} {via}") }
                    })
                    .collect();
                facts.noted(Entity::Ceremony(*c), notes.join(", "))
            })
        }
        (Entity::Person(p), List::Projects) => keyed(hb.people[p].projects.iter().collect(), move |v| {
            let via = via_note(facts, v);
            let stage = stage(v.item);
            facts.noted(Entity::Project(v.item), if via.is_empty() { stage } else { format!("{stage}, {via}") })
        }),
        (Entity::Person(p), List::Updates) => {
            keyed(hb.people[p].updates.iter().rev().copied().collect(), move |&u| facts.update_item(u))
        }
        (Entity::Person(p), List::Pages) => keyed(hb.people[p].pages.clone(), move |&g| facts.item(Entity::Page(g))),
        (Entity::StartHere(r), List::Meet) => keyed(to_meet(facts, r), move |&p| facts.party(Entity::Person(p))),
        (Entity::StartHere(r), List::InFlight) => {
            keyed(in_flight(facts, r), move |&p| facts.noted(Entity::Project(p), stage(p)))
        }
        (Entity::StartHere(r), List::Guides) => {
            let kept = |&&g: &&usize| hb.pages[g].owner.as_ref().and_then(|o| o.to) == Some(Entity::Role(r));
            let guides: Vec<usize> = facts.sections.values().flatten().filter(kept).copied().collect();
            keyed(guides, move |&g| facts.item(Entity::Page(g)))
        }
        (Entity::Page(g), List::InFolder) if hb.pages[g].is_section_index => {
            let pages = facts.sections.get(&hb.pages[g].path).map_or(&[][..], Vec::as_slice);
            keyed(pages.to_vec(), move |&p| facts.item(Entity::Page(p)))
        }
        (Entity::Area(a), List::Ceremonies) => {
            keyed(hb.areas[a].ceremonies.clone(), move |&c| facts.item(Entity::Ceremony(c)))
        }
        (Entity::Ceremony(c), List::Areas) => {
            keyed(hb.ceremonies[c].area_links.clone(), move |&a| facts.item(Entity::Area(a)))
        }
        (Entity::Project(p), List::Updates) => {
            keyed(hb.projects[p].updates.iter().rev().copied().collect(), move |&u| facts.update_item(u))
        }
        _ => Entries { total: 0, item: Box::new(|_| Item::default()) },
    }
}

/// Whom a newcomer to role `r` meets: the co-leads, the others in the role,
/// and their managers, each once, current people only.
fn to_meet(facts: &Facts<'_>, r: usize) -> Vec<usize> {
    let hb = facts.hb;
    let role = &hb.roles[r];
    let mut people: Vec<usize> = match role.counterpart.as_ref().and_then(|c| c.to) {
        Some(Entity::Role(c)) => hb.roles[c].people.clone(),
        _ => Vec::new(),
    };
    people.extend(role.people.iter().copied());
    people.extend(role.people.iter().filter_map(|&p| match hb.people[p].manager.as_ref().and_then(|m| m.to) {
        Some(Entity::Person(m)) => Some(m),
        _ => None,
    }));
    let mut seen = std::collections::HashSet::new();
    people.retain(|&p| !hb.people[p].alumnus && seen.insert(p));
    people
}

/// The projects in flight of role `r` and of its current holders.
fn in_flight(facts: &Facts<'_>, r: usize) -> Vec<usize> {
    let hb = facts.hb;
    let role = &hb.roles[r];
    let mut projects: Vec<usize> = role.projects.clone();
    for &p in role.people.iter().filter(|&&p| !hb.people[p].alumnus) {
        projects.extend(hb.people[p].projects.iter().map(|v| v.item));
    }
    projects.sort_unstable();
    projects.dedup();
    projects.retain(|&p| facts.in_flight(p));
    projects
}
