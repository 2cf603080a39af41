//! The decision log checked against itself and against the ownership: who
//! approved a decision should own what it decides about, `supersedes` reads
//! the same both ways and never loops, and proposals do not wait forever.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, VecDeque};

use jiff::civil::Date;

use crate::diagnostics::{Code, Diagnostics};
use crate::model::{Area, Decision, Entity, Handbook, Verdict, targets};

pub(super) fn check(hb: &Handbook, d: &mut Diagnostics) {
    approvers(hb, d);
    supersedes(hb, d);
    proposals(hb, d);
}

/// The errors of `supersedes` between decisions (their codes are
/// `SUPERSEDES_CODES`): an edit of any decision can make or mend them.
pub fn supersedes(hb: &Handbook, d: &mut Diagnostics) {
    let looped = loops(hb, d);
    superseded(hb, &looped, d);
}

pub const SUPERSEDES_CODES: [Code; 2] = [Code::SupersedesLoop, Code::SupersedesInconsistent];

/// An approver should have owned one of the decision's areas, directly or
/// through a role, on the decision's date (before or after a change made
/// that day, as the area's history tells) or now.
fn approvers(hb: &Handbook, d: &mut Diagnostics) {
    for x in &hb.decisions {
        let areas: Vec<usize> =
            targets(&x.areas).filter_map(|e| if let Entity::Area(a) = e { Some(a) } else { None }).collect();
        if areas.is_empty() {
            continue;
        }
        let owners: Vec<Vec<Entity>> = areas.iter().flat_map(|&a| owner_sets(&hb.areas[a], x.date)).collect();
        for r in &x.approvers {
            let Some(approver) = r.to else { continue };
            if owners.iter().any(|set| owns(hb, approver, set)) {
                continue;
            }
            let when = if x.date == Date::ZERO { String::new() } else { format!(" on {} or now", x.date) };
            let noun = if areas.len() == 1 { "the area" } else { "any of the areas" };
            let rules: Vec<String> = areas.iter().map(|&a| ownership(hb, &hb.areas[a])).collect();
            d.report(
                Code::ApproverNotOwner,
                hb.file(x.doc.file),
                r.span(),
                format!("approver {:?} did not own {noun} this decision is about{when}", r.id),
            )
            .hint(format!(
                "{}; approvers are who decide: name the owners, or list {:?} under contributors",
                rules.join("; "),
                r.id
            ));
        }
    }
}

/// The owners of an area just before and just after the changes of `day`,
/// and now: the history is undone from the newest change back.
fn owner_sets(a: &Area, day: Date) -> Vec<Vec<Entity>> {
    let now: Vec<Entity> = targets(&a.owners).collect();
    if day == Date::ZERO {
        return vec![now];
    }
    let mut changes: Vec<_> = a.history.iter().collect();
    changes.sort_by_key(|c| std::cmp::Reverse(c.date.value));
    let undo = |owners: &mut Vec<Entity>, c: &crate::model::Change| {
        owners.retain(|e| !targets(&c.to).any(|t| t == *e));
        owners.extend(targets(&c.from));
    };
    let mut after = now.clone();
    for c in changes.iter().filter(|c| c.date.value > day) {
        undo(&mut after, c);
    }
    let mut before = after.clone();
    for c in changes.iter().filter(|c| c.date.value == day) {
        undo(&mut before, c);
    }
    vec![now, after, before]
}

/// Whether `who` is among `owners`, or holds a role that is, or (a role)
/// is held by a person who is.
fn owns(hb: &Handbook, who: Entity, owners: &[Entity]) -> bool {
    owners.iter().any(|&o| {
        o == who
            || match (who, o) {
                (Entity::Person(p), Entity::Role(_)) => targets(&hb.people[p].roles).any(|r| r == o),
                (Entity::Role(_), Entity::Person(q)) => targets(&hb.people[q].roles).any(|r| r == who),
                _ => false,
            }
    })
}

/// `"Sprint planning" is owned by Product Manager (Priya Shah), who decide: "..."`.
fn ownership(hb: &Handbook, a: &Area) -> String {
    let owners: Vec<String> = targets(&a.owners).map(|e| named(hb, e)).collect();
    let owned = match owners.as_slice() {
        [] => "has no owner".to_string(),
        [one] => format!("is owned by {one}"),
        [init @ .., last] => format!("is owned by {} and {last}", init.join(", ")),
    };
    match &a.decision {
        Some(rule) => format!("{:?} {owned}; its rule: {rule:?}", a.name),
        None => format!("{:?} {owned}", a.name),
    }
}

/// A role with the people who hold it now: "Product Manager (Priya Shah)".
fn named(hb: &Handbook, e: Entity) -> String {
    match e {
        Entity::Role(r) => {
            let holders: Vec<&str> = hb.roles[r]
                .people
                .iter()
                .filter(|&&p| !hb.people[p].alumnus)
                .map(|&p| hb.people[p].name.as_str())
                .collect();
            if holders.is_empty() {
                format!("{} (nobody holds it)", hb.roles[r].title)
            } else {
                format!("{} ({})", hb.roles[r].title, holders.join(", "))
            }
        }
        e => hb.title(e),
    }
}

