//! Ties the loaded entities together: every id is looked up here, in one
//! name table; every link in Markdown is resolved and checked; back-links
//! are computed once. Problems become diagnostics, never early returns.

use std::sync::Mutex;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::{HashMap, HashSet};

use crate::diagnostics::{Code, Diagnostics, closest};
use crate::load::Loaded;
use crate::markdown::{Body, Link, LinkKind, Target};
use crate::model::{
    Ceremony, Entity, Handbook, Index, Kind, Page, Part, Person, Project, Raci, Ref, Role, Update, Via, targets,
};
use crate::source::{FileId, SourceFile};

const PARTY: &[Kind] = &[Kind::Role, Kind::Person];
const ANY: &[Kind] = &[
    Kind::Role,
    Kind::Person,
    Kind::Area,
    Kind::Ceremony,
    Kind::Project,
    Kind::Update,
    Kind::Page,
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
    for e in entities(&handbook) {
        fields_of(&mut handbook, &names, e, diags);
    }
    resolve_links(&mut handbook, &names, &by_path, diags);
    backlinks(&mut handbook);
    (handbook, Resolver { names, by_path })
}

/// The name table and the map of content files of a resolved handbook.
pub struct Resolver {
    names: Names,
    by_path: HashMap<String, Entity>,
}

