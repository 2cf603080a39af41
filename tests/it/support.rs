//! A small fluent harness: a handbook in a temporary directory, files written
//! into it, and the real binary run on it.

use std::collections::BTreeMap;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// 2026-11-23T00:00:00Z: "today" for every test run, so dates do not age.
pub const NOW: &str = "1795392000";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A tool under tests/tools/node_modules, or `None` (skip) outside CI.
pub fn npm_tool(rel: &str) -> Option<PathBuf> {
    let path = repo().join("tests/tools/node_modules").join(rel);
    if path.is_file() {
        return Some(path);
    }
    assert!(std::env::var_os("CI").is_none(), "{rel} is required in CI: .ci/run installs it (npm ci in tests/tools)");
    eprintln!("SKIPPED: {rel} is missing (cd tests/tools && npm ci --ignore-scripts)");
    None
}

pub struct Site {
    dir: TempDir,
}

impl Site {
    /// An empty handbook: just a `teambook.toml` with a title.
    pub fn new() -> Site {
        Site::empty().file("teambook.toml", "title = \"Test handbook\"\ntimezone = \"UTC\"\n")
    }

    /// A directory with nothing in it.
    pub fn empty() -> Site {
        Site { dir: tempfile::tempdir().expect("temp dir") }
    }

    /// A copy of a directory of the repository (`example-team`, a fixture).
    pub fn copy_of(rel: &str) -> Site {
        let site = Site::empty();
        copy_tree(&repo().join(rel), site.path());
        site
    }

    pub fn file(self, rel: &str, text: &str) -> Site {
        self.bytes(rel, text.as_bytes())
    }

    pub fn bytes(self, rel: &str, bytes: &[u8]) -> Site {
        let path = self.dir.path().join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, bytes).expect("write");
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `teambook ARGS` with the site as the working directory.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), args)
    }
}

pub fn run_in(cwd: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_teambook"))
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", NOW)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run teambook");
    Run(output)
}

pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().expect("exit code (not killed by a signal)")
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    #[track_caller]
    pub fn status(self, expected: i32) -> Run {
        assert_eq!(self.code(), expected, "exit status; stderr:\n{}", self.stderr());
        self
    }

    #[track_caller]
    pub fn stderr_has(self, needle: &str) -> Run {
        let err = self.stderr();
        assert!(err.contains(needle), "stderr lacks {needle:?}:\n{err}");
        self
    }
}

/// Copies a tree, symlinks as symlinks.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else if entry.file_type().is_symlink() {
            std::os::unix::fs::symlink(fs::read_link(entry.path()).expect("readlink"), &target).expect("symlink");
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// What a tree holds: each path with its kind and a hash of its bytes (or
/// its link target), so two digests are equal only if nothing changed.
pub fn tree_digest(root: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root).min_depth(1) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(root).expect("prefix").to_string_lossy().into_owned();
        let kind = entry.file_type();
        let what = if kind.is_symlink() {
            format!("link {}", fs::read_link(entry.path()).expect("readlink").display())
        } else if kind.is_dir() {
            "dir".to_string()
        } else {
            let mut h = DefaultHasher::new();
            fs::read(entry.path()).expect("read").hash(&mut h);
            format!("file {:016x}", h.finish())
        };
        out.insert(rel, what);
    }
    out
}

/// Runs `teambook ARGS` in `cwd`, killing it after `deadline`: `None` if it
/// had to be killed.
pub fn run_with_deadline(cwd: &Path, args: &[&str], deadline: Duration) -> Option<Run> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_teambook"))
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", NOW)
        .env_remove("RUST_BACKTRACE")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run teambook");
    // Drain stderr on a thread so a chatty child cannot block on a full pipe.
    let mut stderr = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stderr, &mut buf);
        buf
    });
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let stderr = reader.join().expect("stderr reader");
            return Some(Run(Output { status, stdout: Vec::new(), stderr }));
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Builds `site` as if it were `now` (seconds since the epoch).
pub fn build_at(site: &Site, now: i64) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_teambook"))
        .arg("build")
        .current_dir(site.path())
        .env("SOURCE_DATE_EPOCH", now.to_string())
        .output()
        .expect("run teambook");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
