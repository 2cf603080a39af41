//! `--format json` and `--format github`: the same problems as the text
//! format, for scripts and for GitHub Actions annotations.

use std::fs;

use crate::support::{Site, run_in};

/// A handbook with an error (with a known span) and a warning.
fn broken() -> Site {
    Site::new()
        .file("roles/engineer.md", "+++\ntitle = \"Engineer\"\n+++\n")
        .file("people/a.md", "+++\nname = \"A\"\nroles = [\"enginer\"]\ncolour = \"blue\"\n+++\n")
}

#[test]
fn json_is_one_object_per_problem_with_every_field() {
    let site = broken();
    let run = site.run(&["check", "--format", "json"]).status(1);
    let lines: Vec<serde_json::Value> =
        run.stdout().lines().map(|l| serde_json::from_str(l).expect("each line is a JSON object")).collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout());
    for line in &lines {
        for key in ["severity", "code", "file", "line", "column", "message", "hint"] {
            assert!(line.get(key).is_some(), "{key} missing in {line}");
        }
    }
    let unknown = lines.iter().find(|l| l["code"] == "unknown-id").expect("unknown-id");
    assert_eq!(unknown["severity"], "error");
    assert_eq!(
        (unknown["file"].as_str(), unknown["line"].as_u64(), unknown["column"].as_u64()),
        (Some("people/a.md"), Some(3), Some(10))
    );
    assert_eq!(unknown["hint"], "did you mean \"engineer\"?");
    let key = lines.iter().find(|l| l["code"] == "unknown-key").expect("unknown-key");
    assert_eq!(key["severity"], "warning");
    // People read the summary; scripts read stdout alone.
    assert!(run.stderr().contains("check failed: 1 error, 2 warnings"), "{}", run.stderr());
    assert!(!run.stdout().contains("check failed"));
}

#[test]
fn github_annotations_name_paths_from_the_repository_root() {
    let repo = Site::empty();
    fs::create_dir_all(repo.path().join(".git")).expect("mkdir .git");
    let handbook = repo.path().join("docs/handbook");
    crate::support::copy_tree(broken().path(), &handbook);
    // Found from the git folder...
    let out = run_in(&handbook, &["check", "--format", "github"]).status(1).stdout();
    assert!(
        out.contains("::error file=docs/handbook/people/a.md,line=3,col=10,"),
        "annotation paths are relative to the repository:\n{out}"
    );
    assert!(out.contains("title=teambook unknown-id::unknown role \"enginer\" (did you mean \"engineer\"?)"), "{out}");
    assert!(out.lines().any(|l| l.starts_with("::warning file=docs/handbook/people/a.md,line=4,")), "{out}");
    // ...or from GITHUB_WORKSPACE, as on a runner.
    let runner = std::process::Command::new(env!("CARGO_BIN_EXE_teambook"))
        .args(["build", "--format", "github", "--strict"])
        .current_dir(&handbook)
        .env("GITHUB_WORKSPACE", repo.path().join("docs"))
        .env("SOURCE_DATE_EPOCH", crate::support::NOW)
        .output()
        .expect("run");
    let out = String::from_utf8_lossy(&runner.stdout);
    assert_eq!(runner.status.code(), Some(1));
    assert!(out.contains("::error file=handbook/people/a.md,line=3,col=10,"), "{out}");
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    Site::new().run(&["check", "--format", "xml"]).status(2).stderr_has("possible values: text, json, github");
}
