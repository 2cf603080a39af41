//! Reads a content directory into a `Handbook` of typed entities, each file
//! parsed on its own; resolve then ties them together.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use walkdir::WalkDir;

use crate::config::{self, Config};
use crate::diagnostics::Diagnostics;
use crate::model::{Area, Ceremony, Entity, Handbook, OWNERSHIP_FILE, Page, Person, Project, Role, Update};
use crate::source::{FileId, SourceFile, decode};

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
const FLAT_FOLDERS: [&str; 4] = ["roles", "people", "ceremonies", "projects"];

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
    let mut files = Vec::new();
    let config_file = read_file(root, config::FILE_NAME, &mut files, diags)?;
    let config = Config::read(&files[config_file], diags);

    let mut by_path = HashMap::new();
    let mut hb = Handbook {
        root: root.to_path_buf(),
        files: Vec::new(),
        now: options.now,
        today: options.now.to_zoned_datetime(config.timezone.tz.clone()).date(),
        config,
        ownership_file: None,
        roles: Vec::new(),
        people: Vec::new(),
        areas: Vec::new(),
        ceremonies: Vec::new(),
        projects: Vec::new(),
        updates: Vec::new(),
        pages: Vec::new(),
        statics: Vec::new(),
        linked_from: HashMap::new(),
    };

    for folder in FLAT_FOLDERS {
        for rel in walk(root, folder, false, diags) {
            let Some(stem) = markdown_stem(&rel, folder, diags) else {
                continue;
            };
            let Some(file) = read_file(root, &rel, &mut files, diags) else {
                continue;
            };
            let entity = match folder {
                "roles" => push(&mut hb.roles, Role::read(&files, file, stem, diags), Entity::Role),
                "people" => push(&mut hb.people, Person::read(&files, file, stem, diags), Entity::Person),
                "ceremonies" => {
                    let c = Ceremony::read(&files, file, stem, &hb.config.timezone, diags);
                    push(&mut hb.ceremonies, c, Entity::Ceremony)
                }
                _ => {
                    push(&mut hb.projects, Project::read(&files, file, stem, &hb.config.stages, diags), Entity::Project)
                }
            };
            by_path.insert(rel.clone(), entity);
        }
    }

    co_leads_first(&mut hb.roles, &mut by_path);

    for rel in walk(root, "updates", true, diags) {
        let Some(path) = markdown_stem(&rel, "updates", diags) else {
            continue;
        };
        let Some(file) = read_file(root, &rel, &mut files, diags) else {
            continue;
        };
        let update = Update::read(&files, file, path, diags);
        by_path.insert(rel.clone(), push(&mut hb.updates, update, Entity::Update));
    }

    let mut drafts = Vec::new();
    for rel in walk(root, "pages", true, diags) {
        let Some(path) = markdown_stem(&rel, "pages", diags) else {
            continue;
        };
        let (path, is_index) = match path.strip_suffix("_index") {
            Some(dir) => (dir.trim_end_matches('/'), true),
            None => (path, false),
        };
        let Some(file) = read_file(root, &rel, &mut files, diags) else {
            continue;
        };
        let page = Page::read(&files, file, path, is_index, diags);
        if page.draft && !options.drafts {
            drafts.push(page.path);
            continue;
        }
        by_path.insert(rel.clone(), push(&mut hb.pages, page, Entity::Page));
    }

    if root.join(OWNERSHIP_FILE).exists()
        && let Some(file) = read_file(root, OWNERSHIP_FILE, &mut files, diags)
    {
        hb.areas = Area::read_all(&files, file, diags);
        hb.ownership_file = Some(file);
    }

    hb.statics = walk(root, "static", true, diags)
        .into_iter()
        .filter_map(|rel| rel.strip_prefix("static/").map(str::to_string))
        .collect();

    hb.files = files;
    Some(Loaded { handbook: hb, by_path, drafts })
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
fn markdown_stem<'a>(rel: &'a str, folder: &str, diags: &mut Diagnostics) -> Option<&'a str> {
    let inner = rel.strip_prefix(folder)?.strip_prefix('/')?;
    match inner.strip_suffix(".md") {
        Some(stem) => Some(stem),
        None => {
            let hint = if inner.contains('/') && FLAT_FOLDERS.contains(&folder) {
                format!("{folder}/ is read one level deep")
            } else {
                "only .md files are read here; files to publish as they are go under static/".to_string()
            };
            diags.warning_at_path(rel, "file ignored").hint(hint);
            None
        }
    }
}

fn read_file(root: &Path, rel: &str, files: &mut Vec<SourceFile>, diags: &mut Diagnostics) -> Option<FileId> {
    let bytes = match fs::read(root.join(rel)) {
        Ok(b) => b,
        Err(e) => {
            diags.error_at_path(rel, format!("cannot read file: {}", e.kind()));
            return None;
        }
    };
    let file = decode(rel, bytes, diags)?;
    files.push(file);
    Some(files.len() - 1)
}

/// The files under `root/folder`, as sorted `/`-separated paths relative to
/// root. Hidden and editor temporary files are skipped; symlinks are followed
/// only while they stay inside the handbook.
fn walk(root: &Path, folder: &str, recursive: bool, diags: &mut Diagnostics) -> Vec<String> {
    let dir = root.join(folder);
    if !dir.is_dir() {
        return Vec::new();
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut out = Vec::new();
    let walker = WalkDir::new(&dir).follow_links(true).sort_by_file_name().min_depth(1);
    let walker = if recursive { walker } else { walker.max_depth(1) };
    let mut it = walker.into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel = e.path().map_or_else(|| folder.to_string(), |p| relative(root, p));
                let message =
                    if e.loop_ancestor().is_some() { "symlink loop".to_string() } else { format!("cannot read: {e}") };
                diags.error_at_path(&rel, message);
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if is_ignored(&name) {
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        let rel = relative(root, entry.path());
        if entry.path_is_symlink() {
            let inside = entry.path().canonicalize().is_ok_and(|target| target.starts_with(&canonical_root));
            if !inside {
                diags
                    .error_at_path(&rel, "symlink points outside the handbook")
                    .hint("copy the file into the handbook instead");
                if entry.file_type().is_dir() {
                    it.skip_current_dir();
                }
                continue;
            }
        }
        if entry.file_type().is_file() {
            out.push(rel);
        } else if entry.file_type().is_dir() && !recursive {
            diags.warning_at_path(&rel, "folder ignored").hint(format!("{folder}/ is read one level deep"));
        }
    }
    out
}

/// Hidden files, and the temporary files editors leave beside the ones they save.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
