//! The install action's script, install.sh, run as action.yml runs it, on
//! release archives that .ci/pack makes from the built binary exactly as
//! release.yml does, served from 127.0.0.1: it installs a checked binary,
//! installs nothing from an archive that fails its checksum, and builds with
//! `cargo install --locked` when no archive fits.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

use crate::static_files::Server;
use crate::support::repo;

const VERSION: &str = env!("CARGO_PKG_VERSION");
const LINUX: &str = "x86_64-unknown-linux-musl";
const WINDOWS: &str = "x86_64-pc-windows-msvc";

/// A release download folder (`/download/v<version>/<archive>`), served.
struct Downloads {
    dir: TempDir,
    server: Server,
}

impl Downloads {
    /// Serves the archives of `targets`, packed by .ci/pack.
    fn of(targets: &[&str]) -> Downloads {
        let dir = tempfile::tempdir().expect("tmp");
        for target in targets {
            let run = Command::new(repo().join(".ci/pack"))
                .args([target, VERSION, env!("CARGO_BIN_EXE_teambook")])
                .arg(dir.path().join(format!("v{VERSION}")))
                .output()
                .expect("run .ci/pack");
            assert!(run.status.success(), ".ci/pack failed: {}", String::from_utf8_lossy(&run.stderr));
        }
        let server = Server::start(dir.path().to_path_buf(), "/download/", None);
        Downloads { dir, server }
    }

    fn url(&self) -> String {
        self.server.url("/download/")
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(format!("v{VERSION}")).join(name)
    }
}

/// A runner: its home, tool cache, cargo home and the files GitHub Actions
/// reads back (GITHUB_PATH, GITHUB_OUTPUT).
struct Runner {
    dir: TempDir,
}

