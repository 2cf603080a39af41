//! Ownership reviews: an area whose ownership was never confirmed, or not
//! within its `review_every`, is due; a review cannot have happened after
//! today.

use crate::diagnostics::{Code, Diagnostics};
use crate::model::Handbook;
use crate::model::review::{Standing, how_long};

pub(super) fn check(hb: &Handbook, d: &mut Diagnostics) {
    let Some(file) = hb.ownership_file.map(|f| hb.file(f)) else { return };
    let today = hb.today;
    for a in &hb.areas {
        if let Some(r) = &a.reviewed
            && r.value > today
        {
            d.report(
                Code::ReviewInFuture,
                file,
                r.span(),
                format!("area {:?} is reviewed on {}, which is after today ({today})", a.name, r.value),
            )
            .hint("write the day the review took place, today at the latest");
            continue;
        }
        let every = a.review_every.map(|e| e.describe()).unwrap_or_default();
        let renew =
            format!("confirm or change who owns it with its owners, then set reviewed = {today} and reviewed_by");
        match (a.standing(today), &a.reviewed) {
            (Standing::Overdue { .. }, None) => {
                d.report(
                    Code::OwnershipReviewDue,
                    file,
                    a.pos,
                    format!("area {:?} has never had its ownership reviewed (due {every})", a.name),
                )
                .hint(renew);
            }
            (Standing::Overdue { days, .. }, Some(r)) => {
                d.report(
                    Code::OwnershipReviewDue,
                    file,
                    r.span(),
                    format!(
                        "area {:?} is due for an ownership review: last reviewed {}, {every} (overdue by {})",
                        a.name,
                        r.value,
                        how_long(days)
                    ),
                )
                .hint(renew);
            }
            _ => {}
        }
    }
}
