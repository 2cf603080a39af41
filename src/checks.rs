//! The checks that judge a resolved handbook as a whole: gaps in ownership,
//! roles nobody holds, alumni who still own things, stale pages, projects
//! without impact or whose target is not the one their history set last,
//! loops in the org chart, and pages that would overwrite each other in
//! the output; the decision log (`decisions`), ownership
//! reviews (`reviews`), goals (`goals`), duties (`duties`), 1:1s (`one_on_ones`), the weekly
//! cadence (`cadence`) and the team card (`team`) have files of their own. (Syntax, types and unknown ids are reported
//! while loading and resolving.)

mod cadence;
mod decisions;
mod duties;
mod goals;
mod one_on_ones;
mod reviews;
mod team;

pub use decisions::{SUPERSEDES_CODES, supersedes};

use std::collections::HashMap;

use rayon::prelude::*;

use crate::diagnostics::{Code, Diagnostics};
use crate::model::{Entity, Handbook, Ref};
use crate::urls;

pub fn check(hb: &Handbook, d: &mut Diagnostics) {
    ownership(hb, d);
    reviews::check(hb, d);
    decisions::check(hb, d);
    roles_held(hb, d);
    ceremonies(hb, d);
    alumni(hb, d);
    stale_pages(hb, d);
    impact(hb, d);
    targets(hb, d);
    goals::check(hb, d);
    duties::check(hb, d);
    one_on_ones::check(hb, d);
    cadence::check(hb, d);
    team::check(hb, d);
    manager_loops(hb, d);
    alt_text(hb, d);
    script_links(hb, d);
    moved_folders(hb, d);
    output_paths(hb, d);
}

/// A top folder of `pages/` named like one of teambook's own sections is
/// published under `pages/` (see `urls::published_folder`): said once per
/// folder, so that nobody looks for it at the section's address.
fn moved_folders(hb: &Handbook, d: &mut Diagnostics) {
    let mut said = std::collections::BTreeMap::new();
    for page in hb.pages.iter().filter(|p| !p.is_home()) {
        if let Some((top, to)) =
            urls::moved_top_folder(&page.doc.id).filter(|_| page.doc.id.contains('/') || page.is_section_index)
        {
            said.entry(top.to_string()).or_insert(to);
        }
    }
    for (top, to) in said {
        let slug = urls::slug_path(&top);
        d.report_path(
            Code::FolderMoved,
            &format!("pages/{top}/"),
            format!("folder pages/{top}/ is published at {to} of the site, not at {slug}/: that is one of teambook's own sections"),
        )
        .hint("links to its pages keep working; to give it another address, rename the folder");
    }
}

fn ownership(hb: &Handbook, d: &mut Diagnostics) {
    let Some(file) = hb.ownership_file.map(|f| hb.file(f)) else {
        return;
    };
    for area in &hb.areas {
        if area.owners.is_empty() {
            d.report(Code::NoOwner, file, area.pos, format!("area {:?} has no owner", area.name))
                .hint("add owners = [\"role-or-person\"]: every area needs someone who answers for it");
        } else if area.owners.len() > 1 && area.decision.is_none() {
            d.report(
                Code::NoDecisionRule,
                file,
                area.pos,
                format!("area {:?} has {} owners but no decision rule", area.name, area.owners.len()),
            )
            .hint("add decision = \"...\" saying who decides when the owners disagree");
        }
    }
}

fn roles_held(hb: &Handbook, d: &mut Diagnostics) {
    // A person file that could not be read may be the holder: its error says enough.
    if hb.unreadable.iter().any(|id| id.starts_with("people/")) {
        return;
    }
    for role in &hb.roles {
        if role.people.iter().all(|&p| hb.people[p].alumnus) {
            d.report(
                Code::UnheldRole,
                hb.file(role.doc.file),
                role.doc.pos,
                format!("no one on the team holds the role {:?}", role.doc.id),
            )
            .hint("add it to someone's `roles`, or remove the role");
        }
    }
}