impl Runner {
    fn new() -> Runner {
        Runner { dir: tempfile::tempdir().expect("tmp") }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Runs `install.sh MODE` on a Linux x64 runner (unless `env` says
    /// otherwise), with action.yml's environment.
    fn install(&self, mode: &str, env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new("bash");
        cmd.arg(repo().join("install.sh")).arg(mode);
        for var in ["CI", "GITHUB_ACTIONS", "TEAMBOOK_VERSION", "TEAMBOOK_INSTALL_DIR", "TEAMBOOK_DOWNLOAD_URL"] {
            cmd.env_remove(var);
        }
        cmd.env("HOME", self.path("home"))
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env("RUNNER_TOOL_CACHE", self.path("toolcache"))
            .env("CARGO_HOME", self.path("cargo"))
            .env("GITHUB_PATH", self.path("github_path"))
            .env("GITHUB_OUTPUT", self.path("github_output"))
            .env("TEAMBOOK_ACTION_REF", format!("v{VERSION}"))
            .envs(env.iter().copied());
        cmd.output().expect("run bash install.sh")
    }

    /// The folders added to the PATH of later steps.
    fn added_to_path(&self) -> Vec<PathBuf> {
        fs::read_to_string(self.path("github_path")).unwrap_or_default().lines().map(PathBuf::from).collect()
    }

    fn outputs(&self) -> String {
        fs::read_to_string(self.path("github_output")).unwrap_or_default()
    }

    /// Every file under the runner's tool cache and home.
    fn installed_files(&self) -> Vec<PathBuf> {
        ["toolcache", "home"]
            .iter()
            .flat_map(|d| walkdir::WalkDir::new(self.path(d)).into_iter().filter_map(Result::ok))
            .filter(|e| !e.file_type().is_dir())
            .map(|e| e.into_path())
            .collect()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[track_caller]
fn succeeded(out: &Output) {
    assert!(out.status.success(), "install.sh failed\nstdout:\n{}\nstderr:\n{}", text(&out.stdout), text(&out.stderr));
}

/// `teambook --version` of the binary at `path`.
fn version_of(path: &Path) -> String {
    let out = Command::new(path).arg("--version").output().expect("run the installed teambook");
    text(&out.stdout).trim().to_string()
}

#[test]
fn installs_the_release_archive_for_the_runner_at_the_actions_version() {
    let downloads = Downloads::of(&[LINUX, WINDOWS]);
    let runner = Runner::new();
    // No version input: the action's ref (v<VERSION>) says which.
    let out = runner.install("prebuilt", &[("TEAMBOOK_DOWNLOAD_URL", &downloads.url())]);
    succeeded(&out);
    assert!(text(&out.stdout).contains(&format!("installed teambook {VERSION}")), "{}", text(&out.stdout));
    let dir = runner.path(&format!("toolcache/teambook/{VERSION}/{LINUX}"));
    assert_eq!(runner.added_to_path(), std::slice::from_ref(&dir));
    assert_eq!(version_of(&dir.join("teambook")), format!("teambook {VERSION}"));
    assert_eq!(runner.outputs(), format!("version={VERSION}\ninstalled=true\n"));

    // Windows: the .zip, with teambook.exe (a Linux binary here, which runs).
    let windows = Runner::new();
    let out = windows.install(
        "auto",
        &[("RUNNER_OS", "Windows"), ("TEAMBOOK_DOWNLOAD_URL", &downloads.url()), ("TEAMBOOK_VERSION", VERSION)],
    );
    succeeded(&out);
    let dir = windows.path(&format!("toolcache/teambook/{VERSION}/{WINDOWS}"));
    assert_eq!(windows.added_to_path(), std::slice::from_ref(&dir));
    assert_eq!(version_of(&dir.join("teambook.exe")), format!("teambook {VERSION}"));

    // Off GitHub Actions: into ~/.teambook/bin.
    let plain = Runner::new();
    let out = plain.install("auto", &[("TEAMBOOK_DOWNLOAD_URL", &downloads.url()), ("RUNNER_TOOL_CACHE", "")]);
    succeeded(&out);
    assert_eq!(version_of(&plain.path("home/.teambook/bin/teambook")), format!("teambook {VERSION}"));
}

#[test]
fn an_archive_failing_its_checksum_installs_nothing() {
    let downloads = Downloads::of(&[LINUX]);
    let archive = downloads.file(&format!("teambook-{LINUX}-v{VERSION}.tar.gz"));
    let mut bytes = fs::read(&archive).expect("archive");
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    fs::write(&archive, bytes).expect("corrupt the archive");
    let runner = Runner::new();
    let out = runner.install("auto", &[("TEAMBOOK_DOWNLOAD_URL", &downloads.url()), ("GITHUB_ACTIONS", "true")]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains(&format!("checksum mismatch for teambook-{LINUX}-v{VERSION}.tar.gz")), "{err}");
    assert!(err.contains("nothing was installed"), "{err}");
    // On GitHub, the same as an annotation.
    assert!(text(&out.stdout).contains("::error title=teambook install::checksum mismatch"), "{}", text(&out.stdout));
    assert!(runner.installed_files().is_empty(), "installed: {:?}", runner.installed_files());
    assert!(runner.added_to_path().is_empty());

    // No checksum at all: nothing either.
    fs::remove_file(archive.with_file_name(format!("teambook-{LINUX}-v{VERSION}.tar.gz.sha256"))).expect("rm");
    let out = runner.install("auto", &[("TEAMBOOK_DOWNLOAD_URL", &downloads.url())]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("installs no binary it cannot check"), "{}", text(&out.stderr));
    assert!(runner.installed_files().is_empty() && runner.added_to_path().is_empty());
}

/// A stand-in for cargo that records its arguments and "installs" the
/// built binary where `cargo install` puts it.
fn fake_cargo(runner: &Runner) -> PathBuf {
    let path = runner.path("fake-cargo");
    let script = format!(
        "#!/usr/bin/env bash\nset -eu\nmkdir -p \"$CARGO_HOME/bin\"\nprintf '%s ' \"$@\" >\"$CARGO_HOME/args\"\ncp '{}' \"$CARGO_HOME/bin/teambook\"\n",
        env!("CARGO_BIN_EXE_teambook")
    );
    fs::write(&path, script).expect("write fake cargo");
    let mut perms = fs::metadata(&path).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    fs::set_permissions(&path, perms).expect("chmod");
    path
}

#[test]
fn without_an_archive_it_builds_with_cargo_install_locked() {
    let downloads = Downloads::of(&[]);
    let runner = Runner::new();
    let cargo = fake_cargo(&runner);
    let cargo = cargo.to_str().expect("utf-8");

    // The action's first step finds no archive and installs nothing...
    let out = runner.install("prebuilt", &[("TEAMBOOK_DOWNLOAD_URL", &downloads.url()), ("TEAMBOOK_CARGO", cargo)]);
    succeeded(&out);
    assert!(text(&out.stdout).contains("no release archive at"), "{}", text(&out.stdout));
    assert_eq!(runner.outputs(), format!("version={VERSION}\ninstalled=false\n"));
    assert!(!runner.path("cargo/args").exists(), "prebuilt does not build");
    assert!(runner.installed_files().is_empty() && runner.added_to_path().is_empty());

    // ...so its last step builds it: the real command, with a stand-in cargo.
    let out = runner.install("source", &[("TEAMBOOK_CARGO", cargo)]);
    succeeded(&out);
    let args = fs::read_to_string(runner.path("cargo/args")).expect("cargo was run");
    assert_eq!(args.trim(), format!("install teambook --locked --version {VERSION}"));
    assert_eq!(runner.added_to_path(), [runner.path("cargo/bin")]);

    // A platform with no release build goes the same way without asking.
    let arm32 = Runner::new();
    let out = arm32.install(
        "auto",
        &[("RUNNER_ARCH", "ARM"), ("TEAMBOOK_DOWNLOAD_URL", "http://127.0.0.1:9/"), ("TEAMBOOK_CARGO", cargo)],
    );
    succeeded(&out);
    assert!(text(&out.stdout).contains("teambook publishes no binary for Linux/ARM"), "{}", text(&out.stdout));
    assert_eq!(arm32.added_to_path(), [arm32.path("cargo/bin")]);
    assert_eq!(version_of(&arm32.path("cargo/bin/teambook")), format!("teambook {VERSION}"));
}

#[test]
fn off_a_release_the_version_must_be_given() {
    let runner = Runner::new();
    let out = runner.install("auto", &[("TEAMBOOK_ACTION_REF", "main")]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let action = env!("CARGO_PKG_REPOSITORY").trim_start_matches("https://github.com/");
    assert!(err.contains("the action is used at \"main\", which is not a release"), "{err}");
    assert!(err.contains(&format!("uses: {action}@v")), "{err}");
    let out = runner.install("auto", &[("TEAMBOOK_VERSION", "1.0; rm -rf /")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("\"1.0; rm -rf /\" is not a teambook version"), "{}", text(&out.stderr));
    assert!(runner.installed_files().is_empty() && runner.added_to_path().is_empty());
}
