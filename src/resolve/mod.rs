//! Ties the loaded entities together: every id is looked up in one name
//! table (`names`), key results in theirs (`key_results`); every link in
//! Markdown is resolved and checked (`links`); back-links are computed once
//! (`backlinks`). Problems become diagnostics, never early returns.

mod backlinks;
mod key_results;
mod links;
mod names;
mod vault;

use std::collections::HashMap;

use backlinks::{backlinks, contribute, own_backlinks};
use key_results::KeyResults;
use links::{Budget, LinkContext, resolve_links};
use names::Names;

use crate::diagnostics::{Code, Diagnostics};
use crate::load::Loaded;
use crate::markdown::{Body, Target};
use crate::model::{
    Ceremony, Decision, Duty, Entity, Goal, Handbook, Kind, Page, Parent, Person, Project, Role, Update,
};
use crate::source::FileId;

const PARTY: &[Kind] = &[Kind::Role, Kind::Person];
const ANY: &[Kind] = &[
    Kind::Role,
    Kind::Person,
    Kind::Area,
    Kind::Ceremony,
    Kind::Project,
    Kind::Goal,
    Kind::Update,
    Kind::Page,
    Kind::Decision,
    Kind::Duty,
    Kind::Index,
    Kind::StartHere,
];

pub fn resolve(loaded: Loaded, diags: &mut Diagnostics) -> Handbook {
    resolve_keeping(loaded, diags).0
}

/// The same, also returning what it takes to resolve one entity again later
/// (see `patch`).
pub fn resolve_keeping(loaded: Loaded, diags: &mut Diagnostics) -> (Handbook, Resolver) {
    let Loaded { mut handbook, by_path, drafts } = loaded;
    let names = Names::build(&handbook, &drafts, diags);
    let key_results = KeyResults::build(&handbook, diags);
    let tables = Tables { names, key_results };
    for e in entities(&handbook) {
        fields_of(&mut handbook, &tables, e, diags);
    }
    team_card(&mut handbook, &tables.names, diags);
    one_on_ones(&mut handbook, &tables.names, diags);
    resolve_links(&mut handbook, &tables.names, &by_path, diags);
    unlinked_hidden_files_left_out(&mut handbook);
    backlinks(&mut handbook);
    (handbook, Resolver { tables, by_path })
}

/// The name tables and the map of content files of a resolved handbook.
pub struct Resolver {
    tables: Tables,
    by_path: HashMap<String, Entity>,
}

/// What ids are looked up in: every entity's names, and the key results.
struct Tables {
    names: Names,
    key_results: KeyResults,
}

/// A freshly read entity, to put in place of the one of the same id.
pub enum Fresh {
    Role(Role),
    Person(Person),
    Ceremony(Ceremony),
    Project(Project),
    Goal(Goal),
    Update(Update),
    Page(Page),
    Decision(Decision),
    Duty(Duty),
}

impl Fresh {
    /// What every entity read from its own Markdown file has.
    pub fn doc(&self) -> &crate::model::Doc {
        match self {
            Fresh::Role(x) => &x.doc,
            Fresh::Person(x) => &x.doc,
            Fresh::Ceremony(x) => &x.doc,
            Fresh::Project(x) => &x.doc,
            Fresh::Goal(x) => &x.doc,
            Fresh::Update(x) => &x.doc,
            Fresh::Page(x) => &x.doc,
            Fresh::Decision(x) => &x.doc,
            Fresh::Duty(x) => &x.doc,
        }
    }
}

impl Resolver {
    /// The entity defined by a content file, as of the last full resolve.
    pub fn entity_of(&self, path: &str) -> Option<Entity> {
        self.by_path.get(path).copied()
    }

