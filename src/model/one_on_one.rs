//! `one_on_ones.toml`: the team's 1:1 policy (how often a manager meets each
//! report, the co-leads meet each other, a new joiner meets their manager,
//! the skip-level 1:1s, the least often any pair may meet) and the written
//! pairs: the exceptions and the details (day, time, agenda document) that
//! the pairs implied by `manager` and roles' `counterpart` lack. The pairs
//! themselves are worked out in `pairs`.

use jiff::SignedDuration;
use jiff::civil::{Time, Weekday};

use super::{Kind, Ref, refs};
use crate::diagnostics::{Code, Diagnostics};
use crate::fields::{At, Field, Schema, Table, Ty};
use crate::recurrence::weekday_name;
use crate::source::{FileId, SourceFile};
use crate::syntax::{self, Format};

pub const FILE_NAME: &str = "one_on_ones.toml";

/// How often a pair meets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cadence {
    Weekly,
    Biweekly,
    Monthly,
    Quarterly,
}

/// The words `cadence` and `minimum` accept, most often first.
pub const CADENCES: [&str; 4] = ["weekly", "biweekly", "monthly", "quarterly"];

impl Cadence {
    pub fn parse(text: &str) -> Option<Cadence> {
        match text.trim().to_ascii_lowercase().as_str() {
            "weekly" => Some(Cadence::Weekly),
            "biweekly" | "fortnightly" => Some(Cadence::Biweekly),
            "monthly" => Some(Cadence::Monthly),
            "quarterly" => Some(Cadence::Quarterly),
            _ => None,
        }
    }

    /// As written: "weekly".
    pub fn name(self) -> &'static str {
        CADENCES[self as usize]
    }

    /// "every other week": for sentences, in the handbook's language.
    pub fn words(self, s: &crate::i18n::Strings) -> String {
        s.get(&format!("cadence.{}", self.name())).into()
    }

    /// How many meetings a week, on average (a month is 52/12 weeks).
    pub fn per_week(self) -> f64 {
        match self {
            Cadence::Weekly => 1.0,
            Cadence::Biweekly => 0.5,
            Cadence::Monthly => 12.0 / 52.0,
            Cadence::Quarterly => 4.0 / 52.0,
        }
    }

    /// Whether meeting at `self` is less often than `other`.
    pub fn rarer_than(self, other: Cadence) -> bool {
        self > other
    }
}

/// One rule of the policy: `{ cadence = "weekly", duration = "30m" }`.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Where the rule is written: where problems it causes are reported.
    pub pos: std::ops::Range<usize>,
    pub cadence: Cadence,
    pub duration: Option<SignedDuration>,
}

/// At least `cadence` in a new joiner's first `days` days.
#[derive(Debug, Clone)]
pub struct NewJoiners {
    pub pos: std::ops::Range<usize>,
    pub cadence: Cadence,
    pub days: i64,
}

#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Manager ↔ report, implied for every report.
    pub reports: Option<Rule>,
    /// The holders of a role ↔ the holders of its counterpart.
    pub counterparts: Option<Rule>,
    pub new_joiners: Option<NewJoiners>,
    /// A manager's manager ↔ report.
    pub skip_level: Option<Rule>,
    /// Any 1:1 less often than this is a warning.
    pub minimum: Option<At<Cadence>>,
    /// A rule is written but could not be read (reported): what it would
    /// have implied is not reported missing as well.
    pub unreadable: bool,
}

/// A `[[pair]]`: an exception to the policy, or details it does not give.
#[derive(Debug, Clone)]
pub struct WrittenPair {
    /// Where the `[[pair]]` table starts.
    pub pos: usize,
    /// Where `people` is written.
    pub people_at: std::ops::Range<usize>,
    /// The two people, the manager first where there is one.
    pub people: [Ref; 2],
    pub cadence: Option<At<Cadence>>,
    pub day: Option<Weekday>,
    pub time: Option<At<Time>>,
    pub duration: Option<SignedDuration>,
    pub agenda_doc: Option<String>,
    /// Why the pair differs from the policy, in the team's words.
    pub reason: Option<String>,
}

/// What `one_on_ones.toml` says.
#[derive(Debug, Clone, Default)]
pub struct OneOnOnes {
    pub file: FileId,
    pub policy: Policy,
    pub pairs: Vec<WrittenPair>,
    /// 1:1s with a day and a time go into the team calendar.
    pub calendar: bool,
}

/// `one_on_ones.toml`.
pub static SCHEMA: Schema = Schema {
    doc: "one_on_ones.toml: the 1:1 policy and the pairs written as exceptions or for their details",
    fields: &[
        Field::new("policy", Ty::Table(&POLICY), "how often pairs meet, by kind of pair"),
        Field::new("pair", Ty::Tables(&PAIR), "a pair of people who meet: an exception, or details the policy lacks"),
        Field::new("calendar", Ty::Bool, "put the 1:1s with a day and time in the team calendar (default false)"),
    ],
    common: &[],
    rest: None,
    synonyms: &[("pairs", "pair"), ("one_on_one", "pair"), ("rules", "policy"), ("ics", "calendar")],
};

