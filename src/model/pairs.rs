//! The 1:1 pairs of a handbook with a `one_on_ones.toml`: those implied by
//! the policy (each report with their manager, the holders of co-lead roles
//! with each other, skip-levels), then the written `[[pair]]`s, each of which
//! gives an implied pair its details or adds a pair of its own. Worked out on
//! demand from the resolved handbook, so that pages and checks agree.

use jiff::SignedDuration;
use jiff::civil::{Date, Time, Weekday};

use super::one_on_one::{Cadence, Rule, WrittenPair};
use super::{Entity, Handbook};

/// Why two people meet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Why {
    /// Manager and report.
    Reports,
    /// The holders of a role and of its counterpart: the co-leads.
    Counterparts,
    /// A manager's manager and a report.
    SkipLevel,
    /// Neither: written as a pair of its own.
    Peers,
}

impl Why {
    pub fn name(self) -> &'static str {
        match self {
            Why::Reports => "manager",
            Why::Counterparts => "co-leads",
            Why::SkipLevel => "skip-level",
            Why::Peers => "peers",
        }
    }
}

/// Two people who meet, and how.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    /// The manager first where there is one.
    pub a: usize,
    pub b: usize,
    pub why: Why,
    /// `None`: written without one, and no policy rule gives it.
    pub cadence: Option<Cadence>,
    pub duration: Option<SignedDuration>,
    pub day: Option<Weekday>,
    pub time: Option<Time>,
    pub agenda_doc: Option<String>,
    /// Why it differs from the policy, when written.
    pub reason: Option<String>,
    /// The `[[pair]]` that gives it (its index in the file), if one does.
    pub written: Option<usize>,
}

impl Pair {
    pub fn has(&self, p: usize) -> bool {
        self.a == p || self.b == p
    }

    /// The other person of the pair.
    pub fn other(&self, p: usize) -> usize {
        if self.a == p { self.b } else { self.a }
    }

    fn same_people(&self, x: usize, y: usize) -> bool {
        (self.a, self.b) == (x, y) || (self.a, self.b) == (y, x)
    }

    /// Minutes a week, on average, when the duration is known.
    pub fn minutes_per_week(&self) -> Option<f64> {
        Some(self.duration?.as_secs_f64() / 60.0 * self.cadence?.per_week())
    }
}

impl Handbook {
    /// The person a `Ref` names, when it names one.
    fn person(&self, r: &super::Ref) -> Option<usize> {
        match r.to {
            Some(Entity::Person(p)) => Some(p),
            _ => None,
        }
    }

    /// A person's current manager, when both are on the team.
    pub fn current_manager(&self, p: usize) -> Option<usize> {
        let m = self.people[p].manager.as_ref().and_then(|r| self.person(r))?;
        (!self.people[p].alumnus && !self.people[m].alumnus).then_some(m)
    }

    /// Why `x` and `y` would meet, from the org chart and the roles.
    pub fn relation(&self, x: usize, y: usize) -> (Why, usize, usize) {
        if self.current_manager(y) == Some(x) {
            (Why::Reports, x, y)
        } else if self.current_manager(x) == Some(y) {
            (Why::Reports, y, x)
        } else if self.co_leads().contains(&(x, y)) {
            (Why::Counterparts, x, y)
        } else if self.co_leads().contains(&(y, x)) {
            (Why::Counterparts, y, x)
        } else if self.current_manager(y).and_then(|m| self.current_manager(m)) == Some(x) {
            (Why::SkipLevel, x, y)
        } else if self.current_manager(x).and_then(|m| self.current_manager(m)) == Some(y) {
            (Why::SkipLevel, y, x)
        } else {
            (Why::Peers, x, y)
        }
    }

    /// Every pair of current people who hold co-lead roles (a role and its
    /// `counterpart`), the holder of the role listed first first, once.
    pub fn co_leads(&self) -> Vec<(usize, usize)> {
        let holders = |r: usize| self.roles[r].people.iter().copied().filter(|&p| !self.people[p].alumnus);
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (r, role) in self.roles.iter().enumerate() {
            let Some(Entity::Role(c)) = role.counterpart.as_ref().and_then(|c| c.to) else { continue };
            for x in holders(r) {
                for y in holders(c) {
                    if x != y && !out.contains(&(x, y)) && !out.contains(&(y, x)) {
                        out.push((x, y));
                    }
                }
            }
        }
        out
    }

