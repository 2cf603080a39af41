//! The ownership matrix: areas (grouped) by roles, with owner, consulted
//! and informed marks, the decision rule of shared areas under their name,
//! and people named directly. Each page has a column for each role marked
//! on it, up to `COLUMNS`, owners first (the roles that own most areas,
//! then those consulted most, then informed), so an owner is rarely off
//! screen; the area cell names its owners too, for when one is. The marks
//! of other roles are written out in the row. Rows carry who is marked on
//! them, for the filter by role or person, their last review and (on
//! demand) what each is expected to do; above the matrix, the areas due for
//! review (a list of up to three, else one banner).

use std::collections::HashMap;

use serde::Serialize;

use super::due::{DueLine, due_areas, lines};
use super::{ExpectView, ReviewView, expectations, review};
use crate::model::{Entity, targets};
use crate::render::paging::slice_of;
use crate::render::views::{Facts, Item};

pub const TEMPLATE: &str = "ownership.html";

/// Role columns of a page at most: the roles marked most often on it.
const COLUMNS: usize = 30;

#[derive(Serialize)]
pub struct MatrixView {
    roles: Vec<Item>,
    groups: Vec<GroupView>,
    changes: usize,
    /// Whether any row has marks outside the columns (an "Also" column).
    others: bool,
    /// Whom the filter offers: the roles and people marked on this page.
    filter: Vec<Choice>,
    /// The first areas due for review, and how many there are in all.
    due: Vec<DueLine>,
    due_total: usize,
    /// More than [`DUE_LISTED`] areas due: one banner instead of the list.
    due_banner: Option<DueBanner>,
}

/// Areas due for review the matrix lists one by one; more get a banner.
const DUE_LISTED: usize = 3;

/// The banner above a matrix with many areas due: how many are overdue
/// (the first few named) and how many are due soon.
#[derive(Serialize)]
struct DueBanner {
    overdue: usize,
    soon: usize,
    named: Vec<Item>,
}

/// A role or person to filter the rows by.
#[derive(Serialize)]
struct Choice {
    id: String,
    title: String,
    /// For a person, the ids of their roles (their rows count too).
    roles: String,
}

#[derive(Serialize)]
struct GroupView {
    name: String,
    rows: Vec<RowView>,
}

#[derive(Serialize)]
struct RowView {
    area: Item,
    /// One mark per role column: "O", "C", "I" or "".
    cells: Vec<&'static str>,
    /// Marks not in a column: people named directly, and roles beyond the
    /// columns; each noted with its mark.
    others: Vec<Item>,
    /// Whether the "Also" cell names an owner.
    others_own: bool,
    /// The owners, by short name, for when their columns are off screen.
    owners: Vec<Item>,
    /// Ids of every role and person marked on the row, space-separated.
    who: String,
    dual: bool,
    decision: String,
    history: usize,
    review: ReviewView,
    expect: Vec<ExpectView>,
}

