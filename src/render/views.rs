//! What each template sees: small, serialisable view models built from the
//! handbook for one page at a time. URLs are relative to the site root; the
//! templates prefix them with `root`, which leads from the page back to it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use crate::markdown::{self, Body, Link, LinkResolver, Target};
use crate::model::{Ceremony, Entity, Handbook, Part, Raci, Ref, Via, targets};
use crate::recurrence::weekday_name;
use crate::source::FileId;
use crate::urls;

/// A link to a page, with an optional note ("EM", a date, a stage).
#[derive(Serialize, Clone, Debug, PartialEq, Default)]
pub struct Item {
    pub title: String,
    pub url: String,
    pub note: String,
}

/// Shared facts the views need, computed once per build, and the costly
/// ones only when a page being rendered asks for them (a rebuild in
/// `serve` renders few pages).
pub struct Facts<'a> {
    pub hb: &'a Handbook,
    /// Free pages by section path, in `page_order`.
    pub sections: BTreeMap<String, Vec<usize>>,
    /// The page of each folder that has one, by the folder's path.
    pub section_pages: HashMap<String, usize>,
    newest: OnceLock<Vec<usize>>,
    /// Updates by year, each year sorted newest first when first needed.
    by_year: OnceLock<YearIndex>,
    week: OnceLock<Vec<Day>>,
    shares: OnceLock<Vec<Share>>,
}

/// Updates by year: as read, and sorted newest first on demand.
type YearIndex = BTreeMap<i16, (Vec<usize>, OnceLock<Vec<usize>>)>;

/// Updates, newest first (ties by id).
pub fn newest_updates(hb: &Handbook) -> Vec<usize> {
    let mut order: Vec<usize> = (0..hb.updates.len()).collect();
    order.sort_by(|&a, &b| {
        (hb.updates[b].date, &hb.updates[b].doc.id).cmp(&(hb.updates[a].date, &hb.updates[a].doc.id))
    });
    order
}

/// The order of free pages within a section: by weight, then title.
pub fn page_order(hb: &Handbook, p: usize) -> (i64, &str, usize) {
    (hb.pages[p].weight, &hb.pages[p].title, p)
}

/// How many of the latest updates the home and start-here pages show.
pub const LATEST: usize = 5;

/// The `n` newest updates, newest first, without sorting them all.
pub fn latest_updates(hb: &Handbook, n: usize) -> Vec<usize> {
    let key = |u: usize| (hb.updates[u].date, &hb.updates[u].doc.id);
    let mut all: Vec<usize> = (0..hb.updates.len()).collect();
    if all.len() > n {
        all.select_nth_unstable_by(n, |&a, &b| key(b).cmp(&key(a)));
        all.truncate(n);
    }
    all.sort_by(|&a, &b| key(b).cmp(&key(a)));
    all
}

/// The years of the update archive, newest first.
pub fn update_years(hb: &Handbook) -> Vec<i16> {
    let years: BTreeSet<i16> = hb.updates.iter().map(|u| u.date.year()).collect();
    years.into_iter().rev().collect()
}

