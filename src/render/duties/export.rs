//! The duties in `handbook.json`: what each file says, the people who take
//! turns, and the shifts from the one under way to the next quarter, with
//! overrides applied.

use serde::Serialize;

use crate::model::{Entity, Handbook, QUARTER_DAYS, Ref};
use crate::urls;

#[derive(Serialize)]
pub struct DutyOut<'a> {
    id: &'a str,
    url: String,
    calendar: String,
    title: &'a str,
    area: Option<String>,
    timezone: &'a str,
    start: Option<String>,
    turn_days: Option<i64>,
    handoff: String,
    pool: Vec<String>,
    /// The people of the pool, in turn order (roles expanded).
    members: Vec<String>,
    onboard_after_days: Option<i64>,
    escalation: Vec<String>,
    handoff_doc: Option<&'a str>,
    overrides: Vec<OverrideOut<'a>>,
    shifts: Vec<ShiftOut>,
}

#[derive(Serialize)]
struct OverrideOut<'a> {
    from: String,
    to: String,
    person: Option<String>,
    instead_of: Option<String>,
    reason: &'a str,
}

#[derive(Serialize)]
struct ShiftOut {
    turn: usize,
    start: String,
    end: String,
    person: String,
    /// Whose turn it is, when an override put `person` on.
    instead_of: Option<String>,
}

pub fn duties(hb: &Handbook) -> Vec<DutyOut<'_>> {
    let ids = |refs: &[Ref]| refs.iter().filter_map(|r| r.to).map(|e| hb.qualified_id(e)).collect::<Vec<_>>();
    let one = |r: &Ref| r.to.map(|e| hb.qualified_id(e));
    let person = |p: usize| hb.qualified_id(Entity::Person(p));
    let at = |z: &jiff::ZonedDateTime| z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    hb.duties
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let rota = d.rota(hb);
            DutyOut {
                id: &d.doc.id,
                url: urls::page(hb, Entity::Duty(i)),
                calendar: urls::duty_calendar(hb, i),
                title: &d.title,
                area: d.area.as_ref().and_then(one),
                timezone: &d.zone.name,
                start: d.start.as_ref().map(|s| s.value.to_string()),
                turn_days: d.turn.as_ref().map(|t| t.value),
                handoff: d.handoff.strftime("%H:%M").to_string(),
                pool: ids(&d.pool),
                members: rota.as_ref().map_or_else(Vec::new, |r| r.members.iter().map(|m| person(m.person)).collect()),
                onboard_after_days: d.onboard_after.as_ref().map(|t| t.value),
                escalation: ids(&d.escalation),
                handoff_doc: d.handoff_doc.as_deref(),
                overrides: d
                    .overrides
                    .iter()
                    .map(|o| OverrideOut {
                        from: o.from.value.to_string(),
                        to: o.to.value.to_string(),
                        person: one(&o.person),
                        instead_of: one(&o.instead_of),
                        reason: &o.reason,
                    })
                    .collect(),
                shifts: rota.as_ref().map_or_else(Vec::new, |r| {
                    r.ahead(hb.now, QUARTER_DAYS)
                        .iter()
                        .map(|s| ShiftOut {
                            turn: s.turn,
                            start: at(&s.start),
                            end: at(&s.end),
                            person: person(s.person),
                            instead_of: s.by.map(|_| person(s.scheduled)),
                        })
                        .collect()
                }),
            }
        })
        .collect()
}
