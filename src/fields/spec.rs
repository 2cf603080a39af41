//! What each file may say: every key of every kind, with its type, whether
//! it is required and what it means. The readers in `model` read exactly
//! these keys (a debug assertion holds them to it), `Table::finish` warns
//! about any other, and `schema` turns the same tables into JSON Schemas for
//! editors, so the three cannot drift apart.

use crate::model::Kind;

#[derive(Debug)]
pub struct Field {
    pub key: &'static str,
    pub ty: Ty,
    pub required: bool,
    /// One sentence for people: the README's meaning, the schema's description.
    pub doc: &'static str,
}

/// What a field holds.
#[derive(Clone, Copy, Debug)]
pub enum Ty {
    /// Plain text.
    Text,
    /// Text in Markdown.
    Markdown,
    /// An absolute address (`https://...`).
    Url,
    /// A string or a list of strings.
    Texts,
    Integer,
    /// A whole or decimal number.
    Number,
    Bool,
    /// `YYYY-MM-DD`, as a TOML date or a string.
    Date,
    /// A date or a list of dates.
    Dates,
    /// `HH:MM` on a 24-hour clock.
    Time,
    /// `45m`, `1h 30m`, `PT45M`.
    Duration,
    /// An IANA time zone name.
    Zone,
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// One of the board's stages (from teambook.toml).
    Stage,
    /// A goal's period: `"2026-Q3"`, `"2026-H2"`, or a year (`2026`, also
    /// written as a number).
    Period,
    /// The id of one thing of these kinds.
    Id(&'static [Kind]),
    /// An id or a list of ids of things of these kinds.
    Ids(&'static [Kind]),
    /// A table of its own keys.
    Table(&'static Schema),
    /// A list of such tables.
    Tables(&'static Schema),
}

/// The keys of one table: a file's front matter, `[impact]`, `[[area]]`.
#[derive(Debug)]
pub struct Schema {
    /// What the table is, for the schema's description.
    pub doc: &'static str,
    pub fields: &'static [Field],
    /// Keys shared with other kinds (`id`, `aliases` of every Markdown file).
    pub common: &'static [Field],
    /// The type of keys not listed, for open tables such as `[impact]`
    /// (numbers) and `links` (strings); `None`: any other key is unknown.
    pub rest: Option<Ty>,
    /// Words people write for a key, and the key they mean: `owner` →
    /// `owners`, for "did you mean".
    pub synonyms: &'static [(&'static str, &'static str)],
}

impl Schema {
    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().chain(self.common).find(|f| f.key == key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields.iter().chain(self.common).map(|f| f.key)
    }
}

impl Field {
    pub const fn new(key: &'static str, ty: Ty, doc: &'static str) -> Field {
        Field { key, ty, required: false, doc }
    }

    pub const fn required(key: &'static str, ty: Ty, doc: &'static str) -> Field {
        Field { key, ty, required: true, doc }
    }
}

/// A table that declares no keys (the schema of a key that is not a table).
pub static EMPTY: Schema = Schema { doc: "", fields: &[], common: &[], rest: None, synonyms: &[] };
