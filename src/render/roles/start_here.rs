//! A role's "start here" page: an onboarding path for its first week,
//! assembled from the handbook. Whom to meet and why, the meetings to
//! attend as a week on the time grid, the guides to read, what the role
//! owns, the projects in flight and whom to ask, the latest updates. A
//! section with nothing in it is left out, and nothing is listed twice.

use serde::Serialize;

use crate::model::{Entity, Part, Raci};
use crate::render::ceremonies::week::{WeekView, week};
use crate::render::ceremonies::{CeremonyLine, line};
use crate::render::lists::{List, SHOWN, Shown, shown};
use crate::render::views::{Facts, Item, LATEST, Party, latest_updates, raci_name};
use crate::urls;

pub const TEMPLATE: &str = "start_here.html";

#[derive(Serialize)]
pub struct StartHereView {
    role: Item,
    /// The team card's summary, when there is a card.
    card: Option<crate::render::team::CardSummary>,
    summary: String,
    /// The co-lead role and the people who hold it.
    counterpart: Option<Party>,
    /// Whom a new hire meets first, how often, and where the agenda is.
    first_one_on_one: Option<crate::render::one_on_ones::first::FirstOneOnOne>,
    /// People to meet; each note says why.
    meet: Shown,
    /// The role's meetings this week, and all of them with their schedules.
    week: WeekView,
    ceremonies: Shown<CeremonyLine>,
    guides: Shown,
    owns: Shown,
    involved: Shown,
    projects: Shown<ProjectLine>,
    updates: Vec<Item>,
    /// What the role is expected to do in each area that says (`[area.expect]`).
    expected: Shown,
}

/// A project in flight and whom to ask about it.
#[derive(Serialize)]
pub struct ProjectLine {
    project: Item,
    owners: Vec<Party>,
}

pub fn view(facts: &Facts<'_>, i: usize) -> StartHereView {
    let hb = facts.hb;
    let r = &hb.roles[i];
    let e = Entity::StartHere(i);
    // Areas and ceremonies are the role's: their whole lists are the role's.
    let role_list = |list: List| urls::list(hb, Entity::Role(i), list.slug(), 1);
    let areas = |owner: bool| -> Shown {
        let mine = || r.areas.iter().filter(move |(_, x)| (*x == Raci::Owner) == owner);
        let items = mine()
            .take(SHOWN)
            .map(|&(a, x)| if owner { facts.item(Entity::Area(a)) } else { facts.noted(Entity::Area(a), raci_name(x)) })
            .collect();
        Shown::cut(items, mine().count(), role_list(List::Areas), List::Areas.noun())
    };
    // One line per meeting, saying whether the role leads it.
    let mut meetings: Vec<(usize, bool)> = Vec::new();
    for &(c, part) in &r.ceremonies {
        match meetings.iter_mut().find(|(m, _)| *m == c) {
            Some((_, leads)) => *leads |= part == Part::Facilitates,
            None => meetings.push((c, part == Part::Facilitates)),
        }
    }
    let ceremony_ids: Vec<usize> = meetings.iter().map(|&(c, _)| c).collect();
    let lines = meetings
        .iter()
        .take(SHOWN)
        .map(|&(c, leads)| line(facts, c, if leads { facts.hb.strings.get("start_here.you_facilitate") } else { "" }))
        .collect();
    let in_flight = shown(facts, e, List::InFlight);
    let projects = Shown::cut(
        super::first_week::in_flight(facts, i)
            .into_iter()
            .take(SHOWN)
            .map(|p| ProjectLine {
                project: facts.noted(Entity::Project(p), facts.stage_name(hb.projects[p].stage)),
                owners: facts.whos(&hb.projects[p].owners),
            })
            .collect(),
        in_flight.total,
        in_flight.all,
        in_flight.noun,
    );
    StartHereView {
        card: crate::render::team::summary(facts),
        role: facts.noted(Entity::Role(i), r.short_name()),
        summary: r.summary.clone().unwrap_or_default(),
        counterpart: r.counterpart.as_ref().and_then(|c| c.to).map(|c| facts.who(c)),
        first_one_on_one: crate::render::one_on_ones::first::view(facts, i),
        meet: shown(facts, e, List::Meet),
        week: week(facts, &ceremony_ids),
        ceremonies: Shown::cut(lines, meetings.len(), role_list(List::Ceremonies), List::Ceremonies.noun()),
        guides: shown(facts, e, List::Guides),
        owns: areas(true),
        involved: areas(false),
        projects,
        updates: latest_updates(facts.hb, LATEST).into_iter().map(|u| facts.update_item(u)).collect(),
        expected: shown(facts, e, List::Expected),
    }
}
