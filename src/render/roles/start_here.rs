//! A role's "start here" page, for its first weeks: what it owns, the
//! meetings to attend, the people to meet, the projects in flight, the latest
//! updates and the guides it keeps.

use serde::Serialize;

use crate::model::{Entity, Raci};
use crate::render::ceremonies::CeremonyLine;
use crate::render::lists::{List, Shown, shown};
use crate::render::views::{Facts, Item, LATEST, latest_updates, part_name, raci_name, schedule};
use crate::urls;

pub const TEMPLATE: &str = "start_here.html";

#[derive(Serialize)]
pub struct StartHereView {
    role: Item,
    summary: String,
    counterpart: Option<Item>,
    counterpart_people: Vec<Item>,
    owns: Shown,
    involved: Shown,
    ceremonies: Shown<CeremonyLine>,
    people: Shown,
    projects: Shown,
    updates: Vec<Item>,
    guides: Shown,
}

pub fn view(facts: &Facts<'_>, i: usize) -> StartHereView {
    let hb = facts.hb;
    let r = &hb.roles[i];
    let e = Entity::StartHere(i);
    let counterpart = r.counterpart.as_ref().and_then(|c| c.to);
    let counterpart_people = match counterpart {
        Some(Entity::Role(c)) => hb.roles[c]
            .people
            .iter()
            .filter(|&&p| !hb.people[p].alumnus)
            .map(|&p| facts.item(Entity::Person(p)))
            .collect(),
        _ => Vec::new(),
    };
    // Areas and ceremonies are the role's: their whole lists are the role's.
    let role_list = |list: List| urls::list(hb, Entity::Role(i), list.slug(), 1);
    let areas = |owner: bool| -> Shown {
        let mine = || r.areas.iter().filter(move |(_, x)| (*x == Raci::Owner) == owner);
        let items = mine()
            .take(crate::render::lists::SHOWN)
            .map(|&(a, x)| if owner { facts.item(Entity::Area(a)) } else { facts.noted(Entity::Area(a), raci_name(x)) })
            .collect();
        Shown::cut(items, mine().count(), role_list(List::Areas), List::Areas.noun())
    };
    let ceremonies = r
        .ceremonies
        .iter()
        .take(crate::render::lists::SHOWN)
        .map(|&(c, part)| CeremonyLine {
            ceremony: facts.noted(Entity::Ceremony(c), part_name(part)),
            schedule: schedule(&hb.ceremonies[c]),
        })
        .collect();
    StartHereView {
        role: facts.item(Entity::Role(i)),
        summary: r.summary.clone().unwrap_or_default(),
        counterpart: counterpart.map(|e| facts.item(e)),
        counterpart_people,
        owns: areas(true),
        involved: areas(false),
        ceremonies: Shown::cut(ceremonies, r.ceremonies.len(), role_list(List::Ceremonies), List::Ceremonies.noun()),
        people: shown(facts, e, List::Meet),
        projects: shown(facts, e, List::InFlight),
        updates: latest_updates(facts.hb, LATEST).into_iter().map(|u| facts.update_item(u)).collect(),
        guides: shown(facts, e, List::Guides),
    }
}
