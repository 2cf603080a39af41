//! Typed fields read out of the spanned tree of a file's settings (TOML,
//! YAML or JSON: see `syntax`), reporting every wrong type, bad value,
//! missing required field and unknown key with its position, instead of
//! stopping at the first like serde would. What each table may hold is
//! declared in `spec`; readers ask for exactly those keys.

pub mod schema;
pub mod spec;
mod time;
pub mod url;

use std::ops::Range;

pub use spec::{Field, Schema, Ty};
pub use time::{YEARS, Zone};

use crate::diagnostics::{Code, Diagnostics, closest};
use crate::source::SourceFile;
use crate::syntax::{self, Format, Node, Value};

/// A value and where in its file it was written (byte offsets).
#[derive(Clone, Debug, PartialEq)]
pub struct At<T> {
    pub value: T,
    pub pos: usize,
    /// Where the written value ends.
    pub end: usize,
}

impl<T> At<T> {
    pub fn new(value: T, span: Range<usize>) -> Self {
        At { value, pos: span.start, end: span.end }
    }

    pub fn span(&self) -> Range<usize> {
        self.pos..self.end
    }
}

/// What `Table::id_or_url` read.
#[derive(Clone, Debug, PartialEq)]
pub enum IdOrUrl {
    Id(At<String>),
    Url(String),
}

/// Which reading a field's type allows (a debug check that readers and
/// specs agree).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    Text,
    /// Text, or a whole number read as its digits.
    Word,
    Texts,
    Integer,
    Number,
    Bool,
    Date,
    Dates,
    Time,
    Duration,
    Zone,
    Table,
    Tables,
}

fn reading(ty: Ty) -> Reading {
    match ty {
        Ty::Text | Ty::Markdown | Ty::Url | Ty::OneOf(_) | Ty::Stage | Ty::Id(_) => Reading::Text,
        Ty::Period => Reading::Word,
        Ty::Texts | Ty::Ids(_) => Reading::Texts,
        Ty::Integer => Reading::Integer,
        Ty::Number => Reading::Number,
        Ty::Bool => Reading::Bool,
        Ty::Date => Reading::Date,
        Ty::Dates => Reading::Dates,
        Ty::Time => Reading::Time,
        Ty::Duration => Reading::Duration,
        Ty::Zone => Reading::Zone,
        Ty::Table(_) => Reading::Table,
        Ty::Tables(_) => Reading::Tables,
    }
}

/// Keys every table accepts without a word: the `$schema` an editor uses to
/// validate the file.
const SCHEMA_KEY: &str = "$schema";

/// A table of settings being read field by field.
pub struct Table<'a> {
    file: &'a SourceFile,
    table: Option<&'a syntax::Table>,
    schema: &'static Schema,
    format: Format,
    /// Foreign keys the handbook accepts silently (`extra_keys`).
    extra: &'a [String],
    pos: usize,
    /// "impact." when reading `[impact]`, so messages name the full key.
    prefix: String,
    asked: Vec<&'static str>,
    /// The source was unparseable: don't report fields as missing.
    lenient: bool,
    /// Unknown keys already reported as the required field they misspell.
    misspelt: Vec<String>,
}

impl<'a> Table<'a> {
    /// The settings of a file: `table` is `None` when it has none.
    pub fn root(
        file: &'a SourceFile,
        table: Option<&'a syntax::Table>,
        schema: &'static Schema,
        format: Format,
        extra: &'a [String],
        clean: bool,
    ) -> Self {
        Table {
            file,
            table,
            schema,
            format,
            extra,
            pos: 0,
            prefix: String::new(),
            asked: Vec::new(),
            lenient: !clean,
            misspelt: Vec::new(),
        }
    }

    /// Where the table starts: the place to report something missing from it.
    pub fn at_start(mut self, pos: usize) -> Self {
        self.pos = pos;
        self
    }