/// A freshly read entity, to put in place of the one of the same id.
pub enum Fresh {
    Role(Role),
    Person(Person),
    Ceremony(Ceremony),
    Project(Project),
    Update(Update),
    Page(Page),
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
        fields_of(hb, &self.names, e, diags);
        let targets: Vec<(usize, Target)> = {
            let cx = LinkContext {
                hb,
                names: &self.names,
                by_path: &self.by_path,
                statics: hb.statics.iter().map(String::as_str).collect(),
            };
            match bodies_of(hb, e) {
                Some((file, body)) => body
                    .links
                    .iter()
                    .enumerate()
                    .filter_map(|(i, link)| cx.resolve(e, hb.file(file), link, diags).map(|t| (i, t)))
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

fn bodies_of(hb: &Handbook, e: Entity) -> Option<(FileId, &Body)> {
    Some(match e {
        Entity::Role(i) => (hb.roles[i].doc.file, &hb.roles[i].doc.body),
        Entity::Person(i) => (hb.people[i].doc.file, &hb.people[i].doc.body),
        Entity::Area(i) => (hb.ownership_file?, hb.areas[i].notes.as_ref()?),
        Entity::Ceremony(i) => (hb.ceremonies[i].doc.file, &hb.ceremonies[i].doc.body),
        Entity::Project(i) => (hb.projects[i].doc.file, &hb.projects[i].doc.body),
        Entity::Update(i) => (hb.updates[i].doc.file, &hb.updates[i].doc.body),
        Entity::Page(i) => (hb.pages[i].doc.file, &hb.pages[i].doc.body),
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
                updates: std::mem::take(&mut old.updates),
                pages: std::mem::take(&mut old.pages),
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
                ..new
            };
        }
        (Entity::Update(i), Fresh::Update(new)) => {
            let old = &mut hb.updates[i];
            *old = Update { doc: crate::model::Doc { file: old.doc.file, ..new.doc }, ..new };
        }
        (Entity::Page(i), Fresh::Page(new)) => {
            let old = &mut hb.pages[i];
            *old = Page { doc: crate::model::Doc { file: old.doc.file, ..new.doc }, ..new };
        }
        _ => {}
    }
}

/// Adds (or removes) what an entity's references give to back-links of others.
fn contribute(hb: &mut Handbook, e: Entity, add: bool) {
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
    let holders = |hb: &Handbook, r: usize| -> Vec<usize> {
        hb.roles[r].people.iter().copied().filter(|&p| !hb.people[p].alumnus).collect()
    };
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
                match t {
                    Entity::Role(r) => {
                        edit(&mut hb.roles[r].ceremonies, (c, part), add);
                        for h in holders(hb, r) {
                            edit(&mut hb.people[h].ceremonies, Via { item: (c, part), role: Some(r) }, add);
                        }
                    }
                    Entity::Person(q) => edit(&mut hb.people[q].ceremonies, Via { item: (c, part), role: None }, add),
                    _ => {}
                }
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
                match t {
                    Entity::Role(r) => {
                        edit(&mut hb.roles[r].projects, p, add);
                        for h in holders(hb, r) {
                            edit(&mut hb.people[h].projects, Via { item: p, role: Some(r) }, add);
                        }
                    }
                    Entity::Person(q) => edit(&mut hb.people[q].projects, Via { item: p, role: None }, add),
                    _ => {}
                }
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
        Entity::Role(_) | Entity::Area(_) | Entity::Index(_) | Entity::StartHere(_) => {}
    }
}

/// The projects an update names or links to.
fn mentions(hb: &Handbook, u: usize) -> Vec<usize> {
    let up = &hb.updates[u];
    let linked = up.doc.body.links.iter().filter_map(|l| match l.to {
        Some(Target::Entity(e)) => Some(e),
        _ => None,
    });
    let mut out: Vec<usize> = targets(&up.projects)
        .chain(linked)
        .filter_map(|e| if let Entity::Project(p) = e { Some(p) } else { None })
        .collect();
    tidy(&mut out);
    out
}

/// The back-links an entity computes from its own references.
fn own_backlinks(hb: &mut Handbook, e: Entity) {
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
            if !alumnus {
                for &r in &roles {
                    let role = &hb.roles[r];
                    areas.extend(role.areas.iter().map(|&item| Via { item, role: Some(r) }));
                    ceremonies.extend(role.ceremonies.iter().map(|&item| Via { item, role: Some(r) }));
                    projects.extend(role.projects.iter().map(|&item| Via { item, role: Some(r) }));
                }
            }
            tidy(&mut areas);
            tidy(&mut ceremonies);
            tidy(&mut projects);
            let person = &mut hb.people[p];
            (person.areas, person.ceremonies, person.projects) = (areas, ceremonies, projects);
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

/// Every entity defined by a file.
fn entities(hb: &Handbook) -> Vec<Entity> {
    crate::urls::all_pages(hb).into_iter().filter(|e| !matches!(e, Entity::Index(_) | Entity::StartHere(_))).collect()
}

/// Every name an entity can be called by: its bare id, and its id qualified
/// by its kind's folder (`people/mitra`, `areas/sprint-planning`).
/// (Fx hashing: every link is looked up here, and ids are not an attack surface.)
struct Names {
    map: FxHashMap<String, Vec<Entity>>,
    qualified: FxHashMap<Entity, String>,
    /// Draft pages left out of this build, by their path under `pages/`.
    drafts: HashSet<String>,
    /// "Did you mean" answers already worked out: a page full of the same
    /// broken link must not compare it with every name each time.
    suggestions: Mutex<HashMap<(String, Vec<Kind>), Suggestion>>,
}

/// The nearest name to a misspelt id, if any is near.
type Suggestion = Option<String>;

enum Miss {
    Unknown(Option<String>),
    Ambiguous(Vec<Entity>),
    /// The id exists, but as a kind the field does not accept.
    WrongKind(Entity),
    Draft,
}

impl Names {
    fn build(hb: &Handbook, drafts: &[String], diags: &mut Diagnostics) -> Names {
        let mut names = Names {
            map: FxHashMap::default(),
            qualified: FxHashMap::default(),
            drafts: drafts.iter().cloned().collect(),
            suggestions: Mutex::new(HashMap::new()),
        };
        let mut defined: FxHashMap<String, Entity> = FxHashMap::default();
        for e in crate::urls::all_pages(hb) {
            let qualified = hb.qualified_id(e);
            if let Some((file, pos)) = hb.origin(e) {
                let source = hb.file(file);
                let id = qualified.split_once('/').map_or(qualified.as_str(), |(_, id)| id);
                if !valid_id(id, matches!(e, Entity::Page(_) | Entity::Update(_))) {
                    diags
                        .report(
                            Code::InvalidId,
                            source,
                            pos,
                            format!("{} id {id:?} has characters that do not belong in a URL", e.kind().noun()),
                        )
                        .hint("use letters, digits, `-` and `_`: rename the file or set `id`");
                }
                if let Some(first) = defined.get(&qualified) {
                    let (first_file, first_pos) = hb.origin(*first).unwrap_or((file, 0));
                    let (line, col) = hb.file(first_file).line_col(first_pos);
                    diags
                        .report(Code::DuplicateId, source, pos, format!("duplicate {} id {id:?}", e.kind().noun()))
                        .hint(format!(
                            "also defined at {}:{line}:{col}; set a different `id`",
                            hb.file(first_file).rel
                        ));
                    continue;
                }
            }
            defined.insert(qualified.clone(), e);
            let bare = qualified.rsplit('/').next().unwrap_or(&qualified).to_string();
            names.map.entry(qualified.clone()).or_default().push(e);
            // Start-here pages are only ever called by their qualified name.
            if bare != qualified && !matches!(e, Entity::StartHere(_)) {
                names.map.entry(bare).or_default().push(e);
            }
            names.qualified.insert(e, qualified);
        }
        names
    }

    fn lookup(&self, raw: &str, accepts: &[Kind]) -> Result<Entity, Miss> {
        let raw = raw.trim();
        let found = self.map.get(raw).map_or(&[][..], Vec::as_slice);
        let fitting: Vec<Entity> = found.iter().copied().filter(|e| accepts.contains(&e.kind())).collect();
        match fitting.as_slice() {
            [one] => Ok(*one),
            [] if accepts.contains(&Kind::Page) && self.drafts.contains(raw.strip_prefix("pages/").unwrap_or(raw)) => {
                Err(Miss::Draft)
            }
            [] => match found.first() {
                Some(e) => Err(Miss::WrongKind(*e)),
                None => {
                    // A qualified id is compared with qualified names only.
                    let qualified = raw.contains('/');
                    let key = (raw.to_string(), accepts.to_vec());
                    // Links resolve in parallel: a poisoned memo is only a lost cache.
                    let mut memo = self.suggestions.lock().unwrap_or_else(|p| p.into_inner());
                    let suggestion = memo.entry(key).or_insert_with(|| {
                        let candidates = self
                            .map
                            .iter()
                            .filter(|(n, es)| {
                                n.contains('/') == qualified && es.iter().any(|e| accepts.contains(&e.kind()))
                            })
                            .map(|(n, _)| n.as_str());
                        closest(raw, candidates).map(str::to_string)
                    });
                    Err(Miss::Unknown(suggestion.clone()))
                }
            },
            _ => Err(Miss::Ambiguous(fitting)),
        }
    }

    fn name(&self, e: Entity) -> &str {
        self.qualified.get(&e).map_or("?", String::as_str)
    }

    /// Reports a failed lookup; `what` names the reference: `role "x"`, `link [[x]]`.
    fn report(&self, file: &SourceFile, pos: usize, what: &str, miss: Miss, diags: &mut Diagnostics) {
        match miss {
            Miss::Unknown(suggestion) => {
                diags.report(Code::UnknownId, file, pos, format!("unknown {what}")).hint(suggestion.map_or_else(
                    || "nothing in the handbook has a similar id: check the spelling, or add the file".into(),
                    |s| format!("did you mean \"{s}\"?"),
                ));
            }
            Miss::Ambiguous(candidates) => {
                let list: Vec<String> = candidates.iter().map(|e| format!("\"{}\"", self.name(*e))).collect();
                diags
                    .report(Code::AmbiguousId, file, pos, format!("ambiguous {what}"))
                    .hint(format!("it could be {}; write one of those", list.join(" or ")));
            }
            Miss::WrongKind(e) => {
                diags.report(Code::UnknownId, file, pos, format!("unknown {what}")).hint(format!(
                    "\"{}\" is a {}",
                    self.name(e),
                    e.kind().noun()
                ));
            }
            Miss::Draft => {
                diags
                    .report(Code::LinkToDraft, file, pos, format!("{what} is a draft, left out of this build"))
                    .hint("publish it by removing `draft = true`, or build with --drafts");
            }
        }
    }

    /// Looks up an id written in a field that accepts `accepts`.
    fn field(&self, file: &SourceFile, r: &mut Ref, accepts: &[Kind], diags: &mut Diagnostics) {
        match self.lookup(&r.id, accepts) {
            Ok(e) => r.to = Some(e),
            Err(miss) => self.report(file, r.pos, &format!("{} \"{}\"", nouns(accepts), r.id), miss, diags),
        }
    }
}

fn valid_id(id: &str, may_nest: bool) -> bool {
    !id.is_empty()
        && id.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
        && (may_nest || !id.contains('/'))
        && id.chars().all(|c| c.is_alphanumeric() || "-_./".contains(c))
}

/// What a field accepts, for messages: "role", "role or person".
fn nouns(accepts: &[Kind]) -> String {
    match accepts {
        [one] => one.noun().to_string(),
        [init @ .., last] => {
            format!("{} or {}", init.iter().map(|k| k.noun()).collect::<Vec<_>>().join(", "), last.noun())
        }
        [] => String::new(),
    }
}

/// Resolves the ids written in the fields of one entity.
fn fields_of(hb: &mut Handbook, names: &Names, e: Entity, d: &mut Diagnostics) {
    let Handbook { files, roles, people, areas, ceremonies, projects, updates, pages, ownership_file, .. } = hb;
    match e {
        Entity::Role(i) => {
            let role = &mut roles[i];
            let f = &files[role.doc.file];
            role.counterpart.iter_mut().for_each(|r| names.field(f, r, &[Kind::Role], d));
        }
        Entity::Person(i) => {
            let person = &mut people[i];
            let f = &files[person.doc.file];
            person.roles.iter_mut().for_each(|r| names.field(f, r, &[Kind::Role], d));
            person.manager.iter_mut().for_each(|r| names.field(f, r, &[Kind::Person], d));
        }
        Entity::Area(i) => {
            let Some(file) = *ownership_file else { return };
            let (f, area) = (&files[file], &mut areas[i]);
            area.owners
                .iter_mut()
                .chain(&mut area.consulted)
                .chain(&mut area.informed)
                .for_each(|r| names.field(f, r, PARTY, d));
            area.ceremony.iter_mut().for_each(|r| names.field(f, r, &[Kind::Ceremony], d));
            for change in &mut area.history {
                change.from.iter_mut().chain(&mut change.to).for_each(|r| names.field(f, r, PARTY, d));
            }
        }
        Entity::Ceremony(i) => {
            let c = &mut ceremonies[i];
            let f = &files[c.doc.file];
            c.facilitators.iter_mut().chain(&mut c.attendees).for_each(|r| names.field(f, r, PARTY, d));
            c.areas.iter_mut().for_each(|r| names.field(f, r, &[Kind::Area], d));
        }
        Entity::Project(i) => {
            let p = &mut projects[i];
            let f = &files[p.doc.file];
            p.owners.iter_mut().for_each(|r| names.field(f, r, PARTY, d));
        }
        Entity::Update(i) => {
            let u = &mut updates[i];
            let f = &files[u.doc.file];
            u.authors.iter_mut().for_each(|r| names.field(f, r, &[Kind::Person], d));
            u.projects.iter_mut().for_each(|r| names.field(f, r, &[Kind::Project], d));
        }
        Entity::Page(i) => {
            let p = &mut pages[i];
            let f = &files[p.doc.file];
            p.owner.iter_mut().for_each(|r| names.field(f, r, PARTY, d));
        }
        Entity::Index(_) | Entity::StartHere(_) => {}
    }
}

/// Every Markdown body with the entity it belongs to and its file.
pub fn bodies(hb: &Handbook) -> Vec<(Entity, FileId, &Body)> {
    entities(hb).into_iter().filter_map(|e| bodies_of(hb, e).map(|(file, body)| (e, file, body))).collect()
}

fn body_mut(hb: &mut Handbook, e: Entity) -> Option<&mut Body> {
    Some(match e {
        Entity::Role(i) => &mut hb.roles[i].doc.body,
        Entity::Person(i) => &mut hb.people[i].doc.body,
        Entity::Area(i) => hb.areas[i].notes.as_mut()?,
        Entity::Ceremony(i) => &mut hb.ceremonies[i].doc.body,
        Entity::Project(i) => &mut hb.projects[i].doc.body,
        Entity::Update(i) => &mut hb.updates[i].doc.body,
        Entity::Page(i) => &mut hb.pages[i].doc.body,
        Entity::Index(_) | Entity::StartHere(_) => return None,
    })
}

/// The body whose headings anchors are checked against: free pages and
/// updates, whose whole page is their Markdown. Other pages add sections of
/// their own around the body, so anchors into them are not checked.
fn anchor_body(hb: &Handbook, e: Entity) -> Option<&Body> {
    match e {
        Entity::Update(i) => Some(&hb.updates[i].doc.body),
        Entity::Page(i) => Some(&hb.pages[i].doc.body),
        _ => None,
    }
}

struct LinkContext<'a> {
    hb: &'a Handbook,
    names: &'a Names,
    by_path: &'a HashMap<String, Entity>,
    statics: HashSet<&'a str>,
}

fn resolve_links(hb: &mut Handbook, names: &Names, by_path: &HashMap<String, Entity>, diags: &mut Diagnostics) {
    // Every body's links at once, each with its own problems; merged in order.
    let resolved: Vec<(Entity, usize, Target)> = {
        let cx = LinkContext { hb, names, by_path, statics: hb.statics.iter().map(String::as_str).collect() };
        let all = bodies(hb);
        let per_body: Vec<(Vec<_>, Vec<_>)> = all
            .par_iter()
            .map(|&(source, file, body)| {
                let mut found = Diagnostics::default();
                let targets = body
                    .links
                    .iter()
                    .enumerate()
                    .filter_map(|(i, link)| Some((source, i, cx.resolve(source, hb.file(file), link, &mut found)?)))
                    .collect();
                (targets, found.take())
            })
            .collect();
        let mut out = Vec::new();
        for (targets, found) in per_body {
            out.extend(targets);
            diags.extend(found);
        }
        out
    };
    for (source, i, target) in resolved {
        if let Target::Entity(e) = target
            && e != source
        {
            hb.linked_from.entry(e).or_default().push(source);
        }
        if let Some(body) = body_mut(hb, source) {
            body.links[i].to = Some(target);
        }
    }
    hb.linked_from.values_mut().for_each(tidy);
}

impl LinkContext<'_> {
    fn resolve(&self, source: Entity, file: &SourceFile, link: &Link, diags: &mut Diagnostics) -> Option<Target> {
        if link.kind == LinkKind::Wiki {
            if link.dest.is_empty() {
                diags.report(Code::BrokenLink, file, link.pos, "empty wiki link").hint("write [[id]] or [[id|text]]");
                return None;
            }
            return match self.names.lookup(&link.dest, ANY) {
                Ok(e) => {
                    self.check_anchor(e, link, file, diags);
                    Some(Target::Entity(e))
                }
                Err(miss) => {
                    self.names.report(file, link.pos, &format!("link [[{}]]", link.dest), miss, diags);
                    None
                }
            };
        }
        let noun = if link.kind == LinkKind::Image { "image" } else { "link" };
        if link.dest.is_empty() {
            self.check_anchor(source, link, file, diags);
            return Some(Target::SamePage);
        }
        if link.dest.starts_with('/') {
            diags
                .report(Code::AbsoluteLink, file, link.pos, format!("{noun} to {:?} is absolute from the site root and breaks when the handbook is published under a sub-path", link.dest))
                .hint("write it relative to this file, e.g. ../people/mitra.md");
            return None;
        }
        let Some(path) = join(&file.rel, &link.dest) else {
            diags
                .report(Code::BrokenLink, file, link.pos, format!("{noun} {:?} leads outside the handbook", link.dest))
                .hint("link only to files inside the handbook; put shared files under static/");
            return None;
        };
        if let Some(rest) = path.strip_prefix("static/") {
            if self.statics.contains(rest) {
                return Some(Target::Static(rest.to_string()));
            }
            let hint = closest(rest, self.statics.iter().copied()).map_or_else(
                || "add the file under static/ or fix the path".into(),
                |c| format!("did you mean static/{c}?"),
            );
            diags.report(Code::BrokenLink, file, link.pos, format!("broken {noun}: {path} does not exist")).hint(hint);
            return None;
        }
        if link.kind == LinkKind::Image {
            diags
                .report(Code::BrokenLink, file, link.pos, format!("image {:?} is not under static/", link.dest))
                .hint("put images under static/ and link them relative to this file");
            return None;
        }
        if let Some(e) = self.by_path.get(&path).copied().or_else(|| self.folder(&path)) {
            self.check_anchor(e, link, file, diags);
            return Some(Target::Entity(e));
        }
        if path
            .strip_prefix("pages/")
            .and_then(|p| p.strip_suffix(".md"))
            .is_some_and(|p| self.names.drafts.contains(p))
        {
            self.names.report(file, link.pos, &format!("link to {path}"), Miss::Draft, diags);
            return None;
        }
        let hint = closest(&path, self.by_path.keys().map(String::as_str)).map_or_else(
            || "links are relative to this file; check the path, or use a wiki link [[id]]".into(),
            |c| format!("did you mean {c}?"),
        );
        diags.report(Code::BrokenLink, file, link.pos, format!("broken link: {path} does not exist")).hint(hint);
        None
    }

