//! Reads a content directory into a `Handbook` of typed entities. Each file
//! is parsed on its own and kept in a `Cache`, so that a rebuild (in `serve`)
//! re-reads only the files that changed; resolve then ties them together.

mod gitbook;
mod walk;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use jiff::Timestamp;
use rayon::prelude::*;
use walk::walk;
pub use walk::{is_ignored, is_published_hidden};

use crate::config::{self, Config};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::{
    Area, Ceremony, Decision, Duty, Entity, Goal, Handbook, ONE_ON_ONES_FILE, OWNERSHIP_FILE, OneOnOnes, Page, Person,
    Project, Role, StaticFile, Update, folder_page, folder_page_rank,
};
use crate::source::{SourceFile, decode};

/// What the caller decides about a load.
#[derive(Debug, Clone)]
pub struct Options {
    /// Include pages marked `draft = true`.
    pub drafts: bool,
    /// "Now", for checks such as `review_by` and for alumni; the handbook's
    /// today is its date in the team's time zone.
    pub now: Timestamp,
}

/// The content folders whose Markdown files are one entity each.
const FLAT_FOLDERS: [&str; 7] = ["roles", "people", "ceremonies", "projects", "decisions", "goals", "duties"];

/// The content folders read recursively.
const DEEP_FOLDERS: [&str; 3] = ["updates", "pages", "static"];

/// Whether a top-level folder of a handbook holds content teambook reads.
pub fn is_content_folder(name: &str) -> bool {
    FLAT_FOLDERS.contains(&name) || DEEP_FOLDERS.contains(&name)
}

/// The handbook's root: the nearest directory from `start` upward holding `teambook.toml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start.ancestors().find(|dir| dir.join(config::FILE_NAME).is_file()).map(Path::to_path_buf)
}

/// The result of loading: the handbook and, for resolve, where each content file went.
pub struct Loaded {
    pub handbook: Handbook,
    /// Content file path (relative to root) → the entity it defines.
    pub by_path: HashMap<String, Entity>,
    /// Draft pages left out of this build, by their path under `pages/`.
    pub drafts: Vec<String>,
}

/// Loads everything under `root`. `None` only when `teambook.toml` cannot be read.
pub fn load(root: &Path, options: &Options, diags: &mut Diagnostics) -> Option<Loaded> {
    let mut cache = Cache::default();
    cache.refresh(root, None);
    cache.into_loaded(root, options, diags)
}

/// Every file of the handbook, parsed, as of the last refresh.
#[derive(Default)]
pub struct Cache {
    entries: BTreeMap<String, Entry>,
    /// Problems found while walking folders (symlinks, ignored folders).
    walk: Vec<Diagnostic>,
}

struct Entry {
    /// Size and modification time when read: unchanged files are not re-read.
    stamp: Option<Stamp>,
    source: Option<Arc<SourceFile>>,
    item: Item,
    diags: Vec<Diagnostic>,
}

#[derive(Clone)]
enum Item {
    Config(Box<Config>),
    Role(Box<Role>),
    Person(Box<Person>),
    Ceremony(Box<Ceremony>),
    Project(Box<Project>),
    Goal(Box<Goal>),
    Update(Box<Update>),
    Page(Box<Page>),
    Decision(Box<Decision>),
    Duty(Box<Duty>),
    Areas(Vec<Area>),
    OneOnOnes(Box<OneOnOnes>),
    Static,
    /// Unreadable, not UTF-8, or not content: only its diagnostics count.
    Nothing,
}

impl Item {
    /// Whether reading it depends on teambook.toml (every Markdown file does).
    fn reads_config(&self) -> bool {
        matches!(
            self,
            Item::Role(_)
                | Item::Person(_)
                | Item::Ceremony(_)
                | Item::Project(_)
                | Item::Goal(_)
                | Item::Update(_)
                | Item::Page(_)
                | Item::Decision(_)
                | Item::Duty(_)
        )
    }
}

