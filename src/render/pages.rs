//! One function per kind of page: the template it uses and the context it
//! gets. Every context is small and built for its page alone.

use serde::Serialize;
use tera::Context;

use super::views::{
    Day, Facts, Item, ceremony_parts, latest_updates, long_date, minutes, part_name, raci_name, schedule, short_date,
    via_note,
};
use crate::model::{Entity, Index, Raci, Via, targets};
use crate::urls::{self, Paged};

/// How many of the latest updates the home and start-here pages show.
pub const LATEST: usize = 5;
/// Role cards on the home page; the roles page has them all.
const HOME_ROLES: usize = 12;

/// A page of the site to render.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Job {
    Home,
    Entity(Entity),
    OwnershipChanges,
    UpdatesYear(i16),
    /// `404.html`, served by GitHub Pages for any missing address.
    NotFound,
    /// Page 2 and on of a long list (page 1 is the list's own job).
    More(Paged, usize),
}

impl Job {
    pub fn path(self, facts: &Facts<'_>) -> String {
        match self {
            Job::Home => urls::HOME.to_string(),
            Job::Entity(e) => urls::page(facts.hb, e),
            Job::OwnershipChanges => urls::OWNERSHIP_CHANGES.to_string(),
            Job::UpdatesYear(y) => urls::updates_year(y),
            Job::NotFound => urls::NOT_FOUND.to_string(),
            Job::More(list, n) => list.path(n),
        }
    }

    /// The list this job shows a page of, and which page.
    fn paged(self) -> Option<(Paged, usize)> {
        match self {
            Job::More(list, n) => Some((list, n)),
            job => Paged::ALL.into_iter().find(|&list| first_page(list) == job).map(|list| (list, 1)),
        }
    }

    pub fn template(self) -> &'static str {
        match self {
            Job::Home => "home.html",
            Job::OwnershipChanges => "changes.html",
            Job::UpdatesYear(_) => "updates_year.html",
            Job::NotFound => "404.html",
            Job::More(list, _) => first_page(list).template(),
            Job::Entity(e) => match e {
                Entity::Role(_) => "role.html",
                Entity::Person(_) => "person.html",
                Entity::Area(_) => "area.html",
                Entity::Ceremony(_) => "ceremony.html",
                Entity::Project(_) => "project.html",
                Entity::Update(_) => "update.html",
                Entity::Page(_) => "page.html",
                Entity::StartHere(_) => "start_here.html",
                Entity::Index(ix) => match ix {
                    Index::Roles => "roles.html",
                    Index::People => "people.html",
                    Index::Ownership => "ownership.html",
                    Index::Ceremonies => "ceremonies.html",
                    Index::Projects => "projects.html",
                    Index::Updates => "updates.html",
                },
            },
        }
    }
}

/// Every page of the site.
pub fn jobs(facts: &Facts<'_>) -> Vec<Job> {
    let mut jobs = vec![Job::Home, Job::OwnershipChanges, Job::NotFound];
    jobs.extend(urls::all_pages(facts.hb).into_iter().map(Job::Entity));
    jobs.extend(years(facts).into_iter().map(Job::UpdatesYear));
    jobs.extend(later_pages(facts.hb, &Paged::ALL));
    jobs
}

/// The job of a list's first page: the list's own page.
pub fn first_page(list: Paged) -> Job {
    list.index().map_or(Job::OwnershipChanges, |ix| Job::Entity(Entity::Index(ix)))
}

/// Pages 2 and on of the given lists.
pub fn later_pages(hb: &crate::model::Handbook, lists: &[Paged]) -> Vec<Job> {
    lists.iter().flat_map(|&list| (2..=list.pages(hb)).map(move |n| Job::More(list, n))).collect()
}

/// Where a page sits in its list: page 1 of 1 for lists that fit on one.
#[derive(Serialize)]
struct PagerView {
    page: usize,
    pages: usize,
    /// Paths from the site root; empty on the first and the last page.
    prev: String,
    next: String,
}

fn pager(hb: &crate::model::Handbook, list: Paged, n: usize) -> PagerView {
    let pages = list.pages(hb);
    PagerView {
        page: n,
        pages,
        prev: if n > 1 { list.path(n - 1) } else { String::new() },
        next: if n < pages { list.path(n + 1) } else { String::new() },
    }
}

/// The items of page `n` (from 1) of a list.
fn page_of<T>(items: Vec<T>, n: usize) -> Vec<T> {
    items.into_iter().skip((n - 1) * urls::PER_PAGE).take(urls::PER_PAGE).collect()
}

/// The years that have updates, newest first.
fn years(facts: &Facts<'_>) -> Vec<i16> {
    super::views::update_years(facts.hb)
}

