//! The GitHub Actions workflow `init` writes: pull requests checked with
//! annotations, `main` built and deployed to GitHub Pages. GitHub reads
//! workflows only at the top of a repository, so it goes there and points
//! at the handbook's folder.

use std::path::{Component, Path, PathBuf};

use super::NewFile;

/// Where the workflow lives, relative to the top of the repository.
pub const FILE: &str = ".github/workflows/teambook.yml";

/// Where a handbook sits in its repository.
pub struct Placement {
    /// The top of the git repository holding the handbook, or the handbook
    /// itself when no repository holds it.
    pub top: PathBuf,
    /// The handbook's folder, relative to `top` with `/` separators; empty
    /// when the handbook is the top.
    pub folder: String,
    /// Whether a git repository was found (else the handbook is assumed to
    /// become one's root).
    pub in_git: bool,
}

impl Placement {
    /// Finds the git repository holding `handbook` (which need not exist
    /// yet): the nearest folder upward with a `.git` (a folder, or a file in
    /// worktrees and submodules).
    pub fn of(handbook: &Path) -> Result<Placement, String> {
        let full = resolved(handbook).map_err(|e| format!("cannot resolve {}: {e}", handbook.display()))?;
        let Some(top) = full.ancestors().find(|dir| dir.join(".git").exists()) else {
            return Ok(Placement { top: handbook.to_path_buf(), folder: String::new(), in_git: false });
        };
        let mut parts = Vec::new();
        for part in full.strip_prefix(top).unwrap_or(Path::new("")).components() {
            let part = part.as_os_str().to_str().ok_or_else(|| {
                format!("{} is not valid UTF-8, so a workflow cannot name the handbook's folder", full.display())
            })?;
            parts.push(part);
        }
        Ok(Placement { top: top.to_path_buf(), folder: parts.join("/"), in_git: true })
    }

    /// The workflow file, for the teambook that is running.
    pub fn workflow(&self) -> NewFile {
        NewFile { path: self.top.join(FILE), text: text(&self.folder) }
    }
}

/// The workflow for a handbook in `folder` of its repository ("" at the top).
pub fn text(folder: &str) -> String {
    let (paths, defaults, public) = if folder.is_empty() {
        (String::new(), String::new(), "public".to_string())
    } else {
        // Runs only for changes to the handbook (or to this workflow).
        let filter =
            format!("\n    paths:\n      - {}\n      - '{FILE}'", quoted(&format!("{}/**", glob_escaped(folder))));
        let defaults = format!("\ndefaults:\n  run:\n    working-directory: {}\n", quoted(folder));
        (filter, defaults, quoted(&format!("{folder}/public")))
    };
    include_str!("workflow.yml")
        .replace("@VERSION@", env!("CARGO_PKG_VERSION"))
        .replace("@ACTION@", &action())
        .replace("@PATHS@", &paths)
        .replace("@DEFAULTS@", &defaults)
        .replace("@PUBLIC@", &public)
}

/// The install action, pinned to this teambook's release:
/// `owner/repository@vX.Y.Z`, from the crate's repository address.
pub fn action() -> String {
    let repository = env!("CARGO_PKG_REPOSITORY");
    let slug = repository.strip_prefix("https://github.com/").unwrap_or(repository).trim_end_matches('/');
    format!("{slug}@v{}", env!("CARGO_PKG_VERSION"))
}

/// A YAML single-quoted scalar: any text, with `'` doubled.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// A folder name as a literal in a GitHub `paths` filter, where
/// `* ? + [ ] !` are pattern characters.
fn glob_escaped(folder: &str) -> String {
    let mut out = String::with_capacity(folder.len());
    for c in folder.chars() {
        if matches!(c, '*' | '?' | '+' | '[' | ']' | '!' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `path` made absolute, with `.` and `..` taken out by name: the
/// handbook's folder may not exist yet, so the file system cannot say.
fn resolved(path: &Path) -> std::io::Result<PathBuf> {
    let mut out = PathBuf::new();
    for part in std::path::absolute(path)?.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            part => out.push(part),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_action_is_this_release_of_the_crates_repository() {
        let action = action();
        assert!(action.ends_with(&format!("@v{}", env!("CARGO_PKG_VERSION"))), "{action}");
        assert_eq!(action.split('@').next().map(|s| s.split('/').count()), Some(2), "owner/repository: {action}");
    }

    #[test]
    fn folder_names_are_quoted_and_escaped() {
        assert_eq!(quoted("it's"), "'it''s'");
        assert_eq!(glob_escaped("docs/[team]*"), "docs/\\[team\\]\\*");
        let text = text("docs/team's book");
        assert!(text.contains("working-directory: 'docs/team''s book'"), "{text}");
        assert!(text.contains("path: 'docs/team''s book/public'"), "{text}");
    }
}
