//! "What changed in the handbook this week": the facts the handbook's dated
//! data holds for one week (Monday to Sunday), so that weekly updates need
//! not type them. Stage moves and target moves from projects' histories,
//! key-result check-ins, people who joined or left, decisions, ownership
//! changes and the ownership reviews that fell due, interactions with
//! other teams that started or ended and changes of the team card, duties
//! handed from one person to another, and the projects in flight that no
//! update has mentioned for three weeks.
//!
//! A pure function of the handbook: the update pages, the home page (this
//! week) and `teambook new update` all ask it, and `check` asks it which
//! projects have gone unmentioned. Each fact reads as a sentence (`Line`)
//! that the pages draw as HTML and `new update` writes as Markdown.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use jiff::ToSpan;
use jiff::civil::Date;

use crate::i18n::{Arg, Strings};
use crate::model::{Entity, Handbook, Index, KrId, StageMoves, TargetMove, Verdict, in_flight, targets};
use crate::words;

/// How many weeks without a mention make a project in flight worth asking about.
pub const QUIET_WEEKS: i64 = 3;

/// How many facts of a kind a digest lists (the rest are counted), so that
/// no page grows with the handbook.
const SHOWN: usize = 20;

/// How many quiet projects it names: in a big handbook most projects can be
/// quiet every week, and the board has them all.
const QUIET_SHOWN: usize = 10;

/// The Monday of the week holding `day`: weeks run Monday to Sunday.
pub fn week_of(day: Date) -> Date {
    day.checked_sub(i64::from(day.weekday().to_monday_zero_offset()).days()).unwrap_or(day)
}

fn plus_weeks(monday: Date, weeks: i64) -> Date {
    monday.checked_add((weeks * 7).days()).unwrap_or(monday)
}

/// One dated fact.
#[derive(Clone, Debug, PartialEq)]
pub enum Fact {
    /// A project moved to another stage (`entry` of its history).
    Stage {
        project: usize,
        entry: usize,
        from: Option<usize>,
        to: usize,
    },
    /// A project's target moved.
    Target {
        project: usize,
        change: TargetMove,
    },
    /// A key result was measured (its check-in number `index`).
    CheckIn {
        kr: KrId,
        index: usize,
    },
    Joined(usize),
    Left(usize),
    /// Two people start meeting in a 1:1 (`Handbook::pair_starts`).
    PairStarts {
        a: usize,
        b: usize,
        cadence: crate::model::one_on_one::Cadence,
    },
    /// A decision was made, or proposed, on its date.
    Decided(usize),
    /// An area changed owners (`change` of its history).
    Ownership {
        area: usize,
        change: usize,
    },
    /// An area's ownership review fell due (its last review and interval
    /// say when; it stays due until reviewed again, which moves the date).
    ReviewDue(usize),
    /// An interaction of the team card started (`since`) or ended (`until`).
    Interaction {
        index: usize,
        started: bool,
    },
    /// A change of the team card (its `history` entry).
    Card(usize),
    /// A duty passed from one person to another, on `day` (in its zone).
    Handoff {
        duty: usize,
        from: usize,
        to: usize,
        day: Date,
    },
    /// A project in flight (in `stage` at the week's end) that no update
    /// has mentioned for three weeks.
    Quiet {
        project: usize,
        stage: usize,
    },
}

/// The kinds of facts, in the order a digest lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Projects,
    Goals,
    People,
    Decisions,
    Ownership,
    Team,
    Duties,
    Quiet,
}

impl Group {
    pub const ALL: [Group; 8] = [
        Group::Projects,
        Group::Goals,
        Group::People,
        Group::Decisions,
        Group::Ownership,
        Group::Team,
        Group::Duties,
        Group::Quiet,
    ];

    /// Its heading in the digest, in the team's language.
    pub fn title(self, st: &Strings) -> &str {
        st.get(match self {
            Group::Projects => "digest.projects",
            Group::Goals => "digest.goals",
            Group::People => "digest.people",
            Group::Decisions => "digest.decisions",
            Group::Ownership => "digest.ownership",
            Group::Team => "digest.team",
            Group::Duties => "digest.duties",
            Group::Quiet => "digest.quiet_group",
        })
    }

