//! YAML (`---` front matter, as Hugo, Jekyll, Docusaurus and Obsidian write
//! it) and JSON (`{ ... }` front matter, as Hugo allows) into the shared
//! tree. JSON is read as the YAML it also is, so both keep their spans.
//!
//! saphyr-parser gives events with positions; the tree is built from them
//! here, without recursion, with YAML 1.2's core schema: `true`, `12`,
//! `1.5`, `null` are what they look like, anything else is a string (a date
//! such as `2026-01-05` stays a string, which date fields read as a date).

use std::collections::HashMap;
use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};

use super::{Format, Key, MAX_DEPTH, Node, Table, Value, too_deep, too_large};
use crate::diagnostics::{Code, Diagnostics};
use crate::source::SourceFile;

/// Aliases can copy a node many times over ("a billion laughs"): no front
/// matter needs more values than this.
const MAX_NODES: usize = 100_000;

/// Parses the YAML (or JSON) at `range` of `file` into a table. A syntax
/// error is reported once, at its place; what came before it is kept, and
/// the flag says the text was not clean.
pub fn parse(file: &SourceFile, range: Range<usize>, format: Format, diags: &mut Diagnostics) -> (Table, bool) {
    let text = &file.text[range.clone()];
    let mut builder = Builder {
        file,
        format,
        offsets: Offsets::new(text, range.start),
        stack: Vec::new(),
        anchors: HashMap::new(),
        root: None,
        nodes: 0,
        diags,
        clean: true,
    };
    for event in Parser::new_from_str(text) {
        match event {
            Ok((event, span)) => {
                if !builder.event(event, span) {
                    break;
                }
            }
            Err(e) => {
                let at = builder.offsets.byte(e.marker().index());
                builder.fail(at, &format!("invalid {}: {}", format.name(), e.info()));
                break;
            }
        }
    }
    let Builder { root, clean, diags, .. } = builder;
    let table = match root {
        Some(Node { value: Value::Table(t), .. }) => t,
        Some(Node { value: Value::Null | Value::Invalid, .. }) | None => Table::default(),
        Some(node) if clean => {
            diags
                .report(
                    Code::Syntax,
                    file,
                    node.span.start,
                    format!("front matter must be keys with values, not {}", node.value.type_name()),
                )
                .hint(match format {
                    Format::Json => "write an object: { \"title\": \"...\" }",
                    _ => "write one `key: value` per line, e.g. title: \"Onboarding\"",
                });
            return (Table::default(), false);
        }
        Some(_) => Table::default(),
    };
    (table, clean)
}

/// Byte offsets in the file from the parser's character indexes.
struct Offsets {
    base: usize,
    /// Byte offset of each character, when the text is not all ASCII.
    chars: Option<Vec<usize>>,
    len: usize,
}

impl Offsets {
    fn new(text: &str, base: usize) -> Offsets {
        let chars = (!text.is_ascii()).then(|| text.char_indices().map(|(i, _)| i).collect());
        Offsets { base, chars, len: text.len() }
    }

    fn byte(&self, char_index: usize) -> usize {
        self.base
            + match &self.chars {
                None => char_index.min(self.len),
                Some(chars) => chars.get(char_index).copied().unwrap_or(self.len),
            }
    }

    fn span(&self, span: Span) -> Range<usize> {
        self.byte(span.start.index())..self.byte(span.end.index())
    }
}

enum Frame {
    List { start: usize, anchor: usize, items: Vec<Node> },
    Map { start: usize, anchor: usize, entries: Vec<(Key, Node)>, key: Option<Key> },
}

struct Builder<'a> {
    file: &'a SourceFile,
    format: Format,
    offsets: Offsets,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    root: Option<Node>,
    nodes: usize,
    diags: &'a mut Diagnostics,
    clean: bool,
}

