//! The one name table: every id an entity can be called by (bare, and
//! qualified by its kind's folder), the lookups fields and links make in it,
//! and how a failed lookup is reported ("did you mean", "it could be").

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use rustc_hash::FxHashMap;

use crate::diagnostics::{Code, Diagnostics, closest, normalisation_hint, same_but_normalisation};
use crate::model::{Entity, Handbook, Kind, Ref};
use crate::source::SourceFile;

/// Every name an entity can be called by: its bare id, and its id qualified
/// by its kind's folder (`people/mitra`, `areas/sprint-planning`).
/// (Fx hashing: every link is looked up here, and ids are not an attack surface.)
pub(super) struct Names {
    map: FxHashMap<String, Vec<Entity>>,
    qualified: FxHashMap<Entity, String>,
    /// Draft pages left out of this build, by their path under `pages/`.
    drafts: HashSet<String>,
    /// Ids, bare and qualified, of content files that could not be read.
    unreadable: HashSet<String>,
    /// "Did you mean" answers already worked out: a page full of the same
    /// broken link must not compare it with every name each time.
    suggestions: Mutex<HashMap<(String, Vec<Kind>), Suggestion>>,
}

/// The nearest name to a misspelt id, if any is near.
type Suggestion = Option<String>;

pub(super) enum Miss {
    /// Nothing has that name; the nearest name, if one is near.
    Unknown {
        written: String,
        nearest: Suggestion,
    },
    Ambiguous(Vec<Entity>),
    /// The id exists, but as a kind the field does not accept.
    WrongKind(Entity),
    Draft,
    /// The id is a file's that could not be read (reported as such).
    Unreadable,
}

impl Names {
    pub(super) fn build(hb: &Handbook, drafts: &[String], diags: &mut Diagnostics) -> Names {
        let unreadable = &hb.unreadable;
        let bare = unreadable.iter().filter_map(|q| q.rsplit_once('/').map(|(_, id)| id.to_string()));
        let mut names = Names {
            map: FxHashMap::default(),
            qualified: FxHashMap::default(),
            drafts: drafts.iter().cloned().collect(),
            unreadable: unreadable.iter().cloned().chain(bare).collect(),
            suggestions: Mutex::new(HashMap::new()),
        };
        let mut defined: FxHashMap<String, Entity> = FxHashMap::default();
        // A folder's page that teambook made yields its name to a page of the
        // same id (`pages/tools.md` beside `pages/tools/`); links to the
        // folder still reach it.
        let made = |e: &Entity| matches!(e, Entity::Page(i) if hb.pages[*i].generated);
        let mut all = crate::urls::all_pages(hb);
        all.sort_by_key(made);
        for e in all {
            let qualified = hb.qualified_id(e);
            if made(&e) && defined.contains_key(&qualified) {
                continue;
            }
            if let Some((file, pos)) = hb.origin(e) {
                let source = hb.file(file);
                let id = qualified.split_once('/').map_or(qualified.as_str(), |(_, id)| id);
                // A page is named as people write names; its address is a slug.
                if matches!(e, Entity::Page(_)) {
                    if let Some(part) = unsluggable(id) {
                        diags
                            .report(
                                Code::InvalidId,
                                source,
                                pos,
                                format!("page name {part:?} has nothing an address can be made of"),
                            )
                            .hint("put a letter or digit in the file's name");
                    }
                } else if !valid_id(id, matches!(e, Entity::Update(_))) {
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
            // A page named as people write names is also called by its slug:
            // `[[board-games]]` for `Board games.md`.
            if let Entity::Page(i) = e {
                let slug = crate::urls::slug_path(&hb.pages[i].doc.id);
                if slug != hb.pages[i].doc.id {
                    let bare_slug = slug.rsplit('/').next().unwrap_or(&slug).to_string();
                    names.map.entry(format!("pages/{slug}")).or_default().push(e);
                    if !qualified.ends_with(&format!("/{bare_slug}")) {
                        names.map.entry(bare_slug).or_default().push(e);
                    }
                }
            }
            names.qualified.insert(e, qualified);
        }
        names
    }

    pub(super) fn lookup(&self, raw: &str, accepts: &[Kind]) -> Result<Entity, Miss> {
        let raw = raw.trim();
        let found = self.map.get(raw).map_or(&[][..], Vec::as_slice);
        let fitting: Vec<Entity> = found.iter().copied().filter(|e| accepts.contains(&e.kind())).collect();
        match fitting.as_slice() {
            [one] => Ok(*one),
            [] if accepts.contains(&Kind::Page) && self.drafts.contains(raw.strip_prefix("pages/").unwrap_or(raw)) => {
                Err(Miss::Draft)
            }
            [] if found.is_empty() && self.unreadable.contains(raw) => Err(Miss::Unreadable),
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
                        let candidates = candidates.collect::<Vec<_>>();
                        // The same name in another Unicode form looks identical: it is the answer.
                        let same = candidates.iter().copied().filter(|c| same_but_normalisation(raw, c)).min();
                        same.or_else(|| closest(raw, candidates)).map(str::to_string)
                    });
                    Err(Miss::Unknown { written: raw.to_string(), nearest: suggestion.clone() })
                }
            },
            _ => Err(Miss::Ambiguous(fitting)),
        }
    }

    /// Whether a page (by its path under `pages/`) is a draft left out of this build.
    pub(super) fn is_draft(&self, path: &str) -> bool {
        self.drafts.contains(path)
    }

    fn name(&self, e: Entity) -> &str {
        self.qualified.get(&e).map_or("?", String::as_str)
    }

    /// Reports a failed lookup; `what` names the reference: `role "x"`, `link [[x]]`.
    pub(super) fn report(&self, file: &SourceFile, pos: usize, what: &str, miss: Miss, diags: &mut Diagnostics) {
        match miss {
            Miss::Unknown { written, nearest } => {
                let hint = match nearest {
                    Some(s) if same_but_normalisation(&written, &s) => normalisation_hint("the id", &s, &written),
                    Some(s) => format!("did you mean \"{s}\"?"),
                    None => "nothing in the handbook has a similar id: check the spelling, or add the file".into(),
                };
                diags.report(Code::UnknownId, file, pos, format!("unknown {what}")).hint(hint);
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
            // One cause, one error: the file's own.
            Miss::Unreadable => {}
        }
    }

    /// Looks up an id written in a field that accepts `accepts`.
    pub(super) fn field(&self, file: &SourceFile, r: &mut Ref, accepts: &[Kind], diags: &mut Diagnostics) {
        match self.lookup(&r.id, accepts) {
            Ok(e) => r.to = Some(e),
            Err(miss) => self.report(file, r.pos, &format!("{} \"{}\"", nouns(accepts), r.id), miss, diags),
        }
    }
}

pub(super) fn valid_id(id: &str, may_nest: bool) -> bool {
    !id.is_empty()
        && id.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
        && (may_nest || !id.contains('/'))
        && id.chars().all(|c| c.is_alphanumeric() || "-_./".contains(c))
}

/// The part of a page's id that leaves nothing for its address (`🚀`, `..`).
fn unsluggable(id: &str) -> Option<&str> {
    id.split('/').find(|part| matches!(*part, "" | "." | "..") || crate::urls::slug_part(part).is_empty())
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