    /// The section of a weekly update it belongs under.
    pub fn section(self) -> &'static str {
        match self {
            Group::Projects => "Project changes",
            Group::Goals | Group::People | Group::Decisions | Group::Ownership | Group::Team | Group::Duties => {
                "Highlights"
            }
            Group::Quiet => "Risks",
        }
    }

    /// How many of its facts a digest lists.
    pub fn shown(self) -> usize {
        if self == Group::Quiet { QUIET_SHOWN } else { SHOWN }
    }
}

/// A fact as a sentence: text, and links to what it names.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    Text(String),
    /// A link to an entity's page, at `anchor` when given, showing `text`.
    Link {
        to: Entity,
        anchor: Option<String>,
        text: String,
    },
}

pub type Line = Vec<Piece>;

/// The facts of one week.
#[derive(Clone, Debug, PartialEq)]
pub struct Digest {
    /// Its Monday.
    pub week: Date,
    /// In `Group` order, then by date.
    pub facts: Vec<Fact>,
}

impl Digest {
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    /// The facts of each group that has any: at most `Group::shown` of
    /// each (a week can hold many), with how many more there are.
    pub fn groups(&self) -> Vec<(Group, Vec<&Fact>, usize)> {
        let mut out: Vec<(Group, Vec<&Fact>, usize)> = Vec::new();
        for fact in &self.facts {
            let group = fact.group();
            if out.last().is_none_or(|(g, ..)| *g != group) {
                out.push((group, Vec::new(), 0));
            }
            if let Some((_, shown, more)) = out.last_mut() {
                if shown.len() < group.shown() {
                    shown.push(fact);
                } else {
                    *more += 1;
                }
            }
        }
        out
    }
}

/// The digest of the week holding `day`.
pub fn digest(hb: &Handbook, day: Date) -> Arc<Digest> {
    Chronicle::new(hb).week(week_of(day))
}

/// Every dated fact of a handbook, by week, with what it takes to tell
/// which projects went unmentioned in any week. Made once per build.
pub struct Chronicle<'a> {
    hb: &'a Handbook,
    by_week: BTreeMap<Date, Vec<(Date, Fact)>>,
    /// Per project, the dates of the updates that mention it, sorted, and
    /// its stage moves: made when asked (serve's rebuilds seldom ask).
    mentions: OnceLock<Vec<Vec<Date>>>,
    stages: OnceLock<Vec<StageMoves>>,
    /// The weeks whose digest is on a page (see `shown`).
    shown: OnceLock<BTreeSet<Date>>,
    /// The date of the first update.
    first_update: Option<Date>,
    /// The digests made so far: the updates of a week share theirs.
    made: Mutex<HashMap<Date, Arc<Digest>>>,
}

