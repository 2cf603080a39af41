//! Where a content file's settings end and its Markdown begins. The front
//! matter is TOML between `+++` lines (what `init` writes), YAML between
//! `---` lines (as Hugo, Jekyll, Docusaurus and Obsidian write it), or a
//! JSON object that opens the file (as Hugo allows). Anything that opens
//! like front matter but cannot be read is an error, never page text.

use std::ops::Range;

use crate::diagnostics::{Code, Diagnostics};
use crate::source::SourceFile;
use crate::syntax::Format;

/// Where the front matter and the body are in a file.
#[derive(Debug, Clone)]
pub struct Split {
    /// The format and text of the front matter, if there is any.
    pub front: Option<(Format, Range<usize>)>,
    pub body: Range<usize>,
    /// The front matter is there but unusable (unterminated): fields must
    /// not be reported missing because of it.
    pub broken: bool,
}

const BOM: &str = "\u{feff}";

/// Splits the front matter from the body. A BOM and CRLF line endings are fine.
pub fn split(file: &SourceFile, diags: &mut Diagnostics) -> Split {
    let text = &file.text;
    let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let mut lines = Lines { text, pos: start };
    let whole = Split { front: None, body: start..text.len(), broken: false };
    let Some(first) = lines.next() else { return whole };
    let first_line = text[first.clone()].trim_end();
    let fence = match first_line {
        "+++" => Some(("+++", Format::Toml)),
        "---" => Some(("---", Format::Yaml)),
        _ => None,
    };
    if let Some((fence, format)) = fence {
        let front_start = lines.pos;
        // YAML's document end: Pandoc closes front matter with it; here what
        // follows it up to `---` would be a second document, read by nobody.
        let mut dots = None;
        for line in lines.by_ref() {
            let written = text[line.clone()].trim_end();
            if written == fence {
                if let Some(at) = dots {
                    diags
                        .report(Code::FrontMatter, file, at, "`...` ends the YAML front matter before its `---`")
                        .hint("remove the `...` line: front matter is one YAML document between two `---` lines");
                }
                return Split {
                    front: Some((format, front_start..line.start)),
                    body: lines.pos..text.len(),
                    broken: dots.is_some(),
                };
            }
            if format == Format::Yaml && written == "..." && dots.is_none() {
                dots = Some(line.start);
            }
        }
        if let Some(at) = dots {
            diags
                .report(Code::FrontMatter, file, at, "YAML front matter closed with `...`")
                .hint("close it with a `---` line instead");
            return Split { front: None, body: text.len()..text.len(), broken: true };
        }
        diags
            .report(Code::FrontMatter, file, first.start, format!("front matter opened with `{fence}` is never closed"))
            .hint(format!("add a line with only `{fence}` after the last setting"));
        return Split { front: None, body: text.len()..text.len(), broken: true };
    }
    if opens_json_like(first_line) {
        diags
            .report(
                Code::FrontMatter,
                file,
                first.start,
                "front matter in `{ }` that is not JSON (keys and strings need double quotes)",
            )
            .hint("write it as JSON, like {\"title\": \"Onboarding\"}, or as TOML between `+++` lines");
        let end = json_end(text, first.start)
            .map_or(text.len(), |end| Lines { text, pos: end }.next().map_or(text.len(), |rest| rest.end));
        return Split { front: None, body: end..text.len(), broken: true };
    }
    if opens_json(first_line) {
        return match json_end(text, first.start) {
            Some(end) => {
                let body = Lines { text, pos: end }.next().map_or(text.len(), |rest| rest.end);
                Split { front: Some((Format::Json, first.start..end)), body: body..text.len(), broken: false }
            }
            None => {
                diags
                    .report(Code::FrontMatter, file, first.start, "JSON front matter opened with `{` is never closed")
                    .hint("close the object with `}` after the last setting");
                Split { front: None, body: text.len()..text.len(), broken: true }
            }
        };
    }
    // Text first and a `+++` block later: the front matter would be read as
    // Markdown. (`---` lines later in a page are horizontal rules.)
    let mut fences = Lines { text, pos: start }.filter(|l| text[l.clone()].trim_end() == "+++");
    if let (Some(open), Some(_close)) = (fences.next(), fences.next()) {
        diags
            .report(Code::FrontMatter, file, open.start, "front matter must start on the first line of the file")
            .hint("move the `+++` block to the top, before any other text");
        return Split { broken: true, ..whole };
    }
    whole
}