/// What a path is, from where it lies.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Place {
    Config,
    Ownership,
    OneOnOnes,
    Flat(&'static str),
    Update,
    Page,
    Static,
    Outside,
}

fn place(rel: &str) -> Place {
    if rel == config::FILE_NAME {
        return Place::Config;
    }
    if rel == OWNERSHIP_FILE {
        return Place::Ownership;
    }
    if rel == ONE_ON_ONES_FILE {
        return Place::OneOnOnes;
    }
    let (top, _) = rel.split_once('/').unwrap_or((rel, ""));
    match top {
        "updates" => Place::Update,
        "pages" => Place::Page,
        "static" => Place::Static,
        _ => FLAT_FOLDERS.iter().find(|f| **f == top).map_or(Place::Outside, |f| Place::Flat(f)),
    }
}

impl Cache {
    /// Brings the cache up to date with the disk: every file (a walk, which
    /// re-reads only files whose size or time changed), or only the paths
    /// given (files or folders, relative to the root), as a watcher reports them.
    pub fn refresh(&mut self, root: &Path, changed: Option<&[String]>) {
        let old_config = self.config_text();
        let had_dependents = self.entries.values().any(|e| e.item.reads_config());
        match changed {
            None => {
                let mut diags = Diagnostics::default();
                let mut seen = BTreeSet::new();
                for rel in [config::FILE_NAME, OWNERSHIP_FILE, ONE_ON_ONES_FILE] {
                    if root.join(rel).exists() {
                        seen.insert(rel.to_string());
                    }
                }
                for folder in FLAT_FOLDERS {
                    seen.extend(walk(root, folder, false, &mut diags));
                }
                for folder in DEEP_FOLDERS {
                    seen.extend(walk(root, folder, true, &mut diags));
                }
                self.walk = diags.take();
                self.entries.retain(|rel, _| seen.contains(rel));
                // The configuration first: ceremonies and projects read it.
                self.update(root, config::FILE_NAME);
                // Files are read and parsed in parallel; each stands alone.
                let read: Vec<(String, Entry)> = seen
                    .par_iter()
                    .filter_map(|rel| {
                        let stamp = stamp_of(&root.join(rel));
                        let fresh = stamp.is_none() || self.entries.get(rel).is_none_or(|e| e.stamp != stamp);
                        // Files in folders were found by the walks; the two at the root were not.
                        fresh.then(|| (rel.clone(), self.read(root, rel, stamp, rel.contains('/'))))
                    })
                    .collect();
                self.entries.extend(read);
            }
            Some(paths) => {
                let config_first = paths.iter().filter(|p| p.as_str() == config::FILE_NAME);
                for rel in config_first.chain(paths.iter().filter(|p| p.as_str() != config::FILE_NAME)) {
                    let abs = root.join(rel);
                    let under = format!("{rel}/");
                    if abs.is_dir() {
                        let top = rel.split('/').next().unwrap_or(rel);
                        let recursive = !FLAT_FOLDERS.contains(&top) || rel.contains('/');
                        let mut diags = Diagnostics::default();
                        let found: BTreeSet<String> = walk(root, rel, recursive, &mut diags).into_iter().collect();
                        self.entries.retain(|k, _| !k.starts_with(&under) || found.contains(k));
                        for f in &found {
                            self.update(root, f);
                        }
                    } else if abs.exists() {
                        self.update(root, rel);
                    } else {
                        self.entries.retain(|k, _| k != rel && !k.starts_with(&under));
                    }
                }
            }
        }
        // Markdown files read teambook.toml (the default time zone, the
        // board's stages, the foreign keys accepted): when it changes, or
        // appears after they were read (a handbook copied back in place),
        // they are read again.
        if (old_config.is_some() || had_dependents) && self.config_text() != old_config {
            self.reparse_dependents();
        }
    }

    fn config_text(&self) -> Option<String> {
        self.entries.get(config::FILE_NAME).and_then(|e| e.source.as_ref()).map(|s| s.text.clone())
    }

