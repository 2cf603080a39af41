//! What a newcomer to a role finds on its "start here" page: whom to meet
//! and why, the guides to read, the projects in flight, and what the role
//! is expected to do, addressed to them.

use std::collections::HashMap;

use crate::markdown::Target;
use crate::model::{Entity, Raci};
use crate::render::views::Facts;

/// Whom a newcomer to role `r` meets, and why, each person once: their
/// manager, their co-leads, the others in the role, the team the role
/// leads, and the owners of the areas where the role is consulted or
/// informed. Current people only.
pub fn to_meet(facts: &Facts<'_>, r: usize) -> Vec<(usize, Vec<String>)> {
    let hb = facts.hb;
    let role = &hb.roles[r];
    let current = |p: &usize| !hb.people[*p].alumnus;
    let holders: Vec<usize> = role.people.iter().copied().filter(current).collect();
    let manager_of = |p: usize| match hb.people[p].manager.as_ref().and_then(|m| m.to) {
        Some(Entity::Person(m)) => Some(m),
        _ => None,
    };
    let mut meet: Vec<(usize, Vec<String>)> = Vec::new();
    let mut at: HashMap<usize, usize> = HashMap::new();
    let mut add = |p: usize, why: String| {
        let k = *at.entry(p).or_insert_with(|| {
            meet.push((p, Vec::new()));
            meet.len() - 1
        });
        if !meet[k].1.contains(&why) {
            meet[k].1.push(why);
        }
    };
    for m in holders.iter().filter_map(|&p| manager_of(p)).filter(|m| current(m)) {
        add(m, "your manager".to_string());
    }
    if let Some(Entity::Role(c)) = role.counterpart.as_ref().and_then(|c| c.to) {
        for &p in hb.roles[c].people.iter().filter(|p| current(p)) {
            add(p, format!("your co-lead, {}", hb.roles[c].short_name()));
        }
    }
    for &p in &holders {
        add(p, format!("also {}", role.short_name()));
    }
    for &h in &holders {
        for &p in hb.people[h].reports.iter().filter(|p| current(p)) {
            add(p, "on the team you lead".to_string());
        }
    }
    // Owners of the areas the role is consulted or informed on: the first
    // such area named, the others counted.
    let mut owners: Vec<(usize, usize, usize)> = Vec::new(); // (person, first area, areas)
    let mut owner_at: HashMap<usize, usize> = HashMap::new();
    for &(a, _) in role.areas.iter().filter(|(_, x)| *x != Raci::Owner) {
        for e in crate::model::targets(&hb.areas[a].owners) {
            let people: Vec<usize> = match e {
                Entity::Person(p) => vec![p],
                Entity::Role(o) if o != r => hb.roles[o].people.clone(),
                _ => Vec::new(),
            };
            for p in people.into_iter().filter(current) {
                match owner_at.get(&p) {
                    Some(&k) => owners[k].2 += 1,
                    None => {
                        owner_at.insert(p, owners.len());
                        owners.push((p, a, 1));
                    }
                }
            }
        }
    }
    for (p, a, n) in owners {
        let area = &hb.areas[a].name;
        add(
            p,
            match n {
                1 => format!("owns {area}, where you are consulted or informed"),
                n => format!("owns {area} and {} more areas where you are consulted or informed", n - 1),
            },
        );
    }
    meet
}

/// The guides of role `r`: the pages it keeps, then the pages its own page
/// links to.
pub fn guides(facts: &Facts<'_>, r: usize) -> Vec<usize> {
    let hb = facts.hb;
    let mut guides: Vec<usize> = facts
        .sections
        .values()
        .flatten()
        .copied()
        .filter(|&g| hb.pages[g].owner.as_ref().and_then(|o| o.to) == Some(Entity::Role(r)))
        .collect();
    for link in &hb.roles[r].doc.body.links {
        if let Some(Target::Entity(Entity::Page(g))) = link.to
            && !guides.contains(&g)
        {
            guides.push(g);
        }
    }
    guides
}

/// The projects in flight of role `r` and of its current holders.
pub fn in_flight(facts: &Facts<'_>, r: usize) -> Vec<usize> {
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

/// An expectation as said to its reader: its first letter in lower case
/// ("Confirm capacity" → "confirm capacity"), unless it starts with an
/// acronym ("PM's call").
pub fn addressed(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            format!("{}{}", first.to_lowercase(), &text[first.len_utf8()..])
        }
        _ => text.to_string(),
    }
}
