//! The department's `teambook.toml`: its title, address and the folders of
//! its teams. It holds no team content: every team's settings are in its
//! own folder.

use std::ops::Range;

use crate::config::normal_base_url;
use crate::diagnostics::{Code, Diagnostics};
use crate::fields::{Field, Schema, Table, Ty};
use crate::source::SourceFile;
use crate::syntax::{self, Format};

#[derive(Debug, Clone)]
pub struct DepartmentConfig {
    pub title: String,
    pub description: Option<String>,
    /// Always ends with `/` when set; each team is published under it.
    pub base_url: Option<String>,
    pub language: String,
    /// The teams, in the order written, each named once.
    pub teams: Vec<TeamEntry>,
}

/// A team as `teams` names it: its folder, and where the name is written.
#[derive(Debug, Clone)]
pub struct TeamEntry {
    pub id: String,
    pub span: Range<usize>,
}

static SCHEMA: Schema = Schema {
    doc: "teambook.toml of a department: several teams' handbooks in one site",
    fields: &[
        Field::required("title", Ty::Text, "the department's title"),
        Field::new("description", Ty::Text, "one sentence under the title"),
        Field::new("base_url", Ty::Url, "the published address; team <id> is at <base_url><id>/"),
        Field::new("language", Ty::Text, "the language of the department's own pages (default \"en\")"),
        Field::required("department", Ty::Table(&DEPARTMENT), "the teams"),
    ],
    common: &[],
    rest: None,
    synonyms: &[("name", "title"), ("url", "base_url")],
};

static DEPARTMENT: Schema = Schema {
    doc: "the department's teams",
    fields: &[Field::required(
        "teams",
        Ty::Texts,
        "the team folders, each a complete handbook: [\"payments\", \"ledger\"]",
    )],
    common: &[],
    rest: None,
    synonyms: &[],
};

impl DepartmentConfig {
    pub fn read(file: &SourceFile, diags: &mut Diagnostics) -> DepartmentConfig {
        let (doc, clean) = syntax::toml::parse(file, 0..file.text.len(), diags);
        let mut t = Table::root(file, Some(&doc), &SCHEMA, Format::Toml, &[], clean);
        let title = t.required_string(diags, "title", "\"Money movement\"").map_or_else(String::new, |s| s.value);
        let description = t.string(diags, "description").map(|s| s.value);
        // Checked as every address is, when read (fields/url.rs).
        let base_url = t.string(diags, "base_url").and_then(|url| normal_base_url(&url.value).ok());
        let language = t.string(diags, "language").map_or_else(|| "en".to_string(), |s| s.value);
        let mut teams: Vec<TeamEntry> = Vec::new();
        if let Some(mut d) = t.table(diags, "department") {
            for name in d.strings(diags, "teams") {
                let id = name.value.trim().trim_end_matches('/').to_string();
                let span = name.span();
                if !crate::markdown::TeamLink::is_team_name(&id) {
                    diags
                        .report(Code::DepartmentTeam, file, span, format!("team {:?} is not a folder name", name.value))
                        .hint("name a folder beside this teambook.toml, in letters, digits, `-` and `_`: \"payments\"");
                } else if let Some(first) = teams.iter().find(|t| t.id.eq_ignore_ascii_case(&id)) {
                    let (line, col) = file.line_col(first.span.start);
                    diags
                        .report(Code::DepartmentTeam, file, span, format!("team {id:?} is listed twice"))
                        .hint(format!("it is already listed at {line}:{col}; each team is one folder, named once"));
                } else {
                    teams.push(TeamEntry { id, span });
                }
            }
            d.finish(diags);
        }
        t.finish(diags);
        DepartmentConfig { title, description, base_url, language, teams }
    }
}
