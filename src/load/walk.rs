//! Finding a content folder's files: sorted, hidden and editor files
//! skipped, symlinks followed only while they stay inside the handbook.

use std::path::Path;

use walkdir::WalkDir;

use crate::diagnostics::{Code, Diagnostics};

/// The files under `root/folder`, as sorted `/`-separated paths relative to
/// root. Hidden and editor temporary files are skipped; symlinks are followed
/// only while they stay inside the handbook.
pub fn walk(root: &Path, folder: &str, recursive: bool, diags: &mut Diagnostics) -> Vec<String> {
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
                let (code, message, hint) = match e.loop_ancestor() {
                    Some(_) => (
                        Code::Symlink,
                        "symlink loop".to_string(),
                        "remove the link: it points to a folder that contains it",
                    ),
                    None => (Code::Unreadable, format!("cannot read: {e}"), "check the file's permissions"),
                };
                diags.report_path(code, &rel, message).hint(hint);
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        // A hidden folder under pages/ (GitBook's `.gitbook/assets/`) is read:
        // its files are published when a page links to them (see resolve).
        let linkable_dir = entry.file_type().is_dir() && folder == "pages" && name.starts_with('.') && name != ".git";
        if is_ignored(&name) && !linkable_dir && !is_published_hidden(folder, entry.depth(), &name) {
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        let rel = relative(root, entry.path());
        // A newline or other control character would break every list of
        // paths (the output's manifest is one a line) and no address holds
        // it; a `:` makes a browser read `a:b.png` as an address with the
        // scheme `a:`, and Windows cannot hold it.
        if let Some((what, hint)) = bad_name(&name) {
            // On one line, and with no `:` to break `file:line:col` for editors and CI.
            let shown = escape_controls(&rel).replace(':', "%3A");
            diags.report_path(Code::InvalidFileName, &shown, format!("the name {:?} holds {what}", &*name)).hint(hint);
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink() {
            let target = entry.path().canonicalize();
            let inside = target.as_ref().is_ok_and(|target| target.starts_with(&canonical_root));
            // A link to a folder that holds it (`pages/up -> ..`) would show
            // everything above it again inside itself: one error, here.
            let holds_it = entry.file_type().is_dir()
                && match (&target, entry.path().parent().map(Path::canonicalize)) {
                    (Ok(target), Some(Ok(parent))) => parent.starts_with(target),
                    _ => false,
                };
            if !inside || holds_it {
                let (message, hint) = if inside {
                    ("symlink loop", "remove the link: it points to a folder that contains it")
                } else {
                    ("symlink points outside the handbook", "copy the file into the handbook instead")
                };
                diags.report_path(Code::Symlink, &rel, message).hint(hint);
                if entry.file_type().is_dir() {
                    it.skip_current_dir();
                }
                continue;
            }
        }
        if entry.file_type().is_file() {
            out.push(rel);
        } else if entry.file_type().is_dir() && !recursive {
            diags
                .report_path(Code::IgnoredFile, &rel, "folder ignored")
                .hint(format!("{folder}/ is read one level deep"));
        }
    }
    out
}

/// The hidden folder that is published: `static/.well-known/` (RFC 8615:
/// `security.txt`, `assetlinks.json`, ...), a standard location. Other
/// hidden files and folders (`.DS_Store`, `.git`, `.env`), and hidden files
/// inside it, are not. `depth` counts from inside `top`, the content folder.
pub fn is_published_hidden(top: &str, depth: usize, name: &str) -> bool {
    top == "static" && depth == 1 && name == ".well-known"
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

/// A path with its control characters written as escapes (`a\nb.png`), so
/// a message about it stays on one line.
pub fn escape_controls(path: &str) -> String {
    path.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect()
}

/// What a file name holds that no published name may: a control character,
/// or a `:`.
fn bad_name(name: &str) -> Option<(&'static str, &'static str)> {
    if name.chars().any(char::is_control) {
        Some(("a control character", "rename it without newlines, tabs or other control characters"))
    } else if name.contains(':') {
        Some((
            "a `:`, which a browser reads as the end of an address's scheme",
            "rename it with a `-` for the `:`, and change the links to it",
        ))
    } else {
        None
    }
}