    fn config(&self) -> Option<&Config> {
        match self.entries.get(config::FILE_NAME).map(|e| &e.item) {
            Some(Item::Config(c)) => Some(c),
            _ => None,
        }
    }

    /// Re-reads one file if it changed since it was read.
    fn update(&mut self, root: &Path, rel: &str) {
        let stamp = stamp_of(&root.join(rel));
        if stamp.is_some() && self.entries.get(rel).is_some_and(|e| e.stamp == stamp) {
            return;
        }
        let entry = self.read(root, rel, stamp, false);
        self.entries.insert(rel.to_string(), entry);
    }

    /// Reads and parses one file. `walked`: it was just found by walking its
    /// folder, which refused any symlink leading out of the handbook.
    fn read(&self, root: &Path, rel: &str, stamp: Option<Stamp>, walked: bool) -> Entry {
        let mut diags = Diagnostics::default();
        let place = place(rel);
        if place == Place::Outside || (place != Place::Config && !walked && !inside(root, rel)) {
            if place != Place::Outside {
                diags
                    .report_path(Code::Symlink, rel, "symlink points outside the handbook")
                    .hint("copy the file into the handbook instead");
            }
            return Entry { stamp, source: None, item: Item::Nothing, diags: diags.take() };
        }
        let hidden = rel.split('/').any(|part| part.starts_with('.'));
        if place == Place::Static || (matches!(place, Place::Page | Place::Update) && (!rel.ends_with(".md") || hidden))
        {
            // `Guide.MD`: pages end in `.md`, as ids and links are made from them.
            if place != Place::Static
                && !hidden
                && rel.rsplit_once('.').is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("md"))
            {
                diags
                    .report_path(
                        Code::IgnoredFile,
                        rel,
                        "published as a file, not read as a page: its extension is not `.md`",
                    )
                    .hint("rename it with a lower-case .md to make it a page");
            }
            return Entry { stamp, source: None, item: Item::Static, diags: diags.take() };
        }
        let Some(name) = entity_name(rel, place, &mut diags) else {
            return Entry { stamp, source: None, item: Item::Nothing, diags: diags.take() };
        };
        let source = match fs::read(root.join(rel)) {
            Ok(bytes) => decode(rel, bytes, &mut diags).map(Arc::new),
            Err(e) => {
                diags
                    .report_path(Code::Unreadable, rel, format!("cannot read file: {}", e.kind()))
                    .hint("check the file's permissions");
                None
            }
        };
        let item = match &source {
            Some(s) => self.parse(s, place, name, &mut diags),
            None => Item::Nothing,
        };
        Entry { stamp, source, item, diags: diags.take() }
    }

    /// Reads `bytes` as if they were the file at `rel` (a Markdown file in a
    /// content folder, `ownership.toml` or `teambook.toml`) and returns the
    /// problems found: decoding, front matter and fields. The fuzz targets'
    /// entry point; the disk is never touched.
    pub fn read_bytes(&self, rel: &str, bytes: Vec<u8>) -> Vec<Diagnostic> {
        let mut diags = Diagnostics::default();
        let place = place(rel);
        if let (Some(name), Some(source)) = (entity_name(rel, place, &mut diags), decode(rel, bytes, &mut diags)) {
            self.parse(&source, place, name, &mut diags);
        }
        diags.take()
    }

    fn parse(&self, source: &SourceFile, place: Place, name: &str, diags: &mut Diagnostics) -> Item {
        let default_config;
        let config = match self.config() {
            Some(c) => c,
            None => {
                default_config = Config::read(
                    &SourceFile::new(config::FILE_NAME, "title = \"\"".into()),
                    &mut Diagnostics::default(),
                );
                &default_config
            }
        };
        match place {
            Place::Config => Item::Config(Box::new(Config::read(source, diags))),
            Place::Ownership => Item::Areas(Area::read_all(source, diags)),
            Place::OneOnOnes => Item::OneOnOnes(Box::new(OneOnOnes::read(source, diags))),
            Place::Flat("roles") => Item::Role(Box::new(Role::read(source, name, config, diags))),
            Place::Flat("people") => Item::Person(Box::new(Person::read(source, name, config, diags))),
            Place::Flat("ceremonies") => Item::Ceremony(Box::new(Ceremony::read(source, name, config, diags))),
            Place::Flat("decisions") => Item::Decision(Box::new(Decision::read(source, name, config, diags))),
            Place::Flat("duties") => Item::Duty(Box::new(Duty::read(source, name, config, diags))),
            Place::Flat("goals") => Item::Goal(Box::new(Goal::read(source, name, config, diags))),
            Place::Flat(_) => Item::Project(Box::new(Project::read(source, name, config, diags))),
            Place::Update => Item::Update(Box::new(Update::read(source, name, config, diags))),
            Place::Page => {
                let (path, is_index) = folder_page(name);
                Item::Page(Box::new(Page::read(source, path, is_index, config, diags)))
            }
            Place::Static | Place::Outside => Item::Nothing,
        }
    }

    /// Reads every Markdown file again, from memory, after teambook.toml changed.
    fn reparse_dependents(&mut self) {
        let read: Vec<(String, Item, Vec<Diagnostic>)> = self
            .entries
            .par_iter()
            .filter(|(_, e)| e.item.reads_config())
            .filter_map(|(rel, entry)| {
                let source = entry.source.as_ref()?;
                let mut diags = Diagnostics::default();
                let place = place(rel);
                let name = entity_name(rel, place, &mut diags)?;
                let item = self.parse(source, place, name, &mut diags);
                Some((rel.clone(), item, diags.take()))
            })
            .collect();
        for (rel, item, diags) in read {
            if let Some(entry) = self.entries.get_mut(&rel) {
                entry.item = item;
                entry.diags = diags;
            }
        }
    }

    /// The entity a Markdown file defines, as read, with its source and the
    /// problems found reading it; `None` for other files.
    pub fn fresh(&self, rel: &str) -> Option<(crate::resolve::Fresh, Arc<SourceFile>, Vec<Diagnostic>)> {
        use crate::resolve::Fresh;
        let entry = self.entries.get(rel)?;
        let fresh = match &entry.item {
            Item::Role(x) => Fresh::Role((**x).clone()),
            Item::Person(x) => Fresh::Person((**x).clone()),
            Item::Ceremony(x) => Fresh::Ceremony((**x).clone()),
            Item::Project(x) => Fresh::Project((**x).clone()),
            Item::Goal(x) => Fresh::Goal((**x).clone()),
            Item::Update(x) => Fresh::Update((**x).clone()),
            Item::Page(x) => Fresh::Page((**x).clone()),
            Item::Decision(x) => Fresh::Decision((**x).clone()),
            Item::Duty(x) => Fresh::Duty((**x).clone()),
            _ => return None,
        };
        Some((fresh, entry.source.clone()?, entry.diags.clone()))
    }

    /// A handbook from what is cached (copied out: the cache stays whole for
    /// the next rebuild). `None` when there is no teambook.toml.
    pub fn assemble(&self, root: &Path, options: &Options, diags: &mut Diagnostics) -> Option<Loaded> {
        let entries =
            self.entries.iter().map(|(rel, e)| (rel.clone(), e.source.clone(), e.item.clone(), e.diags.clone()));
        assemble(self.walk.clone(), entries, root, options, diags)
    }

    /// The same, moving everything out of a cache that is not needed again
    /// (a one-off build: copying every parsed file would cost a tenth of it).
    pub fn into_loaded(self, root: &Path, options: &Options, diags: &mut Diagnostics) -> Option<Loaded> {
        let entries = self.entries.into_iter().map(|(rel, e)| (rel, e.source, e.item, e.diags));
        assemble(self.walk, entries, root, options, diags)
    }
}