fn ceremonies(hb: &Handbook, d: &mut Diagnostics) {
    for c in &hb.ceremonies {
        if c.facilitators.is_empty() {
            d.report(
                Code::NoFacilitator,
                hb.file(c.doc.file),
                c.doc.pos,
                format!("ceremony {:?} has no facilitator", c.title),
            )
            .hint("add facilitators = [\"role-or-person\"]; several rotate per occurrence");
        }
    }
}

/// Alumni must not own, facilitate or attend anything any more.
fn alumni(hb: &Handbook, d: &mut Diagnostics) {
    let mut flag = |file: usize, refs: &[Ref], what: &str| {
        for r in refs {
            if let Some(Entity::Person(p)) = r.to
                && hb.people[p].alumnus
            {
                let person = &hb.people[p];
                let left = person.left.as_ref().map_or_else(String::new, |l| format!(" on {}", l.value));
                d.report(
                    Code::AlumnusInvolved,
                    hb.file(file),
                    r.pos,
                    format!("{} left the team{left} but still {what}", person.name),
                )
                .hint("hand it over to someone on the team and record it in the history");
            }
        }
    };
    if let Some(file) = hb.ownership_file {
        for a in &hb.areas {
            flag(file, &a.owners, &format!("owns the area {:?}", a.name));
        }
    }
    for c in &hb.ceremonies {
        flag(c.doc.file, &c.facilitators, &format!("facilitates {:?}", c.title));
        flag(c.doc.file, &c.attendees, &format!("attends {:?}", c.title));
    }
    for p in &hb.projects {
        flag(p.doc.file, &p.owners, &format!("owns the project {:?}", p.title));
    }
    for g in &hb.pages {
        flag(g.doc.file, g.owner.as_slice(), &format!("owns the page {:?}", g.title));
    }
}

fn stale_pages(hb: &Handbook, d: &mut Diagnostics) {
    for g in &hb.pages {
        if let Some(review) = &g.review_by
            && review.value < hb.today
        {
            d.report(
                Code::ReviewOverdue,
                hb.file(g.doc.file),
                review.pos,
                format!("page {:?} was due for review on {}", g.title, review.value),
            )
            .hint("check it is still true, then move `review_by` forward");
        }
    }
}

/// SPEC part 3: the front matter's target is the target now, and the
/// history records each move, so the two agree on where it stands.
fn targets(hb: &Handbook, d: &mut Diagnostics) {
    for p in &hb.projects {
        if let (Some(now), Some((on, set))) = (p.target, p.history_target())
            && now != set
        {
            d.report(
                Code::TargetNotInHistory,
                hb.file(p.doc.file),
                p.target_pos,
                format!(
                    "project {:?} has target {now}, but the last target its `[[history]]` set is {set}, on {on}",
                    p.title
                ),
            )
            .hint(format!(
                "record the move in a [[history]] entry with its date and target = {now}, or set `target` back to {set}"
            ));
        }
    }
}

fn impact(hb: &Handbook, d: &mut Diagnostics) {
    for p in &hb.projects {
        if p.impact.as_ref().is_none_or(|i| i.is_empty()) {
            d.report(Code::NoImpact, hb.file(p.doc.file), p.doc.pos, format!("project {:?} states no impact", p.title))
                .hint("add an [impact] table with a summary and numbers, e.g. eng_hours_saved_per_month = 40");
        }
    }
}

/// Images must say what they show, for people who cannot see them.
fn alt_text(hb: &Handbook, d: &mut Diagnostics) {
    for (_, file, body) in crate::resolve::bodies(hb) {
        for &pos in &body.images_without_alt {
            d.report(Code::MissingAltText, hb.file(file), pos, "image without alt text")
                .hint("describe what it shows: ![what the image shows](path)");
        }
    }
}