    /// Puts `fresh` in place of entity `e`, which must have the same id and
    /// file, and resolves it again: its fields, its links, and what they add
    /// to back-links elsewhere. What others contribute to `e` stays: no id
    /// changed. Problems with `e` go to `diags`.
    pub fn patch(&self, hb: &mut Handbook, e: Entity, fresh: Fresh, diags: &mut Diagnostics) {
        contribute(hb, e, false);
        replace(hb, e, fresh);
        fields_of(hb, &self.tables, e, diags);
        let targets: Vec<(usize, Target)> = {
            let cx = LinkContext::new(hb, &self.tables.names, &self.by_path);
            match bodies_of(hb, e) {
                Some((file, body)) => body
                    .links
                    .iter()
                    .enumerate()
                    .scan(Budget::default(), |budget, (i, link)| {
                        Some(cx.resolve(e, hb.file(file), link, budget, diags).map(|t| (i, t)))
                    })
                    .flatten()
                    .collect(),
                None => Vec::new(),
            }
        };
        if let Some(body) = body_mut(hb, e) {
            for (i, t) in targets {
                body.links[i].to = Some(t);
            }
        }
        contribute(hb, e, true);
        own_backlinks(hb, e);
    }
}

pub(super) fn bodies_of(hb: &Handbook, e: Entity) -> Option<(FileId, &Body)> {
    Some(match e {
        Entity::Role(i) => (hb.roles[i].doc.file, &hb.roles[i].doc.body),
        Entity::Person(i) => (hb.people[i].doc.file, &hb.people[i].doc.body),
        Entity::Area(i) => (hb.ownership_file?, hb.areas[i].notes.as_ref()?),
        Entity::Ceremony(i) => (hb.ceremonies[i].doc.file, &hb.ceremonies[i].doc.body),
        Entity::Project(i) => (hb.projects[i].doc.file, &hb.projects[i].doc.body),
        Entity::Goal(i) => (hb.goals[i].doc.file, &hb.goals[i].doc.body),
        Entity::Update(i) => (hb.updates[i].doc.file, &hb.updates[i].doc.body),
        Entity::Page(i) => (hb.pages[i].doc.file, &hb.pages[i].doc.body),
        Entity::Decision(i) => (hb.decisions[i].doc.file, &hb.decisions[i].doc.body),
        Entity::Duty(i) => (hb.duties[i].doc.file, &hb.duties[i].doc.body),
        Entity::Index(_) | Entity::StartHere(_) => return None,
    })
}

/// Replaces an entity, keeping the back-links others give it and its file.
fn replace(hb: &mut Handbook, e: Entity, fresh: Fresh) {
    match (e, fresh) {
        (Entity::Role(i), Fresh::Role(new)) => {
            let old = &mut hb.roles[i];
            *old = Role {
                doc: crate::model::Doc { file: old.doc.file, ..new.doc },
                people: std::mem::take(&mut old.people),
                areas: std::mem::take(&mut old.areas),
                ceremonies: std::mem::take(&mut old.ceremonies),
                projects: std::mem::take(&mut old.projects),
                decisions: std::mem::take(&mut old.decisions),
                expected: std::mem::take(&mut old.expected),
                goals: std::mem::take(&mut old.goals),
                ..new
            };
        }
        (Entity::Person(i), Fresh::Person(new)) => {
            let old = &mut hb.people[i];
            *old = Person {
                doc: crate::model::Doc { file: old.doc.file, ..new.doc },
                reports: std::mem::take(&mut old.reports),
                areas: std::mem::take(&mut old.areas),
                ceremonies: std::mem::take(&mut old.ceremonies),
                projects: std::mem::take(&mut old.projects),
                goals: std::mem::take(&mut old.goals),
                updates: std::mem::take(&mut old.updates),
                pages: std::mem::take(&mut old.pages),
                decisions: std::mem::take(&mut old.decisions),
                ..new
            };
        }
        (Entity::Ceremony(i), Fresh::Ceremony(new)) => {
            let old = &mut hb.ceremonies[i];
            *old = Ceremony { doc: crate::model::Doc { file: old.doc.file, ..new.doc }, ..new };
        }
        (Entity::Project(i), Fresh::Project(new)) => {
            let old = &mut hb.projects[i];
            *old = Project {
                doc: crate::model::Doc { file: old.doc.file, ..new.doc },
                updates: std::mem::take(&mut old.updates),
                decisions: std::mem::take(&mut old.decisions),
                ..new
            };
        }
        (Entity::Goal(i), Fresh::Goal(new)) => {
            // Same key results in the same order (see `Workspace::plan`):
            // the projects that name them stay.
            let old = &mut hb.goals[i];
            let mut key_results = new.key_results;
            for (kr, was) in key_results.iter_mut().zip(&mut old.key_results) {
                kr.projects = std::mem::take(&mut was.projects);
            }
            *old = Goal { doc: crate::model::Doc { file: old.doc.file, ..new.doc }, key_results, ..new };
        }
        (Entity::Update(i), Fresh::Update(new)) => {
            let old = &mut hb.updates[i];
            *old = Update { doc: crate::model::Doc { file: old.doc.file, ..new.doc }, ..new };
        }
        (Entity::Page(i), Fresh::Page(new)) => {
            let old = &mut hb.pages[i];
            *old = Page { doc: crate::model::Doc { file: old.doc.file, ..new.doc }, ..new };
        }
        (Entity::Decision(i), Fresh::Decision(new)) => {
            let old = &mut hb.decisions[i];
            *old = Decision {
                doc: crate::model::Doc { file: old.doc.file, ..new.doc },
                superseded_by: std::mem::take(&mut old.superseded_by),
                changes: std::mem::take(&mut old.changes),
                ..new
            };
        }
        (Entity::Duty(i), Fresh::Duty(new)) => {
            let old = &mut hb.duties[i];
            *old = Duty { doc: crate::model::Doc { file: old.doc.file, ..new.doc }, ..new };
        }
        _ => {}
    }
}