pub fn context(facts: &Facts<'_>, job: Job) -> Context {
    let hb = facts.hb;
    let path = job.path(facts);
    let mut cx = Context::new();
    cx.insert("root", &urls::root_of(&path));
    cx.insert("linked_from", &Vec::<Item>::new());
    // The 404 page is served at any depth: a <base> makes its links work
    // there, when the site's address is known.
    let base_href = if job == Job::NotFound { hb.config.base_url.clone().unwrap_or_default() } else { String::new() };
    cx.insert("base_href", &base_href);
    cx.insert("edit_url", "");
    cx.insert("path", &path);
    let single = || PagerView { page: 1, pages: 1, prev: String::new(), next: String::new() };
    cx.insert("pager", &job.paged().map_or_else(single, |(list, n)| pager(hb, list, n)));
    let (key, title) = match job {
        Job::Home => {
            cx.insert("page", &home(facts));
            ("home".to_string(), hb.config.title.clone())
        }
        Job::OwnershipChanges => {
            let (key, title) = list_page(facts, Paged::Changes, 1, &mut cx);
            (key.to_string(), title.to_string())
        }
        Job::UpdatesYear(y) => {
            cx.insert("page", &archive(facts, Some(y)));
            ("updates".to_string(), format!("Updates of {y}"))
        }
        Job::NotFound => {
            cx.insert("page", &home(facts));
            (String::new(), "Page not found".to_string())
        }
        Job::More(list, n) => {
            let (key, title) = list_page(facts, list, n, &mut cx);
            (key.to_string(), format!("{title}, page {n}"))
        }
        Job::Entity(e) => {
            cx.insert("linked_from", &facts.linked_from(e));
            cx.insert("edit_url", &edit_url(facts, e));
            entity(facts, e, &path, &mut cx)
        }
    };
    cx.insert("key", &key);
    cx.insert("title", &title);
    cx
}

/// Inserts page `n` of a list; returns its nav key and title.
fn list_page(facts: &Facts<'_>, list: Paged, n: usize, cx: &mut Context) -> (&'static str, &'static str) {
    match list {
        Paged::Roles => cx.insert("page", &roles(facts, n)),
        Paged::People => cx.insert("page", &people(facts, n)),
        Paged::Ownership => cx.insert("page", &ownership(facts, n)),
        Paged::Projects => cx.insert("page", &board(facts, n)),
        Paged::Changes => cx.insert("page", &changes(facts, n)),
        Paged::Ceremonies => cx.insert("page", &ceremonies(facts, n)),
    }
    list.index().map_or(("ownership", "Ownership changes"), |ix| (ix.name(), ix.title()))
}

/// "Edit this page" on the repository, for pages made from a file.
fn edit_url(facts: &Facts<'_>, e: Entity) -> String {
    let hb = facts.hb;
    match (&hb.config.repo, hb.origin(e)) {
        (Some(repo), Some((file, _))) => {
            let dir = if repo.dir.is_empty() { String::new() } else { format!("{}/", repo.dir) };
            format!("{}/edit/{}/{dir}{}", repo.url, repo.branch, hb.file(file).rel)
        }
        _ => String::new(),
    }
}

/// Inserts the page object of an entity's page; returns its nav key and title.
fn entity(facts: &Facts<'_>, e: Entity, path: &str, cx: &mut Context) -> (String, String) {
    let hb = facts.hb;
    let title = hb.title(e);
    let key = match e {
        Entity::Role(i) => {
            cx.insert("page", &role(facts, i, path));
            "roles"
        }
        Entity::StartHere(i) => {
            cx.insert("page", &start_here(facts, i));
            "roles"
        }
        Entity::Person(i) => {
            cx.insert("page", &person(facts, i, path));
            "people"
        }
        Entity::Area(i) => {
            cx.insert("page", &area(facts, i, path));
            "ownership"
        }
        Entity::Ceremony(i) => {
            cx.insert("page", &ceremony(facts, i, path));
            "ceremonies"
        }
        Entity::Project(i) => {
            cx.insert("page", &project(facts, i, path));
            "projects"
        }
        Entity::Update(i) => {
            cx.insert("page", &update(facts, i, path));
            "updates"
        }
        Entity::Page(i) => {
            let view = page(facts, i, path);
            let key = view.nav_key.clone();
            cx.insert("page", &view);
            return (key, title);
        }
        Entity::Index(ix) => {
            match Paged::ALL.into_iter().find(|&list| first_page(list) == Job::Entity(e)) {
                Some(list) => {
                    list_page(facts, list, 1, cx);
                }
                None => cx.insert("page", &archive(facts, None)),
            }
            return (ix.name().to_string(), ix.title().to_string());
        }
    };
    (key.to_string(), title)
}

#[derive(Serialize)]
struct HomeView {
    description: String,
    roles: Vec<RoleSummary>,
    /// Roles not shown on the home page (see the roles page).
    more_roles: usize,
    week: Vec<Day>,
    ceremonies: Vec<Item>,
    updates: Vec<Item>,
    sections: Vec<Item>,
}

#[derive(Serialize)]
struct RoleSummary {
    role: Item,
    summary: String,
    people: Vec<Item>,
    start_here: String,
}

fn role_summaries(facts: &Facts<'_>) -> Vec<RoleSummary> {
    let hb = facts.hb;
    hb.roles
        .iter()
        .enumerate()
        .map(|(i, r)| RoleSummary {
            role: facts.noted(Entity::Role(i), r.short.clone().unwrap_or_default()),
            summary: r.summary.clone().unwrap_or_default(),
            people: r
                .people
                .iter()
                .filter(|&&p| !hb.people[p].alumnus)
                .map(|&p| facts.item(Entity::Person(p)))
                .collect(),
            start_here: urls::page(hb, Entity::StartHere(i)),
        })
        .collect()
}

