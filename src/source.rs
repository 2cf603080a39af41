//! Source files as read from disk, with what it takes to turn a byte offset
//! into line:column, and the split between TOML front matter and Markdown body.

use std::ops::Range;

use crate::diagnostics::{Code, Diagnostics};

pub type FileId = usize;

/// One file of the handbook, relative to its root (always with `/` separators).
#[derive(Debug)]
pub struct SourceFile {
    pub rel: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(rel: impl Into<String>, text: String) -> Self {
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        SourceFile { rel: rel.into(), text, line_starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text.get(start..offset).map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }
}

/// Where the front matter and the body are in a file.
#[derive(Debug, Clone)]
pub struct Split {
    /// The TOML between the `+++` lines, if there is front matter.
    pub front: Option<Range<usize>>,
    pub body: Range<usize>,
    /// The front matter is there but unusable (unterminated); fields must not
    /// be reported missing because of it.
    pub broken: bool,
}

const BOM: &str = "\u{feff}";

/// Splits `+++` TOML front matter from the body. A BOM and CRLF line endings are fine.
pub fn split_front_matter(file: &SourceFile, diags: &mut Diagnostics) -> Split {
    let text = &file.text;
    let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let mut lines = Lines { text, pos: start };
    let whole = Split { front: None, body: start..text.len(), broken: false };

    match lines.next() {
        Some(first) if is_fence(&text[first.clone()]) => {
            let front_start = lines.pos;
            for line in lines.by_ref() {
                if is_fence(&text[line.clone()]) {
                    return Split { front: Some(front_start..line.start), body: lines.pos..text.len(), broken: false };
                }
            }
            diags
                .report(Code::FrontMatter, file, first.start, "front matter opened with `+++` is never closed")
                .hint("add a line with only `+++` after the last setting");
            Split { front: None, body: text.len()..text.len(), broken: true }
        }
        _ => {
            // Text first and a `+++` block later: the front matter would be read as Markdown.
            let mut fences = Lines { text, pos: start }.filter(|l| is_fence(&text[l.clone()]));
            if let (Some(open), Some(_close)) = (fences.next(), fences.next()) {
                diags
                    .report(
                        Code::FrontMatter,
                        file,
                        open.start,
                        "front matter must start on the first line of the file",
                    )
                    .hint("move the `+++` block to the top, before any other text");
                return Split { broken: true, ..whole };
            }
            whole
        }
    }
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\r', '\n']).trim_end() == "+++"
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

/// Decodes a file as UTF-8, or says where the first bad byte is.
pub fn decode(rel: &str, bytes: Vec<u8>, diags: &mut Diagnostics) -> Option<SourceFile> {
    match String::from_utf8(bytes) {
        Ok(text) => Some(SourceFile::new(rel, text)),
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
            let at = prefix.len();
            let file = SourceFile::new(rel, prefix);
            diags.report(Code::NotUtf8, &file, at, "file is not valid UTF-8").hint("save it as UTF-8 in your editor");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> (Split, Diagnostics) {
        let mut diags = Diagnostics::default();
        let file = SourceFile::new("x.md", text.to_string());
        (split_front_matter(&file, &mut diags), diags)
    }

    #[test]
    fn line_col_counts_characters() {
        let file = SourceFile::new("x", "ab\nçd\n".to_string());
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (2, 1));
        assert_eq!(file.line_col(5), (2, 2));
        assert_eq!(file.line_col(99), (3, 1));
    }

    #[test]
    fn splits_with_bom_and_crlf() {
        let text = "\u{feff}+++\r\ntitle = \"x\"\r\n+++\r\nbody\r\n";
        let (s, d) = split(text);
        assert!(!d.has_errors());
        assert_eq!(&text[s.front.unwrap()], "title = \"x\"\r\n");
        assert_eq!(&text[s.body], "body\r\n");
    }

    #[test]
    fn unterminated_and_late_front_matter_are_errors() {
        let (s, d) = split("+++\ntitle = 1\n");
        assert!(s.broken && d.has_errors());
        let (s, d) = split("hello\n+++\ntitle = 1\n+++\n");
        assert!(s.broken && d.has_errors());
        let (s, d) = split("just text\n");
        assert!(!s.broken && !d.has_errors() && s.front.is_none());
    }
}
