//! The turns of a duty. Turn k starts on `start` + k × `turn` days at the
//! hand-off time, local to the duty's zone, and ends where turn k + 1
//! starts: civil arithmetic, so a 10:00 hand-off stays at 10:00 on both sides
//! of a daylight-saving change (and a turn across the change is an hour
//! longer or shorter). Turn k is the k-th member's, round the pool; an
//! override cuts the time it covers out of the turn of `instead_of`.
//!
//! Every question is answered for a window of time, by arithmetic on the
//! turn's index: a rota that started decades ago costs no more than a new one.

use jiff::civil::Date;
use jiff::{Span, Timestamp, ToSpan, ZonedDateTime};

use super::{Duty, Entity, Handbook, Override};

/// How far ahead the pages, calendars and checks look: the next quarter.
pub const QUARTER_DAYS: i64 = 91;

/// How far back the calendars go, so a turn under way is still in them.
pub const CALENDAR_PAST_DAYS: i64 = 28;

/// A person who takes turns, and the pool entry (a person or a role) that
/// puts them there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Member {
    pub person: usize,
    pub entry: usize,
}

/// A stretch of time one person is on duty: a whole turn, or the part of
/// one an override leaves or takes.
#[derive(Clone, Debug, PartialEq)]
pub struct Shift {
    pub turn: usize,
    /// Which part of its turn, from 0: more than one only where an override
    /// covers part of a turn.
    pub piece: usize,
    pub start: ZonedDateTime,
    pub end: ZonedDateTime,
    pub person: usize,
    /// Whose turn it is by the rotation.
    pub scheduled: usize,
    /// The override that puts `person` here, by index in the duty's list.
    pub by: Option<usize>,
}

/// A duty's schedule: its turns, members and overrides.
#[derive(Clone, Debug)]
pub struct Rota<'a> {
    pub duty: &'a Duty,
    pub members: Vec<Member>,
    start: Date,
    days: i64,
    /// The overrides that name people, worked out once: (from, to, index,
    /// who, instead of whom), by start.
    spans: Vec<(Timestamp, Timestamp, usize, usize, usize)>,
}

impl Duty {
    /// The schedule, when the duty has a start, a turn length and someone
    /// to take turns.
    pub fn rota(&self, hb: &Handbook) -> Option<Rota<'_>> {
        Rota::new(self, members(self, hb))
    }
}

/// The pool, person by person: each person named, and each current holder
/// of a role named (in the order of the people's files), once, first place
/// kept. Someone named who has left stays (and is reported): the schedule
/// is what the file says.
pub fn members(duty: &Duty, hb: &Handbook) -> Vec<Member> {
    let mut out: Vec<Member> = Vec::new();
    let mut add = |person: usize, entry: usize| {
        if !out.iter().any(|m| m.person == person) {
            out.push(Member { person, entry });
        }
    };
    for (entry, r) in duty.pool.iter().enumerate() {
        match r.to {
            Some(Entity::Person(p)) => add(p, entry),
            Some(Entity::Role(role)) => {
                hb.roles[role].people.iter().filter(|&&p| !hb.people[p].alumnus).for_each(|&p| add(p, entry));
            }
            _ => {}
        }
    }
    out
}

impl Handbook {
    /// Every time a duty passes from one person to another within
    /// `[from, to)`: (duty, from whom, to whom, the day in the duty's zone).
    pub fn handoffs(&self, from: Timestamp, to: Timestamp) -> Vec<(usize, usize, usize, Date)> {
        let mut out = Vec::new();
        for (i, d) in self.duties.iter().enumerate() {
            let Some(rota) = d.rota(self) else { continue };
            for pair in rota.shifts(from, to).windows(2) {
                let (before, after) = (&pair[0], &pair[1]);
                if before.person != after.person && after.start.timestamp() >= from {
                    out.push((i, before.person, after.person, after.start.date()));
                }
            }
        }
        out
    }

    /// Who leads a meeting of ceremony `c`: its facilitator in the rotation,
    /// and for a duty named as one (`duty:<id>`), the person on duty then.
    pub fn leader(&self, c: &super::Ceremony, o: &super::Occurrence) -> Option<Entity> {
        match o.facilitator.and_then(|f| c.facilitators.get(f)).and_then(|r| r.to)? {
            Entity::Duty(i) => {
                self.duties[i].rota(self)?.on_duty(o.start.timestamp()).map(|s| Entity::Person(s.person))
            }
            e => Some(e),
        }
    }
}