    /// Every 1:1 pair (none without `one_on_ones.toml`): the implied ones in
    /// the order of the people's files, then the written ones of their own.
    /// A written pair naming an alumnus is kept (and reported by check);
    /// a pair written twice counts once, as first written.
    pub fn pairs(&self) -> Vec<Pair> {
        let Some(file) = &self.one_on_ones else { return Vec::new() };
        let policy = &file.policy;
        let mut out: Vec<Pair> = Vec::new();
        let implied = |a: usize, b: usize, why: Why, rule: &Rule| Pair {
            a,
            b,
            why,
            cadence: Some(rule.cadence),
            duration: rule.duration,
            day: None,
            time: None,
            agenda_doc: None,
            reason: None,
            written: None,
        };
        for p in 0..self.people.len() {
            let Some(m) = self.current_manager(p) else { continue };
            if let Some(rule) = &policy.reports {
                out.push(implied(m, p, Why::Reports, rule));
            }
        }
        if let Some(rule) = &policy.counterparts {
            for (x, y) in self.co_leads() {
                if !out.iter().any(|q| q.same_people(x, y)) {
                    out.push(implied(x, y, Why::Counterparts, rule));
                }
            }
        }
        if let Some(rule) = &policy.skip_level {
            for p in 0..self.people.len() {
                let Some(top) = self.current_manager(p).and_then(|m| self.current_manager(m)) else { continue };
                if top != p && !out.iter().any(|q| q.same_people(top, p)) {
                    out.push(implied(top, p, Why::SkipLevel, rule));
                }
            }
        }
        let mut seen: Vec<(usize, usize)> = Vec::new();
        for (k, w) in file.pairs.iter().enumerate() {
            let (Some(x), Some(y)) = (self.person(&w.people[0]), self.person(&w.people[1])) else { continue };
            if seen.contains(&(x, y)) || seen.contains(&(y, x)) {
                continue;
            }
            seen.push((x, y));
            match out.iter_mut().find(|q| q.same_people(x, y)) {
                Some(q) => apply(q, w, k),
                None => {
                    let (why, a, b) = self.relation(x, y);
                    let rule = match why {
                        Why::Reports => policy.reports.as_ref(),
                        Why::Counterparts => policy.counterparts.as_ref(),
                        Why::SkipLevel => policy.skip_level.as_ref(),
                        Why::Peers => None,
                    };
                    let mut q = Pair {
                        a,
                        b,
                        why,
                        cadence: rule.map(|r| r.cadence),
                        duration: rule.and_then(|r| r.duration),
                        day: None,
                        time: None,
                        agenda_doc: None,
                        reason: None,
                        written: None,
                    };
                    apply(&mut q, w, k);
                    out.push(q);
                }
            }
        }
        out
    }

    /// The pairs of people both on the team: what the pages show.
    pub fn current_pairs(&self) -> Vec<Pair> {
        self.pairs().into_iter().filter(|q| !self.people[q.a].alumnus && !self.people[q.b].alumnus).collect()
    }
}

/// A 1:1 pair that starts on `day`: a report with a new manager (on
/// joining, or at a change of manager in `[[history]]`), or co-leads when
/// the later of the two joins. For the digest.
#[derive(Clone, Debug, PartialEq)]
pub struct PairStart {
    pub day: Date,
    pub a: usize,
    pub b: usize,
    pub cadence: Cadence,
}

impl Handbook {
    /// Every dated start of a 1:1 pair with a cadence (none without
    /// `one_on_ones.toml`). A new joiner's pair starts at the `new_joiners`
    /// cadence when that is more often.
    pub fn pair_starts(&self) -> Vec<PairStart> {
        let Some(file) = &self.one_on_ones else { return Vec::new() };
        let policy = &file.policy;
        let pairs = self.pairs();
        let mut out = Vec::new();
        let faster = |p: usize, day: Date, c: Cadence| match &policy.new_joiners {
            Some(n) if self.people[p].joined == Some(day) && c.rarer_than(n.cadence) => n.cadence,
            _ => c,
        };
        for (p, person) in self.people.iter().enumerate() {
            let mut from = person.joined;
            for h in &person.history {
                let (Some(day), Some(m), Some(r)) = (from, self.person(&h.manager), policy.reports.as_ref()) else {
                    from = Some(h.date.value);
                    continue;
                };
                if m != p {
                    out.push(PairStart { day, a: m, b: p, cadence: faster(p, day, r.cadence) });
                }
                from = Some(h.date.value);
            }
            let Some(m) = self.current_manager(p) else { continue };
            let pair = pairs.iter().find(|q| q.why == Why::Reports && q.has(m) && q.has(p));
            if let (Some(day), Some(c)) = (from, pair.and_then(|q| q.cadence)) {
                out.push(PairStart { day, a: m, b: p, cadence: faster(p, day, c) });
            }
        }
        for q in pairs.iter().filter(|q| q.why == Why::Counterparts) {
            if let (Some(day), Some(c)) = (self.people[q.a].joined.max(self.people[q.b].joined), q.cadence) {
                out.push(PairStart { day, a: q.a, b: q.b, cadence: c });
            }
        }
        out
    }
}

/// What a written pair says, over what the policy gives.
fn apply(q: &mut Pair, w: &WrittenPair, k: usize) {
    q.cadence = w.cadence.as_ref().map(|c| c.value).or(q.cadence);
    q.duration = w.duration.or(q.duration);
    q.day = w.day;
    q.time = w.time.as_ref().map(|t| t.value);
    q.agenda_doc = w.agenda_doc.clone();
    q.reason = w.reason.clone();
    q.written = Some(k);
}
