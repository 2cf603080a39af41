//! One table of strings read from its TOML: `[section] key = "text"` becomes
//! `section.key`; a table of plural categories is one string with forms; a
//! list of strings (month names) is a list.

use std::collections::BTreeMap;

use intl_pluralrules::PluralCategory;

use crate::diagnostics::{Code, Diagnostics};
use crate::source::SourceFile;
use crate::syntax::{self, Node, Value};

/// CLDR's plural categories, as a table names them.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// What a key holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Text(String),
    /// Forms by plural category (`other` always among them).
    Plural(BTreeMap<String, String>),
    List(Vec<String>),
}

impl Entry {
    /// The text for a plural category (`other` when the form is not written).
    pub fn text(&self, category: PluralCategory) -> &str {
        match self {
            Entry::Text(t) => t,
            Entry::Plural(forms) => forms.get(name(category)).or_else(|| forms.get("other")).map_or("", String::as_str),
            Entry::List(items) => items.first().map_or("", String::as_str),
        }
    }

    /// Every text it holds (for the test that looks for English in a build).
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Entry::Text(t) => vec![t.as_str()],
            Entry::Plural(forms) => forms.values().map(String::as_str).collect(),
            Entry::List(items) => items.iter().map(String::as_str).collect(),
        }
    }
}

fn name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    }
}

/// A table teambook ships (its tests keep them well-formed).
pub fn read_shipped(text: &str) -> BTreeMap<String, Entry> {
    let file = SourceFile::new("built-in strings", text.to_string());
    read(&file, &mut Diagnostics::default())
}

/// A table of a handbook, reporting what is not a string where it stands.
pub fn read(file: &SourceFile, diags: &mut Diagnostics) -> BTreeMap<String, Entry> {
    let (tree, _) = syntax::toml::parse(file, 0..file.text.len(), diags);
    let mut out = BTreeMap::new();
    for (key, node) in &tree.entries {
        walk(file, &key.name, node, &mut out, diags);
    }
    out
}

fn walk(file: &SourceFile, key: &str, node: &Node, out: &mut BTreeMap<String, Entry>, diags: &mut Diagnostics) {
    match &node.value {
        Value::String(s) => {
            out.insert(key.to_string(), Entry::Text(s.clone()));
        }
        Value::Array(items) if items.iter().all(|i| matches!(i.value, Value::String(_))) => {
            let items = items.iter().filter_map(|i| i.value.as_str().map(str::to_string)).collect();
            out.insert(key.to_string(), Entry::List(items));
        }
        Value::Table(t) if is_plural(t) => {
            let forms = t.entries.iter().filter_map(|(k, v)| Some((k.name.clone(), v.value.as_str()?.to_string())));
            out.insert(key.to_string(), Entry::Plural(forms.collect()));
        }
        Value::Table(t) => {
            for (k, v) in &t.entries {
                walk(file, &format!("{key}.{}", k.name), v, out, diags);
            }
        }
        Value::Invalid => {}
        other => {
            diags
                .report(
                    Code::WrongType,
                    file,
                    node.span.clone(),
                    format!("`{key}` is {}, not a string", other.type_name()),
                )
                .hint("write the text in double quotes; a text that depends on a number is a table such as { one = \"{count} person\", other = \"{count} people\" }");
        }
    }
}

/// A table whose keys are plural categories, `other` among them.
fn is_plural(t: &syntax::Table) -> bool {
    t.get("other").is_some_and(|o| o.value.as_str().is_some())
        && t.entries.iter().all(|(k, v)| CATEGORIES.contains(&k.name.as_str()) && v.value.as_str().is_some())
}
