//! What `init` writes so that editors complete and check teambook's files:
//! the JSON Schemas, a `.taplo.toml` that associates them, and a `#:schema`
//! line at the top of `teambook.toml`, `ownership.toml` and
//! `one_on_ones.toml` (which Taplo
//! reads even when the editor's workspace is a folder above the handbook).

use std::path::Path;

use super::NewFile;
use crate::config::{self, Config};
use crate::diagnostics::Diagnostics;
use crate::model::{OWNERSHIP_FILE, one_on_one};
use crate::schemas::{self, FOLDER};
use crate::source::SourceFile;

/// The schema files and `.taplo.toml` for the handbook `files` start, with
/// the `#:schema` lines added to its TOML files.
pub fn support(root: &Path, files: &mut [NewFile]) -> Vec<NewFile> {
    let mut config = None;
    for f in files.iter_mut() {
        let schema = match f.path.strip_prefix(root).ok().and_then(Path::to_str) {
            Some(config::FILE_NAME) => "teambook",
            Some(OWNERSHIP_FILE) => "ownership",
            Some(one_on_one::FILE_NAME) => "one_on_ones",
            _ => continue,
        };
        f.text = format!("#:schema ./{FOLDER}/{schema}.schema.json\n{}", f.text);
        if schema == "teambook" {
            let source = SourceFile::new(config::FILE_NAME, f.text.clone());
            config = Some(Config::read(&source, &mut Diagnostics::default()));
        }
    }
    let Some(config) = config else { return Vec::new() };
    let mut out: Vec<NewFile> = schemas::files(&config)
        .into_iter()
        .map(|(name, text)| NewFile { path: root.join(FOLDER).join(name), text })
        .collect();
    out.push(NewFile { path: root.join(".taplo.toml"), text: schemas::taplo(FOLDER) });
    out
}
