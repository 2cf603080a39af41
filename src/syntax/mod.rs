//! The one tree that TOML, YAML and JSON are read into, with the byte span
//! of every key and value in its file, so that `fields` reads every format
//! the same way and every problem has a position. Syntax errors are reported
//! here, at their place, once.

pub mod toml;
pub mod yaml;

use std::ops::Range;

/// A value and where it is written: byte offsets in its file.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Range<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    String(String),
    Integer(i64),
    Float(f64),
    Bool(bool),
    /// A TOML date, time or date-time, as TOML wrote it (YAML has none:
    /// its dates are strings, read as dates by the fields that want one).
    Datetime(::toml::value::Datetime),
    Array(Vec<Node>),
    Table(Table),
    /// YAML's `~`, `null` or nothing after a key.
    Null,
    /// A value already reported as wrong where it was read (a number too
    /// large, a table nested too deep): whoever reads it says nothing more.
    Invalid,
}

/// Keys and values in the order they were written.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Table {
    pub entries: Vec<(Key, Node)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub name: String,
    pub span: Range<usize>,
}

impl Table {
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v)
    }
}

impl Value {
    /// What the value is, for messages: "a string", "a table".
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::String(_) => "a string",
            Value::Integer(_) => "a whole number",
            Value::Float(_) => "a decimal number",
            Value::Bool(_) => "a true/false value",
            Value::Datetime(dt) => match (dt.date, dt.time) {
                (Some(_), Some(_)) => "a date and time",
                (Some(_), None) => "a date",
                _ => "a time of day",
            },
            Value::Array(_) => "a list",
            Value::Table(_) => "a table",
            Value::Null | Value::Invalid => "nothing",
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// How a file's settings are written: which decides how hints spell them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Toml,
    Yaml,
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Toml => "TOML",
            Format::Yaml => "YAML",
            Format::Json => "JSON",
        }
    }

    /// `key = value` in TOML, `key: value` in YAML, `"key": value` in JSON.
    pub fn assignment(self, key: &str, value: &str) -> String {
        match self {
            Format::Toml => format!("{key} = {value}"),
            Format::Yaml => format!("{key}: {value}"),
            Format::Json => format!("\"{key}\": {value}"),
        }
    }
}

/// Deeper than this, a settings file is a mistake or an attack: front
/// matter and teambook's files nest three levels at most.
pub const MAX_DEPTH: usize = 64;

/// What reading a number can say about it.
pub fn too_large(file: &crate::source::SourceFile, span: Range<usize>, diags: &mut crate::diagnostics::Diagnostics) {
    diags
        .report(
            crate::diagnostics::Code::InvalidValue,
            file,
            span.clone(),
            format!("the number {} is too large", &file.text[span]),
        )
        .hint("whole numbers go up to 9223372036854775807; write a smaller one");
}

/// Reports a tree nested past `MAX_DEPTH` (its deeper parts are left out).
pub fn too_deep(
    file: &crate::source::SourceFile,
    at: usize,
    format: Format,
    diags: &mut crate::diagnostics::Diagnostics,
) {
    diags
        .report(
            crate::diagnostics::Code::Syntax,
            file,
            at,
            format!("{} nested more than {MAX_DEPTH} levels deep", format.name()),
        )
        .hint("teambook's settings nest a few levels at most: flatten the tables");
}
