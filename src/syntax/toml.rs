//! TOML into the shared tree: `teambook.toml`, `ownership.toml` and `+++`
//! front matter. The toml crate parses with spans and recovers from errors,
//! so every syntax error of a file is reported in one run.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Format, Key, MAX_DEPTH, Node, Table, Value, too_deep, too_large};
use crate::diagnostics::{Code, Diagnostics};
use crate::source::SourceFile;

/// TOML's own messages say what the parser expected; this says how TOML is written.
const SYNTAX_HINT: &str =
    "TOML is one `key = value` per line: strings in double quotes, dates like 2026-01-05, lists in [ ]";

/// Parses the TOML at `range` of `file` into a table; syntax errors are
/// reported and whatever could be recovered is returned, with whether the
/// text was clean.
pub fn parse(file: &SourceFile, range: Range<usize>, diags: &mut Diagnostics) -> (Table, bool) {
    let (table, errors) = DeTable::parse_recoverable(&file.text[range.clone()]);
    for e in &errors {
        let at = range.start + e.span().map_or(0, |s| s.start);
        diags.report(Code::Syntax, file, at, format!("invalid TOML: {}", e.message().trim())).hint(SYNTAX_HINT);
    }
    let mut reader = Reader { file, base: range.start, diags, clean: errors.is_empty(), deep: false };
    let tree = reader.table(table.get_ref(), 0);
    // The parser stops at its own depth first; a tree deeper than ours
    // that parsed cleanly is reported here, once.
    if reader.deep && errors.is_empty() {
        too_deep(file, range.start, Format::Toml, reader.diags);
    }
    (tree, reader.clean && !reader.deep)
}

struct Reader<'a> {
    file: &'a SourceFile,
    /// Where the TOML text starts in the file.
    base: usize,
    diags: &'a mut Diagnostics,
    clean: bool,
    deep: bool,
}

impl Reader<'_> {
    fn table(&mut self, t: &DeTable<'_>, depth: usize) -> Table {
        let entries = t
            .iter()
            .map(|(k, v)| {
                let key = Key { name: k.get_ref().to_string(), span: self.shift(k.span()) };
                (key, self.node(v, depth + 1))
            })
            .collect();
        Table { entries }
    }

    fn node(&mut self, v: &Spanned<DeValue<'_>>, depth: usize) -> Node {
        let span = self.shift(v.span());
        if depth > MAX_DEPTH {
            self.deep = true;
            return Node { value: Value::Invalid, span };
        }
        let value = match v.get_ref() {
            DeValue::String(s) => Value::String(s.to_string()),
            DeValue::Integer(i) => match integer(i.as_str(), i.radix()) {
                Some(n) => Value::Integer(n),
                None => {
                    // A clean parse means the digits are valid: only their size is wrong.
                    if self.clean {
                        too_large(self.file, span.clone(), self.diags);
                    }
                    Value::Invalid
                }
            },
            DeValue::Float(f) => match f.as_str().replace('_', "").parse() {
                Ok(x) => Value::Float(x),
                Err(_) => Value::Invalid,
            },
            DeValue::Boolean(b) => Value::Bool(*b),
            DeValue::Datetime(dt) => Value::Datetime(*dt),
            DeValue::Array(items) => Value::Array(items.iter().map(|i| self.node(i, depth + 1)).collect()),
            DeValue::Table(t) => Value::Table(self.table(t, depth)),
        };
        Node { value, span }
    }

    fn shift(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.base..span.end + self.base
    }
}

/// A TOML integer from the digits the parser gives (sign included, radix
/// prefix removed); `None` past i64.
fn integer(digits: &str, radix: u32) -> Option<i64> {
    i64::from_str_radix(&digits.replace('_', ""), radix).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_spans_in_the_file() {
        let file = SourceFile::new("x.md", "+++\ntitle = \"Hi\"\nn = 0x1f\n+++\n".into());
        let (table, clean) = parse(&file, 4..25, &mut Diagnostics::default());
        assert!(clean);
        let title = table.get("title").unwrap();
        assert_eq!(&file.text[title.span.clone()], "\"Hi\"");
        assert_eq!(table.get("n").unwrap().value, Value::Integer(31));
        let (key, _) = table.entries.iter().find(|(k, _)| k.name == "n").unwrap();
        assert_eq!(&file.text[key.span.clone()], "n");
    }

    #[test]
    fn a_number_past_i64_is_one_error() {
        let file = SourceFile::new("x.toml", "weight = 99999999999999999999\n".into());
        let mut diags = Diagnostics::default();
        let (table, clean) = parse(&file, 0..file.text.len(), &mut diags);
        assert!(clean, "the syntax is fine: required fields are still checked");
        assert_eq!(table.get("weight").unwrap().value, Value::Invalid);
        let shown = diags.sorted();
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert!(shown[0].message.contains("too large"), "{shown:?}");
    }
}
