//! A handbook kept in memory between rebuilds, for `serve`. After the first
//! build, a save that edits existing entities (the usual case) is patched
//! into the resolved model: the file is read again, the entity resolved
//! again, and only the back-links it gives adjusted, so the cost does not
//! grow with the handbook. Anything else (a new, removed or renamed entity,
//! the ownership file, the configuration, static files, templates, headings
//! that links may point at, the key results of an objective) rebuilds the
//! model whole. Either way only the
//! pages the change can affect are rendered again.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::load::{Cache, Options};
use crate::markdown::Body;
use crate::model::{Entity, Handbook};
use crate::render::Site;
use crate::render::incremental::{Before, Session};
use crate::resolve::{Fresh, Resolver};
use crate::source::SourceFile;

pub struct Workspace {
    root: PathBuf,
    drafts: bool,
    /// Replaces `base_url` (serve uses its own address).
    base_url: Option<String>,
    cache: Cache,
    state: Option<State>,
}

struct State {
    hb: Handbook,
    resolver: Resolver,
    /// The errors of `hb` (left by patches; a model rebuilt whole has none).
    errors: Vec<Diagnostic>,
    /// A whole rebuild failed: `hb` is older than the files, so edits
    /// cannot be patched into it.
    stale: bool,
    session: Session,
    /// Paths changed since the site was last rendered, and what the pages
    /// showed before those changes. `None`: render everything.
    pending: Option<(Vec<String>, Before)>,
}

/// A successful build.
pub struct Built {
    pub site: Arc<Site>,
    /// Identifies the site's content.
    pub id: String,
    /// Pages rendered.
    pub pages: usize,
    /// The model was patched rather than rebuilt whole.
    pub patched: bool,
}

/// One edit to patch in.
struct Edit {
    entity: Entity,
    fresh: Fresh,
    source: Arc<SourceFile>,
    diags: Vec<Diagnostic>,
    /// Only the body changed, in ways no other page shows (see `body_only`).
    body_only: bool,
}

impl Workspace {
    pub fn new(root: &Path, drafts: bool, base_url: Option<String>) -> Workspace {
        Workspace { root: root.to_path_buf(), drafts, base_url, cache: Cache::default(), state: None }
    }

    /// The model of the site being served.
    pub fn handbook(&self) -> Option<&Handbook> {
        self.state.as_ref().map(|s| &s.hb)
    }

    /// Rebuilds after changes to `changed` (paths relative to the root, as
    /// a watcher reports them; `None`: anything). `Err` holds the errors.
    pub fn build(&mut self, changed: Option<&[String]>, now: Timestamp) -> Result<Built, Vec<Diagnostic>> {
        self.cache.refresh(&self.root, changed);
        let options = Options { drafts: self.drafts, now };
        let edits = changed.and_then(|paths| self.plan(paths, &options));
        let patched = edits.is_some();
        match (edits, changed) {
            (Some(edits), Some(paths)) => self.patch(paths, edits)?,
            _ => self.rebuild(changed, &options)?,
        }
        let state = self.state.as_mut().ok_or_else(Vec::new)?;
        let mut diags = Diagnostics::default();
        let pending = state.pending.take();
        let change = pending.as_ref().map(|(paths, before)| (paths.as_slice(), before));
        let Some(rebuilt) = state.session.update(&state.hb, change, &mut diags) else {
            return Err(diags.sorted());
        };
        state.pending = Some((Vec::new(), Before::at(&state.hb)));
        Ok(Built { site: state.session.site(), id: state.session.fingerprint(), pages: rebuilt.pages, patched })
    }

    /// The edits, when every changed path is the Markdown file of an entity
    /// that stays (same kind, id and place; same headings for pages and
    /// updates, whose anchors others may link to).
    fn plan(&self, paths: &[String], options: &Options) -> Option<Vec<Edit>> {
        let state = self.state.as_ref()?;
        let today = options.now.to_zoned_datetime(state.hb.config.timezone.tz.clone()).date();
        if state.stale || state.pending.is_none() || state.hb.today != today {
            return None;
        }
        let hb = &state.hb;
        let mut edits = Vec::new();
        for path in paths {
            let entity = state.resolver.entity_of(path)?;
            let (fresh, source, diags) = self.cache.fresh(path)?;
            let same = match (&fresh, entity) {
                // Co-leads are listed first: a new or lost counterpart moves the role.
                (Fresh::Role(x), Entity::Role(i)) => {
                    x.doc.id == hb.roles[i].doc.id && x.counterpart.is_some() == hb.roles[i].counterpart.is_some()
                }
                (Fresh::Person(x), Entity::Person(i)) => x.doc.id == hb.people[i].doc.id,
                (Fresh::Ceremony(x), Entity::Ceremony(i)) => x.doc.id == hb.ceremonies[i].doc.id,
                (Fresh::Project(x), Entity::Project(i)) => x.doc.id == hb.projects[i].doc.id,
                (Fresh::Decision(x), Entity::Decision(i)) => x.doc.id == hb.decisions[i].doc.id,
                (Fresh::Duty(x), Entity::Duty(i)) => x.doc.id == hb.duties[i].doc.id,
                // Projects name key results: their ids must stay where they were.
                (Fresh::Goal(x), Entity::Goal(i)) => {
                    let ids =
                        |g: &crate::model::Goal| g.key_results.iter().map(|k| k.id.value.clone()).collect::<Vec<_>>();
                    x.doc.id == hb.goals[i].doc.id && ids(x) == ids(&hb.goals[i])
                }
                (Fresh::Update(x), Entity::Update(i)) => {
                    let old = &hb.updates[i];
                    x.doc.id == old.doc.id && x.doc.body.headings == old.doc.body.headings
                }
                (Fresh::Page(x), Entity::Page(i)) => {
                    let old = &hb.pages[i];
                    x.doc.id == old.doc.id
                        && x.is_section_index == old.is_section_index
                        && (!x.draft || options.drafts)
                        && x.doc.body.headings == old.doc.body.headings
                }
                _ => false,
            };
            // Aliases decide what folders get a page of their own: new ones rebuild.
            let aliases_kept = fresh.doc().aliases == hb.aliases(entity);
            if !same || !aliases_kept {
                return None;
            }
            let old = hb.doc(entity)?;
            let body_only = body_only(&hb.file(old.file).text, &old.body, &source.text, &fresh.doc().body);
            edits.push(Edit { entity, fresh, source, diags, body_only });
        }
        Some(edits)
    }

