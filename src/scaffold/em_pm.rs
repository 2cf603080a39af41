//! `teambook init --preset em-pm`: the starting breakdown of an EM/PM-led
//! team. Everything such a team usually owns (29 areas), each with suggested
//! owners, consulted and informed roles, a decision rule where it is shared
//! and what each role is expected to do; the tech lead and designer roles
//! those areas name, someone to hold each, two example decisions, an
//! on-call duty for the engineers and the 1:1s (the EM and the PM weekly,
//! each report and their manager). The
//! content is in the files beside this one, dated the day it is written.

use std::path::Path;

use jiff::ToSpan;
use jiff::civil::Date;

use super::NewFile;

const OWNERSHIP: &str = include_str!("em_pm/ownership.toml");
const KICKOFFS: &str = include_str!("em_pm/engineering-leads-kickoffs.md");
const TECH_DEBT: &str = include_str!("em_pm/tech-debt-share.md");
const ON_CALL: &str = include_str!("em_pm/on-call.md");
const ONE_ON_ONES: &str = include_str!("em_pm/one_on_ones.toml");

/// The preset's files, to write in place of (or beside) the plain handbook's.
pub fn files(root: &Path, today: Date) -> Vec<NewFile> {
    let review_by = today.checked_add(30.days()).unwrap_or(today);
    let dated = |text: &str| text.replace("{today}", &today.to_string()).replace("{review_by}", &review_by.to_string());
    let file = |path: &str, text: String| NewFile { path: root.join(path), text };
    vec![
        file("ownership.toml", dated(OWNERSHIP)),
        file(
            "roles/tech-lead.md",
            "+++\ntitle = \"Tech Lead\"\nshort = \"TL\"\nsummary = \"Owns the architecture and the engineering quality bar.\"\n+++\nAn engineer who also answers for the technical shape of what the team builds.\n".into(),
        ),
        file(
            "roles/designer.md",
            "+++\ntitle = \"Product Designer\"\nshort = \"Design\"\nsummary = \"Turns customer problems into flows people understand at first sight.\"\n+++\n".into(),
        ),
        file("people/taylor.md", "+++\nname = \"Taylor Example\"\nroles = [\"tech-lead\", \"engineer\"]\nmanager = \"alex\"\n+++\nA short bio.\n".into()),
        file("people/riley.md", "+++\nname = \"Riley Example\"\nroles = [\"designer\"]\n+++\nA short bio.\n".into()),
        file("decisions/engineering-leads-kickoffs.md", dated(KICKOFFS)),
        file("decisions/tech-debt-share.md", dated(TECH_DEBT)),
        file("duties/on-call.md", ON_CALL.replace("{monday}", &crate::digest::week_of(today).to_string())),
        file(crate::model::ONE_ON_ONES_FILE, ONE_ON_ONES.into()),
    ]
}
