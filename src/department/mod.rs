//! A department: several teams' handbooks side by side in one site. The
//! department's own `teambook.toml` names the team folders
//! (`[department] teams = [...]`); each folder is a complete handbook that
//! still builds alone. Opening a department opens every team (in parallel)
//! and gathers all their problems in one run, with paths relative to the
//! department.

mod config;
mod links;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use config::DepartmentConfig;

use crate::diagnostics::{Code, Diagnostics};
use crate::load::Options;
use crate::model::Handbook;
use crate::source::SourceFile;

/// One team of a department: its folder name (also its address, `/<id>/`)
/// and its handbook.
pub struct Team {
    pub id: String,
    pub hb: Handbook,
}

pub struct Department {
    pub root: PathBuf,
    pub config: DepartmentConfig,
    pub teams: Vec<Team>,
}

/// Whether the `teambook.toml` at `root` makes it a department (it has a
/// `[department]` table). Read cheaply, before anything else is loaded.
pub fn is_department(root: &Path) -> bool {
    std::fs::read_to_string(root.join(crate::config::FILE_NAME))
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .is_some_and(|t| t.contains_key("department"))
}

/// Opens the department at `root` and every team it names. `None` when the
/// department's file cannot be read or a team cannot be opened; every
/// problem found is in the diagnostics either way.
pub fn open(root: &Path, options: &Options) -> (Option<Department>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let path = root.join(crate::config::FILE_NAME);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            diags.report_path(Code::Unreadable, crate::config::FILE_NAME, format!("cannot read it: {e}"));
            return (None, diags);
        }
    };
    let file = SourceFile::new(crate::config::FILE_NAME, text);
    let config = DepartmentConfig::read(&file, &mut diags);
    let teams: Vec<&config::TeamEntry> =
        config.teams.iter().filter(|t| check_team(root, &file, t, &mut diags)).collect();
    let opened: Vec<(String, Option<Handbook>, Diagnostics)> = teams
        .par_iter()
        .map(|t| {
            let (hb, d) = crate::open(&root.join(&t.id), options);
            (t.id.clone(), hb, d)
        })
        .collect();
    let mut out = Vec::new();
    let mut complete = teams.len() == config.teams.len();
    for (id, hb, team_diags) in opened {
        // Paths relative to the department, so that editors and CI annotations find the file.
        // Links to other teams are the department's to check (links::check).
        let alone = |d: &crate::diagnostics::Diagnostic| d.code == Code::TeamLink;
        diags.extend(team_diags.sorted().into_iter().filter(|d| !alone(d)).map(|mut d| {
            d.file = format!("{id}/{}", d.file);
            d
        }));
        match hb {
            Some(hb) => out.push(Team { id, hb }),
            None => complete = false,
        }
    }
    let listed: Vec<&str> = config.teams.iter().map(|t| t.id.as_str()).collect();
    links::check(&mut out, &listed, &mut diags);
    let department = complete.then(|| Department { root: root.to_path_buf(), config, teams: out });
    (department, diags)
}

/// Whether a team entry names a folder that holds a handbook of its own
/// (and not a department); says what is wrong otherwise.
fn check_team(root: &Path, file: &SourceFile, team: &config::TeamEntry, diags: &mut Diagnostics) -> bool {
    let dir = root.join(&team.id);
    let handbook = dir.join(crate::config::FILE_NAME);
    if !dir.is_dir() {
        diags
            .report(Code::DepartmentTeam, file, team.span.clone(), format!("team folder {:?} does not exist", team.id))
            .hint(format!("create it with `teambook init {}/{}`, or remove it from `teams`", root.display(), team.id));
        false
    } else if !handbook.is_file() {
        diags
            .report(
                Code::DepartmentTeam,
                file,
                team.span.clone(),
                format!("team folder {:?} has no {}", team.id, crate::config::FILE_NAME),
            )
            .hint("each team is a complete handbook: run `teambook init` in it");
        false
    } else if is_department(&dir) {
        diags
            .report(
                Code::DepartmentTeam,
                file,
                team.span.clone(),
                format!("team folder {:?} is itself a department", team.id),
            )
            .hint("a department holds teams, not departments: list its teams here instead, or remove its [department]");
        false
    } else {
        true
    }
}