/// A cached file: its path, text, what it parsed to, and its problems.
type Parts = (String, Option<Arc<SourceFile>>, Item, Vec<Diagnostic>);

fn assemble(
    walk: Vec<Diagnostic>,
    entries: impl Iterator<Item = Parts>,
    root: &Path,
    options: &Options,
    diags: &mut Diagnostics,
) -> Option<Loaded> {
    diags.extend(walk);
    let mut hb: Option<Handbook> = None;
    let mut config_seen = false;
    let mut rest = Vec::new();
    for parts in entries {
        if parts.0 == config::FILE_NAME {
            config_seen = true;
            let (_, source, item, found) = parts;
            diags.extend(found);
            if let (Some(source), Item::Config(config)) = (source, item) {
                let at = config.language_pos.map(|pos| (&*source, pos));
                let strings = crate::i18n::Strings::load(root, &config.language, at, diags);
                hb = Some(Handbook {
                    strings: std::sync::Arc::new(strings),
                    root: root.to_path_buf(),
                    files: vec![source],
                    now: options.now,
                    today: options.now.to_zoned_datetime(config.timezone.tz.clone()).date(),
                    config: *config,
                    ownership_file: None,
                    roles: Vec::new(),
                    people: Vec::new(),
                    areas: Vec::new(),
                    ceremonies: Vec::new(),
                    projects: Vec::new(),
                    goals: Vec::new(),
                    updates: Vec::new(),
                    pages: Vec::new(),
                    decisions: Vec::new(),
                    duties: Vec::new(),
                    one_on_ones: None,
                    statics: Vec::new(),
                    unreadable: Vec::new(),
                    linked_from: HashMap::new(),
                });
            }
        } else {
            rest.push(parts);
        }
    }
    let Some(mut hb) = hb else {
        if !config_seen {
            diags
                .report_path(Code::Unreadable, config::FILE_NAME, "cannot read teambook.toml")
                .hint("check the file's permissions");
        }
        return None;
    };
    let mut by_path = HashMap::new();
    let mut drafts = Vec::new();
    // What `exclude` leaves out is not content: neither read nor reported.
    rest.retain(|(rel, ..)| !hb.config.excludes(rel) && !gitbook::is_gitbook_file(rel));
    let losers = second_folder_pages(&rest, diags);
    for (rel, source, item, found) in rest {
        diags.extend(found);
        if losers.contains(&rel) {
            continue;
        }
        let file = hb.files.len();
        let read = source.is_some();
        if let Some(s) = source {
            hb.files.push(s);
        }
        let entity = match item {
            Item::Role(x) => push(&mut hb.roles, Role { doc: placed(x.doc, file), ..*x }, Entity::Role),
            Item::Person(x) => push(&mut hb.people, Person { doc: placed(x.doc, file), ..*x }, Entity::Person),
            Item::Ceremony(x) => {
                push(&mut hb.ceremonies, Ceremony { doc: placed(x.doc, file), ..*x }, Entity::Ceremony)
            }
            Item::Project(x) => push(&mut hb.projects, Project { doc: placed(x.doc, file), ..*x }, Entity::Project),
            Item::Goal(x) => push(&mut hb.goals, Goal { doc: placed(x.doc, file), ..*x }, Entity::Goal),
            Item::Update(x) => push(&mut hb.updates, Update { doc: placed(x.doc, file), ..*x }, Entity::Update),
            Item::Page(x) if x.draft && !options.drafts => {
                drafts.push(x.path);
                continue;
            }
            Item::Page(x) => push(&mut hb.pages, Page { doc: placed(x.doc, file), ..*x }, Entity::Page),
            Item::Decision(x) => push(&mut hb.decisions, Decision { doc: placed(x.doc, file), ..*x }, Entity::Decision),
            Item::Duty(x) => push(&mut hb.duties, Duty { doc: placed(x.doc, file), ..*x }, Entity::Duty),
            Item::Areas(areas) => {
                hb.areas = areas.into_iter().map(|a| Area { file, ..a }).collect();
                hb.ownership_file = Some(file);
                continue;
            }
            Item::OneOnOnes(x) => {
                hb.one_on_ones = Some(OneOnOnes { file, ..*x });
                continue;
            }
            Item::Static => {
                hb.statics.extend(StaticFile::at(&rel));
                continue;
            }
            Item::Nothing => {
                if !read {
                    hb.unreadable.extend(unread_id(&rel));
                }
                continue;
            }
            Item::Config(_) => continue,
        };
        by_path.insert(rel, entity);
    }
    gitbook::apply_summary(&mut hb, &by_path);
    gitbook::apply_redirects(&mut hb, &by_path);
    pages_for_folders(&mut hb);
    co_leads_first(&mut hb.roles, &mut by_path);
    Some(Loaded { handbook: hb, by_path, drafts })
}