impl<'a> Rota<'a> {
    pub fn new(duty: &'a Duty, members: Vec<Member>) -> Option<Rota<'a>> {
        let (start, days) = (duty.start.as_ref()?.value, duty.turn.as_ref()?.value);
        if members.is_empty() || days <= 0 {
            return None;
        }
        let mut rota = Rota { duty, members, start, days, spans: Vec::new() };
        let mut spans: Vec<_> = duty
            .overrides
            .iter()
            .enumerate()
            .filter_map(|(i, o)| {
                let (Some(Entity::Person(who)), Some(Entity::Person(instead))) = (o.person.to, o.instead_of.to) else {
                    return None;
                };
                let (from, to) = rota.span_of(o)?;
                Some((from, to, i, who, instead))
            })
            .collect();
        spans.sort_by_key(|&(from, _, i, ..)| (from, i));
        rota.spans = spans;
        Some(rota)
    }

    /// The moment turn `k` starts; `None` past the calendar's end.
    pub fn turn_start(&self, k: usize) -> Option<ZonedDateTime> {
        let offset = i64::try_from(k).ok()?.checked_mul(self.days)?;
        let day = self.start.checked_add(Span::new().try_days(offset).ok()?).ok()?;
        self.at(day)
    }

    /// The hand-off time on `day`, in the duty's zone; a time the clocks
    /// skip that day is moved past the gap, as calendars do.
    pub fn at(&self, day: Date) -> Option<ZonedDateTime> {
        self.duty.zone.tz.to_ambiguous_zoned_datetime(day.to_datetime(self.duty.handoff)).compatible().ok()
    }

    /// The turn under way at `t`; `None` before the first.
    pub fn turn_at(&self, t: Timestamp) -> Option<usize> {
        let local = t.to_zoned_datetime(self.duty.zone.tz.clone()).date();
        let elapsed = self.start.until(local).ok()?.get_days();
        let mut k = usize::try_from(i64::from(elapsed).div_euclid(self.days)).unwrap_or(0);
        // The hand-off time of the day decides between two turns.
        while k > 0 && self.turn_start(k).is_none_or(|s| s.timestamp() > t) {
            k -= 1;
        }
        if self.turn_start(k)?.timestamp() > t {
            return None;
        }
        if self.turn_start(k + 1).is_some_and(|s| s.timestamp() <= t) {
            k += 1;
        }
        Some(k)
    }

    /// Whose turn `k` is by the rotation.
    pub fn scheduled(&self, k: usize) -> Member {
        self.members[k % self.members.len()]
    }

    /// When an override starts and ends.
    pub fn span_of(&self, o: &Override) -> Option<(Timestamp, Timestamp)> {
        Some((self.at(o.from.value)?.timestamp(), self.at(o.to.value)?.timestamp()))
    }

    /// The overrides that apply to turn `k`: those for its scheduled person
    /// that overlap it, by start, with their index.
    fn overrides_in(&self, k: usize, start: Timestamp, end: Timestamp) -> Vec<(usize, Timestamp, Timestamp, usize)> {
        let scheduled = self.scheduled(k).person;
        // By start: those starting before the turn ends, and ending after it starts.
        let before_end = self.spans.partition_point(|s| s.0 < end);
        let mut out: Vec<_> = self.spans[..before_end]
            .iter()
            .filter(|&&(_, to, _, _, instead)| instead == scheduled && to > start)
            .map(|&(from, to, i, who, _)| (i, from.max(start), to.min(end), who))
            .collect();
        out.sort_by_key(|&(i, from, ..)| (from, i));
        out
    }

    /// Turn `k` as it is kept: the rotation's person, with the parts that
    /// overrides cover given to whom they name.
    pub fn turn(&self, k: usize) -> Vec<Shift> {
        let (Some(start), Some(end)) = (self.turn_start(k), self.turn_start(k + 1)) else {
            return Vec::new();
        };
        let scheduled = self.scheduled(k).person;
        let zone = self.duty.zone.tz.clone();
        let mut out = Vec::new();
        let mut push = |from: Timestamp, to: Timestamp, person: usize, by: Option<usize>| {
            if from < to {
                let piece = out.len();
                out.push(Shift {
                    turn: k,
                    piece,
                    start: from.to_zoned_datetime(zone.clone()),
                    end: to.to_zoned_datetime(zone.clone()),
                    person,
                    scheduled,
                    by,
                });
            }
        };
        let mut cursor = start.timestamp();
        for (i, from, to, who) in self.overrides_in(k, start.timestamp(), end.timestamp()) {
            let from = from.max(cursor);
            push(cursor, from, scheduled, None);
            push(from, to, who, Some(i));
            cursor = cursor.max(to);
        }
        push(cursor, end.timestamp(), scheduled, None);
        out
    }

    /// Every shift that overlaps `[from, to)`, in order.
    pub fn shifts(&self, from: Timestamp, to: Timestamp) -> Vec<Shift> {
        let first = self.turn_at(from).unwrap_or(0);
        let mut out = Vec::new();
        for k in first.. {
            match self.turn_start(k) {
                Some(s) if s.timestamp() < to => {}
                _ => break,
            }
            out.extend(self.turn(k).into_iter().filter(|s| s.end.timestamp() > from && s.start.timestamp() < to));
        }
        out
    }

    /// Who is on duty at `t`.
    pub fn on_duty(&self, t: Timestamp) -> Option<Shift> {
        let k = self.turn_at(t)?;
        self.turn(k).into_iter().find(|s| s.start.timestamp() <= t && t < s.end.timestamp())
    }

    /// The shifts from the one under way at `t` to `days` days ahead.
    pub fn ahead(&self, t: Timestamp, days: i64) -> Vec<Shift> {
        let until = t.checked_add(days.saturating_mul(24).hours()).unwrap_or(Timestamp::MAX);
        self.shifts(t, until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::diagnostics::Diagnostics;
    use crate::model::Ref;
    use crate::source::SourceFile;

    fn duty(front: &str) -> Duty {
        let mut d = Diagnostics::default();
        let config = Config::read(&SourceFile::new("teambook.toml", "title = \"t\"".into()), &mut d);
        let source = SourceFile::new("duties/x.md", format!("+++\ntitle = \"On-call\"\n{front}\n+++\n"));
        let mut duty = Duty::read(&source, "x", &config, &mut d);
        assert!(d.take().is_empty(), "{front}");
        // Overrides name people 0 (a), 1 (b), 2 (c) by their ids.
        let who = |r: &mut Ref| r.to = Some(Entity::Person(["a", "b", "c"].iter().position(|p| *p == r.id).unwrap()));
        for o in &mut duty.overrides {
            who(&mut o.person);
            who(&mut o.instead_of);
        }
        duty
    }

    fn rota(duty: &Duty, people: usize) -> Rota<'_> {
        Rota::new(duty, (0..people).map(|p| Member { person: p, entry: p }).collect()).unwrap()
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn a_ten_o_clock_handoff_stays_at_ten_across_daylight_saving() {
        // New York leaves daylight saving on 1 November 2026.
        let d = duty(
            "timezone = \"America/New_York\"\nstart = 2026-10-19\nturn = \"1w\"\nhandoff = { day = \"mon\", time = \"10:00\" }\npool = [\"a\", \"b\"]",
        );
        let r = rota(&d, 2);
        let starts: Vec<String> = (0..3).map(|k| r.turn_start(k).unwrap().timestamp().to_string()).collect();
        assert_eq!(starts, ["2026-10-19T14:00:00Z", "2026-10-26T14:00:00Z", "2026-11-02T15:00:00Z"]);
        // The turn across the change is an hour longer.
        let across = &r.turn(1)[0];
        assert_eq!(across.end.timestamp().as_second() - across.start.timestamp().as_second(), 7 * 86400 + 3600);
        assert_eq!(r.turn_at(ts("2026-11-02T14:59:59Z")), Some(1));
        assert_eq!(r.turn_at(ts("2026-11-02T15:00:00Z")), Some(2));
        assert_eq!(r.turn_at(ts("2026-10-19T13:59:59Z")), None);
        assert_eq!(r.on_duty(ts("2026-11-03T00:00:00Z")).unwrap().person, 0);
    }

    #[test]
    fn daily_turns_count_the_leap_day() {
        let d = duty("timezone = \"Europe/Berlin\"\nstart = 2028-02-27\nturn = \"1d\"\npool = [\"a\", \"b\", \"c\"]");
        let r = rota(&d, 3);
        let days: Vec<String> = (0..4).map(|k| r.turn_start(k).unwrap().date().to_string()).collect();
        assert_eq!(days, ["2028-02-27", "2028-02-28", "2028-02-29", "2028-03-01"]);
        assert_eq!(r.scheduled(3).person, 0);
        // Decades later, found by arithmetic: turn 36525 is 36525 days on.
        let far = r.turn_at(ts("2128-02-27T12:00:00Z")).unwrap();
        assert_eq!(r.turn_start(far).unwrap().date(), jiff::civil::date(2128, 2, 27));
    }

    #[test]
    fn an_override_takes_the_part_of_a_turn_it_covers() {
        let d = duty(
            "timezone = \"UTC\"\nstart = 2026-12-07\nturn = \"1w\"\npool = [\"a\", \"b\"]\n[[override]]\nfrom = 2026-12-16\nto = 2026-12-18\nperson = \"a\"\ninstead_of = \"b\"\nreason = \"leave\"\n[[override]]\nfrom = 2026-12-22\nto = 2026-12-23\nperson = \"c\"\ninstead_of = \"b\"\n[[override]]\nfrom = 2026-12-28\nto = 2027-01-04\nperson = \"c\"\ninstead_of = \"b\"",
        );
        let r = rota(&d, 2);
        // Turn 1 (14-21 Dec) is b's; a covers 16-18 Dec.
        let t1: Vec<(String, usize, usize)> =
            r.turn(1).iter().map(|s| (s.start.date().to_string(), s.person, s.piece)).collect();
        assert_eq!(t1, [("2026-12-14".into(), 1, 0), ("2026-12-16".into(), 0, 1), ("2026-12-18".into(), 1, 2)]);
        // Turn 3 (28 Dec - 4 Jan) is b's, wholly covered by c.
        let t3 = r.turn(3);
        assert_eq!((t3.len(), t3[0].person, t3[0].scheduled, t3[0].by), (1, 2, 1, Some(2)));
        // An override for someone whose turn it is not (22 Dec is a's) changes nothing.
        assert_eq!(r.turn(2).len(), 1);
        let window = r.shifts(ts("2026-12-15T00:00:00Z"), ts("2026-12-22T00:00:00Z"));
        assert_eq!(window.len(), 4);
    }
}
