//! Back-links: what points at each entity (a person's areas, a role's
//! ceremonies, a project's updates), computed once for a whole handbook, and
//! adjusted entity by entity when `serve` patches an edit into it.

use super::{bodies_of, tidy};
use crate::markdown::Target;
use crate::model::{Daci, Entity, Handbook, KrId, Part, Person, Raci, Role, Via, targets};

/// Computes every back-link from the resolved references.
pub(super) fn backlinks(hb: &mut Handbook) {
    let today = hb.today;
    for p in &mut hb.people {
        p.alumnus = p.left.as_ref().is_some_and(|l| l.value <= today);
    }
    // Current holders of each role: links through a role reach only them.
    let mut holders: Vec<Vec<usize>> = vec![Vec::new(); hb.roles.len()];
    for (pi, person) in hb.people.iter().enumerate() {
        for e in targets(&person.roles) {
            if let Entity::Role(r) = e {
                hb.roles[r].people.push(pi);
                if !person.alumnus {
                    holders[r].push(pi);
                }
            }
        }
    }
    for pi in 0..hb.people.len() {
        if let Some(Entity::Person(m)) = hb.people[pi].manager.as_ref().and_then(|r| r.to) {
            hb.people[m].reports.push(pi);
        }
    }

    // Distributes one reference to the role or person named and to the role's holders.
    fn reach<T: Copy>(
        e: Entity,
        item: T,
        holders: &[Vec<usize>],
        mut on_role: impl FnMut(usize, T),
        mut on_person: impl FnMut(usize, Via<T>),
    ) {
        match e {
            Entity::Role(r) => {
                on_role(r, item);
                holders[r].iter().for_each(|&p| on_person(p, Via { item, role: Some(r) }));
            }
            Entity::Person(p) => on_person(p, Via { item, role: None }),
            _ => {}
        }
    }

    let Handbook { roles, people, areas, ceremonies, projects, goals, updates, pages, decisions, .. } = hb;
    for (ai, area) in areas.iter().enumerate() {
        let marks = [(Raci::Owner, &area.owners), (Raci::Consulted, &area.consulted), (Raci::Informed, &area.informed)];
        for (raci, refs) in marks {
            for e in targets(refs) {
                reach(e, (ai, raci), &holders, |r, x| roles[r].areas.push(x), |p, v| people[p].areas.push(v));
            }
        }
        if let Some(Entity::Ceremony(c)) = area.ceremony.as_ref().and_then(|r| r.to) {
            ceremonies[c].area_links.push(ai);
        }
        for (who, _) in &area.expect {
            if let Some(Entity::Role(r)) = who.to {
                roles[r].expected.push(ai);
            }
        }
    }
    for (ci, c) in ceremonies.iter_mut().enumerate() {
        for (part, refs) in [(Part::Facilitates, &c.facilitators), (Part::Attends, &c.attendees)] {
            for e in targets(refs) {
                reach(e, (ci, part), &holders, |r, x| roles[r].ceremonies.push(x), |p, v| people[p].ceremonies.push(v));
            }
        }
        for e in targets(&c.areas) {
            if let Entity::Area(a) = e {
                c.area_links.push(a);
            }
        }
    }
    ceremonies.iter_mut().for_each(|c| tidy(&mut c.area_links));
    for (ci, c) in ceremonies.iter().enumerate() {
        for &a in &c.area_links {
            areas[a].ceremonies.push(ci);
        }
    }
    for (pi, p) in projects.iter().enumerate() {
        for e in targets(&p.owners) {
            reach(e, pi, &holders, |r, x| roles[r].projects.push(x), |p, v| people[p].projects.push(v));
        }
        for kr in p.key_results.iter().filter_map(|k| k.to) {
            goals[kr.goal].key_results[kr.kr].projects.push(pi);
        }
    }
    for (gi, g) in goals.iter_mut().enumerate() {
        for e in targets(&g.owners) {
            reach(e, gi, &holders, |r, x| roles[r].goals.push(x), |p, v| people[p].goals.push(v));
        }
        g.key_results.iter_mut().for_each(|k| tidy(&mut k.projects));
    }
    for (ui, u) in updates.iter_mut().enumerate() {
        for e in targets(&u.authors) {
            if let Entity::Person(p) = e {
                people[p].updates.push(ui);
            }
        }
        let linked = u.doc.body.links.iter().filter_map(|l| match l.to {
            Some(Target::Entity(e)) => Some(e),
            _ => None,
        });
        let rated = u.health.iter().filter_map(|(r, _)| r.to);
        for e in targets(&u.projects).chain(rated).chain(linked) {
            if let Entity::Project(p) = e {
                u.mentions.push(p);
                projects[p].updates.push(ui);
            }
        }
        tidy(&mut u.mentions);
    }
    for (gi, g) in pages.iter().enumerate() {
        if let Some(Entity::Person(p)) = g.owner.as_ref().and_then(|r| r.to) {
            people[p].pages.push(gi);
        }
    }
    let mut superseded: Vec<(usize, usize)> = Vec::new();
    for (di, x) in decisions.iter().enumerate() {
        for (part, e) in parts(x) {
            reach(e, (di, part), &holders, |r, v| roles[r].decisions.push(v), |p, v| people[p].decisions.push(v));
        }
        for e in targets(&x.areas).chain(targets(&x.projects)).chain(targets(&x.supersedes)) {
            match e {
                Entity::Area(a) => areas[a].decisions.push(di),
                Entity::Project(p) => projects[p].decisions.push(di),
                Entity::Decision(old) => superseded.push((old, di)),
                _ => {}
            }
        }
    }
    for (old, by) in superseded {
        decisions[old].superseded_by.push(by);
    }
    for (ai, a) in areas.iter().enumerate() {
        for (k, c) in a.history.iter().enumerate() {
            if let Some(Entity::Decision(x)) = c.decision.as_ref().and_then(|r| r.to) {
                decisions[x].changes.push((ai, k));
            }
        }
    }

    for r in roles.iter_mut() {
        tidy(&mut r.people);
        tidy(&mut r.projects);
        tidy(&mut r.goals);
        tidy(&mut r.areas);
        tidy(&mut r.ceremonies);
        tidy(&mut r.decisions);
        tidy(&mut r.expected);
    }
    for p in people.iter_mut() {
        tidy(&mut p.areas);
        tidy(&mut p.ceremonies);
        tidy(&mut p.projects);
        tidy(&mut p.goals);
        tidy(&mut p.reports);
        tidy(&mut p.updates);
        tidy(&mut p.pages);
        tidy(&mut p.decisions);
    }
    areas.iter_mut().for_each(|a| {
        tidy(&mut a.ceremonies);
        tidy(&mut a.decisions);
    });
    projects.iter_mut().for_each(|p| {
        tidy(&mut p.updates);
        tidy(&mut p.decisions);
    });
    decisions.iter_mut().for_each(|x| {
        tidy(&mut x.superseded_by);
        tidy(&mut x.changes);
    });
}

