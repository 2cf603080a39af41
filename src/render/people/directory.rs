//! The people page: the directory, the org chart and the alumni, a page of
//! each at a time.

use serde::Serialize;

use crate::model::Entity;
use crate::render::paging::page_of;
use crate::render::views::{Facts, Item, long_date};

pub const TEMPLATE: &str = "people.html";

#[derive(Serialize)]
pub struct PeopleView {
    people: Vec<Item>,
    chart: Vec<OrgNode>,
    alumni: Vec<Item>,
}

/// The org chart as a flat list with depths, so templates need no recursion.
#[derive(Serialize)]
struct OrgNode {
    person: Item,
    depth: usize,
}

pub fn view(facts: &Facts<'_>, n: usize) -> PeopleView {
    let hb = facts.hb;
    let current: Vec<usize> = (0..hb.people.len()).filter(|&p| !hb.people[p].alumnus).collect();
    let mut chart = Vec::new();
    let has_current_manager = |p: usize| matches!(hb.people[p].manager.as_ref().and_then(|m| m.to), Some(Entity::Person(m)) if !hb.people[m].alumnus);
    let mut stack: Vec<(usize, usize)> =
        current.iter().rev().filter(|&&p| !has_current_manager(p)).map(|&p| (p, 0)).collect();
    let mut seen = vec![false; hb.people.len()];
    while let Some((p, depth)) = stack.pop() {
        if std::mem::replace(&mut seen[p], true) {
            continue; // a loop in the chain, reported by check
        }
        chart.push((p, depth));
        stack.extend(hb.people[p].reports.iter().rev().filter(|&&r| !hb.people[r].alumnus).map(|&r| (r, depth + 1)));
    }
    let chart = page_of(chart, n);
    let alumni: Vec<usize> = (0..hb.people.len()).filter(|&p| hb.people[p].alumnus).collect();
    PeopleView {
        people: page_of(current, n).iter().map(|&p| facts.party(Entity::Person(p))).collect(),
        chart: chart.into_iter().map(|(p, depth)| OrgNode { person: facts.party(Entity::Person(p)), depth }).collect(),
        alumni: page_of(alumni, n)
            .into_iter()
            .map(|p| {
                facts.noted(
                    Entity::Person(p),
                    hb.people[p].left.as_ref().map_or(String::new(), |l| format!("left {}", long_date(l.value))),
                )
            })
            .collect(),
    }
}
