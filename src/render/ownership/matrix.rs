//! The ownership matrix: areas (grouped) by roles, with owner, consulted
//! and informed marks, people named directly, and shared areas' decision rules.

use serde::Serialize;

use crate::model::{Entity, targets};
use crate::render::paging::page_of;
use crate::render::views::{Facts, Item};

pub const TEMPLATE: &str = "ownership.html";

#[derive(Serialize)]
pub struct MatrixView {
    roles: Vec<Item>,
    groups: Vec<GroupView>,
    changes: usize,
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
    cells: Vec<String>,
    /// Owners, consulted and informed named as people, not roles.
    people: Vec<Item>,
    dual: bool,
    decision: String,
    history: usize,
}

/// One page of the matrix: its areas in group order, and a column for each
/// role that has a mark on this page.
pub fn view(facts: &Facts<'_>, n: usize) -> MatrixView {
    let hb = facts.hb;
    // Areas in the order they are shown: groups as they first appear.
    let mut order: Vec<usize> = (0..hb.areas.len()).collect();
    let mut group_rank: Vec<&str> = Vec::new();
    for a in &hb.areas {
        let g = a.group.as_deref().unwrap_or("");
        if !group_rank.contains(&g) {
            group_rank.push(g);
        }
    }
    order.sort_by_key(|&i| group_rank.iter().position(|g| *g == hb.areas[i].group.as_deref().unwrap_or("")));
    let shown = page_of(order, n);
    let mut columns: Vec<usize> = shown
        .iter()
        .flat_map(|&i| {
            let a = &hb.areas[i];
            targets(&a.owners).chain(targets(&a.consulted)).chain(targets(&a.informed))
        })
        .filter_map(|e| if let Entity::Role(r) = e { Some(r) } else { None })
        .collect();
    columns.sort_unstable();
    columns.dedup();
    let mut groups: Vec<GroupView> = Vec::new();
    for &i in &shown {
        let a = &hb.areas[i];
        let mut cells = vec![String::new(); columns.len()];
        let mut people = Vec::new();
        for (mark, refs) in [("O", &a.owners), ("C", &a.consulted), ("I", &a.informed)] {
            for e in targets(refs) {
                match e {
                    Entity::Role(r) => {
                        if let Ok(c) = columns.binary_search(&r)
                            && cells[c].is_empty()
                        {
                            cells[c] = mark.to_string();
                        }
                    }
                    Entity::Person(_) => people.push(facts.noted(e, mark)),
                    _ => {}
                }
            }
        }
        let row = RowView {
            area: facts.item(Entity::Area(i)),
            cells,
            people,
            dual: a.owners.len() > 1,
            decision: a.decision.clone().unwrap_or_default(),
            history: a.history.len(),
        };
        let name = a.group.clone().unwrap_or_default();
        match groups.iter_mut().find(|g| g.name == name) {
            Some(g) => g.rows.push(row),
            None => groups.push(GroupView { name, rows: vec![row] }),
        }
    }
    MatrixView {
        roles: columns.iter().map(|&r| facts.noted(Entity::Role(r), hb.roles[r].short_name())).collect(),
        groups,
        changes: hb.areas.iter().map(|a| a.history.len()).sum(),
    }
}
