//! Writes a rendered site to disk safely. The site is written into a staging
//! folder beside the output and swapped in whole, so a failed or interrupted
//! build leaves the previous output as it was. teambook never deletes a file
//! it did not write: it keeps a manifest of what it wrote, refuses an output
//! folder holding anything else, and carries `.git` and `CNAME` across builds
//! (a gh-pages worktree stays a worktree).

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::render::{Content, Site};

/// The list of files teambook wrote, kept in the output folder.
pub const MANIFEST: &str = ".teambook-manifest";

/// Entries of an output folder that are not teambook's but belong there.
const KEEP: [&str; 2] = [".git", "CNAME"];

/// Folders of a handbook besides its content (`load::is_content_folder`)
/// that an output folder must not be inside.
const NOT_OUTPUT: [&str; 4] = ["templates", "themes", "i18n", ".git"];

/// Why the output folder was refused, or what failed while writing.
#[derive(Debug)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn io_error(what: &str, path: &Path, e: io::Error) -> Refused {
    Refused(format!("cannot {what} {}: {e}", path.display()))
}

/// Where an output folder is, made absolute without requiring it to exist.
fn absolute(path: &Path) -> Result<PathBuf, Refused> {
    let abs = std::path::absolute(path).map_err(|e| io_error("resolve", path, e))?;
    // Resolve symlinks in the part that exists, then append the rest.
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for part in rest.into_iter().rev() {
        out.push(part);
    }
    Ok(normalize(&out))
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Checks that `out` may be written for the handbook at `root`.
pub fn check_target(root: &Path, out: &Path) -> Result<PathBuf, Refused> {
    let root = root.canonicalize().map_err(|e| io_error("resolve", root, e))?;
    let target = absolute(out)?;
    if target == root {
        return Err(Refused(format!(
            "{} is the handbook itself; choose an output folder such as {}/public",
            out.display(),
            out.display()
        )));
    }
    if root.starts_with(&target) {
        return Err(Refused(format!(
            "{} contains the handbook; choose a folder inside it (public) or beside it",
            out.display()
        )));
    }
    if let Ok(inner) = target.strip_prefix(&root)
        && let Some(first) = inner.components().next()
        && first.as_os_str().to_str().is_some_and(|c| crate::load::is_content_folder(c) || NOT_OUTPUT.contains(&c))
    {
        return Err(Refused(format!(
            "{} is inside the handbook's content; choose another folder, such as public",
            out.display()
        )));
    }
    if target.exists() && !target.is_dir() {
        return Err(Refused(format!("{} exists and is not a folder", out.display())));
    }
    Ok(target)
}

/// What is in an existing output folder: teambook's files (per its manifest),
/// entries to keep, and anything else, which makes the folder off limits.
/// Symlinks are neither: a link holds no data, and it is removed with the old
/// output without ever being followed, so its target is never touched.
struct Existing {
    /// What the previous build wrote, by its manifest.
    manifest: BTreeSet<String>,
    foreign: Vec<String>,
    keep: Vec<String>,
    /// Folders without write permission: the old output could not be removed.
    read_only: Vec<String>,
}

fn survey(target: &Path) -> Result<Existing, Refused> {
    let manifest: BTreeSet<String> = match fs::read_to_string(target.join(MANIFEST)) {
        Ok(text) => text.lines().map(str::to_string).collect(),
        Err(_) => BTreeSet::new(),
    };
    let (mut foreign, mut keep, mut read_only) = (Vec::new(), Vec::new(), Vec::new());
    let mut walker = walkdir::WalkDir::new(target).min_depth(1).sort_by_file_name().into_iter();
    while let Some(entry) = walker.next() {
        let entry = entry.map_err(|e| Refused(format!("cannot read {}: {e}", target.display())))?;
        let rel = entry.path().strip_prefix(target).unwrap_or(entry.path());
        let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        if entry.depth() == 1 && KEEP.contains(&rel.as_str()) {
            keep.push(rel);
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        let kind = entry.file_type();
        if kind.is_dir() && entry.metadata().is_ok_and(|m| m.permissions().readonly()) {
            read_only.push(rel);
        } else if !kind.is_dir() && !ours(&rel, kind.is_symlink(), || entry.metadata().ok().map(|m| m.len()), &manifest)
        {
            foreign.push(rel);
        }
    }
    if fs::metadata(target).is_ok_and(|m| m.permissions().readonly()) {
        read_only.insert(0, ".".to_string());
    }
    Ok(Existing { manifest, foreign, keep, read_only })
}

/// Whether a file of an old output (not a folder) is teambook's to remove:
/// listed in its manifest, the manifest itself, a symlink (removed as a link,
/// never followed), or an empty `.nojekyll` (what teambook writes itself).
fn ours(rel: &str, symlink: bool, len: impl FnOnce() -> Option<u64>, manifest: &BTreeSet<String>) -> bool {
    symlink || rel == MANIFEST || manifest.contains(rel) || (rel == ".nojekyll" && len() == Some(0))
}

/// A site being written beside its output folder, to be swapped in whole.
/// Files can be put while the site is still being rendered, from any thread,
/// so that a build never holds every page in memory. Dropped unfinished (a
/// template failed), it removes itself: the previous output is untouched.
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    keep: Vec<String>,
    /// The previous output's manifest: the files `finish` may remove.
    old_manifest: BTreeSet<String>,
    /// The first write that failed, reported by `finish`.
    failed: Mutex<Option<Refused>>,
    done: bool,
    /// Two builds into one folder take turns, each surveying the output and
    /// swapping a whole site in. The lock is on the parent folder, so it
    /// leaves no file behind, and the kernel releases it if the process dies.
    _lock: fs::File,
}

impl Staging {
    /// Takes the lock, refuses an output folder holding what teambook did not
    /// write, and creates the staging folder.
    pub fn begin(target: &Path) -> Result<Staging, Refused> {
        let parent = target.parent().ok_or_else(|| Refused(format!("{} has no parent folder", target.display())))?;
        let name = target.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        fs::create_dir_all(parent).map_err(|e| io_error("create", parent, e))?;
        let lock = fs::File::open(parent).map_err(|e| io_error("open", parent, e))?;
        lock.lock().map_err(|e| io_error("lock", parent, e))?;
        let existing = if target.exists() { Some(survey(target)?) } else { None };
        if let Some(e) = &existing
            && !e.foreign.is_empty()
        {
            let shown: Vec<&str> = e.foreign.iter().take(5).map(String::as_str).collect();
            let more = if e.foreign.len() > 5 { format!(" and {} more", e.foreign.len() - 5) } else { String::new() };
            return Err(Refused(format!(
                "{} holds files teambook did not write ({}{more}); teambook never deletes those: empty the folder or choose another",
                target.display(),
                shown.join(", ")
            )));
        }
        if let Some(dir) = existing.as_ref().and_then(|e| e.read_only.first()) {
            return Err(Refused(format!(
                "{}/{dir} is read-only, so the previous output could not be replaced; make it writable (chmod -R u+w {})",
                target.display(),
                target.display()
            )));
        }
        let dir = parent.join(format!(".{name}.teambook-staging-{}", std::process::id()));
        if dir.exists() {
            // Left by a killed build that had our process id: only ever ours.
            fs::remove_dir_all(&dir).map_err(|e| io_error("clear", &dir, e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| io_error("create", &dir, e))?;
        let (keep, old_manifest) = existing.map(|e| (e.keep, e.manifest)).unwrap_or_default();
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            keep,
            old_manifest,
            failed: Mutex::new(None),
            done: false,
            _lock: lock,
        })
    }

    /// Writes one file of the site; a failure is kept for `finish` to report.
    pub fn put(&self, rel: &str, bytes: &[u8]) {
        let written = self.place(rel).and_then(|path| fs::write(&path, bytes).map_err(|e| io_error("write", &path, e)));
        self.keep_failure(written);
    }

    /// Copies a file of the handbook (from `static/`) into the site.
    fn copy(&self, rel: &str, from: &Path) {
        let copied =
            self.place(rel).and_then(|path| fs::copy(from, &path).map(|_| ()).map_err(|e| io_error("copy", from, e)));
        self.keep_failure(copied);
    }

    /// Where a file of the site goes in the staging folder, its folder made.
    fn place(&self, rel: &str) -> Result<PathBuf, Refused> {
        let path = self.dir.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| io_error("create", dir, e))?;
        }
        Ok(path)
    }

    fn keep_failure(&self, result: Result<(), Refused>) {
        if let Err(e) = result
            && let Ok(mut failed) = self.failed.lock()
        {
            failed.get_or_insert(e);
        }
    }

    /// Writes the rest of the site (the files `put` has not written) and the
    /// manifest, then swaps the staged site in. Returns the number of files.
    pub fn finish(mut self, site: &Site) -> Result<usize, Refused> {
        site.files.par_iter().for_each(|(rel, content)| match content {
            Content::Bytes(bytes) => self.put(rel, bytes),
            Content::Copy(from) => self.copy(rel, from),
        });
        if let Some(e) = self.failed.lock().ok().and_then(|mut f| f.take()) {
            return Err(e);
        }
        let mut manifest: Vec<&str> = site.files.keys().chain(&site.written).map(String::as_str).collect();
        // The manifest is one path a line: a path holding a line break would
        // be read back as other paths, which a later build would remove.
        // `load` refuses such names; this keeps the manifest true regardless.
        if let Some(bad) = manifest.iter().find(|p| p.chars().any(char::is_control)) {
            return Err(Refused(format!("cannot record {bad:?} in {MANIFEST}: it holds a control character")));
        }
        manifest.push(MANIFEST);
        manifest.sort_unstable();
        fs::write(self.dir.join(MANIFEST), manifest.join("\n") + "\n").map_err(|e| io_error("write", &self.dir, e))?;
        swap(&self.target, &self.dir, &self.keep, &self.old_manifest, site)?;
        self.done = true;
        Ok(site.files.len() + site.written.len())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done && self.dir.exists() {
            // Only our own staging folder: it holds nothing but what we wrote.
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Puts the staged site in place of the old output, carrying over `.git` and
/// `CNAME`, then removes the old output (which by now holds only our files).
fn swap(
    target: &Path,
    staging: &Path,
    keep: &[String],
    old_manifest: &BTreeSet<String>,
    site: &Site,
) -> Result<(), Refused> {
    if !target.exists() {
        return fs::rename(staging, target).map_err(|e| io_error("move into place", target, e));
    }
    for k in keep {
        if site.files.contains_key(k) {
            return Err(Refused(format!(
                "{}/{k} was not written by teambook, and the site has its own {k} (from static/); remove one of them",
                target.display()
            )));
        }
        fs::rename(target.join(k), staging.join(k)).map_err(|e| io_error("carry over", &target.join(k), e))?;
    }
    let name = target.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let old = target.with_file_name(format!(".{name}.teambook-old-{}", std::process::id()));
    fs::rename(target, &old).map_err(|e| io_error("move aside", target, e))?;
    if let Err(e) = fs::rename(staging, target) {
        // Put the old site back rather than leave nothing.
        let _ = fs::rename(&old, target);
        return Err(io_error("move into place", target, e));
    }
    // The old folder held only files listed in its manifest (checked before);
    // each is checked again as it is removed, so that a file added meanwhile
    // is never lost.
    match remove_ours(&old, "", old_manifest) {
        Ok(kept) if kept.is_empty() => Ok(()),
        Ok(kept) => Err(Refused(format!(
            "files appeared in the previous output during the build ({}); they were kept at {}",
            kept.iter().take(5).map(String::as_str).collect::<Vec<_>>().join(", "),
            old.display()
        ))),
        Err(e) => Err(io_error("remove", &old, e)),
    }
}

/// Removes from `dir` (at `rel` in the old output) the files that are
/// teambook's (`ours`), folders in parallel, and `dir` itself once empty.
/// Returns the files it kept: those teambook did not write.
fn remove_ours(dir: &Path, rel: &str, manifest: &BTreeSet<String>) -> io::Result<Vec<String>> {
    let entries = fs::read_dir(dir)?.collect::<io::Result<Vec<_>>>()?;
    let kept = entries
        .par_iter()
        .map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if rel.is_empty() { name } else { format!("{rel}/{name}") };
            let kind = entry.file_type()?;
            if kind.is_dir() {
                return remove_ours(&entry.path(), &rel, manifest);
            }
            if ours(&rel, kind.is_symlink(), || entry.metadata().ok().map(|m| m.len()), manifest) {
                fs::remove_file(entry.path())?;
                Ok(Vec::new())
            } else {
                Ok(vec![rel])
            }
        })
        .collect::<io::Result<Vec<Vec<String>>>>()?;
    let kept: Vec<String> = kept.into_iter().flatten().collect();
    if kept.is_empty() {
        fs::remove_dir(dir)?;
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::fs;

    use super::{Staging, remove_ours};
    use crate::render::{Content, Site};

    /// A path with a line break would be recorded as two other paths, which
    /// the next build would remove: it is refused, the old output kept.
    #[test]
    fn a_path_with_a_line_break_is_never_recorded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("public");
        fs::create_dir_all(&target).expect("folder");
        fs::write(target.join("a"), "mine").expect("write");
        fs::write(target.join(super::MANIFEST), "a\n").expect("manifest");
        let site =
            Site { files: [("a\nb.png".to_string(), Content::bytes(b"png".to_vec()))].into(), written: Vec::new() };
        let err = Staging::begin(&target).expect("begin").finish(&site).expect_err("refused");
        assert!(err.0.contains("\"a\\nb.png\""), "{err}");
        assert_eq!(fs::read_to_string(target.join("a")).expect("kept"), "mine");
    }

    #[test]
    fn removing_the_old_output_keeps_what_teambook_did_not_write() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = dir.path().join("old");
        for (rel, text) in [("index.html", "x"), ("updates/2026/a.html", "x"), ("updates/2026/new.txt", "mine")] {
            let path = old.join(rel);
            fs::create_dir_all(path.parent().expect("parent")).expect("folder");
            fs::write(path, text).expect("write");
        }
        fs::create_dir_all(old.join("empty")).expect("folder");
        let manifest: BTreeSet<String> = ["index.html", "updates/2026/a.html"].map(String::from).into();

        let kept = remove_ours(&old, "", &manifest).expect("removed");
        assert_eq!(kept, ["updates/2026/new.txt"]);
        assert_eq!(fs::read_to_string(old.join("updates/2026/new.txt")).expect("kept"), "mine");
        assert!(!old.join("index.html").exists() && !old.join("updates/2026/a.html").exists());
        assert!(!old.join("empty").exists());

        fs::remove_file(old.join("updates/2026/new.txt")).expect("remove");
        assert!(remove_ours(&old, "", &manifest).expect("removed").is_empty());
        assert!(!old.exists());
    }
}
