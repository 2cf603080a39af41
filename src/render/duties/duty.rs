//! A duty's page: how turns pass on, who is on duty at build time and next
//! (and, in the browser, now), the turns of the next quarter, the pool, the
//! escalation path, the overrides with their reasons, and the runbook.

use serde::Serialize;

use super::{OnDuty, ShiftLine, on_duty, shift_line};
use crate::model::QUARTER_DAYS;
use crate::render::views::{Facts, Item, Party};
use crate::urls;

pub const TEMPLATE: &str = "duty.html";

#[derive(Serialize)]
pub struct DutyView {
    /// "Turns of 1 week, handed on Mondays at 10:00 (America/New_York)".
    rhythm: String,
    area: Option<Item>,
    pool: Vec<Party>,
    escalation: Vec<Party>,
    handoff_doc: String,
    on: OnDuty,
    /// The next quarter, from the turn under way.
    turns: Vec<ShiftLine>,
    /// The overrides of the next quarter (those not over by today that
    /// start within it), so the page stays the same size however many
    /// are written.
    overrides: Vec<OverrideLine>,
    /// Overrides over before today, and those after the quarter: not listed.
    past_overrides: usize,
    later_overrides: usize,
    /// The duty's own calendar feed, and its `webcal://` address when the
    /// site's is known.
    calendar: String,
    webcal: String,
    body: String,
}

#[derive(Serialize)]
struct OverrideLine {
    from: String,
    to: String,
    person: Option<Item>,
    instead_of: Option<Item>,
    reason: String,
}

pub fn view(facts: &Facts<'_>, i: usize, path: &str) -> DutyView {
    let hb = facts.hb;
    let d = &hb.duties[i];
    let rota = d.rota(hb);
    let turns = rota
        .as_ref()
        .map_or_else(Vec::new, |r| r.ahead(hb.now, QUARTER_DAYS).iter().map(|s| shift_line(facts, r, s)).collect());
    let person = |r: &crate::model::Ref| r.to.map(|e| facts.item(e));
    let horizon = hb.today.checked_add(jiff::Span::new().days(QUARTER_DAYS)).unwrap_or(hb.today);
    let past = d.overrides.iter().filter(|o| o.to.value < hb.today).count();
    let later = d.overrides.iter().filter(|o| o.to.value >= hb.today && o.from.value > horizon).count();
    let mut current: Vec<_> =
        d.overrides.iter().filter(|o| o.to.value >= hb.today && o.from.value <= horizon).collect();
    current.sort_by_key(|o| (o.from.value, o.to.value));
    DutyView {
        rhythm: rhythm(facts, d),
        area: d.area.as_ref().and_then(|a| a.to).map(|e| facts.item(e)),
        pool: facts.whos(&d.pool),
        escalation: facts.whos(&d.escalation),
        handoff_doc: d.handoff_doc.clone().unwrap_or_default(),
        on: on_duty(facts, i, QUARTER_DAYS),
        turns,
        overrides: current
            .into_iter()
            .map(|o| OverrideLine {
                from: facts.long_date(o.from.value),
                to: facts.long_date(o.to.value),
                person: person(&o.person),
                instead_of: person(&o.instead_of),
                reason: o.reason.clone(),
            })
            .collect(),
        past_overrides: past,
        later_overrides: later,
        calendar: urls::duty_calendar(hb, i),
        webcal: crate::render::ceremonies::webcal(facts, &urls::duty_calendar(hb, i)),
        body: facts.html(d.doc.file, &d.doc.body, path),
    }
}

/// "Turns of 1 week from 2 November 2026, handed on at 10:00 on Mondays
/// (America/New_York)".
pub fn rhythm(facts: &Facts<'_>, d: &crate::model::Duty) -> String {
    let s = &facts.hb.strings;
    let Some(start) = d.start.as_ref().map(|s| s.value) else {
        return s.get("duty.not_scheduled").into();
    };
    let time = d.handoff.strftime("%H:%M").to_string();
    let turn = d.turn.as_ref().map_or(0, |t| t.value);
    let length = if turn % 7 == 0 { s.count("review.weeks", turn / 7, &[]) } else { s.count("review.days", turn, &[]) };
    let args = [
        ("turn", length.as_str()),
        ("start", &facts.long_date(start)),
        ("time", &time),
        ("weekday", &s.weekday(start.weekday())),
        ("zone", &d.zone.name),
    ];
    if turn > 0 && turn % 7 == 0 { s.fill("duty.rhythm_weekly", &args) } else { s.fill("duty.rhythm", &args) }
}
