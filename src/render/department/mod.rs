//! A department's site: every team's site under `/<team>/`, exactly as the
//! team builds alone (with `base_url` the department's plus the team), and
//! the department's own pages at the top: its home (the teams), a people
//! directory across teams, "who owns what" across every team's areas, and
//! one calendar of every team's ceremonies. The long lists are paged, so no
//! page grows with the number of teams.

mod calendar;

use serde::Serialize;
use tera::Context;

use super::views::{Facts, Item, Party};
use super::{Content, Sink, Site, Theme, render_to};
use crate::department::Department;
use crate::diagnostics::Diagnostics;
use crate::i18n::Strings;
use crate::model::Entity;
use crate::urls;

/// Rows per page of the directory and of "who owns what".
const PER_PAGE: usize = 100;

#[derive(Serialize)]
struct NavItem {
    key: &'static str,
    title: String,
    url: String,
}

#[derive(Serialize)]
struct TeamView {
    title: String,
    url: String,
    description: String,
    people: usize,
    areas: usize,
    projects: usize,
}

/// A person of the directory, or an area of "who owns what".
#[derive(Serialize)]
struct Row {
    title: String,
    url: String,
    note: String,
    team: Item,
    /// The root that the row's links (`roles`, `parties`) are relative to: its team's folder.
    root: String,
    /// A person's roles.
    roles: Vec<Item>,
    /// An area's owners, names first.
    parties: Vec<Party>,
}

#[derive(Serialize)]
struct PagerLinks {
    page: usize,
    pages: usize,
    prev: String,
    next: String,
}

