//! Source files as read from disk, with what it takes to turn a byte offset
//! into line:column.

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

    #[test]
    fn line_col_counts_characters() {
        let file = SourceFile::new("x", "ab\nçd\n".to_string());
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (2, 1));
        assert_eq!(file.line_col(5), (2, 2));
        assert_eq!(file.line_col(99), (3, 1));
    }
}
