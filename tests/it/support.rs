//! A small fluent harness: a handbook in a temporary directory, files written
//! into it, and the real binary run on it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// 2026-11-23T00:00:00Z: "today" for every test run, so dates do not age.
pub const NOW: &str = "1795392000";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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
        copy_dir(&repo().join(rel), site.path());
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

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
