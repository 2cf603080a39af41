//! The JSON Schemas `teambook schema` (and `init`) write for editors: one
//! for `teambook.toml`, one for `ownership.toml`, one for `one_on_ones.toml`, one for the front matter
//! of each kind of Markdown file, and the `.taplo.toml` that tells Taplo
//! (Even Better TOML) which schema goes with which file.

use std::fmt::Write as _;

use crate::config::{self, Config};
use crate::fields::schema::{Context, document};
use crate::model::{FRONT_MATTER, ONE_ON_ONES_FILE, OWNERSHIP_FILE, area, one_on_one};

/// Where the schemas go in a handbook, unless told otherwise.
pub const FOLDER: &str = ".teambook/schemas";

/// The schemas for a handbook with this configuration (its board's stages
/// and foreign keys), as file names and JSON.
pub fn files(config: &Config) -> Vec<(String, String)> {
    let cx = Context { stages: &config.stages, extra_keys: &config.extra_keys };
    let mut out = vec![
        ("teambook.schema.json".to_string(), document("teambook.toml", &config::SCHEMA, &cx, false)),
        ("ownership.schema.json".to_string(), document(OWNERSHIP_FILE, &area::SCHEMA, &cx, false)),
        ("one_on_ones.schema.json".to_string(), document(ONE_ON_ONES_FILE, &one_on_one::SCHEMA, &cx, false)),
    ];
    for (name, folder, schema) in FRONT_MATTER {
        out.push((format!("{name}.schema.json"), document(&format!("front matter of {folder}/"), schema, &cx, true)));
    }
    out.into_iter()
        .map(|(name, json)| (name, format!("{}\n", serde_json::to_string_pretty(&json).unwrap_or_default())))
        .collect()
}

/// A `.taplo.toml` beside `teambook.toml` that gives the two TOML files
/// their schemas, from `folder` (relative to it).
pub fn taplo(folder: &str) -> String {
    let mut out = String::from(
        "# Written by `teambook init`: editors with Taplo (Even Better TOML in VS Code,\n\
         # taplo lsp elsewhere) complete and check teambook's files with these schemas.\n\
         # `teambook schema` writes them again after an upgrade or a change of stages.\n",
    );
    for (file, schema) in
        [(config::FILE_NAME, "teambook"), (OWNERSHIP_FILE, "ownership"), (ONE_ON_ONES_FILE, "one_on_ones")]
    {
        let _ = write!(
            out,
            "\n[[rule]]\ninclude = [\"**/{file}\"]\n\n[rule.schema]\npath = \"./{folder}/{schema}.schema.json\"\n"
        );
    }
    out
}