/// The qualified id a Markdown content file would have had, from its path
/// alone (its front matter could not be read).
fn unread_id(rel: &str) -> Option<String> {
    let (top, rest) = rel.split_once('/')?;
    let stem = rest.strip_suffix(".md")?;
    match place(rel) {
        Place::Flat(_) if !stem.contains('/') => Some(format!("{top}/{stem}")),
        Place::Update => Some(format!("updates/{stem}")),
        Place::Page => Some(format!("pages/{}", folder_page(stem).0)).filter(|p| p != "pages/"),
        _ => None,
    }
}

/// A folder has one page of its own: when it has several (`index.md` and
/// `README.md`), the first of `FOLDER_PAGE_NAMES` is its page and each other
/// is an error. Returns the others, to be left out (one cause, one error).
fn second_folder_pages(entries: &[Parts], diags: &mut Diagnostics) -> HashSet<String> {
    let mut by_folder: BTreeMap<&str, Vec<(usize, &str)>> = BTreeMap::new();
    for (rel, _, item, _) in entries {
        if let Item::Page(page) = item
            && page.is_section_index
        {
            let stem = rel.rsplit('/').next().unwrap_or(rel).trim_end_matches(".md");
            by_folder.entry(page.path.as_str()).or_default().push((folder_page_rank(stem).unwrap_or(0), rel));
        }
    }
    let mut losers = HashSet::new();
    for (folder, mut files) in by_folder {
        files.sort();
        let Some(&(_, kept)) = files.first() else { continue };
        for &(_, rel) in &files[1..] {
            let shown = if folder.is_empty() { "pages/".to_string() } else { format!("pages/{folder}/") };
            diags
                .report_path(Code::MisplacedFile, rel, format!("{shown} has two pages of its own: {kept} and this one"))
                .hint(format!("a folder's page is its _index.md, index.md or README.md, one of them: merge this text into {kept}, or rename this file"));
            losers.insert(rel.to_string());
        }
    }
    losers
}