    fn patch(&mut self, paths: &[String], edits: Vec<Edit>) -> Result<(), Vec<Diagnostic>> {
        let Some(state) = self.state.as_mut() else { return Err(Vec::new()) };
        let body_only = edits.iter().all(|e| e.body_only);
        if let Some((pending, before)) = state.pending.as_mut() {
            before.merge(Before::capture(&state.hb, paths, true, body_only));
            pending.extend(paths.iter().cloned());
        }
        let mut diags = Diagnostics::default();
        let (mut people, mut decisions) = (false, false);
        for edit in edits {
            if let Some((file, _)) = state.hb.origin(edit.entity) {
                state.hb.files[file] = edit.source;
            }
            diags.extend(edit.diags);
            people |= matches!(edit.entity, Entity::Person(_));
            decisions |= matches!(edit.entity, Entity::Decision(_));
            state.resolver.patch(&mut state.hb, edit.entity, edit.fresh, &mut diags);
        }
        // The errors of the patched files are replaced; a manager loop can
        // appear or go with any edit of a person, and `supersedes` errors
        // with any edit of a decision.
        let is_loop = |d: &Diagnostic| d.message.starts_with(crate::checks::LOOP_MESSAGE);
        let is_supersedes = |d: &Diagnostic| crate::checks::SUPERSEDES_CODES.contains(&d.code);
        state.errors.retain(|d| !(paths.contains(&d.file) || people && is_loop(d) || decisions && is_supersedes(d)));
        if people {
            crate::checks::manager_loops(&state.hb, &mut diags);
        }
        if decisions {
            crate::checks::supersedes(&state.hb, &mut diags);
        }
        state.errors.extend(diags.sorted().into_iter().filter(|d| d.severity == Severity::Error));
        if state.errors.is_empty() { Ok(()) } else { Err(state.errors.clone()) }
    }

    fn rebuild(&mut self, changed: Option<&[String]>, options: &Options) -> Result<(), Vec<Diagnostic>> {
        // What the pages showed before, for when this build works.
        if let Some(state) = self.state.as_mut() {
            match (changed, state.pending.as_mut()) {
                (Some(paths), Some((pending, before))) => {
                    before.by_id(&state.hb);
                    before.merge(Before::capture(&state.hb, paths, false, false));
                    pending.extend(paths.iter().cloned());
                }
                _ => state.pending = None,
            }
        }
        let mut diags = Diagnostics::default();
        let (hb, resolver) = match self.cache.assemble(&self.root, options, &mut diags) {
            Some(loaded) => crate::resolve::resolve_keeping(loaded, &mut diags),
            None => return Err(diags.sorted()),
        };
        crate::checks::check(&hb, &mut diags);
        if diags.has_errors() {
            if let Some(state) = self.state.as_mut() {
                state.stale = true;
            }
            return Err(diags.sorted().into_iter().filter(|d| d.severity == Severity::Error).collect());
        }
        let mut hb = hb;
        if let Some(base) = &self.base_url {
            hb.config.base_url = Some(base.clone());
        }
        match self.state.as_mut() {
            Some(state) => {
                state.hb = hb;
                state.resolver = resolver;
                state.errors.clear();
                state.stale = false;
            }
            None => {
                let mut render_diags = Diagnostics::default();
                let session = Session::start(&hb, &mut render_diags).ok_or_else(|| render_diags.sorted())?;
                let pending = Some((Vec::new(), Before::at(&hb)));
                self.state = Some(State { hb, resolver, errors: Vec::new(), stale: false, session, pending });
            }
        }
        Ok(())
    }
}

/// Only the body changed, and nothing of it that another page shows: the
/// front matter is the same to the byte (so is every field), and so are the
/// headings (titles, anchors) and where the links lead (back-links, the
/// projects an update mentions). Such an edit shows on the entity's own page
/// alone, and in the feed.
fn body_only(old_text: &str, old: &Body, new_text: &str, new: &Body) -> bool {
    old_text.get(..old.range.start) == new_text.get(..new.range.start)
        && old.headings == new.headings
        && old.links.len() == new.links.len()
        && old.links.iter().zip(&new.links).all(|(a, b)| a.kind == b.kind && a.dest == b.dest)
}