/// Who drove and who approved a decision.
fn parts(x: &crate::model::Decision) -> Vec<(Daci, Entity)> {
    targets(x.driver.as_slice())
        .map(|e| (Daci::Drove, e))
        .chain(targets(&x.approvers).map(|e| (Daci::Approved, e)))
        .collect()
}

/// Adds (or removes) what an entity's references give to back-links of others.
pub(super) fn contribute(hb: &mut Handbook, e: Entity, add: bool) {
    let links: Vec<Entity> = bodies_of(hb, e)
        .map(|(_, body)| {
            body.links.iter().filter_map(|l| if let Some(Target::Entity(t)) = l.to { Some(t) } else { None }).collect()
        })
        .unwrap_or_default();
    for &t in links.iter().filter(|t| **t != e) {
        let list = hb.linked_from.entry(t).or_default();
        edit(list, e, add);
        if list.is_empty() {
            hb.linked_from.remove(&t);
        }
    }
    match e {
        Entity::Person(p) => {
            for r in targets(&hb.people[p].roles.clone()) {
                if let Entity::Role(r) = r {
                    edit(&mut hb.roles[r].people, p, add);
                }
            }
            if let Some(Entity::Person(m)) = hb.people[p].manager.as_ref().and_then(|m| m.to) {
                edit(&mut hb.people[m].reports, p, add);
            }
        }
        Entity::Ceremony(c) => {
            let cer = &hb.ceremonies[c];
            let parts: Vec<(Part, Entity)> = targets(&cer.facilitators)
                .map(|t| (Part::Facilitates, t))
                .chain(targets(&cer.attendees).map(|t| (Part::Attends, t)))
                .collect();
            let areas: Vec<Entity> = targets(&cer.areas).collect();
            for (part, t) in parts {
                through(hb, t, (c, part), add, |r| &mut r.ceremonies, |p| &mut p.ceremonies);
            }
            for a in areas {
                if let Entity::Area(a) = a
                    && hb.areas[a].ceremony.as_ref().and_then(|r| r.to) != Some(e)
                {
                    edit(&mut hb.areas[a].ceremonies, c, add);
                }
            }
        }
        Entity::Project(p) => {
            for t in targets(&hb.projects[p].owners.clone()) {
                through(hb, t, p, add, |r| &mut r.projects, |p| &mut p.projects);
            }
            let krs: Vec<KrId> = hb.projects[p].key_results.iter().filter_map(|k| k.to).collect();
            for kr in krs {
                edit(&mut hb.goals[kr.goal].key_results[kr.kr].projects, p, add);
            }
        }
        Entity::Goal(g) => {
            for t in targets(&hb.goals[g].owners.clone()) {
                through(hb, t, g, add, |r| &mut r.goals, |p| &mut p.goals);
            }
        }
        Entity::Update(u) => {
            for t in targets(&hb.updates[u].authors.clone()) {
                if let Entity::Person(q) = t {
                    edit(&mut hb.people[q].updates, u, add);
                }
            }
            for m in mentions(hb, u) {
                edit(&mut hb.projects[m].updates, u, add);
            }
        }
        Entity::Page(g) => {
            if let Some(Entity::Person(q)) = hb.pages[g].owner.as_ref().and_then(|o| o.to) {
                edit(&mut hb.people[q].pages, g, add);
            }
        }
        Entity::Decision(x) => {
            for (part, t) in parts(&hb.decisions[x]) {
                through(hb, t, (x, part), add, |r| &mut r.decisions, |p| &mut p.decisions);
            }
            let about: Vec<Entity> = {
                let d = &hb.decisions[x];
                targets(&d.areas).chain(targets(&d.projects)).chain(targets(&d.supersedes)).collect()
            };
            for t in about {
                match t {
                    Entity::Area(a) => edit(&mut hb.areas[a].decisions, x, add),
                    Entity::Project(p) => edit(&mut hb.projects[p].decisions, x, add),
                    Entity::Decision(old) => edit(&mut hb.decisions[old].superseded_by, x, add),
                    _ => {}
                }
            }
        }
        Entity::Role(_) | Entity::Area(_) | Entity::Duty(_) | Entity::Index(_) | Entity::StartHere(_) => {}
    }
}