fn home(facts: &Facts<'_>) -> HomeView {
    let hb = facts.hb;
    let mut sections: Vec<Item> = Index::ALL.iter().map(|&ix| facts.item(Entity::Index(ix))).collect();
    sections.extend(facts.sections.get("").into_iter().flatten().map(|&p| facts.item(Entity::Page(p))));
    HomeView {
        description: hb.config.description.clone().unwrap_or_default(),
        roles: role_summaries(facts).into_iter().take(HOME_ROLES).collect(),
        more_roles: hb.roles.len().saturating_sub(HOME_ROLES),
        week: facts.week().to_vec(),
        ceremonies: page_of((0..hb.ceremonies.len()).map(|c| facts.item(Entity::Ceremony(c))).collect(), 1),
        updates: latest_updates(facts.hb, LATEST).into_iter().map(|u| facts.update_item(u)).collect(),
        sections,
    }
}

#[derive(Serialize)]
struct RoleView {
    short: String,
    summary: String,
    focus: Vec<String>,
    counterpart: Option<Item>,
    body: String,
    people: Vec<Item>,
    alumni: Vec<Item>,
    areas: Vec<Item>,
    ceremonies: Vec<Item>,
    projects: Vec<Item>,
    start_here: String,
}

fn role(facts: &Facts<'_>, i: usize, path: &str) -> RoleView {
    let hb = facts.hb;
    let r = &hb.roles[i];
    let (alumni, people): (Vec<usize>, Vec<usize>) = r.people.iter().partition(|&&p| hb.people[p].alumnus);
    RoleView {
        short: r.short.clone().unwrap_or_default(),
        summary: r.summary.clone().unwrap_or_default(),
        focus: r.focus.clone(),
        counterpart: r.counterpart.as_ref().and_then(|c| c.to).map(|e| facts.item(e)),
        body: facts.html(r.doc.file, &r.doc.body, path),
        people: people.into_iter().map(|p| facts.item(Entity::Person(p))).collect(),
        alumni: alumni.into_iter().map(|p| facts.item(Entity::Person(p))).collect(),
        areas: {
            let mut areas = r.areas.clone();
            areas.sort_by_key(|&(a, raci)| (raci, a));
            areas.into_iter().map(|(a, raci)| facts.noted(Entity::Area(a), raci_name(raci))).collect()
        },
        ceremonies: r.ceremonies.iter().map(|&(c, part)| facts.noted(Entity::Ceremony(c), part_name(part))).collect(),
        projects: r
            .projects
            .iter()
            .map(|&p| facts.noted(Entity::Project(p), facts.stage_name(hb.projects[p].stage)))
            .collect(),
        start_here: urls::page(hb, Entity::StartHere(i)),
    }
}

#[derive(Serialize)]
struct StartHereView {
    role: Item,
    summary: String,
    counterpart: Option<Item>,
    counterpart_people: Vec<Item>,
    owns: Vec<Item>,
    involved: Vec<Item>,
    ceremonies: Vec<CeremonyLine>,
    people: Vec<Item>,
    projects: Vec<Item>,
    updates: Vec<Item>,
    guides: Vec<Item>,
}

#[derive(Serialize)]
struct CeremonyLine {
    ceremony: Item,
    schedule: String,
}

fn start_here(facts: &Facts<'_>, i: usize) -> StartHereView {
    let hb = facts.hb;
    let r = &hb.roles[i];
    let counterpart = r.counterpart.as_ref().and_then(|c| c.to);
    let current = |p: &usize| !hb.people[*p].alumnus;
    let counterpart_people = match counterpart {
        Some(Entity::Role(c)) => {
            hb.roles[c].people.iter().filter(|p| current(p)).map(|&p| facts.item(Entity::Person(p))).collect()
        }
        _ => Vec::new(),
    };
    // Whom to meet: the co-leads, the others in this role, and their managers.
    let mut people: Vec<usize> = match counterpart {
        Some(Entity::Role(c)) => hb.roles[c].people.clone(),
        _ => Vec::new(),
    };
    people.extend(r.people.iter().copied());
    people.extend(r.people.iter().filter_map(|&p| match hb.people[p].manager.as_ref().and_then(|m| m.to) {
        Some(Entity::Person(m)) => Some(m),
        _ => None,
    }));
    let mut seen = std::collections::HashSet::new();
    people.retain(|p| current(p) && seen.insert(*p));
    let mut projects: Vec<usize> = r.projects.clone();
    for &p in r.people.iter().filter(|p| current(p)) {
        projects.extend(hb.people[p].projects.iter().map(|v| v.item));
    }
    projects.sort_unstable();
    projects.dedup();
    StartHereView {
        role: facts.item(Entity::Role(i)),
        summary: r.summary.clone().unwrap_or_default(),
        counterpart: counterpart.map(|e| facts.item(e)),
        counterpart_people,
        owns: r.areas.iter().filter(|(_, x)| *x == Raci::Owner).map(|&(a, _)| facts.item(Entity::Area(a))).collect(),
        involved: r
            .areas
            .iter()
            .filter(|(_, x)| *x != Raci::Owner)
            .map(|&(a, x)| facts.noted(Entity::Area(a), raci_name(x)))
            .collect(),
        ceremonies: r
            .ceremonies
            .iter()
            .map(|&(c, part)| CeremonyLine {
                ceremony: facts.noted(Entity::Ceremony(c), part_name(part)),
                schedule: schedule(&hb.ceremonies[c]),
            })
            .collect(),
        people: people.into_iter().map(|p| facts.party(Entity::Person(p))).collect(),
        projects: projects
            .into_iter()
            .filter(|&p| facts.in_flight(p))
            .map(|p| facts.noted(Entity::Project(p), facts.stage_name(hb.projects[p].stage)))
            .collect(),
        updates: latest_updates(facts.hb, LATEST).into_iter().map(|u| facts.update_item(u)).collect(),
        guides: facts
            .sections
            .values()
            .flatten()
            .filter(|&&p| owned_by_role(facts, p, i))
            .map(|&p| facts.item(Entity::Page(p)))
            .collect(),
    }
}

