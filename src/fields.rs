//! Typed fields read out of spanned TOML, reporting every wrong type, bad value,
//! missing required field and unknown key with its position, instead of stopping
//! at the first like serde would. The keys a reader asks for are the keys it
//! knows, so the list of valid keys and the code that reads them cannot drift.

use std::ops::Range;

use jiff::SignedDuration;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostics::{Code, Diagnostics, closest};
use crate::source::SourceFile;

/// A value and the byte offset in its file where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct At<T> {
    pub value: T,
    pub pos: usize,
}

impl<T> At<T> {
    pub fn new(value: T, pos: usize) -> Self {
        At { value, pos }
    }
}

/// TOML's own messages say what the parser expected; this says how TOML is written.
const SYNTAX_HINT: &str =
    "TOML is one `key = value` per line: strings in double quotes, dates like 2026-01-05, lists in [ ]";

/// Parses TOML text lying at `range` of `file`; syntax errors are reported and
/// whatever could be recovered is returned. The flag says whether it was clean.
pub fn parse<'f>(file: &'f SourceFile, range: Range<usize>, diags: &mut Diagnostics) -> (Spanned<DeTable<'f>>, bool) {
    let (table, errors) = DeTable::parse_recoverable(&file.text[range.clone()]);
    for e in &errors {
        let at = range.start + e.span().map_or(0, |s| s.start);
        diags.report(Code::Syntax, file, at, format!("invalid TOML: {}", e.message().trim())).hint(SYNTAX_HINT);
    }
    (table, errors.is_empty())
}

/// A TOML table being read field by field.
pub struct Table<'a> {
    file: &'a SourceFile,
    base: usize,
    table: Option<&'a DeTable<'a>>,
    pos: usize,
    /// "impact." when reading `[impact]`, so messages name the full key.
    prefix: String,
    asked: Vec<&'static str>,
    /// The source was unparseable: don't report fields as missing.
    lenient: bool,
}

impl<'a> Table<'a> {
    /// `base` is the offset of the TOML text within the file.
    pub fn root(file: &'a SourceFile, base: usize, table: Option<&'a DeTable<'a>>, lenient: bool) -> Self {
        Table { file, base, table, pos: base, prefix: String::new(), asked: Vec::new(), lenient }
    }