static POLICY: Schema = Schema {
    doc: "how often pairs meet, by kind of pair",
    fields: &[
        Field::new("reports", Ty::Table(&RULE), "manager ↔ report, implied for every report"),
        Field::new("counterparts", Ty::Table(&RULE), "the holders of a role ↔ those of its counterpart role"),
        Field::new("new_joiners", Ty::Table(&NEW_JOINERS), "at least this often in a new joiner's first days"),
        Field::new("skip_level", Ty::Table(&RULE), "a manager's manager ↔ report (optional)"),
        Field::new("minimum", Ty::OneOf(&CADENCES), "any 1:1 less often than this is a warning"),
    ],
    common: &[],
    rest: None,
    synonyms: &[
        ("report", "reports"),
        ("managers", "reports"),
        ("counterpart", "counterparts"),
        ("co_leads", "counterparts"),
        ("new_joiner", "new_joiners"),
        ("newcomers", "new_joiners"),
        ("skip", "skip_level"),
        ("skip_levels", "skip_level"),
        ("min", "minimum"),
    ],
};

static RULE: Schema = Schema {
    doc: "how often and how long",
    fields: &[
        Field::required("cadence", Ty::OneOf(&CADENCES), "how often: weekly, biweekly, monthly or quarterly"),
        Field::new("duration", Ty::Duration, "how long: \"30m\""),
    ],
    common: &[],
    rest: None,
    synonyms: &[("every", "cadence"), ("frequency", "cadence"), ("length", "duration")],
};

static NEW_JOINERS: Schema = Schema {
    doc: "how often a new joiner meets their manager at least, and for how long after joining",
    fields: &[
        Field::required("cadence", Ty::OneOf(&CADENCES), "at least this often: weekly, biweekly, monthly"),
        Field::required("for", Ty::Text, "for this long after joining: \"90d\", \"12w\""),
    ],
    common: &[],
    rest: None,
    synonyms: &[("every", "cadence"), ("frequency", "cadence"), ("days", "for"), ("during", "for")],
};

static PAIR: Schema = Schema {
    doc: "a pair of people who meet",
    fields: &[
        Field::required("people", Ty::Ids(&[Kind::Person]), "the two people (person ids), the manager first"),
        Field::new("cadence", Ty::OneOf(&CADENCES), "how often (default: the policy's for this kind of pair)"),
        Field::new("day", Ty::Text, "the weekday: mon ... sun"),
        Field::new("time", Ty::Time, "the local time (the first person's zone), HH:MM"),
        Field::new("duration", Ty::Duration, "how long: \"45m\""),
        Field::new("agenda_doc", Ty::Url, "the running agenda document; only the link is published"),
        Field::new("reason", Ty::Text, "why the pair differs from the policy (an exception), shown with it"),
    ],
    common: &[],
    rest: None,
    synonyms: &[
        ("pair", "people"),
        ("who", "people"),
        ("with", "people"),
        ("frequency", "cadence"),
        ("weekday", "day"),
        ("days", "day"),
        ("at", "time"),
        ("length", "duration"),
        ("agenda", "agenda_doc"),
        ("doc", "agenda_doc"),
        ("why", "reason"),
        ("because", "reason"),
        ("note", "reason"),
    ],
};

impl OneOnOnes {
    /// Reads the file; every problem is reported, and what can be read is kept.
    pub fn read(source: &SourceFile, diags: &mut Diagnostics) -> OneOnOnes {
        let (doc, clean) = syntax::toml::parse(source, 0..source.text.len(), diags);
        let mut root = Table::root(source, Some(&doc), &SCHEMA, Format::Toml, &[], clean);
        let policy = root.table(diags, "policy").map(|t| read_policy(t, diags)).unwrap_or_default();
        let pairs = root.tables(diags, "pair").into_iter().filter_map(|t| read_pair(t, diags)).collect();
        let calendar = root.boolean(diags, "calendar").is_some_and(|b| b.value);
        root.finish(diags);
        OneOnOnes { file: super::UNPLACED, policy, pairs, calendar }
    }
}

/// A cadence word, reported when it is none of them.
fn cadence(t: &mut Table<'_>, d: &mut Diagnostics, key: &'static str) -> Option<At<Cadence>> {
    let s = t.string(d, key)?;
    match Cadence::parse(&s.value) {
        Some(c) => Some(At::new(c, s.span())),
        None => {
            d.report(
                Code::InvalidValue,
                t.file(),
                s.span(),
                format!("`{}` {:?} is not a cadence", t.name(key), s.value),
            )
            .hint(format!("write one of {}", CADENCES.map(|w| format!("\"{w}\"")).join(", ")));
            None
        }
    }
}