fn owned_by_role(facts: &Facts<'_>, page: usize, role: usize) -> bool {
    facts.hb.pages[page].owner.as_ref().and_then(|o| o.to) == Some(Entity::Role(role))
}

#[derive(Serialize)]
struct PersonView {
    name: String,
    title: String,
    roles: Vec<Item>,
    manager: Option<Item>,
    reports: Vec<Item>,
    timezone: String,
    joined: String,
    left: String,
    alumnus: bool,
    links: Vec<ContactLink>,
    body: String,
    areas: Vec<Item>,
    ceremonies: Vec<Item>,
    projects: Vec<Item>,
    updates: Vec<Item>,
    pages: Vec<Item>,
}

#[derive(Serialize)]
struct ContactLink {
    label: String,
    href: String,
    text: String,
}

/// Areas owned first, then consulted, then informed.
fn sorted_by_mark(areas: &[Via<(usize, Raci)>]) -> Vec<&Via<(usize, Raci)>> {
    let mut sorted: Vec<_> = areas.iter().collect();
    sorted.sort_by_key(|v| (v.item.1, v.item.0));
    sorted
}

fn contact(key: &str, value: &str) -> ContactLink {
    let href = match key {
        "email" => format!("mailto:{value}"),
        "github" if !value.contains("://") => format!("https://github.com/{value}"),
        _ if value.starts_with("https://") || value.starts_with("http://") => value.to_string(),
        _ => String::new(),
    };
    let label = match key {
        "email" => "Email".to_string(),
        "github" => "GitHub".to_string(),
        other => other.replace('_', " "),
    };
    ContactLink { label, href, text: value.to_string() }
}

fn person(facts: &Facts<'_>, i: usize, path: &str) -> PersonView {
    let hb = facts.hb;
    let p = &hb.people[i];
    PersonView {
        name: p.name.clone(),
        title: p.title.clone().unwrap_or_default(),
        roles: targets(&p.roles).map(|e| facts.item(e)).collect(),
        manager: p.manager.as_ref().and_then(|m| m.to).map(|e| facts.item(e)),
        reports: p
            .reports
            .iter()
            .filter(|&&r| !hb.people[r].alumnus)
            .map(|&r| facts.party(Entity::Person(r)))
            .collect(),
        timezone: p.timezone.as_ref().map_or(String::new(), |z| z.name.clone()),
        joined: p.joined.map_or(String::new(), long_date),
        left: p.left.as_ref().map_or(String::new(), |l| long_date(l.value)),
        alumnus: p.alumnus,
        links: p.links.iter().map(|(k, v)| contact(k, v)).collect(),
        body: facts.html(p.doc.file, &p.doc.body, path),
        areas: sorted_by_mark(&p.areas)
            .into_iter()
            .map(|v| {
                let via = via_note(facts, v);
                let note = if via.is_empty() {
                    raci_name(v.item.1).to_string()
                } else {
                    format!("{} {via}", raci_name(v.item.1))
                };
                facts.noted(Entity::Area(v.item.0), note)
            })
            .collect(),
        ceremonies: ceremony_parts(facts, &p.ceremonies),
        projects: p
            .projects
            .iter()
            .map(|v| {
                let stage = facts.stage_name(hb.projects[v.item].stage);
                let via = via_note(facts, v);
                facts.noted(Entity::Project(v.item), if via.is_empty() { stage } else { format!("{stage}, {via}") })
            })
            .collect(),
        updates: p.updates.iter().map(|&u| facts.update_item(u)).rev().collect(),
        pages: p.pages.iter().map(|&g| facts.item(Entity::Page(g))).collect(),
    }
}

#[derive(Serialize)]
struct AreaView {
    name: String,
    group: String,
    owners: Vec<Item>,
    decision: String,
    consulted: Vec<Item>,
    informed: Vec<Item>,
    ceremonies: Vec<Item>,
    notes: String,
    history: Vec<ChangeView>,
}

#[derive(Serialize, Clone)]
struct ChangeView {
    date: String,
    /// The date as YYYY-MM-DD, for `<time datetime>`.
    iso: String,
    area: Item,
    from: Vec<Item>,
    to: Vec<Item>,
    reason: String,
}

fn area(facts: &Facts<'_>, i: usize, path: &str) -> AreaView {
    let hb = facts.hb;
    let a = &hb.areas[i];
    AreaView {
        name: a.name.clone(),
        group: a.group.clone().unwrap_or_default(),
        owners: facts.items(&a.owners),
        decision: a.decision.clone().unwrap_or_default(),
        consulted: facts.items(&a.consulted),
        informed: facts.items(&a.informed),
        ceremonies: a.ceremonies.iter().map(|&c| facts.item(Entity::Ceremony(c))).collect(),
        notes: match (hb.ownership_file, &a.notes) {
            (Some(file), Some(notes)) => facts.html(file, notes, path),
            _ => String::new(),
        },
        history: change_views(facts, i),
    }
}