impl Builder<'_> {
    /// Takes one event; `false` when reading must stop.
    fn event(&mut self, event: Event<'_>, span: Span) -> bool {
        let at = self.offsets.span(span);
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                if let Some(t) = tag.as_deref().filter(|t| !known_tag(t)) {
                    self.unknown_tag(t, at.start);
                    return self.place(Node { value: Value::Invalid, span: at }, anchor, Some(text.into_owned()));
                }
                let tag = tag.map(|t| t.suffix.clone());
                let value = self.scalar(&text, style, tag.as_deref(), at.clone());
                self.place(Node { value, span: at }, anchor, Some(text.into_owned()))
            }
            Event::SequenceStart(..) | Event::MappingStart(..) if self.stack.len() >= MAX_DEPTH => {
                too_deep(self.file, at.start, self.format, self.diags);
                self.clean = false;
                false
            }
            Event::SequenceStart(_, Some(ref tag)) | Event::MappingStart(_, Some(ref tag)) if !known_tag(tag) => {
                // The list or table is read as if untagged: the tag is the one problem.
                self.unknown_tag(tag, at.start);
                let start = at.start;
                self.stack.push(match event {
                    Event::SequenceStart(anchor, _) => Frame::List { start, anchor, items: Vec::new() },
                    Event::MappingStart(anchor, _) => Frame::Map { start, anchor, entries: Vec::new(), key: None },
                    _ => return true,
                });
                true
            }
            Event::SequenceStart(anchor, _) => {
                self.stack.push(Frame::List { start: at.start, anchor, items: Vec::new() });
                true
            }
            Event::MappingStart(anchor, _) => {
                self.stack.push(Frame::Map { start: at.start, anchor, entries: Vec::new(), key: None });
                true
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::List { start, anchor, items }) => {
                        (Node { value: Value::Array(items), span: start..at.end.max(start) }, anchor)
                    }
                    Some(Frame::Map { start, anchor, entries, .. }) => {
                        (Node { value: Value::Table(Table { entries }), span: start..at.end.max(start) }, anchor)
                    }
                    None => return true,
                };
                self.place(node, anchor, None)
            }
            Event::Alias(id) => match self.anchors.get(&id).cloned() {
                Some(node) => {
                    self.nodes += count(&node);
                    if self.nodes > MAX_NODES {
                        self.fail(at.start, &format!("aliases expand to more than {MAX_NODES} values"));
                        return false;
                    }
                    self.place(Node { span: at, ..node }, 0, None)
                }
                None => {
                    self.fail(at.start, "alias to an anchor that is not defined before it");
                    false
                }
            },
            Event::DocumentStart(_) if self.root.is_some() => {
                self.fail(at.start, "a second YAML document in the front matter");
                false
            }
            _ => true,
        }
    }

    /// Puts a finished node where it belongs: as a key, as a value of the
    /// map or list being read, or as the root. `key_text` is set for scalars.
    fn place(&mut self, node: Node, anchor: usize, key_text: Option<String>) -> bool {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            self.fail(node.span.start, &format!("more than {MAX_NODES} values"));
            return false;
        }
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::List { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => {
                    let Some(name) = key_text else {
                        self.fail(node.span.start, "a key must be a plain name, not a list or a map");
                        return false;
                    };
                    if entries.iter().any(|(k, _)| k.name == name) {
                        self.diags
                            .report(Code::Syntax, self.file, node.span.clone(), format!("duplicate key `{name}`"))
                            .hint("write each key once");
                        self.clean = false;
                    }
                    *key = Some(Key { name, span: node.span });
                }
            },
        }
        true
    }

    /// A tag teambook does not know (`!weird`, `!!python/object`): a type of
    /// another program, whose value teambook would read wrongly.
    fn unknown_tag(&mut self, tag: &Tag, at: usize) {
        let written =
            if tag.handle == CORE_TAGS { format!("!!{}", tag.suffix) } else { format!("{}{}", tag.handle, tag.suffix) };
        self.diags
            .report(Code::Syntax, self.file, at, format!("unknown YAML tag `{written}`"))
            .hint("remove the tag: teambook reads plain YAML values and YAML's core tags, such as !!str");
        self.clean = false;
    }

    /// A scalar's value under YAML 1.2's core schema (quoted text is always a string).
    fn scalar(&mut self, text: &str, style: ScalarStyle, tag: Option<&str>, at: Range<usize>) -> Value {
        if style != ScalarStyle::Plain || tag == Some("str") {
            return Value::String(text.to_string());
        }
        match text {
            "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
            "true" | "True" | "TRUE" => return Value::Bool(true),
            "false" | "False" | "FALSE" => return Value::Bool(false),
            ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Value::Float(f64::INFINITY),
            "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
            ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
            _ => {}
        }
        if let Some(n) = integer(text) {
            return match n {
                Some(n) => Value::Integer(n),
                None => {
                    too_large(self.file, at, self.diags);
                    Value::Invalid
                }
            };
        }
        if is_float(text) {
            return text.parse().map_or(Value::Invalid, Value::Float);
        }
        Value::String(text.to_string())
    }

    fn fail(&mut self, at: usize, message: &str) {
        let hint = match self.format {
            Format::Json => "JSON front matter is one object: { \"title\": \"...\", \"weight\": 2 }",
            _ => {
                "YAML is one `key: value` per line; quote text that holds `: ` or ` #`, write lists as [a, b] or `- item` lines"
            }
        };
        self.diags.report(Code::Syntax, self.file, at, message).hint(hint);
        self.clean = false;
    }
}

