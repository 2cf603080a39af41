//! A project's page: its stage, owners, impact, stage history and the
//! updates that mention it.

use serde::Serialize;

use super::{ImpactView, impact};
use crate::model::Entity;
use crate::render::lists::{List, Shown, shown};
use crate::render::views::{Facts, Party, long_date};

pub const TEMPLATE: &str = "project.html";

#[derive(Serialize)]
pub struct ProjectView {
    stage: String,
    kind: String,
    target: String,
    owners: Vec<Party>,
    impact: ImpactView,
    history: Vec<StageLine>,
    updates: Shown,
    decisions: Shown,
    body: String,
}

#[derive(Serialize)]
struct StageLine {
    date: String,
    iso: String,
    stage: String,
    note: String,
}

pub fn view(facts: &Facts<'_>, i: usize, path: &str) -> ProjectView {
    let hb = facts.hb;
    let p = &hb.projects[i];
    ProjectView {
        stage: facts.stage_name(p.stage),
        kind: p.kind.clone().unwrap_or_default(),
        target: p.target.map_or(String::new(), long_date),
        owners: facts.whos(&p.owners),
        impact: impact(facts, i),
        history: p
            .history
            .iter()
            .map(|h| StageLine {
                date: long_date(h.date),
                iso: h.date.to_string(),
                stage: facts.stage_name(h.stage),
                note: h.note.clone().unwrap_or_default(),
            })
            .collect(),
        updates: shown(facts, Entity::Project(i), List::Updates),
        decisions: shown(facts, Entity::Project(i), List::Decisions),
        body: facts.html(p.doc.file, &p.doc.body, path),
    }
}