/// A decision that supersedes itself, or a chain of `supersedes` that comes
/// back to where it started: one error per loop, at its first decision.
/// Returns the decisions in loops, which the other checks leave alone.
fn loops(hb: &Handbook, d: &mut Diagnostics) -> Vec<bool> {
    let edges: Vec<Vec<usize>> = hb.decisions.iter().map(|x| superseded_ids(x).collect()).collect();
    let mut looped = vec![false; hb.decisions.len()];
    for (i, x) in hb.decisions.iter().enumerate() {
        if let Some(r) = x.supersedes.iter().find(|r| r.to == Some(Entity::Decision(i))) {
            looped[i] = true;
            d.report(
                Code::SupersedesLoop,
                hb.file(x.doc.file),
                r.span(),
                format!("decision {:?} supersedes itself", r.id),
            )
            .hint(format!("remove {:?} from `supersedes`: a decision replaces others", r.id));
        }
    }
    for component in strongly_connected(&edges).into_iter().filter(|c| c.len() > 1) {
        component.iter().for_each(|&i| looped[i] = true);
        let Some(&first) = component.iter().min() else { continue };
        let path = cycle_through(first, &edges, &component);
        let names: Vec<&str> = path.iter().map(|&i| hb.decisions[i].doc.id.as_str()).collect();
        let x = &hb.decisions[first];
        let next = path.get(1).copied().unwrap_or(first);
        let at = x
            .supersedes
            .iter()
            .find(|r| r.to == Some(Entity::Decision(next)))
            .map_or(x.doc.pos..x.doc.pos, |r| r.span());
        d.report(
            Code::SupersedesLoop,
            hb.file(x.doc.file),
            at,
            format!("the supersedes chain loops: {}", super::chain(&names)),
        )
        .hint("a decision replaces older ones: remove one of these from the other's `supersedes`");
    }
    looped
}

/// The decisions `x` names in `supersedes`.
fn superseded_ids(x: &Decision) -> impl Iterator<Item = usize> + '_ {
    targets(&x.supersedes).filter_map(|e| if let Entity::Decision(o) = e { Some(o) } else { None })
}

/// Tarjan's strongly connected components, without recursion (a long chain
/// of decisions must not overflow the stack).
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut out = Vec::new();
    let mut next = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        // (node, how many of its edges are followed already)
        let mut work = vec![(root, 0)];
        while let Some(&mut (v, ref mut k)) = work.last_mut() {
            if *k == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*k) {
                *k += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                out.push(component);
            }
        }
    }
    out
}

/// The shortest way from `start` back to itself inside a component:
/// `[start, ..., start]` (a decision naming itself is reported apart).
fn cycle_through(start: usize, edges: &[Vec<usize>], component: &[usize]) -> Vec<usize> {
    let mut came_from: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &w in edges[v].iter().filter(|&&w| w != v && component.contains(&w)) {
            if w == start {
                let mut path = vec![v];
                while let Some(&before) = path.last().and_then(|at| came_from.get(at)) {
                    path.push(before);
                }
                path.reverse();
                path.push(start);
                return path;
            }
            if let Entry::Vacant(e) = came_from.entry(w) {
                e.insert(v);
                queue.push_back(w);
            }
        }
    }
    vec![start, start]
}

/// What an accepted decision supersedes is `superseded`; a `superseded`
/// decision is superseded by one that took effect.
fn superseded(hb: &Handbook, looped: &[bool], d: &mut Diagnostics) {
    // A `supersedes` that names nothing known, or a decision that could not
    // be read, may be what supersedes a decision: its own error says enough.
    let unknown = hb.decisions.iter().any(|x| x.supersedes.iter().any(|r| r.to.is_none()))
        || hb.unreadable.iter().any(|id| id.starts_with("decisions/"));
    for (i, x) in hb.decisions.iter().enumerate() {
        let Some(status) = &x.status else { continue };
        if looped[i] {
            continue;
        }
        let by = |effective: bool| -> Vec<&str> {
            x.superseded_by
                .iter()
                .filter(|&&b| b != i && !looped[b])
                .filter(|&&b| hb.decisions[b].verdict().is_some_and(|v| v.took_effect()) == effective)
                .map(|&b| hb.decisions[b].doc.id.as_str())
                .collect()
        };
        let (effective, pending) = (by(true), by(false));
        let file = hb.file(x.doc.file);
        match (status.value, effective.first()) {
            (Verdict::Superseded, None) if !unknown => {
                let hint = match pending.first() {
                    Some(p) => format!(
                        "{p:?}, which would supersede it, is not accepted: keep this one \"accepted\" until {p:?} is"
                    ),
                    None => format!(
                        "add {:?} to `supersedes` of the decision that replaced it, or change its status",
                        x.doc.id
                    ),
                };
                d.report(
                    Code::SupersedesInconsistent,
                    file,
                    status.span(),
                    format!("decision {:?} is superseded, but no accepted decision supersedes it", x.doc.id),
                )
                .hint(hint);
            }
            (v, Some(b)) if v != Verdict::Superseded => {
                d.report(
                    Code::SupersedesInconsistent,
                    file,
                    status.span(),
                    format!("decision {:?} is superseded by {b:?}, but its status is {:?}", x.doc.id, v.name()),
                )
                .hint(format!("set its status to \"superseded\", or remove it from `supersedes` of {b:?}"));
            }
            _ => {}
        }
    }
}

/// A proposal past its `review_by` is waiting for a decision.
fn proposals(hb: &Handbook, d: &mut Diagnostics) {
    for x in &hb.decisions {
        if let (Some(Verdict::Proposed), Some(review)) = (x.verdict(), &x.review_by)
            && review.value < hb.today
        {
            d.report(
                Code::DecisionReviewOverdue,
                hb.file(x.doc.file),
                review.span(),
                format!("decision {:?} is still proposed, and was due for a decision on {}", x.title, review.value),
            )
            .hint("decide it (status \"accepted\" or \"rejected\"), or move `review_by` forward");
        }
    }
}