    /// Links to folders and to ownership.toml stand for the generated pages.
    fn folder(&self, path: &str) -> Option<Entity> {
        let path = path.trim_end_matches('/');
        if path == crate::model::OWNERSHIP_FILE {
            return Some(Entity::Index(Index::Ownership));
        }
        if let Some(ix) = Index::ALL.into_iter().find(|ix| ix.name() == path) {
            return Some(Entity::Index(ix));
        }
        self.by_path.get(&format!("{path}/_index.md")).copied()
    }

    fn check_anchor(&self, target: Entity, link: &Link, file: &SourceFile, diags: &mut Diagnostics) {
        let (Some(anchor), Some(body)) = (&link.anchor, anchor_body(self.hb, target)) else {
            return;
        };
        if !body.has_anchor(anchor) {
            let ids = || body.headings.iter().map(|h| h.id.as_str());
            let hint = match closest(anchor, ids()) {
                Some(c) => format!("did you mean #{c}?"),
                None if body.headings.is_empty() => "that page has no headings".to_string(),
                None => format!("its headings are #{}", ids().take(8).collect::<Vec<_>>().join(", #")),
            };
            let page = self.hb.origin(target).map_or_else(String::new, |(f, _)| self.hb.file(f).rel.clone());
            diags.report(Code::BrokenAnchor, file, link.pos, format!("no heading #{anchor} in {page}")).hint(hint);
        }
    }
}

