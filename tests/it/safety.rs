//! Output safety beyond the basics in build.rs: whatever the output folder
//! is, teambook never loses a file it did not write. Each case hashes the
//! trees it could harm before and after.

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::Command;

use crate::support::{NOW, Site, tree_digest};

/// A folder of files a user would hate to lose.
fn canaries() -> Site {
    Site::empty()
        .file(".bashrc", "export EDITOR=vi\n")
        .file("docs/notes.md", "# Mine\n")
        .file("photos/cat.jpg", "\u{ff}\u{d8} not really a jpeg")
}

fn build(cwd: &Path, args: &[&str], home: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_teambook"))
        .arg("build")
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", NOW)
        .env("HOME", home)
        .output()
        .expect("run teambook")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".teambook-"))
        .collect()
}

#[test]
fn home_root_the_current_folder_and_content_folders_are_refused() {
    let site = Site::copy_of("example-team");
    let hb = site.path().to_str().expect("utf-8").to_string();
    let home = canaries();
    let before = tree_digest(home.path());
    let cases: [(&Path, Vec<&str>, &str); 5] = [
        (home.path(), vec![hb.as_str(), "-o", home.path().to_str().expect("utf-8")], "did not write"),
        (home.path(), vec![hb.as_str(), "-o", "/"], "contains the handbook"),
        // The current folder, which holds someone's files.
        (home.path(), vec![hb.as_str(), "-o", "."], "did not write"),
        (home.path(), vec![hb.as_str(), "-o", "docs"], "did not write"),
        (site.path(), vec!["-o", "static/site"], "inside the handbook's content"),
    ];
    for (cwd, args, why) in cases {
        let out = build(cwd, &args, home.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(why), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(before, tree_digest(home.path()), "the home folder changed");
    assert!(leftovers(home.path()).is_empty());
    assert!(!site.path().join("static/site").exists());
}

#[test]
fn a_gh_pages_worktree_keeps_git_cname_and_nojekyll() {
    let site = Site::copy_of("example-team");
    let out = site.path().join("public");
    let worktree = Site::empty()
        .file("HEAD", "ref: refs/heads/gh-pages\n")
        .file("objects/ab/cdef", "blob")
        .file("refs/heads/gh-pages", "0123456789abcdef\n");
    crate::support::copy_tree(worktree.path(), &out.join(".git"));
    fs::write(out.join("CNAME"), "handbook.acme.example\n").expect("CNAME");
    fs::write(out.join(".nojekyll"), "").expect(".nojekyll");
    let git = tree_digest(&out.join(".git"));
    for _ in 0..2 {
        let run = build(site.path(), &[], site.path());
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    }
    assert_eq!(git, tree_digest(&out.join(".git")));
    assert_eq!(fs::read_to_string(out.join("CNAME")).expect("CNAME"), "handbook.acme.example\n");
    assert!(out.join(".nojekyll").is_file() && out.join("index.html").is_file());
    assert!(leftovers(site.path()).is_empty());
}

#[test]
fn a_symlink_in_the_output_is_removed_and_its_target_left_alone() {
    let site = Site::copy_of("example-team");
    let out = site.path().join("public");
    assert_eq!(build(site.path(), &[], site.path()).status.code(), Some(0));
    let victims = canaries();
    let before = tree_digest(victims.path());
    // A link to a folder of canaries, one to a single canary, and a
    // generated folder replaced by a link whose target holds a file of the
    // same name as one teambook wrote there.
    symlink(victims.path(), out.join("archive")).expect("symlink");
    symlink(victims.path().join(".bashrc"), out.join("bashrc")).expect("symlink");
    fs::remove_dir_all(out.join("roles")).expect("rm roles");
    fs::write(victims.path().join("docs/index.html"), "mine").expect("write");
    let before_with_index = tree_digest(victims.path());
    symlink(victims.path().join("docs"), out.join("roles")).expect("symlink");
    let run = build(site.path(), &[], site.path());
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_ne!(before, before_with_index);
    assert_eq!(before_with_index, tree_digest(victims.path()), "a canary was touched");
    assert!(!out.join("archive").exists() && !out.join("bashrc").exists());
    assert!(out.join("roles").is_dir() && !out.join("roles").is_symlink());
    assert!(out.join("roles/index.html").is_file());
}

#[test]
fn builds_at_once_into_one_folder_take_turns() {
    let site = Site::copy_of("example-team");
    let clean = Site::empty();
    let clean_out = clean.path().join("site");
    let run = build(site.path(), &["-o", clean_out.to_str().expect("utf-8")], site.path());
    assert_eq!(run.status.code(), Some(0));
    let bin = env!("CARGO_BIN_EXE_teambook");
    let children: Vec<_> = (0..8)
        .map(|_| {
            Command::new(bin)
                .arg("build")
                .current_dir(site.path())
                .env("SOURCE_DATE_EPOCH", NOW)
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    assert_eq!(tree_digest(&clean_out), tree_digest(&site.path().join("public")));
    assert!(leftovers(site.path()).is_empty(), "{:?}", leftovers(site.path()));
}

#[test]
fn a_read_only_output_folder_is_refused_and_left_as_it_was() {
    let site = Site::copy_of("example-team");
    let out = site.path().join("public");
    assert_eq!(build(site.path(), &[], site.path()).status.code(), Some(0));
    fs::write(site.path().join("pages/glossary.md"), "# Changed\n").expect("edit");
    let locked = out.join("people");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).expect("chmod");
    let before = tree_digest(&out);
    let run = build(site.path(), &[], site.path());
    let err = stderr(&run);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).expect("chmod back");
    assert_eq!(run.status.code(), Some(2), "{err}");
    assert!(err.contains("people is read-only") && err.contains("chmod -R u+w"), "{err}");
    assert_eq!(before, tree_digest(&out));
    assert!(leftovers(site.path()).is_empty());
}