    pub fn file(&self) -> &'a SourceFile {
        self.file
    }

    /// Where the table starts: the place to report something missing from it.
    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn has(&self, key: &str) -> bool {
        self.table.is_some_and(|t| t.get(key).is_some())
    }

    fn get(&mut self, key: &'static str) -> Option<&'a Spanned<DeValue<'a>>> {
        self.asked.push(key);
        self.table?.get(key)
    }

    fn at(&self, value: &Spanned<DeValue<'_>>) -> usize {
        self.base + value.span().start
    }

    fn name(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    /// `example` is a value of the right type, shown as `key = example`.
    fn wrong_type(&self, d: &mut Diagnostics, key: &str, v: &Spanned<DeValue<'_>>, expected: &str, example: &str) {
        let found = v.get_ref().type_str();
        d.report(
            Code::WrongType,
            self.file,
            self.at(v),
            format!("`{}` must be {expected}, not {}", self.name(key), article(found)),
        )
        .hint(format!("write it like {key} = {example}"));
    }

    fn wrong_item(&self, d: &mut Diagnostics, key: &str, item: &Spanned<DeValue<'_>>, expected: &str, example: &str) {
        let found = item.get_ref().type_str();
        d.report(
            Code::WrongType,
            self.file,
            self.at(item),
            format!("items of `{}` must be {expected}, not {}", self.name(key), article(found)),
        )
        .hint(format!("write it like {key} = {example}"));
    }

    /// Reports a required field as missing (unless the file could not be parsed).
    pub fn missing(&self, d: &mut Diagnostics, key: &str, example: &str) {
        if !self.lenient {
            d.report(Code::MissingField, self.file, self.pos, format!("missing required field `{}`", self.name(key)))
                .hint(format!("add `{key} = {example}`"));
        }
    }

    pub fn string(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<At<String>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(At::new(s.to_string(), self.at(v))),
            _ => {
                self.wrong_type(d, key, v, "a string", "\"...\"");
                None
            }
        }
    }

    pub fn required_string(&mut self, d: &mut Diagnostics, key: &'static str, example: &str) -> Option<At<String>> {
        let present = self.has(key);
        let value = self.string(d, key);
        if !present {
            self.missing(d, key, example);
        }
        value
    }

    /// A string or an array of strings (`author = "mitra"` or `author = ["mitra", "dana"]`).
    pub fn strings(&mut self, d: &mut Diagnostics, key: &'static str) -> Vec<At<String>> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::String(s) => vec![At::new(s.to_string(), self.at(v))],
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| match item.get_ref() {
                    DeValue::String(s) => Some(At::new(s.to_string(), self.at(item))),
                    _ => {
                        self.wrong_item(d, key, item, "strings", "[\"one\", \"two\"]");
                        None
                    }
                })
                .collect(),
            _ => {
                self.wrong_type(d, key, v, "a string or a list of strings", "[\"one\", \"two\"]");
                Vec::new()
            }
        }
    }

    pub fn integer(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<At<i64>> {
        let v = self.get(key)?;
        match number(v.get_ref()) {
            Some(Number::Int(i)) => Some(At::new(i, self.at(v))),
            _ => {
                self.wrong_type(d, key, v, "a whole number", "3");
                None
            }
        }
    }

    pub fn boolean(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<At<bool>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(At::new(*b, self.at(v))),
            _ => {
                self.wrong_type(d, key, v, "true or false", "true");
                None
            }
        }
    }

    /// A date, written as a TOML date (`2026-01-05`) or a string (`"2026-01-05"`).
    pub fn date(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<At<Date>> {
        let v = self.get(key)?;
        self.date_value(d, key, v)
    }

    pub fn required_date(&mut self, d: &mut Diagnostics, key: &'static str, example: &str) -> Option<At<Date>> {
        let present = self.has(key);
        let value = self.date(d, key);
        if !present {
            self.missing(d, key, example);
        }
        value
    }

    pub fn dates(&mut self, d: &mut Diagnostics, key: &'static str) -> Vec<At<Date>> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::Array(items) => items.iter().filter_map(|item| self.date_value(d, key, item)).collect(),
            _ => self.date_value(d, key, v).into_iter().collect(),
        }
    }

    fn date_value(&self, d: &mut Diagnostics, key: &str, v: &Spanned<DeValue<'_>>) -> Option<At<Date>> {
        let at = self.at(v);
        let parsed = match v.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(date), None, None) => Date::new(date.year as i16, date.month as i8, date.day as i8),
                _ => {
                    d.report(
                        Code::InvalidDate,
                        self.file,
                        at,
                        format!("`{}` must be a date without a time", self.name(key)),
                    )
                    .hint("write it as YYYY-MM-DD, e.g. 2026-01-05");
                    return None;
                }
            },
            DeValue::String(s) => s.parse::<Date>(),
            _ => {
                self.wrong_type(d, key, v, "a date (YYYY-MM-DD)", "2026-01-05");
                return None;
            }
        };
        match parsed {
            Ok(date) => Some(At::new(date, at)),
            Err(_) => {
                let written = match v.get_ref() {
                    DeValue::String(s) => format!(" {s:?}"),
                    _ => String::new(),
                };
                d.report(Code::InvalidDate, self.file, at, format!("invalid date{written} in `{}`", self.name(key)))
                    .hint("no such day on the calendar; write it as YYYY-MM-DD, e.g. 2026-01-05");
                None
            }
        }
    }

    /// A time of day: `"10:00"` or a TOML local time `10:00:00`.
    pub fn time(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<At<Time>> {
        let v = self.get(key)?;
        let at = self.at(v);
        let parsed = match v.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (None, Some(t), None) => Time::new(t.hour as i8, t.minute as i8, t.second.unwrap_or(0) as i8, 0),
                _ => {
                    d.report(
                        Code::InvalidTime,
                        self.file,
                        at,
                        format!("`{}` must be a time of day only", self.name(key)),
                    )
                    .hint("write it as \"HH:MM\", e.g. \"10:00\"");
                    return None;
                }
            },
            DeValue::String(s) => s.parse::<Time>(),
            _ => {
                self.wrong_type(d, key, v, "a time of day (\"HH:MM\")", "\"10:00\"");
                return None;
            }
        };
        match parsed {
            Ok(time) => Some(At::new(time, at)),
            Err(_) => {
                d.report(Code::InvalidTime, self.file, at, format!("invalid time of day in `{}`", self.name(key)))
                    .hint("write it as \"HH:MM\" on a 24-hour clock, e.g. \"14:30\"");
                None
            }
        }
    }

    /// A duration such as `"45m"`, `"1h 30m"` or `"PT45M"`; must be positive.
    pub fn duration(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<At<SignedDuration>> {
        let v = self.get(key)?;
        let at = self.at(v);
        let DeValue::String(s) = v.get_ref() else {
            self.wrong_type(d, key, v, "a duration string such as \"45m\"", "\"45m\"");
            return None;
        };
        match s.parse::<SignedDuration>() {
            Ok(dur) if dur.is_positive() => Some(At::new(dur, at)),
            Ok(_) => {
                d.report(
                    Code::InvalidDuration,
                    self.file,
                    at,
                    format!("`{}` must be longer than zero", self.name(key)),
                )
                .hint("write it like \"45m\" or \"1h 30m\"");
                None
            }
            Err(_) => {
                d.report(
                    Code::InvalidDuration,
                    self.file,
                    at,
                    format!("invalid duration {s:?} in `{}`", self.name(key)),
                )
                .hint("write it like \"45m\", \"1h\" or \"1h 30m\"");
                None
            }
        }
    }

    /// An IANA time zone name such as `"America/New_York"`.
    pub fn time_zone(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<At<Zone>> {
        let v = self.get(key)?;
        let at = self.at(v);
        let DeValue::String(name) = v.get_ref() else {
            self.wrong_type(d, key, v, "an IANA time zone name such as \"Europe/Paris\"", "\"Europe/Paris\"");
            return None;
        };
        match jiff::tz::db().get(name) {
            Ok(tz) => Some(At::new(Zone { name: name.to_string(), tz }, at)),
            Err(_) => {
                let names: Vec<_> = jiff::tz::db().available().collect();
                let hint = closest(name, names.iter().map(|n| n.as_str()))
                    .map(|c| format!("did you mean \"{c}\"?"))
                    .unwrap_or_else(|| "use an IANA name such as \"America/New_York\" or \"UTC\"".into());
                d.report(Code::UnknownTimeZone, self.file, at, format!("unknown time zone {name:?}")).hint(hint);
                None
            }
        }
    }

    /// A sub-table (`[impact]`, `[repo]`, `links = { ... }`).
    pub fn table(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<Table<'a>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some(self.child(key, t, self.at(v))),
            _ => {
                self.wrong_type(d, key, v, "a table", "{ ... }");
                None
            }
        }
    }

    /// An array of tables (`[[area]]`, `[[history]]`, `agenda = [{...}]`).
    pub fn tables(&mut self, d: &mut Diagnostics, key: &'static str) -> Vec<Table<'a>> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(d, key, v, "a list of tables", "[{ ... }]");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push(self.child(key, t, self.at(item))),
                _ => self.wrong_item(d, key, item, "tables", "[{ ... }]"),
            }
        }
        out
    }

    fn child(&self, key: &str, table: &'a DeTable<'a>, pos: usize) -> Table<'a> {
        Table {
            file: self.file,
            base: self.base,
            table: Some(table),
            pos,
            prefix: format!("{}{key}.", self.prefix),
            asked: Vec::new(),
            lenient: self.lenient,
        }
    }

    /// The keys nobody asked for, with their values: for open-ended tables such
    /// as `[impact]` and `links`. Marks them as known.
    pub fn rest(&mut self) -> Vec<(At<String>, Option<Number>, Option<String>)> {
        let Some(table) = self.table else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in table.iter() {
            if self.asked.contains(&k.get_ref().as_ref()) {
                continue;
            }
            let text = v.get_ref().as_str().map(str::to_string);
            out.push((At::new(k.get_ref().to_string(), self.base + k.span().start), number(v.get_ref()), text));
        }
        self.table = None;
        out
    }

    /// Warns about every key that was never asked for, suggesting what was
    /// probably meant: a near spelling, or a known synonym from `aliases`.
    pub fn finish(self, d: &mut Diagnostics, aliases: &[(&str, &str)]) {
        let Some(table) = self.table else { return };
        for (k, _) in table.iter() {
            let key = k.get_ref().as_ref();
            if self.asked.contains(&key) {
                continue;
            }
            let lower = key.to_lowercase();
            let meant = aliases
                .iter()
                .find(|(alias, _)| *alias == lower)
                .map(|(_, real)| *real)
                .or_else(|| closest(key, self.asked.iter().copied()));
            let mut known: Vec<&str> = self.asked.clone();
            known.sort_unstable();
            known.dedup();
            let hint = match meant {
                Some(m) => format!("did you mean `{m}`?"),
                None => format!("known keys: {}", known.join(", ")),
            };
            d.report(
                Code::UnknownKey,
                self.file,
                self.base + k.span().start,
                format!("unknown key `{}`", self.name(key)),
            )
            .hint(hint);
        }
    }
}

/// A time zone with the name it was written as (for calendars and display).
#[derive(Clone, Debug, PartialEq)]
pub struct Zone {
    pub name: String,
    pub tz: TimeZone,
}

impl Zone {
    pub fn utc() -> Self {
        Zone { name: "UTC".into(), tz: TimeZone::UTC }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    Int(i64),
    Float(f64),
}

impl Number {
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }
}

fn number(v: &DeValue<'_>) -> Option<Number> {
    match v {
        DeValue::Integer(i) => {
            let digits = i.as_str().replace('_', "");
            let digits = digits.trim_start_matches('+');
            let (negative, digits) = match digits.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, digits),
            };
            let digits = digits.get(2..).filter(|_| i.radix() != 10).unwrap_or(digits);
            let n = i64::from_str_radix(digits, i.radix()).ok()?;
            Some(Number::Int(if negative { -n } else { n }))
        }
        DeValue::Float(f) => f.as_str().replace('_', "").parse().ok().map(Number::Float),
        _ => None,
    }
}

fn article(type_name: &str) -> String {
    match type_name.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {type_name}"),
        _ => format!("a {type_name}"),
    }
}
