//! The team card: a service with no runbook, an interaction past its
//! `until` (renew it or end it), and the card due for review. (Unknown areas,
//! roles and runbook pages are reported while resolving; a type or mode
//! outside its set while reading.)

use crate::diagnostics::{Code, Diagnostics};
use crate::model::Handbook;
use crate::model::review::{Standing, how_long};

pub(super) fn check(hb: &Handbook, d: &mut Diagnostics) {
    let (Some(team), Some(file)) = (&hb.config.team, hb.files.first()) else { return };
    let today = hb.today;
    for s in &team.services {
        if s.runbook.is_none() {
            d.report(Code::NoRunbook, file, s.pos, format!("service {:?} has no runbook", s.name)).hint(
                "add runbook = \"pages/runbooks/...\" (a page of the handbook) or a URL: whoever is paged at night needs it",
            );
        }
    }
    for i in &team.interactions {
        if let Some(until) = i.until.as_ref().filter(|u| u.value < today) {
            d.report(
                Code::InteractionEnded,
                file,
                until.span(),
                format!(
                    "the interaction with {:?} was meant to end on {} ({} ago)",
                    i.team,
                    until.value,
                    how_long(crate::model::review::days_between(until.value, today))
                ),
            )
            .hint("renew it with a later `until`, or end it: remove it, or move it to the card's history");
        }
    }
    if let Some(r) = team.reviewed.as_ref().filter(|r| r.value > today) {
        d.report(
            Code::ReviewInFuture,
            file,
            r.span(),
            format!("the team card is reviewed on {}, which is after today ({today})", r.value),
        )
        .hint("write the day the review took place, today at the latest");
        return;
    }
    let every = team.review_every.map(|e| e.describe()).unwrap_or_default();
    let renew = format!("go through the card with the team, then set reviewed = {today} and reviewed_by in [team]");
    match (team.standing(today), &team.reviewed) {
        (Standing::Overdue { .. }, None) => {
            d.report(
                Code::TeamCardReviewDue,
                file,
                team.pos,
                format!("the team card has never been reviewed (due {every})"),
            )
            .hint(renew);
        }
        (Standing::Overdue { days, .. }, Some(r)) => {
            d.report(
                Code::TeamCardReviewDue,
                file,
                r.span(),
                format!(
                    "the team card is due for review: last reviewed {}, {every} (overdue by {})",
                    r.value,
                    how_long(days)
                ),
            )
            .hint(renew);
        }
        _ => {}
    }
}