impl<'a> Chronicle<'a> {
    pub fn new(hb: &'a Handbook) -> Chronicle<'a> {
        let mut by_week: BTreeMap<Date, Vec<(Date, Fact)>> = BTreeMap::new();
        for (date, fact) in dated_facts(hb) {
            by_week.entry(week_of(date)).or_default().push((date, fact));
        }
        let first_update = hb.updates.iter().map(|u| u.date).min();
        Chronicle {
            hb,
            by_week,
            mentions: OnceLock::new(),
            stages: OnceLock::new(),
            shown: OnceLock::new(),
            first_update,
            made: Mutex::new(HashMap::new()),
        }
    }

    fn mentions(&self, p: usize) -> &[Date] {
        let hb = self.hb;
        &self.mentions.get_or_init(|| {
            hb.projects
                .iter()
                .map(|p| {
                    let mut dates: Vec<Date> = p.updates.iter().map(|&u| hb.updates[u].date).collect();
                    dates.sort_unstable();
                    dates
                })
                .collect()
        })[p]
    }

    fn stage_on(&self, p: usize, day: Date) -> Option<usize> {
        self.stages.get_or_init(|| self.hb.projects.iter().map(|p| p.stage_moves()).collect())[p].on(day)
    }

    /// What the digest of a week shows, as text: equal when the pages
    /// showing it would be (for serve, which pages to render again).
    pub fn signature(&self, monday: Date) -> Vec<String> {
        let mut out = Vec::new();
        for (group, facts, more) in self.week(monday).groups() {
            out.push(format!("{} {more}", group.title(&self.hb.strings)));
            // Every link with its text: a renamed entity reads otherwise.
            out.extend(facts.iter().map(|fact| {
                fact.line(self.hb)
                    .iter()
                    .map(|piece| match piece {
                        Piece::Text(text) => text.clone(),
                        Piece::Link { to, anchor, text } => {
                            format!("[[{}#{}|{text}]]", self.hb.qualified_id(*to), anchor.as_deref().unwrap_or(""))
                        }
                    })
                    .collect::<String>()
            }));
        }
        out
    }

    /// The digest of the week starting on `monday`.
    pub fn week(&self, monday: Date) -> Arc<Digest> {
        // Pages render in parallel: a poisoned cache is only a lost cache.
        let cached = self.made.lock().unwrap_or_else(|p| p.into_inner()).get(&monday).cloned();
        cached.unwrap_or_else(|| {
            let digest = Arc::new(self.make(monday));
            self.made.lock().unwrap_or_else(|p| p.into_inner()).insert(monday, digest.clone());
            digest
        })
    }

    fn make(&self, monday: Date) -> Digest {
        let mut dated: Vec<(Date, Fact)> = self.by_week.get(&monday).cloned().unwrap_or_default();
        let sunday = plus_weeks(monday, 1).checked_sub(1.day()).unwrap_or(monday);
        dated.extend(self.quiet(monday).into_iter().map(|(project, stage)| (sunday, Fact::Quiet { project, stage })));
        dated.extend(handoffs(self.hb, monday));
        dated.sort_by_key(|(date, fact)| (fact.group(), *date));
        Digest { week: monday, facts: dated.into_iter().map(|(_, f)| f).collect() }
    }

    /// Projects in flight at the end of the week of `monday` that no update
    /// of that week or the two before mentions: asked about only once
    /// updates were being written three weeks before.
    /// With the stage each was in.
    pub fn quiet(&self, monday: Date) -> Vec<(usize, usize)> {
        let Some(window) = self.window(monday) else { return Vec::new() };
        (0..self.hb.projects.len()).filter_map(|p| Some((p, self.quiet_in(p, window)?))).collect()
    }

    /// The three weeks up to the week of `monday` (from their first day to
    /// the Monday after them, and their last day), once updates were being
    /// written then.
    fn window(&self, monday: Date) -> Option<(Date, Date, Date)> {
        let since = plus_weeks(monday, 1 - QUIET_WEEKS);
        let until = plus_weeks(monday, 1);
        let sunday = until.checked_sub(1.day()).unwrap_or(until);
        self.first_update.is_some_and(|first| first <= since).then_some((since, until, sunday))
    }

    /// The stage of project `p` if it went unmentioned in `window`, while
    /// in flight at its end.
    fn quiet_in(&self, p: usize, (since, until, sunday): (Date, Date, Date)) -> Option<usize> {
        let stage = self.stage_on(p, sunday)?;
        if !in_flight(stage, self.hb.config.stages.len()) {
            return None;
        }
        let dates = self.mentions(p);
        let mentioned = dates.get(dates.partition_point(|d| *d < since)).is_some_and(|d| *d < until);
        (!mentioned).then_some(stage)
    }

    /// The weeks (their Mondays) whose digest may show something of `e`:
    /// for serve, which pages an edit of `e` can change.
    pub fn weeks_of(&self, e: Entity) -> BTreeSet<Date> {
        let hb = self.hb;
        let mut out: BTreeSet<Date> = self
            .by_week
            .iter()
            .filter(|(_, facts)| facts.iter().any(|(_, f)| f.names(hb, e)))
            .map(|(week, _)| *week)
            .collect();
        match e {
            // Hand-offs are worked out week by week from the rota, which
            // its duty, its people and their roles all change.
            Entity::Duty(_) | Entity::Person(_) | Entity::Role(_) if !hb.duties.is_empty() => {
                out.extend(self.shown().iter().copied());
            }
            Entity::Project(p) => out.extend(
                self.shown().iter().filter(|&&w| self.window(w).is_some_and(|win| self.quiet_in(p, win).is_some())),
            ),
            // Mentions count for three weeks; the first update decides from
            // when projects are asked about.
            Entity::Update(u) => {
                let week = week_of(hb.updates[u].date);
                let last = plus_weeks(week, QUIET_WEEKS - 1);
                if self.first_update == Some(hb.updates[u].date) {
                    let next = hb.updates.iter().map(|x| x.date).filter(|d| *d > hb.updates[u].date).min();
                    let last = last.max(plus_weeks(week_of(next.unwrap_or(week)), QUIET_WEEKS - 1));
                    out.extend(self.shown().range(week..=last));
                } else {
                    out.extend((0..QUIET_WEEKS).map(|n| plus_weeks(week, n)));
                }
            }
            _ => {}
        }
        out
    }

    /// The weeks whose digest is on a page: those of the updates, and this one.
    fn shown(&self) -> &BTreeSet<Date> {
        self.shown.get_or_init(|| {
            let mut weeks: BTreeSet<Date> = self.hb.updates.iter().map(|u| week_of(u.date)).collect();
            weeks.insert(week_of(self.hb.today));
            weeks
        })
    }
}

/// The hand-offs of every duty in the week starting on `monday` (in the team's zone).
fn handoffs(hb: &Handbook, monday: Date) -> Vec<(Date, Fact)> {
    let tz = &hb.config.timezone.tz;
    let at = |day: Date| tz.to_ambiguous_timestamp(day.to_datetime(jiff::civil::Time::midnight())).compatible().ok();
    let Some((from, to)) = at(monday).zip(at(plus_weeks(monday, 1))) else { return Vec::new() };
    let list = hb.handoffs(from, to).into_iter();
    list.map(|(duty, from, to, day)| (day, Fact::Handoff { duty, from, to, day })).collect()
}

/// Every fact with its date, kind by kind.
fn dated_facts(hb: &Handbook) -> Vec<(Date, Fact)> {
    let mut out = Vec::new();
    out.extend(stage_moves(hb));
    out.extend(target_moves(hb));
    out.extend(check_ins(hb));
    out.extend(people(hb));
    out.extend(hb.pair_starts().into_iter().map(|s| (s.day, Fact::PairStarts { a: s.a, b: s.b, cadence: s.cadence })));
    out.extend(decisions(hb));
    out.extend(ownership_changes(hb));
    out.extend(reviews_due(hb));
    out.extend(team_card(hb));
    out
}

/// Interactions that started or ended, and the card's own changes.
fn team_card(hb: &Handbook) -> Vec<(Date, Fact)> {
    let Some(team) = &hb.config.team else { return Vec::new() };
    let mut out = Vec::new();
    for (index, i) in team.interactions.iter().enumerate() {
        out.extend(i.since.as_ref().map(|d| (d.value, Fact::Interaction { index, started: true })));
        out.extend(i.until.as_ref().map(|d| (d.value, Fact::Interaction { index, started: false })));
    }
    out.extend(team.history.iter().enumerate().map(|(h, c)| (c.date.value, Fact::Card(h))));
    out
}

fn decisions(hb: &Handbook) -> Vec<(Date, Fact)> {
    // A decision without its date (reported) has no week.
    hb.decisions
        .iter()
        .enumerate()
        .filter(|(_, d)| d.date != Date::ZERO)
        .map(|(i, d)| (d.date, Fact::Decided(i)))
        .collect()
}

/// The day each area's review fell due, where reviews are tracked and the
/// area was reviewed once (one never reviewed has no such day: the
/// ownership page lists it first instead).
fn reviews_due(hb: &Handbook) -> Vec<(Date, Fact)> {
    let mut out = Vec::new();
    for (area, a) in hb.areas.iter().enumerate() {
        if let (Some(every), Some(reviewed)) = (a.review_every, a.reviewed.as_ref()) {
            out.push((every.after(reviewed.value), Fact::ReviewDue(area)));
        }
    }
    out
}

fn stage_moves(hb: &Handbook) -> Vec<(Date, Fact)> {
    let mut out = Vec::new();
    for (project, p) in hb.projects.iter().enumerate() {
        let mut from = None;
        for (entry, h) in p.dated() {
            if let Some(to) = h.stage {
                if from != Some(to) {
                    out.push((h.date, Fact::Stage { project, entry, from, to }));
                }
                from = Some(to);
            }
        }
    }
    out
}

fn target_moves(hb: &Handbook) -> Vec<(Date, Fact)> {
    let mut out = Vec::new();
    for (project, p) in hb.projects.iter().enumerate() {
        out.extend(p.target_moves().into_iter().map(|change| (change.date, Fact::Target { project, change })));
    }
    out
}

fn check_ins(hb: &Handbook) -> Vec<(Date, Fact)> {
    let mut out = Vec::new();
    for (goal, g) in hb.goals.iter().enumerate() {
        for (kr, k) in g.key_results.iter().enumerate() {
            for (index, c) in k.check_ins.iter().enumerate() {
                out.push((c.date.value, Fact::CheckIn { kr: KrId { goal, kr }, index }));
            }
        }
    }
    out
}

fn people(hb: &Handbook) -> Vec<(Date, Fact)> {
    let mut out = Vec::new();
    for (i, p) in hb.people.iter().enumerate() {
        out.extend(p.joined.map(|d| (d, Fact::Joined(i))));
        out.extend(p.left.as_ref().map(|d| (d.value, Fact::Left(i))));
    }
    out
}

fn ownership_changes(hb: &Handbook) -> Vec<(Date, Fact)> {
    let mut out = Vec::new();
    for (area, a) in hb.areas.iter().enumerate() {
        out.extend(a.history.iter().enumerate().map(|(change, c)| (c.date.value, Fact::Ownership { area, change })));
    }
    out
}

impl Fact {
    pub fn group(&self) -> Group {
        match self {
            Fact::Stage { .. } | Fact::Target { .. } => Group::Projects,
            Fact::CheckIn { .. } => Group::Goals,
            Fact::Joined(_) | Fact::Left(_) | Fact::PairStarts { .. } => Group::People,
            Fact::Decided(_) => Group::Decisions,
            Fact::Ownership { .. } | Fact::ReviewDue(_) => Group::Ownership,
            Fact::Interaction { .. } | Fact::Card(_) => Group::Team,
            Fact::Handoff { .. } => Group::Duties,
            Fact::Quiet { .. } => Group::Quiet,
        }
    }