/// Every entity defined by a file.
fn entities(hb: &Handbook) -> Vec<Entity> {
    crate::urls::all_pages(hb).into_iter().filter(|e| !matches!(e, Entity::Index(_) | Entity::StartHere(_))).collect()
}

/// Resolves the ids written in the fields of one entity.
fn fields_of(hb: &mut Handbook, tables: &Tables, e: Entity, d: &mut Diagnostics) {
    let names = &tables.names;
    let Handbook {
        files,
        roles,
        people,
        areas,
        ceremonies,
        projects,
        goals,
        updates,
        pages,
        decisions,
        duties,
        ownership_file,
        ..
    } = hb;
    match e {
        Entity::Role(i) => {
            let role = &mut roles[i];
            let f = &files[role.doc.file];
            role.counterpart.iter_mut().for_each(|r| names.field(f, r, &[Kind::Role], d));
            if let Some(r) = role.counterpart.as_mut().filter(|r| r.to == Some(e)) {
                d.report(Code::InvalidValue, f, r.pos, format!("role {:?} is its own counterpart", r.id)).hint(
                    "`counterpart` names the other co-lead role, e.g. counterpart = \"product-manager\"; or remove it",
                );
                r.to = None;
            }
        }
        Entity::Person(i) => {
            let person = &mut people[i];
            let f = &files[person.doc.file];
            person.roles.iter_mut().for_each(|r| names.field(f, r, &[Kind::Role], d));
            person.manager.iter_mut().for_each(|r| names.field(f, r, &[Kind::Person], d));
            person.history.iter_mut().for_each(|h| names.field(f, &mut h.manager, &[Kind::Person], d));
        }
        Entity::Area(i) => {
            let Some(file) = *ownership_file else { return };
            let (f, area) = (&files[file], &mut areas[i]);
            area.owners
                .iter_mut()
                .chain(&mut area.consulted)
                .chain(&mut area.informed)
                .chain(&mut area.reviewed_by)
                .chain(area.expect.iter_mut().map(|(r, _)| r))
                .for_each(|r| names.field(f, r, PARTY, d));
            area.ceremony.iter_mut().for_each(|r| names.field(f, r, &[Kind::Ceremony], d));
            for change in &mut area.history {
                change.from.iter_mut().chain(&mut change.to).for_each(|r| names.field(f, r, PARTY, d));
                change.decision.iter_mut().for_each(|r| names.field(f, r, &[Kind::Decision], d));
            }
        }
        Entity::Ceremony(i) => {
            let c = &mut ceremonies[i];
            let f = &files[c.doc.file];
            for r in &mut c.facilitators {
                // `duty:<id>`: whoever is on that duty at the meeting.
                match r.id.strip_prefix("duty:") {
                    Some(id) => {
                        let mut duty = crate::model::Ref { id: id.to_string(), to: None, ..r.clone() };
                        names.field(f, &mut duty, &[Kind::Duty], d);
                        r.to = duty.to;
                    }
                    None => names.field(f, r, PARTY, d),
                }
            }
            c.attendees.iter_mut().for_each(|r| names.field(f, r, PARTY, d));
            c.areas.iter_mut().for_each(|r| names.field(f, r, &[Kind::Area], d));
        }
        Entity::Project(i) => {
            let p = &mut projects[i];
            let f = &files[p.doc.file];
            p.owners.iter_mut().for_each(|r| names.field(f, r, PARTY, d));
            p.key_results.iter_mut().for_each(|r| tables.key_results.field(f, r, d));
        }
        Entity::Goal(i) => {
            let g = &mut goals[i];
            let f = &files[g.doc.file];
            g.owners.iter_mut().for_each(|r| names.field(f, r, PARTY, d));
            if let Some(Parent::Objective(r)) = &mut g.parent {
                names.field(f, r, &[Kind::Goal], d);
            }
        }
        Entity::Update(i) => {
            let u = &mut updates[i];
            let f = &files[u.doc.file];
            u.authors.iter_mut().for_each(|r| names.field(f, r, &[Kind::Person], d));
            u.projects.iter_mut().for_each(|r| names.field(f, r, &[Kind::Project], d));
            u.health.iter_mut().for_each(|(r, _)| names.field(f, r, &[Kind::Project], d));
        }
        Entity::Page(i) => {
            let p = &mut pages[i];
            let f = &files[p.doc.file];
            p.owner.iter_mut().for_each(|r| names.field(f, r, PARTY, d));
        }
        Entity::Decision(i) => {
            let x = &mut decisions[i];
            let f = &files[x.doc.file];
            x.driver
                .iter_mut()
                .chain(&mut x.approvers)
                .chain(&mut x.contributors)
                .chain(&mut x.informed)
                .for_each(|r| names.field(f, r, PARTY, d));
            x.areas.iter_mut().for_each(|r| names.field(f, r, &[Kind::Area], d));
            x.projects.iter_mut().for_each(|r| names.field(f, r, &[Kind::Project], d));
            x.supersedes.iter_mut().for_each(|r| names.field(f, r, &[Kind::Decision], d));
        }
        Entity::Duty(i) => {
            let x = &mut duties[i];
            let f = &files[x.doc.file];
            x.area.iter_mut().for_each(|r| names.field(f, r, &[Kind::Area], d));
            x.pool.iter_mut().chain(&mut x.escalation).for_each(|r| names.field(f, r, PARTY, d));
            for o in &mut x.overrides {
                names.field(f, &mut o.person, &[Kind::Person], d);
                names.field(f, &mut o.instead_of, &[Kind::Person], d);
            }
        }
        Entity::Index(_) | Entity::StartHere(_) => {}
    }
}