    pub fn file(&self) -> &'a SourceFile {
        self.file
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// Where the table starts: the place to report something missing from it.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Whether the key is written (with a value: YAML's `key:` alone is not).
    pub fn has(&self, key: &str) -> bool {
        self.node(key).is_some()
    }

    /// Where the value of a key is written, if it is.
    pub fn span_of(&self, key: &str) -> Option<Range<usize>> {
        self.node(key).map(|n| n.span.clone())
    }

    fn node(&self, key: &str) -> Option<&'a Node> {
        self.table?.get(key).filter(|n| !matches!(n.value, Value::Null))
    }

    /// The value of a key the schema declares, read as `how`. Values already
    /// reported as wrong (`Invalid`) read as absent.
    fn get(&mut self, key: &'static str, how: Reading) -> Option<&'a Node> {
        let field = self.schema.field(key);
        debug_assert!(field.is_some(), "`{}{key}` is read but not in its schema", self.prefix);
        debug_assert!(
            field.is_none_or(|f| reading(f.ty) == how),
            "`{}{key}` is read as {how:?}, but its schema says {:?}",
            self.prefix,
            field.map(|f| f.ty)
        );
        self.asked.push(key);
        self.node(key).filter(|n| !matches!(n.value, Value::Invalid))
    }

    /// The full name of a key, for messages: `area.review_every`.
    pub fn name(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    /// `key = example` as the file's format writes it.
    fn example(&self, key: &str, example: &str) -> String {
        self.format.assignment(key, example)
    }

    /// `example` is a value of the right type, shown as `key = example`.
    fn wrong_type(&self, d: &mut Diagnostics, key: &str, v: &Node, expected: &str, example: &str) {
        let found = v.value.type_name();
        d.report(
            Code::WrongType,
            self.file,
            v.span.clone(),
            format!("`{}` must be {expected}, not {found}", self.name(key)),
        )
        .hint(format!("write it like {}", self.example(key, example)));
    }

    fn wrong_item(&self, d: &mut Diagnostics, key: &str, item: &Node, expected: &str, example: &str) {
        let found = item.value.type_name();
        d.report(
            Code::WrongType,
            self.file,
            item.span.clone(),
            format!("items of `{}` must be {expected}, not {found}", self.name(key)),
        )
        .hint(format!("write it like {}", self.example(key, example)));
    }

    /// Reports a required field as missing (unless the file could not be
    /// parsed): at the unknown key that misspells it when there is one, as
    /// one problem, else where the table starts.
    pub fn missing(&mut self, d: &mut Diagnostics, key: &str, example: &str) {
        if self.lenient {
            return;
        }
        // An unknown key that would be this one, if its value could be this one's.
        let fits_key = |v: &Value| self.schema.field(key).is_none_or(|f| fits(f.ty, v));
        let misspelt = self.table.and_then(|t| {
            t.entries
                .iter()
                .find(|(k, v)| self.unknown(&k.name) && self.meant(&k.name) == Some(key) && fits_key(&v.value))
                .map(|(k, _)| k)
        });
        match misspelt {
            Some(k) => {
                d.report(
                    Code::MissingField,
                    self.file,
                    k.span.clone(),
                    format!("missing required field `{}`: `{}` is not a key", self.name(key), self.name(&k.name)),
                )
                .hint(format!("did you mean `{key}`? write `{}`", self.example(key, example)));
                self.misspelt.push(k.name.clone());
            }
            None => {
                d.report(
                    Code::MissingField,
                    self.file,
                    self.pos,
                    format!("missing required field `{}`", self.name(key)),
                )
                .hint(format!("add `{}`", self.example(key, example)));
            }
        }
    }

    /// Whether a key of the table is none the schema lists or the handbook accepts.
    fn unknown(&self, key: &str) -> bool {
        self.schema.field(key).is_none() && key != SCHEMA_KEY && !self.extra.iter().any(|e| e == key)
    }

    /// What an unknown key most likely means: a known synonym, or a near spelling.
    fn meant(&self, key: &str) -> Option<&'static str> {
        let lower = key.to_lowercase();
        self.schema
            .synonyms
            .iter()
            .find(|(alias, _)| *alias == lower)
            .map(|(_, real)| *real)
            .or_else(|| closest(key, self.schema.keys()))
    }

    /// A string; for a field declared `Ty::Url`, one that `url::web`
    /// accepts (any other is reported, and reads as absent).
    pub fn string(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<At<String>> {
        let v = self.get(key, Reading::Text)?;
        match &v.value {
            Value::String(s) if self.schema.field(key).is_some_and(|f| matches!(f.ty, Ty::Url)) => match url::web(s) {
                Ok(()) => Some(At::new(s.clone(), v.span.clone())),
                Err(problem) => {
                    self.bad_address(d, key, s, v.span.clone(), &problem);
                    None
                }
            },
            Value::String(s) => Some(At::new(s.clone(), v.span.clone())),
            _ => {
                self.wrong_type(d, key, v, "a string", "\"...\"");
                None
            }
        }
    }

    /// Reports an address that `url` refused, at the value.
    pub fn bad_address(&self, d: &mut Diagnostics, key: &str, written: &str, at: Range<usize>, problem: &url::Problem) {
        // The site's own address keeps the code it always had.
        let (code, hint) = match (key, problem) {
            ("base_url", url::Problem::NotWeb) => {
                (Code::InvalidBaseUrl, "write it like \"https://acme.github.io/handbook/\"")
            }
            ("base_url", _) => (Code::InvalidBaseUrl, problem.hint()),
            _ => (Code::InvalidUrl, problem.hint()),
        };
        d.report(code, self.file, at, problem.message(&self.name(key), written)).hint(hint);
    }

    /// An objective, page or other thing named by its id, or an address
    /// elsewhere (a goal's `parent`): text with a scheme or a leading `//`
    /// is an address, and must be an http(s) one.
    pub fn id_or_url(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<IdOrUrl> {
        let s = self.string(d, key)?;
        if !url::is_address(&s.value) {
            return Some(IdOrUrl::Id(s));
        }
        match url::web(&s.value) {
            Ok(()) => Some(IdOrUrl::Url(s.value.trim().to_string())),
            Err(problem) => {
                self.bad_address(d, key, &s.value, s.span(), &problem);
                None
            }
        }
    }

    /// A string, or a whole number taken as its digits (a year written
    /// `period = 2026`).
    pub fn word(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<At<String>> {
        let v = self.get(key, Reading::Word)?;
        match &v.value {
            Value::String(s) => Some(At::new(s.clone(), v.span.clone())),
            Value::Integer(i) => Some(At::new(i.to_string(), v.span.clone())),
            _ => {
                self.wrong_type(d, key, v, "a string", "\"...\"");
                None
            }
        }
    }

    /// A required name or title: missing, or only blanks, is an error
    /// (an empty name makes empty links on every page that shows it).
    pub fn required_string(&mut self, d: &mut Diagnostics, key: &'static str, example: &str) -> Option<At<String>> {
        let present = self.has(key);
        let value = self.string(d, key);
        if !present {
            self.missing(d, key, example);
        }
        match value {
            Some(v) if v.value.trim().is_empty() => {
                d.report(Code::MissingField, self.file, v.span(), format!("`{}` is empty", self.name(key)))
                    .hint(format!("write it, e.g. {}", self.example(key, example)));
                None
            }
            v => v,
        }
    }

    /// A string or an array of strings (`author = "mitra"` or `author = ["mitra", "dana"]`).
    pub fn strings(&mut self, d: &mut Diagnostics, key: &'static str) -> Vec<At<String>> {
        let Some(v) = self.get(key, Reading::Texts) else {
            return Vec::new();
        };
        match &v.value {
            Value::String(s) => vec![At::new(s.clone(), v.span.clone())],
            Value::Array(items) => items
                .iter()
                .filter_map(|item| match &item.value {
                    Value::String(s) => Some(At::new(s.clone(), item.span.clone())),
                    Value::Invalid => None,
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
        let v = self.get(key, Reading::Integer)?;
        match v.value {
            Value::Integer(i) => Some(At::new(i, v.span.clone())),
            _ => {
                self.wrong_type(d, key, v, "a whole number", "3");
                None
            }
        }
    }

    /// A whole or decimal number (`48`, `4.5`).
    pub fn number(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<At<f64>> {
        let v = self.get(key, Reading::Number)?;
        match number(v) {
            Some(n) if n.is_finite() => Some(At::new(n, v.span.clone())),
            Some(_) => {
                d.report(
                    Code::InvalidValue,
                    self.file,
                    v.span.clone(),
                    format!("`{}` must be a finite number", self.name(key)),
                )
                .hint(format!("write a number, e.g. {}", self.example(key, "48")));
                None
            }
            None => {
                self.wrong_type(d, key, v, "a number", "48");
                None
            }
        }
    }

    pub fn required_number(&mut self, d: &mut Diagnostics, key: &'static str, example: &str) -> Option<At<f64>> {
        let present = self.has(key);
        let value = self.number(d, key);
        if !present {
            self.missing(d, key, example);
        }
        value
    }

    pub fn boolean(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<At<bool>> {
        let v = self.get(key, Reading::Bool)?;
        match v.value {
            Value::Bool(b) => Some(At::new(b, v.span.clone())),
            _ => {
                self.wrong_type(d, key, v, "true or false", "true");
                None
            }
        }
    }

    /// A sub-table (`[impact]`, `[repo]`, `links = { ... }`), read by the
    /// schema its field declares.
    pub fn table(&mut self, d: &mut Diagnostics, key: &'static str) -> Option<Table<'a>> {
        let v = self.get(key, Reading::Table)?;
        match &v.value {
            Value::Table(t) => Some(self.child(key, t, v.span.start)),
            _ => {
                self.wrong_type(d, key, v, "a table", "{ ... }");
                None
            }
        }
    }

    /// An array of tables (`[[area]]`, `[[history]]`, `agenda = [{...}]`).
    pub fn tables(&mut self, d: &mut Diagnostics, key: &'static str) -> Vec<Table<'a>> {
        let Some(v) = self.get(key, Reading::Tables) else {
            return Vec::new();
        };
        let Value::Array(items) = &v.value else {
            self.wrong_type(d, key, v, "a list of tables", "[{ ... }]");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match &item.value {
                Value::Table(t) => out.push(self.child(key, t, item.span.start)),
                Value::Invalid => {}
                _ => self.wrong_item(d, key, item, "tables", "[{ ... }]"),
            }
        }
        out
    }

    fn child(&self, key: &str, table: &'a syntax::Table, pos: usize) -> Table<'a> {
        let schema = match self.schema.field(key).map(|f| f.ty) {
            Some(Ty::Table(s) | Ty::Tables(s)) => s,
            _ => &spec::EMPTY,
        };
        Table {
            file: self.file,
            table: Some(table),
            schema,
            format: self.format,
            extra: &[],
            pos,
            prefix: format!("{}{key}.", self.prefix),
            asked: Vec::new(),
            lenient: self.lenient,
            misspelt: Vec::new(),
        }
    }

    /// The keys the schema does not list, with their values, in an open
    /// table such as `[impact]` or `links`; marks them as known.
    pub fn rest(&mut self) -> Vec<(At<String>, &'a Node)> {
        debug_assert!(
            self.schema.rest.is_some(),
            "`{}` is read as an open table but its schema is closed",
            self.prefix
        );
        let Some(table) = self.table else {
            return Vec::new();
        };
        let schema = self.schema;
        self.asked.extend(schema.keys());
        self.table = None;
        table
            .entries
            .iter()
            .filter(|(k, v)| schema.field(&k.name).is_none() && !matches!(v.value, Value::Invalid))
            .map(|(k, v)| (At::new(k.name.clone(), k.span.clone()), v))
            .collect()
    }

    /// The keys of an open table whose values are tables of one schema
    /// (`[board.impact]`: a table per impact key), each ready to be read by
    /// it; a value that is not a table is reported.
    pub fn rest_tables(&mut self, d: &mut Diagnostics) -> Vec<(At<String>, Table<'a>)> {
        let schema = match self.schema.rest {
            Some(Ty::Table(s)) => s,
            _ => &spec::EMPTY,
        };
        let mut out = Vec::new();
        for (key, node) in self.rest() {
            match &node.value {
                Value::Table(t) => {
                    let table = Table {
                        file: self.file,
                        table: Some(t),
                        schema,
                        format: self.format,
                        extra: &[],
                        pos: node.span.start,
                        prefix: format!("{}{}.", self.prefix, key.value),
                        asked: Vec::new(),
                        lenient: self.lenient,
                        misspelt: Vec::new(),
                    };
                    out.push((key, table));
                }
                _ => self.wrong_type(d, &key.value, node, "a table", "{ label = \"...\" }"),
            }
        }
        out
    }

    /// Warns about every key the schema does not list (unless the handbook
    /// accepts it in `extra_keys`), suggesting what was probably meant: a
    /// known synonym, or a near spelling.
    pub fn finish(self, d: &mut Diagnostics) {
        debug_assert!(
            self.schema.keys().all(|k| self.asked.contains(&k)),
            "the reader of `{}` never reads {:?}",
            self.prefix,
            self.schema.keys().filter(|k| !self.asked.contains(k)).collect::<Vec<_>>()
        );
        let Some(table) = self.table else { return };
        for (k, node) in &table.entries {
            let key = k.name.as_str();
            if !self.unknown(key) || self.misspelt.iter().any(|m| m == key) {
                continue;
            }
            // A key whose value could not be the one suggested is not that
            // key (`published: 2024-05-01` is no `draft`).
            let fitting = self.meant(key).filter(|m| self.schema.field(m).is_none_or(|f| fits(f.ty, &node.value)));
            let hint = match fitting {
                Some(m) => format!("did you mean `{m}`?"),
                None => {
                    // The kind's own keys: `id`, `aliases` and the like go without saying.
                    let mut known: Vec<&str> = self.schema.fields.iter().map(|f| f.key).collect();
                    known.sort_unstable();
                    let extra = if self.prefix.is_empty() {
                        "; list foreign keys in `extra_keys` of teambook.toml to accept them"
                    } else {
                        ""
                    };
                    format!("known keys: {}{extra}", known.join(", "))
                }
            };
            d.report(Code::UnknownKey, self.file, k.span.clone(), format!("unknown key `{}`", self.name(key)))
                .hint(hint);
        }
    }
}

/// Whether a value, as written, could be read as a field of type `ty`
/// (a YAML date is a string: text fits every kind of text).
fn fits(ty: Ty, value: &Value) -> bool {
    let reading = reading(ty);
    match value {
        Value::Bool(_) => reading == Reading::Bool,
        Value::Integer(_) => matches!(reading, Reading::Integer | Reading::Number | Reading::Word),
        Value::Float(_) => reading == Reading::Number,
        Value::Datetime(_) => matches!(reading, Reading::Date | Reading::Time),
        Value::String(_) => !matches!(reading, Reading::Bool | Reading::Integer | Reading::Number),
        Value::Array(_) => matches!(reading, Reading::Texts | Reading::Dates | Reading::Tables),
        Value::Table(_) => matches!(reading, Reading::Table),
        Value::Null | Value::Invalid => true,
    }
}

/// A number of an open table (`[impact]`), whole or decimal.
pub fn number(node: &Node) -> Option<f64> {
    match node.value {
        Value::Integer(i) => Some(i as f64),
        Value::Float(f) => Some(f),
        _ => None,
    }
}
