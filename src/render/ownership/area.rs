//! An area's page: its owners and decision rule, who is consulted and
//! informed, what each is expected to do, where it is worked on, when its
//! ownership was last reviewed, the decisions about it, and its history.

use serde::Serialize;

use super::{ChangeView, ExpectView, ReviewView, change_views, expectations, review};
use crate::model::Entity;
use crate::render::lists::{List, Shown, shown};
use crate::render::views::{Facts, Party};

pub const TEMPLATE: &str = "area.html";

#[derive(Serialize)]
pub struct AreaView {
    name: String,
    group: String,
    owners: Vec<Party>,
    decision: String,
    consulted: Vec<Party>,
    informed: Vec<Party>,
    ceremonies: Shown,
    notes: String,
    history: Vec<ChangeView>,
    expect: Vec<ExpectView>,
    review: ReviewView,
    decisions: Shown,
    /// The services of the team card this area owns.
    services: Vec<crate::render::team::ServiceView>,
    /// The duties that serve it, with who is on each.
    duties: Vec<crate::render::duties::OnDuty>,
}

pub fn view(facts: &Facts<'_>, i: usize, path: &str) -> AreaView {
    let hb = facts.hb;
    let a = &hb.areas[i];
    AreaView {
        name: a.name.clone(),
        group: a.group.clone().unwrap_or_default(),
        owners: facts.whos(&a.owners),
        decision: a.decision.clone().unwrap_or_default(),
        consulted: facts.whos(&a.consulted),
        informed: facts.whos(&a.informed),
        ceremonies: shown(facts, Entity::Area(i), List::Ceremonies),
        notes: match (hb.ownership_file, &a.notes) {
            (Some(file), Some(notes)) => facts.html(file, notes, path),
            _ => String::new(),
        },
        history: change_views(facts, i),
        expect: expectations(facts, a),
        review: review(facts, a),
        decisions: shown(facts, Entity::Area(i), List::Decisions),
        services: crate::render::team::services_of(facts, i),
        duties: crate::render::duties::of_area(facts, i),
    }
}