/// Resolves the ids of the team card (`[team]` in teambook.toml, the
/// first file): the areas, roles and duties of intakes, the areas of services, runbook pages
/// and the card's reviewers.
fn team_card(hb: &mut Handbook, names: &Names, d: &mut Diagnostics) {
    let Handbook { files, config, .. } = hb;
    let (Some(team), Some(f)) = (config.team.as_mut(), files.first()) else { return };
    for intake in &mut team.intakes {
        intake.area.iter_mut().for_each(|r| names.field(f, r, &[Kind::Area], d));
        intake.role.iter_mut().for_each(|r| names.field(f, r, &[Kind::Role], d));
        intake.duty.iter_mut().for_each(|r| names.field(f, r, &[Kind::Duty], d));
    }
    for service in &mut team.services {
        service.area.iter_mut().for_each(|r| names.field(f, r, &[Kind::Area], d));
        if let Some(crate::model::team::Runbook::Page(r)) = &mut service.runbook {
            names.field(f, r, &[Kind::Page], d);
        }
    }
    team.reviewed_by.iter_mut().for_each(|r| names.field(f, r, PARTY, d));
}

/// Resolves the people of the written 1:1 pairs (`one_on_ones.toml`).
fn one_on_ones(hb: &mut Handbook, names: &Names, d: &mut Diagnostics) {
    let Handbook { files, one_on_ones, .. } = hb;
    let Some(file) = one_on_ones.as_mut() else { return };
    let f = &files[file.file];
    for pair in &mut file.pairs {
        pair.people.iter_mut().for_each(|r| names.field(f, r, &[Kind::Person], d));
    }
}