/// Joins a link to the folder of the file it is written in; `None` if it leaves the root.
fn join(from_file: &str, dest: &str) -> Option<String> {
    let mut folder: Vec<&str> = from_file.split('/').collect();
    folder.pop();
    crate::urls::join_segments(folder, dest)
}

/// Computes every back-link from the resolved references.
fn backlinks(hb: &mut Handbook) {
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

    let Handbook { roles, people, areas, ceremonies, projects, updates, pages, .. } = hb;
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
        for e in targets(&u.projects).chain(linked) {
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

    for r in roles.iter_mut() {
        tidy(&mut r.people);
        tidy(&mut r.projects);
        tidy(&mut r.areas);
        tidy(&mut r.ceremonies);
    }
    for p in people.iter_mut() {
        tidy(&mut p.areas);
        tidy(&mut p.ceremonies);
        tidy(&mut p.projects);
        tidy(&mut p.reports);
        tidy(&mut p.updates);
        tidy(&mut p.pages);
    }
    areas.iter_mut().for_each(|a| tidy(&mut a.ceremonies));
    projects.iter_mut().for_each(|p| tidy(&mut p.updates));
}

/// Back-link lists are kept sorted and without repeats, so output is stable.
fn tidy<T: Ord>(list: &mut Vec<T>) {
    list.sort_unstable();
    list.dedup();
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn joins_relative_paths() {
        assert_eq!(join("pages/guides/a.md", "../../people/mitra.md").as_deref(), Some("people/mitra.md"));
        assert_eq!(join("pages/a.md", "./b.md").as_deref(), Some("pages/b.md"));
        assert_eq!(join("pages/a.md", "../../x.md"), None);
    }
}