/// How many values a node holds, itself included.
fn count(node: &Node) -> usize {
    let mut n = 0;
    let mut todo = vec![node];
    while let Some(node) = todo.pop() {
        n += 1;
        match &node.value {
            Value::Array(items) => todo.extend(items),
            Value::Table(t) => todo.extend(t.entries.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    n
}

/// A core-schema integer (`12`, `-3`, `0o17`, `0x1F`): `Some(None)` when it
/// is one but does not fit in an i64.
fn integer(text: &str) -> Option<Option<i64>> {
    let (radix, digits) = if let Some(hex) = text.strip_prefix("0x") {
        (16, hex)
    } else if let Some(oct) = text.strip_prefix("0o") {
        (8, oct)
    } else {
        (10, text.strip_prefix('+').unwrap_or(text))
    };
    let unsigned = if radix == 10 { digits.strip_prefix('-').unwrap_or(digits) } else { digits };
    if unsigned.is_empty() || !unsigned.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    Some(i64::from_str_radix(digits, radix).ok())
}

/// A core-schema float: `1.5`, `-.5`, `2e3`, `1.0E-2`.
fn is_float(text: &str) -> bool {
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = (!whole.is_empty() || !fraction.is_empty()) && digits(whole) && digits(fraction);
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok && (mantissa.contains('.') || exponent.is_some())
}

/// The handle of YAML's own tags (`!!str` is `tag:yaml.org,2002:str`).
const CORE_TAGS: &str = "tag:yaml.org,2002:";

/// YAML 1.2's core tags, and the non-specific `!` (a plain string).
fn known_tag(tag: &Tag) -> bool {
    (tag.handle == "!" && tag.suffix.is_empty())
        || (tag.handle == CORE_TAGS
            && ["str", "int", "float", "bool", "null", "map", "seq"].contains(&tag.suffix.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Table, Vec<String>, SourceFile) {
        let file = SourceFile::new("x.md", text.to_string());
        let mut diags = Diagnostics::default();
        let (table, _) = parse(&file, 0..text.len(), Format::Yaml, &mut diags);
        (table, diags.sorted().iter().map(|d| d.to_string()).collect(), file)
    }

    #[test]
    fn core_schema_scalars() {
        let (t, errors, _) = read(
            "title: \"Week 3\"\nweight: 3\nratio: 1.5\ndraft: false\ndate: 2026-01-05\nnothing:\nquoted: '12'\ntime: 10:00\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(t.get("title").unwrap().value, Value::String("Week 3".into()));
        assert_eq!(t.get("weight").unwrap().value, Value::Integer(3));
        assert_eq!(t.get("ratio").unwrap().value, Value::Float(1.5));
        assert_eq!(t.get("draft").unwrap().value, Value::Bool(false));
        assert_eq!(t.get("date").unwrap().value, Value::String("2026-01-05".into()));
        assert_eq!(t.get("nothing").unwrap().value, Value::Null);
        assert_eq!(t.get("quoted").unwrap().value, Value::String("12".into()));
        assert_eq!(t.get("time").unwrap().value, Value::String("10:00".into()));
    }

    #[test]
    fn spans_are_byte_offsets_even_after_wide_characters() {
        let (t, _, file) = read("name: \"Zoë Ünal\"\nroles: [engineer, tech-lead]\n");
        let roles = t.get("roles").unwrap();
        let Value::Array(items) = &roles.value else { panic!("a list") };
        assert_eq!(&file.text[items[1].span.clone()], "tech-lead");
        assert_eq!(&file.text[t.entries[1].0.span.clone()], "roles");
    }

    #[test]
    fn lists_maps_anchors_and_aliases() {
        let (t, errors, _) = read("a: &x\n  k: 1\nb: *x\nlist:\n  - one\n  - two\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(t.get("a").unwrap().value, t.get("b").unwrap().value);
        let Value::Array(items) = &t.get("list").unwrap().value else { panic!("a list") };
        assert_eq!(items.len(), 2);
    }

    #[test]
    fn syntax_errors_duplicate_keys_and_bombs_are_located_once() {
        let (_, errors, _) = read("title: x\ntitle: y\n");
        assert_eq!(errors, ["error: x.md:2:1: duplicate key `title` (write each key once)"]);
        let (_, errors, _) = read("title: [unclosed\nweight: 2\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("invalid YAML"), "{errors:?}");
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..8 {
            let prev = if i == 0 { "a".to_string() } else { format!("b{}", i - 1) };
            bomb.push_str(&format!("b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let (_, errors, _) = read(&bomb);
        assert_eq!(errors.len(), 1, "{errors:?}");
        let deep = format!("a: {}{}\n", "[".repeat(500), "]".repeat(500));
        let (_, errors, _) = read(&deep);
        assert_eq!(errors.len(), 1, "{errors:?}");
    }

    #[test]
    fn json_is_read_as_yaml() {
        let file = SourceFile::new("x.md", "{\"title\": \"Hi\", \"weight\": 2, \"tags\": [\"a\"]}".into());
        let (t, clean) = parse(&file, 0..file.text.len(), Format::Json, &mut Diagnostics::default());
        assert!(clean);
        assert_eq!(t.get("weight").unwrap().value, Value::Integer(2));
        assert_eq!(&file.text[t.get("title").unwrap().span.clone()], "\"Hi\"");
    }

    #[test]
    fn numbers_of_the_core_schema() {
        assert!(is_float("1.5") && is_float("-.5") && is_float("2e3") && is_float("1.0E-2"));
        assert!(!is_float("1") && !is_float("1.2.3") && !is_float("e3") && !is_float("."));
        assert_eq!(integer("0x1F"), Some(Some(31)));
        assert_eq!(integer("-12"), Some(Some(-12)));
        assert_eq!(integer("99999999999999999999"), Some(None));
        assert_eq!(integer("12a"), None);
    }
}
