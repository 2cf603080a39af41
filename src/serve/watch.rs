//! File events from the content directory, filtered and debounced into
//! rebuild requests. Editors that save by rename (vim, JetBrains) produce
//! create/remove/rename events: all of them count, and only the paths matter.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::ModifyKind;
use notify::{Config, Event, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

use crate::load::{is_ignored, is_published_hidden};

/// What a batch of events asks for.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Batch {
    /// Changed paths that matter, relative to the root.
    pub paths: Vec<String>,
    /// The watcher lost track (overflow): everything must be re-read.
    pub rescan: bool,
}

/// Top-level entries of a handbook, besides its content folders
/// (`load::is_content_folder`), whose changes mean a rebuild.
const WATCHED: [&str; 5] = ["teambook.toml", "ownership.toml", "templates", "themes", "i18n"];

/// Whether a changed path can affect the site: under a content folder, not
/// hidden (but for `static/.well-known/`), not an editor's temporary file.
pub fn relevant(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
    let first = parts.next()?;
    if !WATCHED.contains(&first.as_str()) && !crate::load::is_content_folder(&first) {
        return None;
    }
    let rest: Vec<String> = parts.collect();
    if rest.iter().enumerate().any(|(i, p)| is_ignored(p) && !is_published_hidden(&first, i + 1, p)) {
        return None;
    }
    Some(std::iter::once(first).chain(rest).collect::<Vec<_>>().join("/"))
}

/// The raw events of a watcher.
pub type Events = Receiver<notify::Result<Event>>;

/// Starts watching `root`; events arrive on the returned receiver. Keep the
/// watcher alive as long as events are wanted.
pub fn start(root: &Path, poll: bool) -> Result<(Box<dyn Watcher + Send>, Events), String> {
    let (tx, rx) = mpsc::channel();
    let mut watcher: Box<dyn Watcher + Send> = if poll {
        let config = Config::default().with_poll_interval(Duration::from_millis(500)).with_compare_contents(true);
        Box::new(PollWatcher::new(tx, config).map_err(|e| format!("cannot watch {}: {e}", root.display()))?)
    } else {
        Box::new(
            RecommendedWatcher::new(tx, Config::default())
                .map_err(|e| format!("cannot watch {}: {e}", root.display()))?,
        )
    };
    watcher
        .watch(root, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e} (try --poll)", root.display()))?;
    Ok((watcher, rx))
}

/// Delivers batches of changes (`None`: re-read everything) for as long as
/// `deliver` returns true. When the root folder itself is deleted, or
/// replaced by a new folder of the same name (a restore, `rm -rf` and a fresh
/// clone), the old watch sees nothing more: the build is told (it fails and
/// the last good site stays up), the root is waited for, and the new folder
/// is watched and read again whole.
pub fn follow(
    root: &Path,
    poll: bool,
    (mut watcher, mut events): (Box<dyn Watcher + Send>, Events),
    debounce: Debounce,
    deliver: impl Fn(Option<Vec<String>>) -> bool,
) {
    let mut watched = identity(root);
    while let Some(batch) = next_batch(root, &events, debounce) {
        if identity(root) == watched {
            if !deliver(if batch.rescan { None } else { Some(batch.paths) }) {
                return;
            }
            continue;
        }
        if !deliver(None) {
            return;
        }
        drop(watcher);
        (watcher, events) = loop {
            std::thread::sleep(Duration::from_millis(100));
            if identity(root).is_some()
                && let Ok(w) = start(root, poll)
            {
                break w;
            }
        };
        watched = identity(root);
        if !deliver(None) {
            return;
        }
    }
}

/// Which folder a path names now: its device and inode, where there are such.
fn identity(root: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(root).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        meta.is_dir().then_some((0, 0))
    }
}

/// How long to wait for more events before building.
#[derive(Clone, Copy)]
pub struct Debounce {
    /// After a save of a few files: short, so a save shows at once.
    pub quiet: Duration,
    /// Once a burst is under way (more than `burst` files, as in a `git
    /// checkout`): long enough that the burst makes one build.
    pub burst_quiet: Duration,
    pub burst: usize,
    /// The longest a batch gathers before it is built anyway.
    pub longest: Duration,
}

/// Waits for the next relevant change, then gathers the burst that follows
/// until things are quiet. `None` when the watcher is gone.
pub fn next_batch(root: &Path, events: &Events, debounce: Debounce) -> Option<Batch> {
    let mut batch = Batch::default();
    // Block until something relevant happens.
    while batch.paths.is_empty() && !batch.rescan {
        add(root, &mut batch, events.recv().ok()?);
    }
    let started = Instant::now();
    loop {
        let left = debounce.longest.saturating_sub(started.elapsed());
        if left.is_zero() {
            break;
        }
        // Files, not events: one file saved over and over is not a burst.
        batch.paths.sort_unstable();
        batch.paths.dedup();
        let quiet = if batch.paths.len() > debounce.burst { debounce.burst_quiet } else { debounce.quiet };
        match events.recv_timeout(quiet.min(left)) {
            Ok(event) => add(root, &mut batch, event),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    batch.paths.sort_unstable();
    batch.paths.dedup();
    Some(batch)
}

fn add(root: &Path, batch: &mut Batch, event: notify::Result<Event>) {
    match event {
        Ok(e) => {
            if e.need_rescan() {
                batch.rescan = true;
            }
            if changes_content(&e.kind) {
                batch.paths.extend(e.paths.iter().filter_map(|p| relevant(root, p)));
            }
        }
        // An error from the watcher: be safe and re-read everything.
        Err(_) => batch.rescan = true,
    }
}

/// Reads (our own builds read every file) and metadata touches change nothing.
fn changes_content(kind: &EventKind) -> bool {
    !matches!(kind, EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)))
}

/// Paths as the watcher reports them may be relative to a symlinked root;
/// canonicalising the root once makes `strip_prefix` work.
pub fn canonical(root: &Path) -> PathBuf {
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::relevant;
    use std::path::Path;

    #[test]
    fn only_content_changes_count() {
        let root = Path::new("/hb");
        assert_eq!(relevant(root, Path::new("/hb/people/mitra.md")).as_deref(), Some("people/mitra.md"));
        assert_eq!(relevant(root, Path::new("/hb/teambook.toml")).as_deref(), Some("teambook.toml"));
        assert_eq!(relevant(root, Path::new("/hb/pages/a/b.md")).as_deref(), Some("pages/a/b.md"));
        let security = relevant(root, Path::new("/hb/static/.well-known/security.txt"));
        assert_eq!(security.as_deref(), Some("static/.well-known/security.txt"));
        assert_eq!(relevant(root, Path::new("/hb/decisions/x.md")).as_deref(), Some("decisions/x.md"));
        for ignored in [
            "/hb/static/.well-known/.DS_Store",
            "/hb/static/img/.well-known/x",
            "/hb/pages/.well-known/x.md",
            "/hb/public/index.html",
            "/hb/.git/index",
            "/hb/people/.mitra.md.swp",
            "/hb/people/mitra.md~",
            "/hb/README.md",
            "/elsewhere/x.md",
        ] {
            assert_eq!(relevant(root, Path::new(ignored)), None, "{ignored}");
        }
    }
}