impl<'a> Facts<'a> {
    pub fn new(hb: &'a Handbook) -> Facts<'a> {
        let mut sections: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        // The home page's text is on the home page, not in a section.
        for (i, p) in hb.pages.iter().enumerate().filter(|(_, p)| !p.is_home()) {
            sections.entry(p.section.clone()).or_default().push(i);
        }
        for pages in sections.values_mut() {
            pages.sort_by(|&a, &b| page_order(hb, a).cmp(&page_order(hb, b)));
        }
        let section_pages =
            hb.pages.iter().enumerate().filter(|(_, p)| p.is_section_index).map(|(i, p)| (p.path.clone(), i)).collect();
        Facts {
            hb,
            sections,
            section_pages,
            newest: OnceLock::new(),
            by_year: OnceLock::new(),
            week: OnceLock::new(),
            shares: OnceLock::new(),
        }
    }

    /// Every update, newest first.
    pub fn updates_newest(&self) -> &[usize] {
        self.newest.get_or_init(|| newest_updates(self.hb))
    }

    /// The updates just older and just newer than `u`. Only `u`'s year is
    /// sorted (and a neighbouring year's, at its ends): `serve` renders an
    /// edited update's page without sorting the whole archive.
    pub fn next_to(&self, u: usize) -> [Option<usize>; 2] {
        let years = self.by_year.get_or_init(|| {
            let mut years: BTreeMap<i16, (Vec<usize>, OnceLock<Vec<usize>>)> = BTreeMap::new();
            for (i, update) in self.hb.updates.iter().enumerate() {
                years.entry(update.date.year()).or_default().0.push(i);
            }
            years
        });
        let hb = self.hb;
        fn sorted<'y>(hb: &Handbook, (of_year, sorted): &'y (Vec<usize>, OnceLock<Vec<usize>>)) -> &'y [usize] {
            sorted.get_or_init(|| {
                let mut v = of_year.clone();
                v.sort_by(|&a, &b| {
                    (hb.updates[b].date, &hb.updates[b].doc.id).cmp(&(hb.updates[a].date, &hb.updates[a].doc.id))
                });
                v
            })
        }
        let sorted = |y| sorted(hb, y);
        let year = hb.updates[u].date.year();
        let Some(mine) = years.get(&year).map(sorted) else { return [None, None] };
        let at = mine.iter().position(|&x| x == u).unwrap_or(0);
        let older = mine
            .get(at + 1)
            .copied()
            .or_else(|| years.range(..year).next_back().and_then(|(_, y)| sorted(y).first().copied()));
        let newer = at
            .checked_sub(1)
            .map(|r| mine[r])
            .or_else(|| years.range(year + 1..).next().and_then(|(_, y)| sorted(y).last().copied()));
        [older, newer]
    }

    /// Occurrences of every ceremony in the week of today, by day.
    pub fn week(&self) -> &[Day] {
        self.week.get_or_init(|| week(self, &(0..self.hb.ceremonies.len().min(urls::PER_PAGE)).collect::<Vec<_>>()))
    }

    /// Each role's share of facilitation.
    pub fn shares(&self) -> &[Share] {
        self.shares.get_or_init(|| shares(self.hb))
    }

    pub fn item(&self, e: Entity) -> Item {
        Item { title: self.hb.title(e), url: urls::page(self.hb, e), note: String::new() }
    }

    pub fn noted(&self, e: Entity, note: impl Into<String>) -> Item {
        Item { note: note.into(), ..self.item(e) }
    }

    pub fn items(&self, refs: &[Ref]) -> Vec<Item> {
        targets(refs).map(|e| self.party(e)).collect()
    }

    /// A role or person, noted with the role's short name or the person's roles.
    pub fn party(&self, e: Entity) -> Item {
        match e {
            Entity::Role(r) => self.noted(e, self.hb.roles[r].short_name()),
            Entity::Person(p) => self.noted(e, self.person_roles(p)),
            _ => self.item(e),
        }
    }

    fn person_roles(&self, p: usize) -> String {
        let names: Vec<&str> = targets(&self.hb.people[p].roles)
            .filter_map(|e| match e {
                Entity::Role(r) => Some(self.hb.roles[r].short_name()),
                _ => None,
            })
            .collect();
        names.join(", ")
    }

    /// An update, noted with its date when its title does not already say it.
    pub fn update_item(&self, u: usize) -> Item {
        let update = &self.hb.updates[u];
        self.noted(Entity::Update(u), if update.titled { long_date(update.date) } else { String::new() })
    }

    /// A body as HTML for the page at `page`.
    pub fn html(&self, file: FileId, body: &Body, page: &str) -> String {
        markdown::to_html(self.hb.text(file, body), body, &Resolver { facts: self, root: urls::root_of(page) })
    }

    /// A body's plain text, for the search index.
    pub fn plain(&self, body: &Body) -> String {
        body.plain_text(&Resolver { facts: self, root: String::new() })
    }

    pub fn stage_name(&self, stage: Option<usize>) -> String {
        stage.and_then(|s| self.hb.config.stages.get(s)).cloned().unwrap_or_default()
    }

    /// Projects in flight: past the board's first stage and before its last.
    pub fn in_flight(&self, project: usize) -> bool {
        let last = self.hb.config.stages.len().saturating_sub(1);
        self.hb.projects[project].stage.is_some_and(|s| s > 0 && s < last)
    }
}

struct Resolver<'a> {
    facts: &'a Facts<'a>,
    root: String,
}

impl LinkResolver for Resolver<'_> {
    fn href(&self, link: &Link) -> Option<String> {
        let anchor = link.anchor.as_ref().map_or(String::new(), |a| format!("#{a}"));
        match link.to.as_ref()? {
            Target::Entity(e) => Some(format!("{}{}{anchor}", self.root, urls::page(self.facts.hb, *e))),
            Target::Static(path) => Some(format!("{}{path}{anchor}", self.root)),
            Target::SamePage => Some(if anchor.is_empty() { "#".to_string() } else { anchor }),
            Target::Home => Some(format!("{}{}{anchor}", self.root, urls::HOME)),
        }
    }

    fn text(&self, link: &Link) -> Option<String> {
        match link.to.as_ref()? {
            Target::Entity(e) => Some(self.facts.hb.title(*e)),
            _ => None,
        }
    }
}

pub fn long_date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

pub fn short_date(d: Date) -> String {
    d.strftime("%a %-d %b").to_string()
}

pub fn raci_name(r: Raci) -> &'static str {
    match r {
        Raci::Owner => "owner",
        Raci::Consulted => "consulted",
        Raci::Informed => "informed",
    }
}

pub fn part_name(p: Part) -> &'static str {
    match p {
        Part::Facilitates => "facilitates",
        Part::Attends => "attends",
    }
}

