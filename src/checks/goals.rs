//! Objectives and their key results, judged against today: an objective
//! with nothing to measure, and, in the current period, key results that no
//! project serves or that nobody has measured for four weeks, and check-ins
//! dated after today. (Check-ins
//! out of their period or out of order are found as goals are read.)

use jiff::ToSpan;

use crate::diagnostics::{Code, Diagnostics};
use crate::model::Handbook;
use crate::words::ago;

/// How old the latest check-in of a current key result may grow.
pub const STALE_DAYS: i64 = 28;

pub fn check(hb: &Handbook, d: &mut Diagnostics) {
    let stale_before = hb.today.checked_sub(STALE_DAYS.days()).unwrap_or(hb.today);
    for g in &hb.goals {
        let file = hb.file(g.doc.file);
        if g.key_results.is_empty() {
            d.report(Code::NoKeyResults, file, g.doc.pos, format!("objective {:?} has no key result", g.title))
                .hint("add a [[key_result]] with an id, a title, a baseline and a target: how you will know it is met");
        }
        // A check-in is a measurement taken: one dated after today is most
        // likely a typo showing progress not yet made; a warning, as a week's
        // facts may be written ahead. (Outside the period: reported so.)
        for k in &g.key_results {
            for c in k.check_ins.iter().filter(|c| c.date.value > hb.today) {
                if g.period.is_some_and(|p| p.contains(c.date.value)) {
                    d.report(
                        Code::CheckInInFuture,
                        file,
                        c.date.span(),
                        format!("check-in of {} is dated after today ({})", c.date.value, hb.today),
                    )
                    .hint("date it the day it was measured; add the next check-in when that day comes");
                }
            }
        }
        let Some(period) = g.period.filter(|p| p.contains(hb.today)) else { continue };
        for k in &g.key_results {
            if k.projects.is_empty() {
                d.report(
                    Code::UnlinkedKeyResult,
                    file,
                    k.id.span(),
                    format!("no project serves the key result {:?} of {period}", k.id.value),
                )
                .hint(format!("add key_results = [\"{}\"] to the projects that move it, or start one", k.id.value));
            }
            match k.latest() {
                Some(c) if c.date.value < stale_before => {
                    d.report(
                        Code::StaleCheckIn,
                        file,
                        c.date.span(),
                        format!(
                            "the key result {:?} was last checked in on {}, {}",
                            k.id.value,
                            c.date.value,
                            ago(crate::i18n::english(), c.date.value, hb.today)
                        ),
                    )
                    .hint("add a [[key_result.check_in]] with where it stands now");
                }
                None if period.first_day() < stale_before && !k.unread_check_ins => {
                    d.report(
                        Code::StaleCheckIn,
                        file,
                        k.id.span(),
                        format!(
                            "the key result {:?} has no check-in, and {period} began on {}",
                            k.id.value,
                            period.first_day()
                        ),
                    )
                    .hint("add a [[key_result.check_in]] with where it stands now");
                }
                _ => {}
            }
        }
    }
}