/// Renders the department: each team handed to `sink` under its folder as
/// it renders (when given), then the department's pages. `None` when a
/// team's templates failed (reported in `diags`).
pub fn render(dept: &mut Department, diags: &mut Diagnostics, sink: Option<Sink<'_>>) -> Option<Site> {
    let mut site = Site::default();
    let mut failed = false;
    for team in &mut dept.teams {
        if let Some(base) = &dept.config.base_url {
            team.hb.config.base_url = Some(format!("{base}{}/", team.id));
        }
        let id = team.id.clone();
        let put = |path: &str, bytes: &[u8]| {
            if let Some(sink) = sink {
                sink(&format!("{id}/{path}"), bytes);
            }
        };
        let mut team_diags = Diagnostics::default();
        let rendered = render_to(&team.hb, &mut team_diags, sink.map(|_| &put as Sink<'_>));
        diags.extend(team_diags.take().into_iter().map(|mut d| {
            d.file = format!("{id}/{}", d.file);
            d
        }));
        match rendered {
            Some(team_site) => {
                site.files.extend(team_site.files.into_iter().map(|(p, c)| (format!("{id}/{p}"), c)));
                site.written.extend(team_site.written.into_iter().map(|p| format!("{id}/{p}")));
            }
            None => failed = true,
        }
    }
    if failed {
        return None;
    }
    let strings = std::sync::Arc::new(crate::i18n::Strings::load(&dept.root, &dept.config.language, None, diags));
    let theme = Theme::builtin(&strings, diags)?;
    for (path, html) in pages(dept, &theme, &strings, diags)? {
        site.files.insert(path, Content::bytes(html));
    }
    let merged = calendar::merged(dept, &site);
    site.files.insert(urls::CALENDAR.to_string(), Content::bytes(merged));
    let script = |p: &str, b: &[u8]| Content::bytes(crate::i18n::script(&strings, p, b));
    site.files.extend(super::theme::ASSETS.iter().map(|(p, b)| (p.to_string(), script(p, b))));
    site.files.insert(".nojekyll".to_string(), Content::bytes(Vec::new()));
    Some(site)
}

/// The department's HTML pages, by path.
fn pages(
    dept: &Department,
    theme: &Theme,
    strings: &Strings,
    diags: &mut Diagnostics,
) -> Option<Vec<(String, Vec<u8>)>> {
    let facts: Vec<Facts<'_>> = dept.teams.iter().map(|t| Facts::new(&t.hb)).collect();
    let nav = vec![
        NavItem { key: "home", title: strings.get("department.teams").into(), url: "index.html".into() },
        NavItem { key: "people", title: strings.get("department.people").into(), url: "people.html".into() },
        NavItem { key: "owners", title: strings.get("department.owners").into(), url: "owners.html".into() },
    ];
    let site = serde_json::json!({
        "title": dept.config.title,
        "description": dept.config.description.as_deref().unwrap_or(""),
        "language": dept.config.language,
        "dir": strings.dir(),
    });
    let render = |template: &str, key: &str, path: &str, title: &str, fill: &dyn Fn(&mut Context)| {
        let mut ctx = Context::new();
        ctx.insert("site", &site);
        ctx.insert("nav", &nav);
        ctx.insert("key", key);
        ctx.insert("path", path);
        ctx.insert("title", title);
        // What base.html asks of every page, which no department page has.
        ctx.insert("edit_url", "");
        ctx.insert("base_href", "");
        ctx.insert("root", &"../".repeat(path.matches('/').count()));
        fill(&mut ctx);
        let mut out = Vec::new();
        theme.tera.render_to(template, &ctx, &mut out).map(|()| out).map_err(|e| (e, path.to_string()))
    };
    let teams: Vec<TeamView> = dept
        .teams
        .iter()
        .map(|t| {
            let hb = &t.hb;
            TeamView {
                title: hb.config.title.clone(),
                url: format!("{}/{}", t.id, urls::HOME),
                description: hb.config.description.clone().unwrap_or_default(),
                people: hb.people.iter().filter(|p| !p.alumnus).count(),
                areas: hb.areas.len(),
                projects: hb.projects.len(),
            }
        })
        .collect();
    let mut people: Vec<(String, usize, usize)> = Vec::new();
    let mut areas: Vec<(String, usize, usize)> = Vec::new();
    for (t, team) in dept.teams.iter().enumerate() {
        let hb = &team.hb;
        people.extend(
            (0..hb.people.len()).filter(|&p| !hb.people[p].alumnus).map(|p| (hb.title(Entity::Person(p)), t, p)),
        );
        areas.extend((0..hb.areas.len()).map(|a| (hb.title(Entity::Area(a)), t, a)));
    }
    people.sort_by(|a, b| a.0.to_lowercase().cmp(&b.0.to_lowercase()).then(a.1.cmp(&b.1)));
    areas.sort_by(|a, b| a.0.to_lowercase().cmp(&b.0.to_lowercase()).then(a.1.cmp(&b.1)));
    let row = |root: &str, t: usize, e: Entity| {
        let team = &dept.teams[t];
        let f = &facts[t];
        let (note, roles, parties) = match e {
            Entity::Person(p) => {
                let person = &team.hb.people[p];
                let roles = crate::model::targets(&person.roles).map(|r| f.item(r)).collect();
                (person.title.clone().unwrap_or_default(), roles, Vec::new())
            }
            Entity::Area(a) => {
                let area = &team.hb.areas[a];
                (area.group.clone().unwrap_or_default(), Vec::new(), f.whos(&area.owners))
            }
            _ => Default::default(),
        };
        Row {
            title: team.hb.title(e),
            url: format!("{}/{}", team.id, urls::page(&team.hb, e)),
            note,
            // The team by its folder, as other teams name it (`payments:ana`).
            team: Item {
                title: team.id.clone(),
                url: format!("{}/{}", team.id, urls::HOME),
                note: team.hb.config.title.clone(),
            },
            root: format!("{root}{}/", team.id),
            roles,
            parties,
        }
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut keep = |r: Result<Vec<u8>, (tera::Error, String)>, path: String| match r {
        Ok(html) => out.push((path, html)),
        Err(e) => errors.push(e),
    };
    let home = render("department.html", "home", urls::HOME, &dept.config.title, &|ctx| {
        ctx.insert("teams", &teams);
        ctx.insert("people", &people.len());
        ctx.insert("areas", &areas.len());
    });
    keep(home, urls::HOME.to_string());
    for (key, title, list, entity) in [
        ("people", strings.get("department.people"), &people, Entity::Person as fn(usize) -> Entity),
        ("owners", strings.get("department.owners"), &areas, Entity::Area as fn(usize) -> Entity),
    ] {
        let pages = list.len().div_ceil(PER_PAGE).max(1);
        for n in 1..=pages {
            let path = paged(key, n);
            let root = "../".repeat(path.matches('/').count());
            let rows: Vec<Row> = list
                .iter()
                .skip((n - 1) * PER_PAGE)
                .take(PER_PAGE)
                .map(|&(_, t, i)| row(&root, t, entity(i)))
                .collect();
            let pager = PagerLinks {
                page: n,
                pages,
                prev: if n > 1 { paged(key, n - 1) } else { String::new() },
                next: if n < pages { paged(key, n + 1) } else { String::new() },
            };
            let html = render("department_list.html", key, &path, title, &|ctx| {
                ctx.insert("rows", &rows);
                ctx.insert("pager", &pager);
                ctx.insert("total", &list.len());
            });
            keep(html, path);
        }
    }
    if !errors.is_empty() {
        for (e, path) in &errors {
            theme.report(e, path, diags);
        }
        return None;
    }
    Some(out)
}

/// Page n (from 1) of a department list: `people.html`, `people/page-2.html`.
fn paged(key: &str, n: usize) -> String {
    if n == 1 { format!("{key}.html") } else { format!("{key}/page-{n}.html") }
}