/// Every folder under `pages/` that holds a page but has no page of its own
/// gets one, listing what it holds, so that sections, the trail of a page
/// and links to folders all lead somewhere. Each stands on an empty file
/// named after its folder (`pages/tools/`), so that messages can name it.
fn pages_for_folders(hb: &mut Handbook) {
    // Folders are known by their address: `Categories/` and `categories/`
    // are one folder of the site, given one page (see render's sections).
    let slug = crate::urls::slug_path;
    let mut have: HashSet<String> = hb.pages.iter().filter(|p| p.is_section_index).map(|p| slug(&p.path)).collect();
    let mut need: BTreeSet<String> = BTreeSet::new();
    for page in &hb.pages {
        let mut dir = page.section.as_str();
        while !dir.is_empty() && have.insert(slug(dir)) {
            need.insert(dir.to_string());
            dir = dir.rsplit_once('/').map_or("", |(parent, _)| parent);
        }
    }
    // An old address of a page (an alias) wins over the listing teambook
    // would make there: the folder's address then leads to that page.
    let claimed = crate::urls::alias_files(hb);
    need.retain(|dir| !claimed.contains_key(&format!("{dir}/index.html")));
    for dir in need {
        let file = hb.files.len();
        hb.files.push(Arc::new(SourceFile::new(format!("pages/{dir}/"), String::new())));
        hb.pages.push(Page::for_folder(&dir, file));
    }
}