/// Adds (or removes) `item` to the back-links of the role or person `t`
/// names, and of the role's current holders (through the role).
fn through<T: Ord + Copy>(
    hb: &mut Handbook,
    t: Entity,
    item: T,
    add: bool,
    of_role: fn(&mut Role) -> &mut Vec<T>,
    of_person: fn(&mut Person) -> &mut Vec<Via<T>>,
) {
    match t {
        Entity::Role(r) => {
            edit(of_role(&mut hb.roles[r]), item, add);
            let holders: Vec<usize> = hb.roles[r].people.iter().copied().filter(|&p| !hb.people[p].alumnus).collect();
            for h in holders {
                edit(of_person(&mut hb.people[h]), Via { item, role: Some(r) }, add);
            }
        }
        Entity::Person(q) => edit(of_person(&mut hb.people[q]), Via { item, role: None }, add),
        _ => {}
    }
}

/// The projects an update names or links to.
fn mentions(hb: &Handbook, u: usize) -> Vec<usize> {
    let up = &hb.updates[u];
    let linked = up.doc.body.links.iter().filter_map(|l| match l.to {
        Some(Target::Entity(e)) => Some(e),
        _ => None,
    });
    let rated = up.health.iter().filter_map(|(r, _)| r.to);
    let mut out: Vec<usize> = targets(&up.projects)
        .chain(rated)
        .chain(linked)
        .filter_map(|e| if let Entity::Project(p) = e { Some(p) } else { None })
        .collect();
    tidy(&mut out);
    out
}

