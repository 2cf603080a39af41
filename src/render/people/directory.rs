//! The people page: the org chart (boxes of one width with name, title,
//! roles and time zone, the people at the top side by side, lines from each
//! manager to their reports, each team collapsible)
//! when anyone has a manager, else a directory of the same boxes; and the
//! alumni. A page of each at a time.

use serde::Serialize;

use crate::model::{Entity, targets};
use crate::render::paging::page_of;
use crate::render::views::{Facts, Item};

pub const TEMPLATE: &str = "people.html";

#[derive(Serialize)]
pub struct PeopleView {
    /// The org chart, when anyone has a manager.
    chart: Vec<OrgNode>,
    /// Several people at the top of the chart (on this page).
    leads: bool,
    /// Everyone, when nobody has a manager.
    directory: Vec<PersonCard>,
    alumni: Vec<Item>,
}

/// What a box of the chart or the directory says of a person.
#[derive(Serialize)]
pub(crate) struct PersonCard {
    person: Item,
    title: String,
    /// Their roles' short names.
    roles: String,
    timezone: String,
}

/// The org chart in depth-first order, flat, so a template draws the tree
/// without recursion: a node with `reports` opens a list that its reports
/// fill; after a node, `close` lists end.
#[derive(Serialize)]
struct OrgNode {
    card: PersonCard,
    /// How many reports follow, one level down (on this page).
    reports: usize,
    /// None of those reports has reports of their own (on this page): they
    /// can be drawn side by side.
    leaves: bool,
    close: usize,
    /// One of several at the top of the chart (co-leads), drawn side by
    /// side: its reports below say whose they are.
    lead: bool,
}

pub fn view(facts: &Facts<'_>, n: usize) -> PeopleView {
    let hb = facts.hb;
    let current: Vec<usize> = (0..hb.people.len()).filter(|&p| !hb.people[p].alumnus).collect();
    let manager = |p: usize| match hb.people[p].manager.as_ref().and_then(|m| m.to) {
        Some(Entity::Person(m)) if !hb.people[m].alumnus => Some(m),
        _ => None,
    };
    let alumni: Vec<usize> = (0..hb.people.len()).filter(|&p| hb.people[p].alumnus).collect();
    let alumni = page_of(alumni, n)
        .into_iter()
        .map(|p| {
            let left =
                hb.people[p].left.as_ref().map_or(String::new(), |l| format!("left {}", facts.long_date(l.value)));
            facts.noted(Entity::Person(p), left)
        })
        .collect();
    if !current.iter().any(|&p| manager(p).is_some()) {
        let directory = page_of(current, n).into_iter().map(|p| card(facts, p)).collect();
        return PeopleView { chart: Vec::new(), leads: false, directory, alumni };
    }
    let page = page_of(chart_order(hb), n);
    let depths: Vec<usize> = page.iter().map(|&(_, d)| d).collect();
    let (shape, leaves) = nesting(&depths);
    let leads = depths.iter().filter(|&&d| d == 0).count() > 1;
    let chart = page
        .into_iter()
        .zip(shape)
        .zip(leaves)
        .map(|(((p, depth), (reports, close)), leaves)| OrgNode {
            card: card(facts, p),
            reports,
            leaves,
            close,
            lead: leads && depth == 0,
        })
        .collect();
    PeopleView { chart, leads, directory: Vec::new(), alumni }
}

/// The current people in depth-first order from those without a (current)
/// manager, each with their depth: the order the chart is drawn in.
pub fn chart_order(hb: &crate::model::Handbook) -> Vec<(usize, usize)> {
    let manager = |p: usize| match hb.people[p].manager.as_ref().and_then(|m| m.to) {
        Some(Entity::Person(m)) if !hb.people[m].alumnus => Some(m),
        _ => None,
    };
    let mut order: Vec<(usize, usize)> = Vec::new();
    let mut stack: Vec<(usize, usize)> =
        (0..hb.people.len()).rev().filter(|&p| !hb.people[p].alumnus && manager(p).is_none()).map(|p| (p, 0)).collect();
    let mut seen = vec![false; hb.people.len()];
    while let Some((p, depth)) = stack.pop() {
        if std::mem::replace(&mut seen[p], true) {
            continue; // a loop in the chain, reported by check
        }
        order.push((p, depth));
        stack.extend(hb.people[p].reports.iter().rev().filter(|&&r| !hb.people[r].alumnus).map(|&r| (r, depth + 1)));
    }
    order
}

/// For nodes in depth-first order: how many reports each has next and how
/// many lists end after it (`tree`), and whether its reports are all
/// leaves: no node deeper than it, before the next node at its depth or
/// above, has reports.
pub fn nesting(depths: &[usize]) -> (Vec<(usize, usize)>, Vec<bool>) {
    let shape = tree(depths);
    let leaves = (0..depths.len())
        .map(|k| {
            depths[k + 1..]
                .iter()
                .zip(&shape[k + 1..])
                .take_while(|(d, _)| **d > depths[k])
                .all(|(_, (reports, _))| *reports == 0)
        })
        .collect();
    (shape, leaves)
}

pub(crate) fn card(facts: &Facts<'_>, p: usize) -> PersonCard {
    let person = &facts.hb.people[p];
    let roles: Vec<&str> = targets(&person.roles)
        .filter_map(|e| if let Entity::Role(r) = e { Some(facts.hb.roles[r].short_name()) } else { None })
        .collect();
    PersonCard {
        person: facts.item(Entity::Person(p)),
        title: person.title.clone().unwrap_or_default(),
        roles: roles.join(", "),
        timezone: person.timezone.as_ref().map_or(String::new(), |z| z.name.clone()),
    }
}

/// The nesting of nodes given in depth-first order by their depths, which
/// need not start at the top (a page of the chart may begin inside a team):
/// for each node, how many reports it has next (one level down), and how
/// many open lists end after it. A node sits under the nearest open node
/// above it that is shallower.
fn tree(depths: &[usize]) -> Vec<(usize, usize)> {
    let mut out = vec![(0, 0); depths.len()];
    // Open nodes: (position, depth).
    let mut open: Vec<(usize, usize)> = Vec::new();
    for (k, &d) in depths.iter().enumerate() {
        let mut closed = 0;
        while open.last().is_some_and(|&(_, od)| od >= d) {
            open.pop();
            closed += 1;
        }
        if k > 0 {
            out[k - 1].1 = closed;
        }
        if let Some(&(parent, pd)) = open.last()
            && pd + 1 == d
        {
            out[parent].0 += 1;
        }
        // Only a node whose next node is one level down opens a list.
        if depths.get(k + 1) == Some(&(d + 1)) {
            open.push((k, d));
        }
    }
    if let Some(last) = out.last_mut() {
        last.1 = open.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::tree;

    #[test]
    fn a_flat_list_of_depths_nests() {
        // A(0) B(1) C(2) D(1) E(0): A has B and D; B has C.
        assert_eq!(tree(&[0, 1, 2, 1, 0]), [(2, 0), (1, 0), (0, 1), (0, 1), (0, 0)]);
        // A page beginning inside a team: the first nodes stand alone.
        assert_eq!(tree(&[2, 2, 1, 2]), [(0, 0), (0, 0), (1, 0), (0, 1)]);
        assert_eq!(tree(&[]), []);
    }
}