/// Size and modification time: what tells a changed file from an unchanged one.
type Stamp = (u64, Option<SystemTime>);

fn stamp_of(path: &Path) -> Option<Stamp> {
    fs::metadata(path).ok().map(|m| (m.len(), m.modified().ok()))
}

fn placed(doc: crate::model::Doc, file: usize) -> crate::model::Doc {
    crate::model::Doc { file, ..doc }
}

/// Whether a file, once symlinks are followed, is still inside the handbook.
fn inside(root: &Path, rel: &str) -> bool {
    let path = root.join(rel);
    let is_link = path.ancestors().take(rel.matches('/').count() + 1).any(|p| p.is_symlink());
    !is_link
        || match (root.canonicalize(), path.canonicalize()) {
            (Ok(r), Ok(p)) => p.starts_with(r),
            _ => false,
        }
}

/// Co-lead roles (those with a counterpart) come first wherever roles are
/// listed, each group in file order.
fn co_leads_first(roles: &mut Vec<Role>, by_path: &mut HashMap<String, Entity>) {
    let mut order: Vec<usize> = (0..roles.len()).collect();
    order.sort_by_key(|&i| roles[i].counterpart.is_none());
    let mut new_index = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Role>> = std::mem::take(roles).into_iter().map(Some).collect();
    *roles = order.iter().filter_map(|&i| slots[i].take()).collect();
    for e in by_path.values_mut() {
        if let Entity::Role(i) = e {
            *e = Entity::Role(new_index[*i]);
        }
    }
}

fn push<T>(list: &mut Vec<T>, item: T, entity: fn(usize) -> Entity) -> Entity {
    list.push(item);
    entity(list.len() - 1)
}

/// The path of a Markdown file under `folder`, without the folder and `.md`;
/// anything else there is reported as ignored.
/// The id-bearing name of a file in a content folder (its path under the
/// folder, without `.md`); `""` for the two TOML files; `None` (with a
/// warning) for files a content folder does not read: only Markdown is read.
fn entity_name<'a>(rel: &'a str, place: Place, diags: &mut Diagnostics) -> Option<&'a str> {
    match place {
        Place::Flat(f) => markdown_stem(rel, f, diags),
        Place::Update => markdown_stem(rel, "updates", diags),
        Place::Page => markdown_stem(rel, "pages", diags),
        _ => Some(""),
    }
}

fn markdown_stem<'a>(rel: &'a str, folder: &str, diags: &mut Diagnostics) -> Option<&'a str> {
    let inner = rel.strip_prefix(folder)?.strip_prefix('/')?;
    let file_stem = inner.rsplit('/').next().unwrap_or(inner).strip_suffix(".md");
    let hint = match inner.strip_suffix(".md") {
        _ if inner.contains('/') && FLAT_FOLDERS.contains(&folder) => format!("{folder}/ is read one level deep"),
        // A README says what a folder is for: it is not one of its entities.
        Some(_) if folder != "pages" && file_stem.is_some_and(|s| s.eq_ignore_ascii_case("readme")) => format!(
            "a README in {folder}/ is not one of its entities; put what it says in a page under pages/, which publishes it"
        ),
        Some(stem) => return Some(stem),
        None if inner.rsplit_once('.').is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("md")) => {
            "only .md files are read here, in lower case: rename it with a lower-case .md".to_string()
        }
        None => "only .md files are read here; files to publish as they are go under static/".to_string(),
    };
    diags.report_path(Code::IgnoredFile, rel, "file ignored").hint(hint);
    None
}