/// Every Markdown body with the entity it belongs to and its file.
/// A file in a hidden folder under `pages/` (`.gitbook/assets/x.png`) is
/// published only when a page links to it: nothing else of a hidden folder
/// (an editor's settings, `.obsidian/`) leaves the repository.
fn unlinked_hidden_files_left_out(hb: &mut Handbook) {
    let hidden = |s: &crate::model::StaticFile| s.source.starts_with("pages/") && s.source.contains("/.");
    if !hb.statics.iter().any(hidden) {
        return;
    }
    let linked: std::collections::HashSet<String> = bodies(hb)
        .into_iter()
        .flat_map(|(_, _, body)| body.links.iter())
        .filter_map(|l| match &l.to {
            Some(Target::Static(path)) => Some(path.clone()),
            _ => None,
        })
        .collect();
    hb.statics.retain(|s| !hidden(s) || linked.contains(&s.path));
}

pub fn bodies(hb: &Handbook) -> Vec<(Entity, FileId, &Body)> {
    entities(hb).into_iter().filter_map(|e| bodies_of(hb, e).map(|(file, body)| (e, file, body))).collect()
}

/// Every link into another team's pages, in the order of `bodies`, for
/// the department to fill in once it has found them.
pub fn team_links_mut(hb: &mut Handbook, mut each: impl FnMut(&mut crate::markdown::TeamLink)) {
    for e in entities(hb) {
        for link in body_mut(hb, e).into_iter().flat_map(|b| b.links.iter_mut()) {
            if let Some(Target::Team(t)) = &mut link.to {
                each(t);
            }
        }
    }
}

pub(super) fn body_mut(hb: &mut Handbook, e: Entity) -> Option<&mut Body> {
    Some(match e {
        Entity::Role(i) => &mut hb.roles[i].doc.body,
        Entity::Person(i) => &mut hb.people[i].doc.body,
        Entity::Area(i) => hb.areas[i].notes.as_mut()?,
        Entity::Ceremony(i) => &mut hb.ceremonies[i].doc.body,
        Entity::Project(i) => &mut hb.projects[i].doc.body,
        Entity::Goal(i) => &mut hb.goals[i].doc.body,
        Entity::Update(i) => &mut hb.updates[i].doc.body,
        Entity::Page(i) => &mut hb.pages[i].doc.body,
        Entity::Decision(i) => &mut hb.decisions[i].doc.body,
        Entity::Duty(i) => &mut hb.duties[i].doc.body,
        Entity::Index(_) | Entity::StartHere(_) => return None,
    })
}

/// The body whose headings anchors are checked against: free pages and
/// updates, whose whole page is their Markdown. Other pages add sections of
/// their own around the body, so anchors into them are not checked.
pub fn anchor_body(hb: &Handbook, e: Entity) -> Option<&Body> {
    match e {
        Entity::Update(i) => Some(&hb.updates[i].doc.body),
        Entity::Page(i) => Some(&hb.pages[i].doc.body),
        _ => None,
    }
}

/// Back-link lists are kept sorted and without repeats, so output is stable.
pub(super) fn tidy<T: Ord>(list: &mut Vec<T>) {
    list.sort_unstable();
    list.dedup();
}