/// A first line that opens a JSON object (`{`, `{"title": ...`), not a
/// template tag such as `{{< note >}}` or `{% include %}`.
fn opens_json(line: &str) -> bool {
    line.strip_prefix('{').is_some_and(|rest| {
        let rest = rest.trim_start();
        rest.is_empty() || rest.starts_with('"') || rest.starts_with('}')
    })
}

/// A first line that opens an object JSON cannot read: `{'title': 'J'}`
/// (single quotes, as Python prints it) or `{title: "J"}` (bare keys).
fn opens_json_like(line: &str) -> bool {
    line.strip_prefix('{').is_some_and(|rest| {
        let rest = rest.trim_start();
        let key = rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        rest.starts_with('\'') || (key.len() < rest.len() && key.trim_start().starts_with(':'))
    })
}

/// The offset just past the `}` that closes the object opening at `start`
/// (strings and escapes respected).
fn json_end(text: &str, start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text[start..].char_indices() {
        match (in_string, c) {
            (true, _) if escaped => escaped = false,
            (true, '\\') => escaped = true,
            (true, '"') => in_string = false,
            (true, _) => {}
            (false, '"') => in_string = true,
            (false, '{' | '[') => depth += 1,
            (false, '}' | ']') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(start + i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Lines with their byte ranges (including the line ending).
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Lines<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i + 1);
        self.pos = end;
        Some(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_text(text: &str) -> (Split, Diagnostics) {
        let mut diags = Diagnostics::default();
        let file = SourceFile::new("x.md", text.to_string());
        (split(&file, &mut diags), diags)
    }

    #[test]
    fn splits_with_bom_and_crlf() {
        let text = "\u{feff}+++\r\ntitle = \"x\"\r\n+++\r\nbody\r\n";
        let (s, d) = split_text(text);
        assert!(!d.has_errors());
        let (format, front) = s.front.unwrap();
        assert_eq!(format, Format::Toml);
        assert_eq!(&text[front], "title = \"x\"\r\n");
        assert_eq!(&text[s.body], "body\r\n");
    }

    #[test]
    fn yaml_and_json_front_matter() {
        let text = "---\ntitle: x\n---\n# Body\n\n---\n\nmore\n";
        let (s, d) = split_text(text);
        assert!(!d.has_errors());
        assert_eq!(s.front.as_ref().map(|(f, r)| (*f, &text[r.clone()])), Some((Format::Yaml, "title: x\n")));
        assert_eq!(&text[s.body], "# Body\n\n---\n\nmore\n");
        let text = "{\n  \"title\": \"a } b\",\n  \"tags\": [\"x\"]\n}\nBody\n";
        let (s, d) = split_text(text);
        assert!(!d.has_errors());
        let (format, front) = s.front.unwrap();
        assert_eq!(format, Format::Json);
        assert!(text[front].ends_with("]\n}"));
        assert_eq!(&text[s.body], "Body\n");
        // Template tags are text.
        let (s, _) = split_text("{{< note >}}\nhi\n");
        assert!(s.front.is_none());
    }

    #[test]
    fn unterminated_and_late_front_matter_are_errors() {
        for text in ["+++\ntitle = 1\n", "---\ntitle: 1\n", "{\"title\": 1\n", "hello\n+++\ntitle = 1\n+++\n"] {
            let (s, d) = split_text(text);
            assert!(s.broken && d.has_errors(), "{text:?}");
        }
        for text in [
            "{'title': 'J'}\n\nBody\n",
            "{title: \"J\"}\nBody\n",
            "---\ntitle: One\n...\n---\ntitle: Two\n---\n",
            "---\ntitle: x\n...\nBody\n",
        ] {
            let (s, d) = split_text(text);
            assert!(s.broken && d.iter().count() == 1 && d.has_errors(), "{text:?}");
        }
        let (s, _) = split_text("{{ template }}\n{% raw %}\n");
        assert!(!s.broken);
        let (s, d) = split_text("just text\n\n---\n\nmore\n---\n");
        assert!(!s.broken && !d.has_errors() && s.front.is_none());
    }
}