fn change_views(facts: &Facts<'_>, i: usize) -> Vec<ChangeView> {
    let a = &facts.hb.areas[i];
    a.history
        .iter()
        .map(|c| ChangeView {
            date: long_date(c.date.value),
            iso: c.date.value.to_string(),
            area: facts.item(Entity::Area(i)),
            from: facts.items(&c.from),
            to: facts.items(&c.to),
            reason: c.reason.clone().unwrap_or_default(),
        })
        .collect()
}

#[derive(Serialize)]
struct CeremonyView {
    schedule: String,
    /// This ceremony's calendar file, and its `webcal://` address when base_url is set.
    ics: String,
    webcal: String,
    timezone: String,
    start: String,
    until: String,
    skip: Vec<String>,
    facilitators: Vec<Item>,
    rotates: bool,
    attendees: Vec<Item>,
    areas: Vec<Item>,
    agenda: Vec<AgendaLine>,
    agenda_minutes: i64,
    duration_minutes: i64,
    agenda_doc: String,
    next: Vec<OccurrenceLine>,
    body: String,
}

#[derive(Serialize)]
struct AgendaLine {
    item: String,
    minutes: String,
}

#[derive(Serialize)]
struct OccurrenceLine {
    date: String,
    time: String,
    facilitator: Option<Item>,
}

fn ceremony(facts: &Facts<'_>, i: usize, path: &str) -> CeremonyView {
    let hb = facts.hb;
    let c = &hb.ceremonies[i];
    let horizon = hb.today.checked_add(jiff::Span::new().days(400)).unwrap_or(hb.today);
    let next = c
        .occurrences(hb.today, horizon)
        .into_iter()
        .take(6)
        .map(|o| OccurrenceLine {
            date: short_date(o.start.date()),
            time: format!("{}–{}", o.start.strftime("%H:%M"), o.end.strftime("%H:%M")),
            facilitator: o.facilitator.and_then(|f| c.facilitators.get(f)).and_then(|r| r.to).map(|e| facts.party(e)),
        })
        .collect();
    let ics = urls::ceremony_calendar(hb, i);
    CeremonyView {
        schedule: schedule(c),
        webcal: webcal(facts, &ics),
        ics,
        timezone: c.zone.name.clone(),
        start: c.start.map_or(String::new(), long_date),
        until: c.until.map_or(String::new(), long_date),
        skip: c.skip.iter().map(|d| long_date(*d)).collect(),
        facilitators: facts.items(&c.facilitators),
        rotates: c.facilitators.len() > 1,
        attendees: facts.items(&c.attendees),
        areas: c.area_links.iter().map(|&a| facts.item(Entity::Area(a))).collect(),
        agenda: c
            .agenda
            .iter()
            .map(|a| AgendaLine { item: a.item.clone(), minutes: a.minutes.map_or(String::new(), minutes) })
            .collect(),
        agenda_minutes: c.agenda.iter().filter_map(|a| a.minutes).sum(),
        duration_minutes: c.duration.as_ref().map_or(0, |d| d.value.as_mins()),
        agenda_doc: c.agenda_doc.clone().unwrap_or_default(),
        next,
        body: facts.html(c.doc.file, &c.doc.body, path),
    }
}

#[derive(Serialize)]
struct ProjectView {
    stage: String,
    kind: String,
    target: String,
    owners: Vec<Item>,
    impact: ImpactView,
    history: Vec<StageLine>,
    updates: Vec<Item>,
    body: String,
}

#[derive(Serialize, Default)]
struct ImpactView {
    summary: String,
    okr: String,
    metrics: Vec<Metric>,
}

#[derive(Serialize, Clone)]
struct Metric {
    label: String,
    value: String,
}

#[derive(Serialize)]
struct StageLine {
    date: String,
    iso: String,
    stage: String,
    note: String,
}

/// `eng_hours_saved_per_month` → "Eng hours saved per month"
fn metric_label(key: &str) -> String {
    let words = key.replace('_', " ");
    let mut chars = words.chars();
    chars.next().map_or(String::new(), |c| c.to_uppercase().collect::<String>() + chars.as_str())
}

fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        let n = x as i64;
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        if n < 0 { format!("−{out}") } else { out }
    } else {
        format!("{x}")
    }
}

fn impact(facts: &Facts<'_>, p: usize) -> ImpactView {
    facts.hb.projects[p].impact.as_ref().map_or_else(ImpactView::default, |i| ImpactView {
        summary: i.summary.clone().unwrap_or_default(),
        okr: i.okr.clone().unwrap_or_default(),
        metrics: i.metrics.iter().map(|(k, v)| Metric { label: metric_label(k), value: number(*v) }).collect(),
    })
}

