//! What a newcomer to a role finds on its "start here" page: whom to meet
//! and why, the guides to read, the projects in flight, and what the role
//! is expected to do, addressed to them.

use std::collections::HashMap;

use crate::markdown::Target;
use crate::model::{Entity, Raci};
use crate::render::views::Facts;

/// How recently a holder of a role must have joined to be read as the
/// newcomer the role's "start here" page speaks to.
const NEW_FOR_DAYS: i64 = 90;

/// Whom a newcomer to role `r` meets, and why, each person once, said from
/// the newcomer's side: their manager (one person), the co-leads, their
/// peers in the role, the team the role leads, and the owners of the areas
/// where the role is consulted or informed. Current people only.
pub fn to_meet(facts: &Facts<'_>, r: usize) -> Vec<(usize, Vec<String>)> {
    let hb = facts.hb;
    let role = &hb.roles[r];
    let current = |p: &usize| !hb.people[*p].alumnus;
    let newcomer = newcomer(facts, r);
    let holders: Vec<usize> = role.people.iter().copied().filter(current).filter(|&p| Some(p) != newcomer).collect();
    let mut meet: Vec<(usize, Vec<String>)> = Vec::new();
    let mut at: HashMap<usize, usize> = HashMap::new();
    let mut add = |p: usize, why: String| {
        if Some(p) == newcomer {
            return;
        }
        let k = *at.entry(p).or_insert_with(|| {
            meet.push((p, Vec::new()));
            meet.len() - 1
        });
        if !meet[k].1.contains(&why) {
            meet[k].1.push(why);
        }
    };
    let manager = manager_for(facts, r, newcomer);
    if let Some(m) = manager {
        add(m, "your manager".to_string());
    }
    // The team's co-leads: the roles that name each other as counterparts.
    // A co-lead role's own counterpart is the newcomer's co-lead.
    let counterpart = role.counterpart.as_ref().and_then(|c| c.to);
    for (c, lead) in hb.roles.iter().enumerate().filter(|(c, x)| *c != r && x.counterpart.is_some()) {
        let why = if counterpart == Some(Entity::Role(c)) {
            format!("your co-lead, {}", lead.short_name())
        } else if counterpart.is_none() {
            format!("co-leads the team as {}", lead.short_name())
        } else {
            continue;
        };
        for &p in lead.people.iter().filter(|p| current(p)) {
            add(p, why.clone());
        }
    }
    let peer = format!("a fellow {}", role.short_name());
    for &p in holders.iter().filter(|&&p| Some(p) != manager) {
        add(p, peer.clone());
    }
    // The people the role's holders manage are the team the newcomer will
    // lead, unless they hold the role too: then they are peers.
    for &h in &holders {
        for &p in hb.people[h].reports.iter().filter(|p| current(p)) {
            if !hb.roles[r].people.contains(&p) && Some(p) != manager {
                add(p, "on the team you lead".to_string());
            }
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
                2 => format!("owns {area} and 1 more area where you are consulted or informed"),
                n => format!("owns {area} and {} more areas where you are consulted or informed", n - 1),
            },
        );
    }
    meet
}

/// The holder of role `r` who joined most recently, if that was within
/// [`NEW_FOR_DAYS`] of the build (or is still to come): the newcomer.
fn newcomer(facts: &Facts<'_>, r: usize) -> Option<usize> {
    let hb = facts.hb;
    hb.roles[r]
        .people
        .iter()
        .copied()
        .filter(|&p| !hb.people[p].alumnus)
        .filter_map(|p| hb.people[p].joined.map(|j| (j, p)))
        .filter(|&(j, _)| crate::words::days_between(j, hb.today) <= NEW_FOR_DAYS)
        .max_by_key(|&(j, p)| (j, std::cmp::Reverse(p)))
        .map(|(_, p)| p)
}

/// The newcomer's manager: the `manager` of the newcomer if there is one,
/// else the person who manages most of the role's current holders (the
/// first named of equals). One person, never two.
fn manager_for(facts: &Facts<'_>, r: usize, newcomer: Option<usize>) -> Option<usize> {
    let hb = facts.hb;
    let manager_of = |p: usize| match hb.people[p].manager.as_ref().and_then(|m| m.to) {
        Some(Entity::Person(m)) if !hb.people[m].alumnus => Some(m),
        _ => None,
    };
    if let Some(m) = newcomer.and_then(manager_of) {
        return Some(m);
    }
    let mut counts: Vec<(usize, usize)> = Vec::new(); // (manager, holders managed)
    for m in hb.roles[r].people.iter().filter(|&&p| !hb.people[p].alumnus).filter_map(|&p| manager_of(p)) {
        match counts.iter_mut().find(|(x, _)| *x == m) {
            Some((_, n)) => *n += 1,
            None => counts.push((m, 1)),
        }
    }
    // The first of the most: max_by_key keeps the last of equals, so go backwards.
    counts.iter().rev().max_by_key(|&&(_, n)| n).map(|&(m, _)| m)
}

/// The guides of role `r`: the pages it keeps, then the pages its own page
/// links to.
pub fn guides(facts: &Facts<'_>, r: usize) -> Vec<usize> {
    let hb = facts.hb;
    let mut guides: Vec<usize> = facts
        .sections
        .children
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
