//! What each template sees: small, serialisable view models built from the
//! handbook for one page at a time. URLs are relative to the site root; the
//! templates prefix them with `root`, which leads from the page back to it.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use jiff::civil::Date;
use serde::Serialize;

use crate::digest::Chronicle;
use crate::i18n::Strings;
use crate::markdown::{self, Body, Link, LinkResolver, Target};
use crate::model::{Ceremony, Entity, Handbook, Part, Raci, Ref, Via, targets};
use crate::source::FileId;
use crate::urls;

/// A link to a page, with an optional note ("EM", a date, a stage).
#[derive(Serialize, Clone, Debug, PartialEq, Default)]
pub struct Item {
    pub title: String,
    pub url: String,
    pub note: String,
}

/// Someone a field names, as the templates show them: a person ("Aisha
/// Bello (SWE)"), or a role by the people who hold it ("Mitra Raman (EM)");
/// a role held by nobody, or by more than `NAMED` people, by its title.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Party {
    /// The person, or the role's current holders when there are few.
    pub people: Vec<Item>,
    /// The role's holders not named.
    pub more: usize,
    /// The role, when named through one; its note is its short name.
    pub role: Option<Item>,
}

/// How many holders of a role are named in its place.
const NAMED: usize = 3;

/// Shared facts the views need, computed once per build, and the costly
/// ones only when a page being rendered asks for them (a rebuild in
/// `serve` renders few pages).
pub struct Facts<'a> {
    pub hb: &'a Handbook,
    /// Where each free page sits, and what each section holds.
    pub sections: super::sections::Sections,
    /// Every tag of the free pages, by name.
    pub tags: Vec<crate::model::tag::Tag>,
    newest: OnceLock<Vec<usize>>,
    /// Updates by year, each year sorted newest first when first needed.
    by_year: OnceLock<YearIndex>,
    /// The ownership changes that took an area from each person: (area, change).
    handovers: OnceLock<HashMap<usize, Vec<(usize, usize)>>>,
    /// The orders of the matrix and of the changes log, worked out once for
    /// all their pages (each page sorting every area made them quadratic).
    matrix_order: OnceLock<Vec<usize>>,
    changes: OnceLock<Vec<(Date, usize, usize)>>,
    /// The entities' long lists, in order, for all the pages of each.
    pub lists: super::lists::Keys,
    /// How many pages each long list of the site has (counting some takes
    /// a pass over every area or person: not once per page).
    list_pages: OnceLock<Vec<(urls::Paged, usize)>>,
    /// The dated facts of the handbook by week, for digests.
    chronicle: OnceLock<Chronicle<'a>>,
    /// Each person's next turns on duty (see `duties::turns_by_person`).
    duty_turns: OnceLock<HashMap<usize, Vec<(usize, crate::model::Shift)>>>,
}

/// Updates by year: as read, and sorted newest first on demand.
type YearIndex = BTreeMap<i16, (Vec<usize>, OnceLock<Vec<usize>>)>;

/// A year's updates, newest first (then by id), sorted once.
fn sorted_year<'y>(hb: &Handbook, (of_year, sorted): &'y (Vec<usize>, OnceLock<Vec<usize>>)) -> &'y [usize] {
    sorted.get_or_init(|| {
        let mut v = of_year.clone();
        v.sort_by(|&a, &b| {
            (hb.updates[b].date, &hb.updates[b].doc.id).cmp(&(hb.updates[a].date, &hb.updates[a].doc.id))
        });
        v
    })
}

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