fn project(facts: &Facts<'_>, i: usize, path: &str) -> ProjectView {
    let hb = facts.hb;
    let p = &hb.projects[i];
    ProjectView {
        stage: facts.stage_name(p.stage),
        kind: p.kind.clone().unwrap_or_default(),
        target: p.target.map_or(String::new(), long_date),
        owners: facts.items(&p.owners),
        impact: impact(facts, i),
        history: p
            .history
            .iter()
            .map(|h| StageLine {
                date: long_date(h.date),
                iso: h.date.to_string(),
                stage: facts.stage_name(h.stage),
                note: h.note.clone().unwrap_or_default(),
            })
            .collect(),
        updates: p.updates.iter().map(|&u| facts.update_item(u)).rev().collect(),
        body: facts.html(p.doc.file, &p.doc.body, path),
    }
}

#[derive(Serialize)]
struct UpdateView {
    date: String,
    authors: Vec<Item>,
    status: String,
    projects: Vec<Item>,
    body: String,
    newer: Option<Item>,
    older: Option<Item>,
}

fn update(facts: &Facts<'_>, i: usize, path: &str) -> UpdateView {
    let hb = facts.hb;
    let u = &hb.updates[i];
    let [older, newer] = facts.next_to(i);
    UpdateView {
        date: long_date(u.date),
        authors: facts.items(&u.authors),
        status: u.status.map_or(String::new(), |s| s.name().to_string()),
        projects: u
            .mentions
            .iter()
            .map(|&p| facts.noted(Entity::Project(p), facts.stage_name(hb.projects[p].stage)))
            .collect(),
        body: facts.html(u.doc.file, &u.doc.body, path),
        newer: newer.map(|n| facts.update_item(n)),
        older: older.map(|n| facts.update_item(n)),
    }
}

#[derive(Serialize)]
struct PageView {
    body: String,
    /// The body has its own level-1 heading, so the template adds none.
    has_h1: bool,
    owner: Option<Item>,
    review_by: String,
    needs_review: bool,
    /// Where the page sits: its section pages, top down.
    trail: Vec<Item>,
    /// The pages of the section this page introduces, or of its own section.
    children: Vec<Item>,
    siblings: Vec<Item>,
    #[serde(skip)]
    nav_key: String,
}

fn page(facts: &Facts<'_>, i: usize, path: &str) -> PageView {
    let hb = facts.hb;
    let g = &hb.pages[i];
    let section_page = |dir: &str| hb.pages.iter().position(|p| p.is_section_index && p.path == dir);
    let mut trail = Vec::new();
    let mut dir = g.section.as_str();
    while !dir.is_empty() {
        if let Some(s) = section_page(dir) {
            trail.insert(0, facts.item(Entity::Page(s)));
        }
        dir = dir.rsplit_once('/').map_or("", |(parent, _)| parent);
    }
    let list = |dir: &str| -> Vec<Item> {
        facts
            .sections
            .get(dir)
            .into_iter()
            .flatten()
            .filter(|&&p| p != i)
            .map(|&p| facts.item(Entity::Page(p)))
            .collect()
    };
    let top = g.path.split('/').next().unwrap_or(&g.path);
    PageView {
        body: facts.html(g.doc.file, &g.doc.body, path),
        has_h1: g.doc.body.headings.iter().any(|h| h.level == 1),
        owner: g.owner.as_ref().and_then(|o| o.to).map(|e| facts.party(e)),
        review_by: g.review_by.as_ref().map_or(String::new(), |r| long_date(r.value)),
        needs_review: g.review_by.as_ref().is_some_and(|r| r.value < hb.today),
        trail,
        children: if g.is_section_index { list(&g.path) } else { Vec::new() },
        siblings: if g.section.is_empty() { Vec::new() } else { list(&g.section) },
        nav_key: format!("pages/{top}"),
    }
}

#[derive(Serialize)]
struct RolesView {
    roles: Vec<RoleSummary>,
}

fn roles(facts: &Facts<'_>, n: usize) -> RolesView {
    RolesView { roles: page_of(role_summaries(facts), n) }
}

#[derive(Serialize)]
struct PeopleView {
    people: Vec<Item>,
    chart: Vec<OrgNode>,
    alumni: Vec<Item>,
}

/// The org chart as a flat list with depths, so templates need no recursion.
#[derive(Serialize)]
struct OrgNode {
    person: Item,
    depth: usize,
}

