//! Links across the teams of a department (`[[ledger:people/ana]]`),
//! checked once every team is open: the team must be one of the
//! department's and the id one of its pages; a link that leads nowhere is
//! one error at its place, with the nearest team or page. Found links get
//! the page's address and title, so they render like any wiki link.

use rustc_hash::FxHashMap;

use super::Team;
use crate::diagnostics::{Code, Diagnostics, closest};
use crate::markdown::Target;
use crate::model::{Entity, Handbook};
use crate::urls;

/// A team's pages by every id a link may name them with: qualified
/// (`people/ana`, `pages/fraud-playbook`) and bare (`ana`).
struct Pages {
    by_name: FxHashMap<String, Vec<Entity>>,
}

impl Pages {
    fn of(hb: &Handbook) -> Pages {
        let mut by_name: FxHashMap<String, Vec<Entity>> = FxHashMap::default();
        for e in urls::all_pages(hb) {
            if matches!(e, Entity::StartHere(_) | Entity::Index(_)) {
                continue;
            }
            let qualified = hb.qualified_id(e);
            let mut names = vec![qualified.clone()];
            if let Entity::Page(i) = e {
                names.push(format!("pages/{}", urls::slug_path(&hb.pages[i].doc.id)));
            }
            if let Some((_, bare)) = qualified.rsplit_once('/') {
                names.push(bare.to_string());
            }
            names.sort_unstable();
            names.dedup();
            for name in names {
                by_name.entry(name).or_default().push(e);
            }
        }
        Pages { by_name }
    }
}

/// What a link found: the page's address in its team and its title.
type Found = Option<(String, String)>;

/// Checks every cross-team link of every team, reports what leads nowhere,
/// and fills in what it found. `listed` are the teams the department names:
/// a link to one that could not be opened is not reported again.
pub fn check(teams: &mut [Team], listed: &[&str], diags: &mut Diagnostics) {
    let pages: Vec<Pages> = teams.iter().map(|t| Pages::of(&t.hb)).collect();
    let ids: Vec<&str> = teams.iter().map(|t| t.id.as_str()).collect();
    let mut answers: Vec<Vec<Found>> = Vec::with_capacity(teams.len());
    for team in teams.iter() {
        let hb = &team.hb;
        let mut found = Vec::new();
        let mut local = Diagnostics::default();
        for (_, file, body) in crate::resolve::bodies(hb) {
            let source = hb.file(file);
            for link in &body.links {
                let Some(Target::Team(t)) = &link.to else { continue };
                let written = format!("[[{}]]", link.dest);
                let Some(at) = ids.iter().position(|id| *id == t.team) else {
                    found.push(None);
                    if listed.contains(&t.team.as_str()) {
                        continue;
                    }
                    let hint = match closest(&t.team, listed.iter().copied()) {
                        Some(near) => format!("did you mean [[{near}:{}]]?", t.id),
                        None => format!("the department's teams are {}", listed.join(", ")),
                    };
                    local
                        .report(
                            Code::BrokenLink,
                            source,
                            link.pos,
                            format!("{written}: no team {:?} in the department", t.team),
                        )
                        .hint(hint);
                    continue;
                };
                let other = &teams[at].hb;
                let by_name = &pages[at].by_name;
                match by_name.get(&t.id).map(Vec::as_slice) {
                    Some(&[e]) => {
                        if let (Some(anchor), Some(body)) = (&link.anchor, crate::resolve::anchor_body(other, e))
                            && !body.has_anchor(anchor)
                        {
                            let page = other.origin(e).map_or_else(String::new, |(f, _)| other.file(f).rel.clone());
                            let hint = match closest(anchor, body.headings.iter().map(|h| h.id.as_str())) {
                                Some(near) => format!("did you mean #{near}?"),
                                None => "check the heading's id on that team's page".to_string(),
                            };
                            local
                                .report(
                                    Code::BrokenAnchor,
                                    source,
                                    link.pos,
                                    format!("no heading #{anchor} in {}/{page}", t.team),
                                )
                                .hint(hint);
                        }
                        found.push(Some((urls::page(other, e), other.title(e))));
                    }
                    Some(several) => {
                        let named: Vec<String> =
                            several.iter().map(|&e| format!("[[{}:{}]]", t.team, other.qualified_id(e))).collect();
                        local
                            .report(
                                Code::AmbiguousId,
                                source,
                                link.pos,
                                format!("{written}: several pages of team {:?} have that id", t.team),
                            )
                            .hint(format!("write the kind's folder too: {}", named.join(" or ")));
                        found.push(None);
                    }
                    None => {
                        let hint = match closest(&t.id, by_name.keys().map(String::as_str)) {
                            Some(near) => format!("did you mean [[{}:{near}]]?", t.team),
                            None => format!(
                                "name a page of {} as [[{}:people/<id>]], [[{}:pages/<name>]], ...",
                                t.team, t.team, t.team
                            ),
                        };
                        local
                            .report(
                                Code::BrokenLink,
                                source,
                                link.pos,
                                format!("{written}: team {:?} has no page {:?}", t.team, t.id),
                            )
                            .hint(hint);
                        found.push(None);
                    }
                }
            }
        }
        diags.extend(local.take().into_iter().map(|mut d| {
            d.file = format!("{}/{}", team.id, d.file);
            d
        }));
        answers.push(found);
    }
    for (team, found) in teams.iter_mut().zip(answers) {
        let mut found = found.into_iter();
        crate::resolve::team_links_mut(&mut team.hb, |link| {
            // In the department the sibling site is beside this one: relative, so it works from disk.
            link.absolute = None;
            if let Some(Some((url, title))) = found.next() {
                link.url = url;
                link.title = Some(title);
            }
        });
    }
}