fn read_policy(mut t: Table<'_>, d: &mut Diagnostics) -> Policy {
    let mut rule = |t: &mut Table<'_>, key: &'static str| {
        let at = t.span_of(key);
        let mut r = t.table(d, key)?;
        let c = cadence(&mut r, d, "cadence");
        if !r.has("cadence") {
            r.missing(d, "cadence", "\"weekly\"");
        }
        let duration = r.duration(d, "duration").map(|x| x.value);
        r.finish(d);
        Some(Rule { pos: at?, cadence: c?.value, duration })
    };
    let reports = rule(&mut t, "reports");
    let counterparts = rule(&mut t, "counterparts");
    let skip_level = rule(&mut t, "skip_level");
    let joiners_at = t.span_of("new_joiners");
    let new_joiners = t.table(d, "new_joiners").and_then(|mut r| {
        let c = cadence(&mut r, d, "cadence");
        if !r.has("cadence") {
            r.missing(d, "cadence", "\"weekly\"");
        }
        let days = r.string(d, "for").and_then(|s| days(&r, d, &s));
        if !r.has("for") {
            r.missing(d, "for", "\"90d\"");
        }
        r.finish(d);
        Some(NewJoiners { pos: joiners_at?, cadence: c?.value, days: days? })
    });
    let minimum = cadence(&mut t, d, "minimum");
    let written =
        ["reports", "counterparts", "skip_level", "new_joiners", "minimum"].iter().filter(|k| t.has(k)).count();
    let read =
        [reports.is_some(), counterparts.is_some(), skip_level.is_some(), new_joiners.is_some(), minimum.is_some()]
            .iter()
            .filter(|&&x| x)
            .count();
    t.finish(d);
    Policy { reports, counterparts, new_joiners, skip_level, minimum, unreadable: read < written }
}

/// "90d" or "12w", in days (1 to 3660).
fn days(t: &Table<'_>, d: &mut Diagnostics, s: &At<String>) -> Option<i64> {
    let text = s.value.trim().to_ascii_lowercase();
    let (n, unit) = text.split_at(text.len().saturating_sub(1));
    let n = n.trim().parse::<i64>().ok();
    let days = match (n, unit) {
        (Some(n), "d") => Some(n),
        (Some(n), "w") => n.checked_mul(7),
        _ => None,
    };
    match days {
        Some(n) if (1..=3660).contains(&n) => Some(n),
        _ => {
            d.report(
                Code::InvalidDuration,
                t.file(),
                s.span(),
                format!("`{}` {:?} is not a number of days or weeks", t.name("for"), s.value),
            )
            .hint("write days or weeks, up to ten years: \"90d\", \"12w\"");
            None
        }
    }
}

fn read_pair(mut t: Table<'_>, d: &mut Diagnostics) -> Option<WrittenPair> {
    let pos = t.pos();
    let people_at = t.span_of("people");
    let people = refs(&mut t, d, "people");
    if people_at.is_none() {
        t.missing(d, "people", "[\"mitra\", \"priya\"]");
    }
    let cadence = cadence(&mut t, d, "cadence");
    let day = t.string(d, "day").and_then(|s| match super::ceremony::parse_day(&s.value) {
        Some(w) => Some(w),
        None => {
            d.report(Code::InvalidSchedule, t.file(), s.span(), format!("unknown weekday {:?}", s.value))
                .hint("use mon, tue, wed, thu, fri, sat or sun");
            None
        }
    });
    let time = t.time(d, "time");
    let duration = t.duration(d, "duration").map(|x| x.value);
    let agenda_doc = t.string(d, "agenda_doc").map(|s| s.value);
    let reason = t.string(d, "reason").map(|s| s.value);
    if let (Some(time), None) = (&time, day) {
        d.report(Code::InvalidSchedule, t.file(), time.span(), "the pair has a `time` but no `day`")
            .hint("add the weekday they meet on, e.g. day = \"tue\"");
    }
    let people_at = people_at?;
    let pair = match <[Ref; 2]>::try_from(people) {
        Ok([a, b]) if a.id == b.id => {
            d.report(Code::InvalidValue, t.file(), b.span(), format!("the pair names {:?} twice", a.id))
                .hint("a 1:1 is between two different people: people = [\"mitra\", \"priya\"]");
            None
        }
        Ok(people) => Some(people),
        Err(people) => {
            d.report(
                Code::InvalidValue,
                t.file(),
                people_at.clone(),
                format!("a pair is two people, not {}", people.len()),
            )
            .hint("name the two people, the manager first: people = [\"mitra\", \"priya\"]");
            None
        }
    };
    t.finish(d);
    Some(WrittenPair { pos, people_at, people: pair?, cadence, day, time, duration, agenda_doc, reason })
}

/// "Tuesday 15:00": when a written pair meets, as far as it is written.
pub fn when_words(day: Option<Weekday>, time: Option<Time>) -> String {
    match (day, time) {
        (Some(d), Some(t)) => format!("{}s at {}", weekday_name(d), t.strftime("%H:%M")),
        (Some(d), None) => format!("{}s", weekday_name(d)),
        _ => String::new(),
    }
}