/// One page of the matrix: its areas in group order.
pub fn view(facts: &Facts<'_>, n: usize) -> MatrixView {
    let hb = facts.hb;
    let shown = slice_of(facts.matrix_order(), n);
    let marks = |i: usize| {
        let a = &hb.areas[i];
        [("O", &a.owners), ("C", &a.consulted), ("I", &a.informed)]
            .into_iter()
            .flat_map(|(mark, refs)| targets(refs).map(move |e| (mark, e)))
    };
    // The roles marked on this page get columns: those that own most first,
    // then those consulted most, then informed (then in the roles' order).
    let mut count: HashMap<usize, [usize; 3]> = HashMap::new();
    for &i in shown {
        for (mark, e) in marks(i) {
            if let Entity::Role(r) = e {
                count.entry(r).or_default()[usize::from(mark != "O") + usize::from(mark == "I")] += 1;
            }
        }
    }
    let mut columns: Vec<usize> = count.keys().copied().collect();
    columns.sort_by_key(|r| (std::cmp::Reverse(count[r]), *r));
    columns.truncate(COLUMNS);
    let column_of: HashMap<usize, usize> = columns.iter().enumerate().map(|(c, &r)| (r, c)).collect();
    let mut groups: Vec<GroupView> = Vec::new();
    let mut chosen: Vec<Entity> = Vec::new();
    for &i in shown {
        let a = &hb.areas[i];
        let mut cells = vec![""; columns.len()];
        let mut others = Vec::new();
        let mut others_own = false;
        let mut owners = Vec::new();
        for (mark, e) in marks(i) {
            match e {
                Entity::Role(r) => match column_of.get(&r) {
                    Some(&c) if cells[c].is_empty() => cells[c] = mark,
                    Some(_) => {}
                    None => {
                        others_own |= mark == "O";
                        others.push(facts.noted(e, format!("{} · {mark}", hb.roles[r].short_name())));
                    }
                },
                Entity::Person(_) => {
                    others_own |= mark == "O";
                    others.push(facts.noted(e, mark));
                }
                _ => continue,
            }
            if mark == "O" {
                owners.push(match e {
                    Entity::Role(r) => facts.noted(e, hb.roles[r].short_name()),
                    _ => facts.noted(e, hb.title(e)),
                });
            }
            if !chosen.contains(&e) {
                chosen.push(e);
            }
        }
        let who: Vec<String> = marks(i).map(|(_, e)| bare_id(facts, e)).collect();
        let row = RowView {
            area: facts.item(Entity::Area(i)),
            cells,
            others,
            others_own,
            owners,
            who: dedup(who).join(" "),
            dual: a.owners.len() > 1,
            decision: a.decision.clone().unwrap_or_default(),
            history: a.history.len(),
            review: review(facts, a),
            expect: expectations(facts, a),
        };
        let name = a.group.clone().unwrap_or_default();
        match groups.last_mut() {
            Some(g) if g.name == name => g.rows.push(row),
            _ => groups.push(GroupView { name, rows: vec![row] }),
        }
    }
    chosen.sort();
    let filter = chosen
        .into_iter()
        .map(|e| Choice {
            id: bare_id(facts, e),
            title: hb.title(e),
            roles: match e {
                Entity::Person(p) => dedup(targets(&hb.people[p].roles).map(|r| bare_id(facts, r)).collect()).join(" "),
                _ => String::new(),
            },
        })
        .collect();
    let others = groups.iter().flat_map(|g| &g.rows).any(|r| !r.others.is_empty());
    // The areas due for review head the first page.
    let due = due_areas(hb);
    let first = n == 1 && !due.is_empty();
    let overdue: Vec<usize> = due.iter().copied().filter(|&i| hb.areas[i].standing(hb.today).is_overdue()).collect();
    let due_banner = (first && due.len() > DUE_LISTED).then(|| DueBanner {
        overdue: overdue.len(),
        soon: due.len() - overdue.len(),
        named: overdue.iter().take(DUE_LISTED).map(|&i| facts.item(Entity::Area(i))).collect(),
    });
    let due_here = if first && due_banner.is_none() { due.clone() } else { Vec::new() };
    MatrixView {
        due_total: due.len(),
        due: lines(facts, due_here),
        due_banner,
        others,
        roles: columns.iter().map(|&r| facts.noted(Entity::Role(r), hb.roles[r].short_name())).collect(),
        groups,
        changes: facts.changes_newest().len(),
        filter,
    }
}

/// A role's or person's id, prefixed by its kind so the two cannot meet:
/// `role-engineer`, `person-mitra`.
fn bare_id(facts: &Facts<'_>, e: Entity) -> String {
    let hb = facts.hb;
    match e {
        Entity::Role(r) => format!("role-{}", hb.roles[r].doc.id),
        Entity::Person(p) => format!("person-{}", hb.people[p].doc.id),
        _ => String::new(),
    }
}

fn dedup(mut ids: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(id.clone()));
    ids
}