/// The back-links an entity computes from its own references.
pub(super) fn own_backlinks(hb: &mut Handbook, e: Entity) {
    match e {
        Entity::Update(u) => hb.updates[u].mentions = mentions(hb, u),
        Entity::Ceremony(c) => {
            let me = Some(e);
            let mut links: Vec<usize> = hb
                .areas
                .iter()
                .enumerate()
                .filter(|(_, a)| a.ceremony.as_ref().and_then(|r| r.to) == me)
                .map(|(i, _)| i)
                .collect();
            links.extend(
                targets(&hb.ceremonies[c].areas).filter_map(|a| if let Entity::Area(a) = a { Some(a) } else { None }),
            );
            tidy(&mut links);
            hb.ceremonies[c].area_links = links;
        }
        Entity::Person(p) => {
            // Whether they left, and what they hold through their roles.
            let today = hb.today;
            let person = &mut hb.people[p];
            person.alumnus = person.left.as_ref().is_some_and(|l| l.value <= today);
            let alumnus = person.alumnus;
            let roles: Vec<usize> =
                targets(&person.roles).filter_map(|r| if let Entity::Role(r) = r { Some(r) } else { None }).collect();
            let mut areas: Vec<Via<(usize, Raci)>> =
                person.areas.iter().copied().filter(|v| v.role.is_none()).collect();
            let mut ceremonies: Vec<Via<(usize, Part)>> =
                person.ceremonies.iter().copied().filter(|v| v.role.is_none()).collect();
            let mut projects: Vec<Via<usize>> = person.projects.iter().copied().filter(|v| v.role.is_none()).collect();
            let mut decisions: Vec<Via<(usize, Daci)>> =
                person.decisions.iter().copied().filter(|v| v.role.is_none()).collect();
            let mut goals: Vec<Via<usize>> = person.goals.iter().copied().filter(|v| v.role.is_none()).collect();
            if !alumnus {
                for &r in &roles {
                    let role = &hb.roles[r];
                    areas.extend(role.areas.iter().map(|&item| Via { item, role: Some(r) }));
                    ceremonies.extend(role.ceremonies.iter().map(|&item| Via { item, role: Some(r) }));
                    projects.extend(role.projects.iter().map(|&item| Via { item, role: Some(r) }));
                    decisions.extend(role.decisions.iter().map(|&item| Via { item, role: Some(r) }));
                    goals.extend(role.goals.iter().map(|&item| Via { item, role: Some(r) }));
                }
            }
            tidy(&mut areas);
            tidy(&mut ceremonies);
            tidy(&mut projects);
            tidy(&mut decisions);
            tidy(&mut goals);
            let person = &mut hb.people[p];
            (person.areas, person.ceremonies, person.projects, person.decisions, person.goals) =
                (areas, ceremonies, projects, decisions, goals);
        }
        _ => {}
    }
}

/// Adds an item to a sorted list, or removes it.
fn edit<T: Ord>(list: &mut Vec<T>, item: T, add: bool) {
    match (list.binary_search(&item), add) {
        (Err(i), true) => list.insert(i, item),
        (Ok(i), false) => {
            list.remove(i);
        }
        _ => {}
    }
}