/// "Weekly on Monday at 10:00 (America/New_York), 45 min"
pub fn schedule(c: &Ceremony) -> String {
    let mut out = c.schedule.as_ref().map_or_else(|| "Not scheduled".to_string(), |rule| rule.describe(c.start));
    if let Some(t) = c.time {
        out.push_str(&format!(" at {} ({})", t.strftime("%H:%M"), c.zone.name));
    }
    if let Some(d) = &c.duration {
        out.push_str(&format!(", {}", minutes(d.value.as_mins())));
    }
    out
}

pub fn minutes(m: i64) -> String {
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// One day of the week view.
#[derive(Serialize, Clone)]
pub struct Day {
    pub name: String,
    pub date: String,
    pub today: bool,
    pub meetings: Vec<Meeting>,
}

#[derive(Serialize, Clone)]
pub struct Meeting {
    pub ceremony: Item,
    pub start: String,
    pub end: String,
    pub facilitator: Option<Item>,
    /// Minutes from midnight, for ordering.
    #[serde(skip)]
    pub minute: i32,
}

/// The week of today (Monday to Sunday), in the team's time zone.
/// This week's meetings of the given ceremonies, day by day in the team's time zone.
pub fn week(facts: &Facts<'_>, ceremonies: &[usize]) -> Vec<Day> {
    let hb = facts.hb;
    let monday = hb.today.checked_sub(i64::from(hb.today.weekday().to_monday_zero_offset()).days()).unwrap_or(hb.today);
    let sunday = monday.checked_add(6.days()).unwrap_or(monday);
    let team = &hb.config.timezone.tz;
    let mut days: Vec<Day> = (0..7)
        .filter_map(|i| monday.checked_add(i.days()).ok())
        .map(|d| Day {
            name: weekday_name(d.weekday()).to_string(),
            date: d.strftime("%-d %b").to_string(),
            today: d == hb.today,
            meetings: Vec::new(),
        })
        .collect();
    // A day either side: a meeting in another zone may fall on this week in the team's.
    let from = monday.checked_sub(1.days()).unwrap_or(monday);
    let to = sunday.checked_add(1.days()).unwrap_or(sunday);
    for &ci in ceremonies {
        let c = &hb.ceremonies[ci];
        for o in c.occurrences(from, to) {
            let start = o.start.with_time_zone(team.clone());
            let end = o.end.with_time_zone(team.clone());
            let Some(slot) = days.get_mut(start.date().since(monday).map_or(usize::MAX, |s| s.get_days() as usize))
            else {
                continue;
            };
            slot.meetings.push(Meeting {
                ceremony: facts.item(Entity::Ceremony(ci)),
                start: start.strftime("%H:%M").to_string(),
                end: end.strftime("%H:%M").to_string(),
                facilitator: o
                    .facilitator
                    .and_then(|f| c.facilitators.get(f))
                    .and_then(|r| r.to)
                    .map(|e| facts.item(e)),
                minute: i32::from(start.hour()) * 60 + i32::from(start.minute()),
            });
        }
    }
    for d in &mut days {
        d.meetings.sort_by(|a, b| (a.minute, &a.ceremony.title).cmp(&(b.minute, &b.ceremony.title)));
    }
    days
}

/// How much of the ceremonies each role facilitates.
#[derive(Serialize, Clone, Debug)]
pub struct Share {
    pub role: usize,
    pub per_month: f64,
    pub hours_per_month: f64,
    pub percent: f64,
}

/// Facilitation per role over the twelve months from today: a person counts
/// for their first role. Averaged per month so that monthly ceremonies weigh right.
fn shares(hb: &Handbook) -> Vec<Share> {
    let to = hb.today.checked_add(1.year()).unwrap_or(hb.today);
    let mut per_role: BTreeMap<usize, (f64, f64)> = BTreeMap::new();
    let mut total = 0.0_f64;
    for c in &hb.ceremonies {
        for o in c.occurrences(hb.today, to) {
            let role = match o.facilitator.and_then(|f| c.facilitators.get(f)).and_then(|r| r.to) {
                Some(Entity::Role(r)) => Some(r),
                Some(Entity::Person(p)) => targets(&hb.people[p].roles).find_map(|e| match e {
                    Entity::Role(r) => Some(r),
                    _ => None,
                }),
                _ => None,
            };
            if let Some(r) = role {
                let hours = o.end.timestamp().duration_since(o.start.timestamp()).as_secs_f64() / 3600.0;
                let entry = per_role.entry(r).or_default();
                entry.0 += 1.0;
                entry.1 += hours;
                total += 1.0;
            }
        }
    }
    per_role
        .into_iter()
        .map(|(role, (count, hours))| Share {
            role,
            per_month: round1(count / 12.0),
            hours_per_month: round1(hours / 12.0),
            percent: round1(100.0 * count / total.max(1.0)),
        })
        .collect()
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Adds the "via role" note to back-links that hold through a role.
pub fn via_note<T>(facts: &Facts<'_>, v: &Via<T>) -> String {
    v.role.map_or(String::new(), |r| format!("as {}", facts.hb.roles[r].short_name()))
}
