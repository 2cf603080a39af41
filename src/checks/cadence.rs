//! The weekly cadence: a week with no update, between the first update and
//! the last, loses that week's history; a project in flight that no update
//! has mentioned for three weeks has dropped out of view.

use std::collections::BTreeMap;

use crate::diagnostics::{Code, Diagnostics};
use crate::digest::{Chronicle, week_of};
use crate::model::Handbook;
use crate::words;

pub fn check(hb: &Handbook, d: &mut Diagnostics) {
    missing_weeks(hb, d);
    quiet_projects(hb, d);
}

/// One warning per gap, at the update that follows it.
fn missing_weeks(hb: &Handbook, d: &mut Diagnostics) {
    // Each week's first update, by date then id.
    let mut weeks: BTreeMap<jiff::civil::Date, usize> = BTreeMap::new();
    for (i, u) in hb.updates.iter().enumerate() {
        let first = weeks.entry(week_of(u.date)).or_insert(i);
        let f = &hb.updates[*first];
        if (u.date, &u.doc.id) < (f.date, &f.doc.id) {
            *first = i;
        }
    }
    let mondays: Vec<(jiff::civil::Date, usize)> = weeks.into_iter().collect();
    for pair in mondays.windows(2) {
        let [(before, _), (after, u)] = pair else { continue };
        let missing = words::days_between(*before, *after) / 7 - 1;
        if missing < 1 {
            continue;
        }
        let first_missing = before.checked_add(jiff::Span::new().days(7)).unwrap_or(*before);
        let last_missing = after.checked_sub(jiff::Span::new().days(7)).unwrap_or(*after);
        let which = if missing == 1 {
            format!("the week of {}", words::date(crate::i18n::english(), first_missing))
        } else {
            format!(
                "{missing} weeks, from the week of {} to that of {}",
                words::date(crate::i18n::english(), first_missing),
                words::date(crate::i18n::english(), last_missing)
            )
        };
        let update = &hb.updates[*u];
        d.report(Code::MissingUpdate, hb.file(update.doc.file), update.date_pos, format!("no update for {which}, before this one"))
            .hint("write one for each week, even a line (\"holiday week, nothing shipped\"): the updates are the team's history");
    }
}

fn quiet_projects(hb: &Handbook, d: &mut Diagnostics) {
    for (p, stage) in Chronicle::new(hb).quiet(week_of(hb.today)) {
        let project = &hb.projects[p];
        let stage = hb.config.stages.get(stage).map_or("", String::as_str);
        d.report(
            Code::UnmentionedProject,
            hb.file(project.doc.file),
            project.doc.pos,
            format!("project {:?} is in {stage}, and no update has mentioned it for three weeks", project.title),
        )
        .hint(format!(
            "say how it is going in this week's update: health = {{ {} = \"on-track\" }}, or name it in `projects`",
            project.doc.id
        ));
    }
}