/// Links that would run code when clicked (`javascript:`, `data:text/html`).
fn script_links(hb: &Handbook, d: &mut Diagnostics) {
    for (_, file, body) in crate::resolve::bodies(hb) {
        for (pos, dest) in &body.script_links {
            let shown: String = dest.chars().take(60).collect();
            d.report(
                Code::ScriptLink,
                hb.file(file),
                *pos,
                format!("link to {shown:?} would run code in the reader's browser"),
            )
            .hint("link to an http(s) address or a page of the handbook; GitHub drops such links too");
        }
    }
}

/// How the manager-loop error begins (patches in `serve` replace it).
pub const LOOP_MESSAGE: &str = "the manager chain loops";

/// A manager chain that comes back to where it started has no top. Each
/// person is walked once (a chain thousands deep is checked in linear time).
pub fn manager_loops(hb: &Handbook, d: &mut Diagnostics) {
    let manager = |p: usize| match hb.people[p].manager.as_ref().and_then(|r| r.to) {
        Some(Entity::Person(m)) => Some(m),
        _ => None,
    };
    #[derive(Clone, Copy, PartialEq)]
    enum Seen {
        Not,
        OnPath,
        Done,
    }
    let mut seen = vec![Seen::Not; hb.people.len()];
    for start in 0..hb.people.len() {
        let mut path: Vec<usize> = Vec::new();
        let mut at = Some(start);
        while let Some(p) = at {
            match seen[p] {
                Seen::Not => {
                    seen[p] = Seen::OnPath;
                    path.push(p);
                    at = manager(p);
                }
                Seen::OnPath => {
                    // The loop is the path from `p` on; reported once, from its first member.
                    let from = path.iter().position(|&x| x == p).unwrap_or(0);
                    let cycle = &path[from..];
                    let first = cycle.iter().enumerate().min_by_key(|&(_, &x)| x).map_or(0, |(k, _)| k);
                    let order: Vec<usize> = cycle[first..].iter().chain(&cycle[..first]).copied().collect();
                    let top = order[0];
                    let names: Vec<&str> = order.iter().chain([&top]).map(|&q| hb.people[q].doc.id.as_str()).collect();
                    let r = hb.people[top].manager.as_ref().map_or(0, |r| r.pos);
                    d.report(
                        Code::ManagerLoop,
                        hb.file(hb.people[top].doc.file),
                        r,
                        format!("{LOOP_MESSAGE}: {}", chain(&names)),
                    )
                    .hint("someone in the chain must report outside it, or have no `manager`");
                    break;
                }
                Seen::Done => break,
            }
        }
        for p in path {
            seen[p] = Seen::Done;
        }
    }
}

/// A loop of ids as "a → b → c → a", its middle counted when it is long:
/// a message names what to look at, not every member of a thousand.
pub fn chain(names: &[&str]) -> String {
    const ENDS: usize = 5;
    if names.len() <= 3 * ENDS {
        return names.join(" → ");
    }
    let hidden = names.len() - 2 * ENDS;
    format!("{} → … ({hidden} more) … → {}", names[..ENDS].join(" → "), names[names.len() - ENDS..].join(" → "))
}