    /// Whether its sentence names `e` (and so changes when `e` does).
    fn names(&self, hb: &Handbook, e: Entity) -> bool {
        match *self {
            Fact::Stage { project, .. } | Fact::Target { project, .. } | Fact::Quiet { project, .. } => {
                e == Entity::Project(project)
            }
            Fact::CheckIn { kr, .. } => e == Entity::Goal(kr.goal),
            Fact::Joined(p) | Fact::Left(p) => e == Entity::Person(p),
            Fact::PairStarts { a, b, .. } => e == Entity::Person(a) || e == Entity::Person(b),
            Fact::Decided(d) => e == Entity::Decision(d),
            Fact::ReviewDue(area) => e == Entity::Area(area),
            Fact::Interaction { .. } | Fact::Card(_) => e == Entity::Index(Index::Team),
            Fact::Handoff { duty, from, to, .. } => {
                [Entity::Duty(duty), Entity::Person(from), Entity::Person(to)].contains(&e)
            }
            Fact::Ownership { area, change } => {
                let c = &hb.areas[area].history[change];
                e == Entity::Area(area) || targets(&c.from).chain(targets(&c.to)).any(|t| t == e)
            }
        }
    }

    /// The fact as a sentence, in the team's language.
    pub fn line(&self, hb: &Handbook) -> Line {
        let st = &hb.strings;
        let link = |to: Entity| vec![Piece::Link { to, anchor: None, text: hb.title(to) }];
        let stage = |s: usize| hb.config.stages.get(s).cloned().unwrap_or_default();
        let note = |n: Option<&String>| n.map_or(".".to_string(), |n| format!(": {}", sentence(n)));
        let date = |d: Date| words::date(st, d);
        match *self {
            Fact::Stage { project, entry, from, to } => {
                let h = &hb.projects[project].history[entry];
                let (to, note) = (stage(to), note(h.note.as_ref()));
                let links = [("project", link(Entity::Project(project)))];
                match from {
                    Some(f) => {
                        said(st, "digest.stage_moved", &[("from", &stage(f)), ("to", &to), ("note", &note)], links)
                    }
                    None => said(st, "digest.stage_set", &[("to", &to), ("note", &note)], links),
                }
            }
            Fact::Target { project, change } => {
                let p = &hb.projects[project];
                let mut since = String::new();
                if let Some(baseline) = p.baseline_target().filter(|b| change.from.is_some() && *b != change.to) {
                    let slip = words::slip(st, words::days_between(baseline, change.to));
                    since = st.fill("digest.since_baseline", &[("slip", &slip), ("baseline", &date(baseline))]);
                }
                let note = note(p.history[change.entry].note.as_ref());
                let to = date(change.to);
                let links = [("project", link(Entity::Project(project)))];
                match change.from {
                    Some(from) => said(
                        st,
                        "digest.target_moved",
                        &[("from", &date(from)), ("to", &to), ("since", &since), ("note", &note)],
                        links,
                    ),
                    None => said(st, "digest.target_set", &[("to", &to), ("since", &since), ("note", &note)], links),
                }
            }
            Fact::CheckIn { kr, index } => {
                let k = &hb.goals[kr.goal].key_results[kr.kr];
                let c = &k.check_ins[index];
                let unit = k.unit.as_deref();
                let progress = match (k.fraction(c.value), k.baseline, k.target) {
                    (Some(fraction), Some(b), Some(t)) => st.fill(
                        "digest.check_in_progress",
                        &[
                            ("percent", &words::percent(fraction)),
                            ("from", &words::number(b)),
                            ("to", &words::amount(t, unit)),
                        ],
                    ),
                    _ => String::new(),
                };
                // The sentence has its colon already: the note goes in brackets.
                let note =
                    c.note.as_deref().map_or(String::new(), |n| format!(" ({})", n.trim().trim_end_matches('.')));
                let key_result = vec![Piece::Link {
                    to: Entity::Goal(kr.goal),
                    anchor: Some(kr_anchor(&k.id.value)),
                    text: k.title.clone(),
                }];
                said(
                    st,
                    "digest.check_in",
                    &[("value", &words::amount(c.value, unit)), ("progress", &progress), ("note", &note)],
                    [("kr", key_result), ("objective", link(Entity::Goal(kr.goal)))],
                )
            }
            Fact::Joined(p) => said(st, "digest.joined", &[], [("person", link(Entity::Person(p)))]),
            Fact::Left(p) => said(st, "digest.left", &[], [("person", link(Entity::Person(p)))]),
            Fact::PairStarts { a, b, cadence } => said(
                st,
                "digest.pair_starts",
                &[("cadence", &cadence.words(st))],
                [("a", link(Entity::Person(a))), ("b", link(Entity::Person(b)))],
            ),
            Fact::Decided(d) => {
                // Said as it stands now: a decision made this week may since
                // have been superseded.
                let key = match hb.decisions[d].status.as_ref().map(|s| s.value) {
                    Some(Verdict::Proposed) => "digest.proposed",
                    Some(Verdict::Accepted) => "digest.decided",
                    Some(Verdict::Rejected) => "digest.rejected",
                    Some(Verdict::Superseded) => "digest.superseded",
                    None => "digest.written",
                };
                said(st, key, &[], [("decision", link(Entity::Decision(d)))])
            }
            Fact::ReviewDue(area) => {
                let a = &hb.areas[area];
                let (Some(every), Some(reviewed)) = (a.review_every, a.reviewed.as_ref()) else { return Vec::new() };
                said(
                    st,
                    "digest.review_due",
                    &[("date", &date(reviewed.value)), ("every", &every.describe_in(st))],
                    [("area", link(Entity::Area(area)))],
                )
            }
            Fact::Ownership { area, change } => {
                let c = &hb.areas[area].history[change];
                let names = |refs| {
                    let parties: Vec<Entity> = targets(refs).collect();
                    let mut out = Vec::new();
                    if parties.is_empty() {
                        out.push(Piece::Text(st.get("list.nobody").to_string()));
                    }
                    for (j, &party) in parties.iter().enumerate() {
                        if j > 0 {
                            let sep = if j + 1 == parties.len() { "list.and" } else { "list.comma" };
                            out.push(Piece::Text(st.get(sep).to_string()));
                        }
                        out.extend(link(party));
                    }
                    out
                };
                said(
                    st,
                    "digest.owners_changed",
                    &[("note", &note(c.reason.as_ref()))],
                    [("area", link(Entity::Area(area))), ("from", names(&c.from)), ("to", names(&c.to))],
                )
            }
            Fact::Interaction { index, started } => {
                let Some(i) = hb.config.team.as_ref().and_then(|t| t.interactions.get(index)) else {
                    return Vec::new();
                };
                let on_card = vec![Piece::Link {
                    to: Entity::Index(Index::Team),
                    anchor: Some("tb-interactions".into()),
                    text: i.team.clone(),
                }];
                let mode = i
                    .mode
                    .map_or(String::new(), |m| st.fill("digest.mode", &[("mode", st.get(&format!("topology.{m}")))]));
                let purpose = i.purpose.as_deref().map_or(".".to_string(), |p| format!(": {}", sentence(p)));
                let ends = i.until.as_ref().map(|u| u.value);
                let (key, day) = match (started, ends) {
                    (true, _) => ("digest.started_with", String::new()),
                    (false, Some(day)) if day > hb.today => ("digest.ending_with", date(day)),
                    (false, _) => ("digest.stopped_with", String::new()),
                };
                said(st, key, &[("date", &day), ("mode", &mode), ("purpose", &purpose)], [("team", on_card)])
            }
            Fact::Card(h) => {
                let Some(c) = hb.config.team.as_ref().and_then(|t| t.history.get(h)) else { return Vec::new() };
                let card = Piece::Link {
                    to: Entity::Index(Index::Team),
                    anchor: None,
                    text: st.get("digest.team_card").to_string(),
                };
                vec![card, Piece::Text(format!(": {}", sentence(&c.change)))]
            }
            Fact::Handoff { duty, from, to, day } => said(
                st,
                "digest.handoff",
                &[("day", &st.date(day, crate::i18n::Style::WeekdayDayMonth))],
                [
                    ("from", link(Entity::Person(from))),
                    ("duty", link(Entity::Duty(duty))),
                    ("to", link(Entity::Person(to))),
                ],
            ),
            Fact::Quiet { project, stage: s } => {
                said(st, "digest.quiet", &[("stage", &stage(s))], [("project", link(Entity::Project(project)))])
            }
        }
    }
}

/// A sentence of the tables as pieces: its text placeholders filled in,
/// then split at the placeholders that name links (`{project}`), which the
/// language may place anywhere.
fn said<const N: usize>(st: &Strings, key: &str, texts: &[Arg<'_>], links: [(&str, Line); N]) -> Line {
    let mut text = st.fill(key, texts);
    let mut out = Vec::new();
    loop {
        let next = links
            .iter()
            .filter_map(|(name, pieces)| Some((text.find(&format!("{{{name}}}"))?, name, pieces)))
            .min_by_key(|(at, ..)| *at);
        let Some((at, name, pieces)) = next else { break };
        if at > 0 {
            out.push(Piece::Text(text[..at].to_string()));
        }
        out.extend(pieces.iter().cloned());
        text = text[at + name.len() + 2..].to_string();
    }
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    out
}

/// A sentence as Markdown, its links as wiki links (`[[projects/x]]`,
/// qualified so they stay unambiguous), for a file the author edits.
pub fn markdown(hb: &Handbook, line: &Line) -> String {
    line.iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.clone(),
            Piece::Link { to, anchor, text } => {
                let id = hb.qualified_id(*to);
                match anchor {
                    None if *text == hb.title(*to) => format!("[[{id}]]"),
                    None => format!("[[{id}|{text}]]"),
                    Some(a) => format!("[[{id}#{a}|{text}]]"),
                }
            }
        })
        .collect()
}

/// A note as the end of a sentence: with a full stop unless it has its own.
fn sentence(note: &str) -> String {
    let note = note.trim();
    if note.ends_with(['.', '!', '?']) { note.to_string() } else { format!("{note}.") }
}

/// The anchor of a key result on its objective's page.
pub fn kr_anchor(id: &str) -> String {
    format!("kr-{id}")
}