impl<'a> Facts<'a> {
    pub fn new(hb: &'a Handbook) -> Facts<'a> {
        Facts {
            hb,
            sections: super::sections::Sections::new(hb),
            tags: crate::model::tag::tags(hb),
            newest: OnceLock::new(),
            by_year: OnceLock::new(),
            handovers: OnceLock::new(),
            matrix_order: OnceLock::new(),
            changes: OnceLock::new(),
            lists: Default::default(),
            list_pages: OnceLock::new(),
            chronicle: OnceLock::new(),
            duty_turns: OnceLock::new(),
        }
    }

    /// Areas in the order the ownership matrix shows them: grouped, groups in
    /// the order they first appear, areas in file order within a group.
    pub fn matrix_order(&self) -> &[usize] {
        self.matrix_order.get_or_init(|| {
            let areas = &self.hb.areas;
            let mut rank: HashMap<&str, usize> = HashMap::new();
            for a in areas {
                let next = rank.len();
                rank.entry(a.group.as_deref().unwrap_or("")).or_insert(next);
            }
            let mut order: Vec<usize> = (0..areas.len()).collect();
            order.sort_by_key(|&i| rank[areas[i].group.as_deref().unwrap_or("")]);
            order
        })
    }

    /// How many pages a long list of the site has.
    pub fn pages(&self, list: urls::Paged) -> usize {
        let all = self.list_pages.get_or_init(|| urls::Paged::ALL.iter().map(|&l| (l, l.pages(self.hb))).collect());
        all.iter().find(|(l, _)| *l == list).map_or(1, |&(_, n)| n)
    }

    /// Every ownership change, newest first: its date, its area and its
    /// place in the area's history.
    pub fn changes_newest(&self) -> &[(Date, usize, usize)] {
        self.changes.get_or_init(|| {
            let mut all: Vec<(Date, usize, usize)> = Vec::new();
            for (i, a) in self.hb.areas.iter().enumerate() {
                all.extend(a.history.iter().enumerate().map(|(k, c)| (c.date.value, i, k)));
            }
            all.sort_unstable_by(|x, y| y.cmp(x));
            all
        })
    }

    /// Every update, newest first.
    pub fn updates_newest(&self) -> &[usize] {
        self.newest.get_or_init(|| newest_updates(self.hb))
    }

    /// The updates just older and just newer than `u`. Only `u`'s year is
    /// sorted (and a neighbouring year's, at its ends): `serve` renders an
    /// edited update's page without sorting the whole archive.
    pub fn next_to(&self, u: usize) -> [Option<usize>; 2] {
        let years = self.years();
        let hb = self.hb;
        let sorted = |y| sorted_year(hb, y);
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

    /// The updates of year `y`, newest first (sorted when first asked for;
    /// the year archive's pages and the older/newer links share it).
    pub fn updates_of_year(&self, y: i16) -> &[usize] {
        self.years().get(&y).map_or(&[], |year| sorted_year(self.hb, year))
    }

    fn years(&self) -> &YearIndex {
        self.by_year.get_or_init(|| {
            let mut years = YearIndex::new();
            for (i, update) in self.hb.updates.iter().enumerate() {
                years.entry(update.date.year()).or_default().0.push(i);
            }
            years
        })
    }

    /// The ownership changes that took an area from person `p`, oldest first.
    pub fn handed_over(&self, p: usize) -> &[(usize, usize)] {
        let all = self.handovers.get_or_init(|| {
            let mut all: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
            for (a, area) in self.hb.areas.iter().enumerate() {
                for (k, change) in area.history.iter().enumerate() {
                    for e in targets(&change.from) {
                        if let Entity::Person(p) = e
                            && !targets(&change.to).any(|t| t == e)
                        {
                            all.entry(p).or_default().push((a, k));
                        }
                    }
                }
            }
            all
        });
        all.get(&p).map_or(&[], Vec::as_slice)
    }

    /// A person's next turns on duty: (duty, shift), soonest first.
    pub fn duty_turns(&self, p: usize) -> &[(usize, crate::model::Shift)] {
        let all = self.duty_turns.get_or_init(|| super::duties::turns_by_person(self.hb));
        all.get(&p).map_or(&[], Vec::as_slice)
    }

    /// The dated facts of the handbook by week, for digests.
    pub fn chronicle(&self) -> &Chronicle<'a> {
        self.chronicle.get_or_init(|| Chronicle::new(self.hb))
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

    /// Who is named in a field, names first: a person, or a role shown by
    /// the people who hold it.
    pub fn who(&self, e: Entity) -> Party {
        let hb = self.hb;
        match e {
            Entity::Role(r) => {
                let holders: Vec<usize> =
                    hb.roles[r].people.iter().copied().filter(|&p| !hb.people[p].alumnus).collect();
                let named = if holders.len() <= NAMED { holders.len() } else { 0 };
                Party {
                    people: holders[..named].iter().map(|&p| self.item(Entity::Person(p))).collect(),
                    more: holders.len() - named,
                    role: Some(self.noted(e, hb.roles[r].short_name())),
                }
            }
            e => Party { people: vec![self.party(e)], more: 0, role: None },
        }
    }

    pub fn whos(&self, refs: &[Ref]) -> Vec<Party> {
        targets(refs).map(|e| self.who(e)).collect()
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
        self.noted(Entity::Update(u), if update.titled { self.long_date(update.date) } else { String::new() })
    }

    /// A body as HTML for the page at `page`.
    pub fn html(&self, file: FileId, body: &Body, page: &str) -> String {
        let html =
            markdown::to_html(self.hb.text(file, body), body, &Resolver { facts: self, root: urls::root_of(page) });
        if self.hb.config.safe_html { super::sanitize::clean(&html) } else { html }
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
        self.hb.projects[project].stage.is_some_and(|s| crate::model::in_flight(s, self.hb.config.stages.len()))
    }
}

struct Resolver<'f, 'a> {
    facts: &'f Facts<'a>,
    root: String,
}

impl LinkResolver for Resolver<'_, '_> {
    fn href(&self, link: &Link) -> Option<String> {
        let anchor = link.anchor.as_ref().map_or(String::new(), |a| format!("#{a}"));
        match link.to.as_ref()? {
            Target::Entity(e) => Some(format!("{}{}{anchor}", self.root, urls::page(self.facts.hb, *e))),
            Target::Static(path) => Some(format!("{}{path}{anchor}", self.root)),
            Target::SamePage => Some(if anchor.is_empty() { "#".to_string() } else { anchor }),
            Target::Home => Some(format!("{}{}{anchor}", self.root, urls::HOME)),
            Target::Team(t) => Some(match &t.absolute {
                Some(address) => format!("{address}{anchor}"),
                None => format!("{}../{}/{}{anchor}", self.root, t.team, t.url),
            }),
        }
    }

    fn text(&self, link: &Link) -> Option<String> {
        match link.to.as_ref()? {
            Target::Entity(e) => Some(self.facts.hb.title(*e)),
            Target::Team(t) => t.title.clone(),
            _ => None,
        }
    }
}

impl Facts<'_> {
    /// "18 December 2026", in the team's language.
    pub fn long_date(&self, d: Date) -> String {
        self.hb.strings.date(d, crate::i18n::Style::Long)
    }

    /// "18 Dec 2026".
    pub fn medium_date(&self, d: Date) -> String {
        self.hb.strings.date(d, crate::i18n::Style::Medium)
    }

    /// "Fri 18 Dec".
    pub fn short_date(&self, d: Date) -> String {
        self.hb.strings.date(d, crate::i18n::Style::ShortWeekdayDayMonth)
    }
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
pub fn schedule(facts: &Facts<'_>, c: &Ceremony) -> String {
    let s = &facts.hb.strings;
    let mut out =
        c.schedule.as_ref().map_or_else(|| s.get("schedule.none").to_string(), |rule| rule.describe(s, c.start));
    if let Some(t) = c.time {
        out.push_str(&s.fill("schedule.at", &[("time", &t.strftime("%H:%M").to_string()), ("zone", &c.zone.name)]));
    }
    if let Some(d) = &c.duration {
        out.push_str(&s.fill("schedule.lasting", &[("length", &minutes(s, d.value.as_mins()))]));
    }
    out
}

/// "45 min", "1 h 30 min".
pub fn minutes(s: &Strings, m: i64) -> String {
    let (h, m) = (m / 60, m % 60);
    let args = [("h", h.to_string()), ("m", m.to_string())];
    let args = args.each_ref().map(|(k, v)| (*k, v.as_str()));
    match (h, m) {
        (0, _) => s.fill("schedule.minutes", &args),
        (_, 0) => s.fill("schedule.hours", &args),
        _ => s.fill("schedule.hours_minutes", &args),
    }
}

/// An objective's period and progress: "Q4 2026, 37 %".
pub fn goal_note(facts: &Facts<'_>, g: usize) -> String {
    let goal = &facts.hb.goals[g];
    let parts: Vec<String> = goal
        .period
        .map(|p| p.label(&facts.hb.strings))
        .into_iter()
        .chain(goal.progress().map(crate::words::percent))
        .collect();
    parts.join(facts.hb.strings.get("list.comma"))
}

/// Adds the "via role" note to back-links that hold through a role.
pub fn via_note<T>(facts: &Facts<'_>, v: &Via<T>) -> String {
    v.role.map_or(String::new(), |r| facts.hb.strings.fill("list.as_role", &[("role", facts.hb.roles[r].short_name())]))
}