/// Each alias must name a file inside the site that nothing else writes.
fn aliases(hb: &Handbook, taken: &mut HashMap<String, (String, Option<String>)>, d: &mut Diagnostics) {
    for e in urls::all_pages(hb) {
        let own = urls::page(hb, e);
        let Some((file, _)) = hb.origin(e) else { continue };
        for alias in hb.aliases(e) {
            if let Some(problem) = urls::alias_problem(&alias.value) {
                d.report(
                    Code::InvalidValue,
                    hb.file(file),
                    alias.span(),
                    format!("alias {:?} {problem}: an alias is an old address on this site", alias.value),
                )
                .hint("write the page's old path on this site, e.g. \"/old/path/\"; to point readers elsewhere, link there from the page");
                continue;
            }
            let Some(path) = urls::alias_file(hb, e, &alias.value) else {
                d.report(
                    Code::InvalidValue,
                    hb.file(file),
                    alias.span(),
                    format!("alias {:?} names no page of the site", alias.value),
                )
                .hint(
                    "write an old address of this page from the site's root, e.g. \"/old/path/\" or \"/old-name.html\"",
                );
                continue;
            };
            // The page's own address: there is nothing to redirect (README).
            if path == own {
                continue;
            }
            if let Some(message) = overlong_name(&path) {
                d.report(Code::OutputNameTooLong, hb.file(file), alias.span(), message)
                    .hint("shorten the alias: an old address this long cannot be written");
                continue;
            }
            let folded = fold(&path);
            match taken_by(taken, &folded) {
                Some((at, other)) => {
                    let message = if at == folded {
                        format!("alias {:?} would be written at {path}, which {other} writes", alias.value)
                    } else {
                        let at = at.trim_end_matches('/');
                        format!("alias {:?} would be written at {path}, inside {at}, which {other} writes", alias.value)
                    };
                    d.report(Code::OutputCollision, hb.file(file), alias.span(), message)
                        .hint("remove the alias, or move what is there: an old address can lead to one page only");
                }
                None => {
                    let writer = format!("the alias {:?} of {}", alias.value, hb.file(file).rel);
                    taken.insert(folded, (writer, None));
                }
            }
        }
    }
}

/// Who writes a folded path already: the path itself, a file where one of
/// its folders would be (`feed.xml` for `feed.xml/index.html`), or a folder
/// teambook fills (`search/`). Returns the taken path and its writer.
fn taken_by(taken: &HashMap<String, (String, Option<String>)>, folded: &str) -> Option<(String, String)> {
    let mut ancestors: Vec<String> = folded.match_indices('/').map(|(i, _)| folded[..i].to_string()).collect();
    ancestors.extend(ancestors.iter().map(|a| format!("{a}/")).collect::<Vec<_>>());
    std::iter::once(folded.to_string())
        .chain(ancestors)
        .find_map(|p| taken.get(&p).map(|(writer, _)| (p, writer.clone())))
}

/// A path as case-insensitive, normalising file systems see it (macOS and
/// Windows): `Café` written precomposed or decomposed, any case, is one file.
fn fold(path: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if path.is_ascii() {
        return path.to_ascii_lowercase();
    }
    path.nfc().collect::<String>().to_lowercase()
}

/// The longest file name most file systems allow, in bytes.
const NAME_MAX: usize = 255;

/// What is wrong with an output path that has a name longer than file
/// systems allow (`build` would fail writing it).
fn overlong_name(path: &str) -> Option<String> {
    let long = path.split('/').find(|c| c.len() > NAME_MAX)?;
    let short: String = long.chars().take(40).collect();
    Some(format!(
        "the output file name {short}… is {} bytes long, over the {NAME_MAX} that file systems allow",
        long.len()
    ))
}