fn people(facts: &Facts<'_>, n: usize) -> PeopleView {
    let hb = facts.hb;
    let current: Vec<usize> = (0..hb.people.len()).filter(|&p| !hb.people[p].alumnus).collect();
    let mut chart = Vec::new();
    let has_current_manager = |p: usize| matches!(hb.people[p].manager.as_ref().and_then(|m| m.to), Some(Entity::Person(m)) if !hb.people[m].alumnus);
    let mut stack: Vec<(usize, usize)> =
        current.iter().rev().filter(|&&p| !has_current_manager(p)).map(|&p| (p, 0)).collect();
    let mut seen = vec![false; hb.people.len()];
    while let Some((p, depth)) = stack.pop() {
        if std::mem::replace(&mut seen[p], true) {
            continue; // a loop in the chain, reported by check
        }
        chart.push((p, depth));
        stack.extend(hb.people[p].reports.iter().rev().filter(|&&r| !hb.people[r].alumnus).map(|&r| (r, depth + 1)));
    }
    let chart = page_of(chart, n);
    let alumni: Vec<usize> = (0..hb.people.len()).filter(|&p| hb.people[p].alumnus).collect();
    PeopleView {
        people: page_of(current, n).iter().map(|&p| facts.party(Entity::Person(p))).collect(),
        chart: chart.into_iter().map(|(p, depth)| OrgNode { person: facts.party(Entity::Person(p)), depth }).collect(),
        alumni: page_of(alumni, n)
            .into_iter()
            .map(|p| {
                facts.noted(
                    Entity::Person(p),
                    hb.people[p].left.as_ref().map_or(String::new(), |l| format!("left {}", long_date(l.value))),
                )
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct MatrixView {
    roles: Vec<Item>,
    groups: Vec<GroupView>,
    changes: usize,
}

#[derive(Serialize)]
struct GroupView {
    name: String,
    rows: Vec<RowView>,
}

#[derive(Serialize)]
struct RowView {
    area: Item,
    /// One mark per role column: "O", "C", "I" or "".
    cells: Vec<String>,
    /// Owners, consulted and informed named as people, not roles.
    people: Vec<Item>,
    dual: bool,
    decision: String,
    history: usize,
}

/// One page of the matrix: its areas in group order, and a column for each
/// role that has a mark on this page.
fn ownership(facts: &Facts<'_>, n: usize) -> MatrixView {
    let hb = facts.hb;
    // Areas in the order they are shown: groups as they first appear.
    let mut order: Vec<usize> = (0..hb.areas.len()).collect();
    let mut group_rank: Vec<&str> = Vec::new();
    for a in &hb.areas {
        let g = a.group.as_deref().unwrap_or("");
        if !group_rank.contains(&g) {
            group_rank.push(g);
        }
    }
    order.sort_by_key(|&i| group_rank.iter().position(|g| *g == hb.areas[i].group.as_deref().unwrap_or("")));
    let shown = page_of(order, n);
    let mut columns: Vec<usize> = shown
        .iter()
        .flat_map(|&i| {
            let a = &hb.areas[i];
            targets(&a.owners).chain(targets(&a.consulted)).chain(targets(&a.informed))
        })
        .filter_map(|e| if let Entity::Role(r) = e { Some(r) } else { None })
        .collect();
    columns.sort_unstable();
    columns.dedup();
    let mut groups: Vec<GroupView> = Vec::new();
    for &i in &shown {
        let a = &hb.areas[i];
        let mut cells = vec![String::new(); columns.len()];
        let mut people = Vec::new();
        for (mark, refs) in [("O", &a.owners), ("C", &a.consulted), ("I", &a.informed)] {
            for e in targets(refs) {
                match e {
                    Entity::Role(r) => {
                        if let Ok(c) = columns.binary_search(&r)
                            && cells[c].is_empty()
                        {
                            cells[c] = mark.to_string();
                        }
                    }
                    Entity::Person(_) => people.push(facts.noted(e, mark)),
                    _ => {}
                }
            }
        }
        let row = RowView {
            area: facts.item(Entity::Area(i)),
            cells,
            people,
            dual: a.owners.len() > 1,
            decision: a.decision.clone().unwrap_or_default(),
            history: a.history.len(),
        };
        let name = a.group.clone().unwrap_or_default();
        match groups.iter_mut().find(|g| g.name == name) {
            Some(g) => g.rows.push(row),
            None => groups.push(GroupView { name, rows: vec![row] }),
        }
    }
    MatrixView {
        roles: columns.iter().map(|&r| facts.noted(Entity::Role(r), hb.roles[r].short_name())).collect(),
        groups,
        changes: hb.areas.iter().map(|a| a.history.len()).sum(),
    }
}

#[derive(Serialize)]
struct ChangesView {
    changes: Vec<ChangeView>,
}

fn changes(facts: &Facts<'_>, n: usize) -> ChangesView {
    let hb = facts.hb;
    let mut all: Vec<(jiff::civil::Date, usize, usize)> = Vec::new();
    for (i, a) in hb.areas.iter().enumerate() {
        all.extend(a.history.iter().enumerate().map(|(k, c)| (c.date.value, i, k)));
    }
    all.sort_by(|x, y| y.cmp(x));
    let all = page_of(all, n);
    let mut per_area: Vec<Option<Vec<ChangeView>>> = (0..hb.areas.len()).map(|_| None).collect();
    let changes = all
        .into_iter()
        .filter_map(|(_, i, k)| {
            let views = per_area[i].get_or_insert_with(|| change_views(facts, i));
            views.get(k).cloned()
        })
        .collect();
    ChangesView { changes }
}

#[derive(Serialize)]
struct CeremoniesView {
    ics: String,
    webcal: String,
    week: Vec<Day>,
    ceremonies: Vec<CeremonyLine>,
    shares: Vec<ShareLine>,
    timezone: String,
}

#[derive(Serialize)]
struct ShareLine {
    role: Item,
    per_month: f64,
    hours_per_month: f64,
    percent: f64,
}

/// Page `n` of the ceremonies: those listed, their week, and (on the first
/// page) the roles' shares of facilitation, for the first hundred roles.
fn ceremonies(facts: &Facts<'_>, n: usize) -> CeremoniesView {
    let hb = facts.hb;
    let listed = page_of((0..hb.ceremonies.len()).collect(), n);
    CeremoniesView {
        ics: urls::CALENDAR.to_string(),
        webcal: webcal(facts, urls::CALENDAR),
        week: if n == 1 { facts.week().to_vec() } else { super::views::week(facts, &listed) },
        ceremonies: listed
            .iter()
            .map(|&c| CeremonyLine { ceremony: facts.item(Entity::Ceremony(c)), schedule: schedule(&hb.ceremonies[c]) })
            .collect(),
        shares: page_of(if n == 1 { facts.shares().to_vec() } else { Vec::new() }, 1)
            .iter()
            .map(|s| ShareLine {
                role: facts.item(Entity::Role(s.role)),
                per_month: s.per_month,
                hours_per_month: s.hours_per_month,
                percent: s.percent,
            })
            .collect(),
        timezone: hb.config.timezone.name.clone(),
    }
}

/// The `webcal://` address of a calendar file (subscribe, rather than
/// download), when the site's address is known.
fn webcal(facts: &Facts<'_>, path: &str) -> String {
    facts
        .hb
        .config
        .base_url
        .as_deref()
        .and_then(|b| b.split_once("://"))
        .map_or(String::new(), |(_, rest)| format!("webcal://{rest}{path}"))
}

#[derive(Serialize)]
struct BoardView {
    columns: Vec<ColumnView>,
}

#[derive(Serialize)]
struct ColumnView {
    stage: String,
    /// Projects in the stage, on every page.
    count: usize,
    cards: Vec<CardView>,
    totals: Vec<Metric>,
}

#[derive(Serialize)]
struct CardView {
    project: Item,
    kind: String,
    owners: Vec<Item>,
    impact: ImpactView,
    target: String,
}

/// Page `n` of the board: every stage, with its count and totals over all
/// its projects, and the cards that fall on this page (cards are numbered
/// stage by stage).
fn board(facts: &Facts<'_>, n: usize) -> BoardView {
    let hb = facts.hb;
    let window = (n - 1) * urls::PER_PAGE..n * urls::PER_PAGE;
    let mut before = 0;
    let columns = hb
        .config
        .stages
        .iter()
        .enumerate()
        .map(|(s, stage)| {
            let projects: Vec<usize> = (0..hb.projects.len()).filter(|&p| hb.projects[p].stage == Some(s)).collect();
            let mut totals: Vec<(String, f64)> = Vec::new();
            for &p in &projects {
                for (k, v) in hb.projects[p].impact.iter().flat_map(|i| &i.metrics) {
                    match totals.iter_mut().find(|(key, _)| key == k) {
                        Some((_, sum)) => *sum += v,
                        None => totals.push((k.clone(), *v)),
                    }
                }
            }
            totals.sort_by(|a, b| a.0.cmp(&b.0));
            let first = before;
            before += projects.len();
            ColumnView {
                stage: stage.clone(),
                count: projects.len(),
                cards: projects
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| window.contains(&(first + k)))
                    .map(|(_, &p)| CardView {
                        project: facts.item(Entity::Project(p)),
                        kind: hb.projects[p].kind.clone().unwrap_or_default(),
                        owners: facts.items(&hb.projects[p].owners),
                        impact: impact(facts, p),
                        target: hb.projects[p].target.map_or(String::new(), long_date),
                    })
                    .collect(),
                totals: totals.into_iter().map(|(k, v)| Metric { label: metric_label(&k), value: number(v) }).collect(),
            }
        })
        .collect();
    BoardView { columns }
}

#[derive(Serialize)]
struct ArchiveView {
    years: Vec<Item>,
    year: String,
    months: Vec<MonthView>,
}

#[derive(Serialize)]
struct MonthView {
    name: String,
    updates: Vec<UpdateLine>,
}

#[derive(Serialize)]
struct UpdateLine {
    update: Item,
    authors: Vec<Item>,
    status: String,
}

/// The archive: for one year, every update by month, newest first; on the
/// main archive page, the latest updates and the list of years.
fn archive(facts: &Facts<'_>, year: Option<i16>) -> ArchiveView {
    let hb = facts.hb;
    let chosen: Vec<usize> = match year {
        Some(y) => {
            let mut of_year: Vec<usize> = (0..hb.updates.len()).filter(|&u| hb.updates[u].date.year() == y).collect();
            of_year.sort_by(|&a, &b| {
                (hb.updates[b].date, &hb.updates[b].doc.id).cmp(&(hb.updates[a].date, &hb.updates[a].doc.id))
            });
            of_year
        }
        None => latest_updates(hb, 20),
    };
    let mut months: Vec<MonthView> = Vec::new();
    for u in chosen {
        let update = &hb.updates[u];
        let name = update.date.strftime("%B %Y").to_string();
        let line = UpdateLine {
            update: facts.update_item(u),
            authors: facts.items(&update.authors),
            status: update.status.map_or(String::new(), |s| s.name().to_string()),
        };
        match months.last_mut() {
            Some(m) if m.name == name => m.updates.push(line),
            _ => months.push(MonthView { name, updates: vec![line] }),
        }
    }
    let mut counts: std::collections::BTreeMap<i16, usize> = std::collections::BTreeMap::new();
    for u in &hb.updates {
        *counts.entry(u.date.year()).or_default() += 1;
    }
    let years = counts
        .into_iter()
        .rev()
        .map(|(y, count)| Item { title: y.to_string(), url: urls::updates_year(y), note: format!("{count} updates") })
        .collect();
    ArchiveView { years, year: year.map_or(String::new(), |y| y.to_string()), months }
}
