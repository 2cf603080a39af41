//! teambook: a static-site generator for team handbooks.
//!
//! The data flows one way: `load` reads the content directory into typed
//! entities, `resolve` ties ids and links together and computes back-links,
//! `checks` judges the whole. Every problem is a diagnostic; none stops the run.

pub mod checks;
pub mod config;
pub mod department;
pub mod diagnostics;
pub mod digest;
pub mod fields;
pub mod front_matter;
pub mod i18n;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod recurrence;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod schemas;
pub mod serve;
pub mod source;
pub mod syntax;
pub mod urls;
pub mod words;
pub mod workspace;
pub mod zones;

use std::path::Path;

use diagnostics::Diagnostics;
use model::Handbook;

/// Loads, resolves and checks the handbook at `root`. `None` only when
/// `teambook.toml` cannot be read at all.
pub fn open(root: &Path, options: &load::Options) -> (Option<Handbook>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let handbook = load::load(root, options, &mut diags).map(|loaded| {
        let hb = resolve::resolve(loaded, &mut diags);
        checks::check(&hb, &mut diags);
        hb
    });
    (handbook, diags)
}

/// "Now" for a run: from `SOURCE_DATE_EPOCH` when set (reproducible
/// builds), else the clock.
pub fn now() -> Result<jiff::Timestamp, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) => {
            let secs: i64 =
                s.trim().parse().map_err(|_| format!("SOURCE_DATE_EPOCH must be a number of seconds, not {s:?}"))?;
            jiff::Timestamp::from_second(secs).map_err(|e| format!("SOURCE_DATE_EPOCH is out of range: {e}"))
        }
        Err(_) => Ok(jiff::Timestamp::now()),
    }
}