/// Two things written to the same output path, or to paths that differ only
/// in case or Unicode normalisation (they collide on macOS and Windows); a
/// path with a name too long to write (which `check` must catch, not `build`).
fn output_paths(hb: &Handbook, d: &mut Diagnostics) {
    // Lowercased path → who writes it, and the qualified id when it is an entity.
    let mut taken: HashMap<String, (String, Option<String>)> =
        urls::RESERVED.iter().map(|r| (fold(r), ("teambook itself".to_string(), None))).collect();
    // Who has taken a folded path already (or its folder, for the folders teambook fills).
    let clash = |taken: &HashMap<String, (String, Option<String>)>, folded: &str| {
        let folder = folded.split_once('/').map(|(top, _)| format!("{top}/"));
        taken
            .get(folded)
            .or_else(|| {
                folder.and_then(|f| taken.get(&f).filter(|_| ["assets/", "search/", urls::LISTS].contains(&&*f)))
            })
            .cloned()
    };
    for list in urls::Paged::ALL {
        for n in 2..=list.pages(hb) {
            taken.insert(fold(&list.path(n)), (format!("page {n} of a generated list"), None));
        }
    }
    for (year, count) in urls::update_years(hb) {
        for n in 1..=urls::year_pages(count) {
            taken.insert(fold(&urls::updates_year(year, n)), (format!("the archive of the updates of {year}"), None));
        }
    }
    for period in hb.periods() {
        taken.insert(fold(&urls::goal_period(period)), (format!("the page of the objectives of {period}"), None));
    }
    // Generated pages first: a user's file is what has to move.
    // The text of pages/index.md is drawn by the home page, not written apart.
    let mut pages: Vec<Entity> =
        urls::all_pages(hb).into_iter().filter(|e| !matches!(e, Entity::Page(i) if hb.pages[*i].is_home())).collect();
    // Then the folders' generated pages, which move with their folder.
    pages.sort_by_key(|e| (hb.origin(*e).is_some(), matches!(e, Entity::Page(i) if hb.pages[*i].generated)));
    // Paths and ids are worked out in parallel; clashes are then found in order.
    let named: Vec<(Entity, String, String, String)> = pages
        .par_iter()
        .map(|&e| {
            let path = urls::page(hb, e);
            let folded = fold(&path);
            (e, path, folded, hb.qualified_id(e))
        })
        .collect();
    for (e, path, folded, id) in named {
        if let Some(message) = overlong_name(&path) {
            // A role's start-here page has the role's name: reported at the role.
            if let Some((file, pos)) = hb.origin(e) {
                d.report(Code::OutputNameTooLong, hb.file(file), pos, message).hint(match e {
                    Entity::Area(_) => "set a shorter `id`, or shorten `name`: without an `id`, the id is made from it",
                    _ if pos == 0 => "rename the file to something shorter, or set a shorter `id`",
                    _ => "set a shorter `id`",
                });
            }
            continue;
        }
        match (clash(&taken, &folded), hb.origin(e)) {
            // Same id twice: reported as a duplicate id already.
            (Some((_, Some(other_id))), _) if other_id == id => {}
            (Some((other, other_id)), Some((file, pos))) => {
                let both_pages = matches!(e, Entity::Page(_)) && other_id.is_some_and(|o| o.starts_with("pages/"));
                d.report(
                    Code::OutputCollision,
                    hb.file(file),
                    pos,
                    format!("output path {path} is also written by {other}"),
                )
                .hint(match both_pages {
                    // A page's id is its name as written: links by that name must keep working.
                    true => "rename one of the two: names that differ only in case, spaces or punctuation make the same address",
                    false => "rename the file or set a different `id`",
                });
            }
            // A folder without a page of its own gets one, at its slug: it
            // can meet a page teambook writes (`Projects/` and the board).
            (Some((other, _)), None) => {
                if let Entity::Page(i) = e
                    && hb.pages[i].generated
                {
                    let page = &hb.pages[i];
                    d.report(
                        Code::OutputCollision,
                        hb.file(page.doc.file),
                        0,
                        format!("folder pages/{}/ gets a page at {path}, which is also written by {other}", page.path),
                    )
                    .hint("rename the folder: its page and that one would share the address");
                }
            }
            (_, origin) => {
                let writer = origin.map_or_else(|| format!("the generated {id} page"), |(f, _)| hb.file(f).rel.clone());
                taken.insert(folded, (writer, Some(id)));
            }
        }
    }
    for i in 0..hb.ceremonies.len() {
        let ics = urls::ceremony_calendar(hb, i);
        let writer = format!("the calendar of {}", hb.file(hb.ceremonies[i].doc.file).rel);
        taken.insert(fold(&ics), (writer, None));
    }
    aliases(hb, &mut taken, d);
    for s in &hb.statics {
        let folded = fold(&s.path);
        match clash(&taken, &folded) {
            Some((other, _)) => {
                d.report_path(
                    Code::OutputCollision,
                    &s.source,
                    format!("output path {} is also written by {other}", s.path),
                )
                .hint("rename or move the file: teambook publishes it as it is, at that path");
            }
            None => {
                taken.insert(folded, (s.source.clone(), None));
            }
        }
    }
}
