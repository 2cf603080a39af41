//! A project's page: its stage, owners, target (and how far it moved since
//! the baseline), impact, the key results it serves, its health over the
//! weeks, its timeline and history, and the updates that mention it with
//! what each said about it.

use serde::Serialize;

use super::health::{Rating, Strip, latest, strip};
use super::said::{Said, said};
use super::timeline::{Timeline, timeline};
use super::{ImpactView, impact};
use crate::digest::kr_anchor;
use crate::model::Entity;
use crate::render::lists::{List, SHOWN, Shown, shown};
use crate::render::views::{Facts, Item, Party, long_date};
use crate::{urls, words};

pub const TEMPLATE: &str = "project.html";

#[derive(Serialize)]
pub struct ProjectView {
    stage: String,
    kind: String,
    /// The target now.
    target: String,
    /// "+4 weeks since the baseline of 18 December 2026", when it moved.
    slip: String,
    owners: Vec<Party>,
    impact: ImpactView,
    key_results: Vec<Item>,
    health: Option<Rating>,
    strip: Option<Strip>,
    timeline: Option<Timeline>,
    history: Vec<StageLine>,
    /// The updates that mention it, newest first, each with what it said.
    updates: Shown<Said>,
    decisions: Shown,
    body: String,
}

#[derive(Serialize)]
struct StageLine {
    date: String,
    iso: String,
    stage: String,
    /// The new target, when it set one.
    target: String,
    note: String,
}

pub fn view(facts: &Facts<'_>, i: usize, path: &str) -> ProjectView {
    let hb = facts.hb;
    let p = &hb.projects[i];
    let slip = match (p.slip_days(), p.baseline_target()) {
        (Some(days), Some(b)) => format!("{} since the baseline of {}", words::slip(days), long_date(b)),
        _ => String::new(),
    };
    ProjectView {
        stage: facts.stage_name(p.stage),
        kind: p.kind.clone().unwrap_or_default(),
        target: p.current_target().map_or(String::new(), long_date),
        slip,
        owners: facts.whos(&p.owners),
        impact: impact(facts, i),
        key_results: p
            .key_results
            .iter()
            .filter_map(|r| r.to)
            .map(|kr| {
                let goal = &hb.goals[kr.goal];
                let k = &goal.key_results[kr.kr];
                let progress = k.progress().map_or(String::new(), |f| format!(", {}", words::percent(f)));
                Item {
                    title: k.title.clone(),
                    url: format!("{}#{}", urls::page(hb, Entity::Goal(kr.goal)), kr_anchor(&k.id.value)),
                    note: format!("{}{progress}", goal.title),
                }
            })
            .collect(),
        health: latest(hb, i),
        strip: strip(hb, i),
        timeline: timeline(p, &hb.config.stages, hb.today),
        history: p
            .dated()
            .into_iter()
            .map(|(_, h)| StageLine {
                date: long_date(h.date),
                iso: h.date.to_string(),
                stage: facts.stage_name(h.stage),
                target: h.target.map_or(String::new(), long_date),
                note: h.note.clone().unwrap_or_default(),
            })
            .collect(),
        updates: {
            let all = &p.updates;
            let items = all.iter().rev().take(SHOWN).map(|&u| said(facts, i, u)).collect();
            let list = urls::list(hb, Entity::Project(i), List::Updates.slug(), 1);
            Shown::cut(items, all.len(), list, List::Updates.noun())
        },
        decisions: shown(facts, Entity::Project(i), List::Decisions),
        body: facts.html(p.doc.file, &p.doc.body, path),
    }
}
