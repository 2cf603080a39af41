//! Problems found in a handbook, reported the way a compiler does:
//! `error: people/mitra.md:4:9: message (hint)`, every one of them in one run.
//! Each has a stable `Code` (code.rs); `format.rs` prints them for people,
//! for scripts (JSON lines) and for GitHub Actions (annotations).

mod code;
pub mod format;

use std::fmt;
use std::ops::Range;

pub use code::Code;

use crate::source::SourceFile;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem, already located as file:line:column (1-based, columns in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub file: String,
    pub line: usize,
    pub col: usize,
    /// Where the offending text ends (exclusive), when it is known.
    pub end: Option<(usize, usize)>,
    pub message: String,
    pub hint: Option<String>,
}

/// Where in a file a problem is: a byte offset, or the byte range of the
/// offending text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: Option<usize>,
}

impl From<usize> for Span {
    fn from(start: usize) -> Span {
        Span { start, end: None }
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span { start: r.start, end: (r.end > r.start).then_some(r.end) }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}:{}:{}: {}", self.severity.name(), self.file, self.line, self.col, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// Unknown keys shown per file: past them, one warning counts the rest (a
/// file of 55,000 foreign keys says so in 21 lines, not 55,000).
pub const UNKNOWN_KEYS_SHOWN: usize = 20;

fn cap_unknown_keys(items: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut shown: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // Where each file's count of hidden keys is, in `out`.
    let mut rest: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    if items.iter().filter(|d| d.code == Code::UnknownKey).count() <= UNKNOWN_KEYS_SHOWN {
        return items;
    }
    let (mut unknown, others): (Vec<Diagnostic>, Vec<Diagnostic>) =
        items.into_iter().partition(|d| d.code == Code::UnknownKey);
    // The first in each file are the ones shown (tables report theirs in any order).
    unknown.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
    let mut out = others;
    for d in unknown {
        let n = shown.entry(d.file.clone()).or_default();
        *n += 1;
        if *n <= UNKNOWN_KEYS_SHOWN {
            out.push(d);
        } else if let Some(&i) = rest.get(&d.file) {
            out[i].message = format!(
                "and {} more unknown keys in this file",
                crate::words::number((*n - UNKNOWN_KEYS_SHOWN) as f64)
            );
        } else {
            rest.insert(d.file.clone(), out.len());
            out.push(Diagnostic {
                message: "and 1 more unknown key in this file".into(),
                hint: Some(format!(
                    "the first {UNKNOWN_KEYS_SHOWN} are listed; keys of another tool can be listed in `extra_keys` of teambook.toml"
                )),
                end: None,
                ..d
            });
        }
    }
    out
}

/// Collects diagnostics; nothing stops at the first problem.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Reports a problem at a place in a file; its severity comes with its code.
    pub fn report(
        &mut self,
        code: Code,
        file: &SourceFile,
        at: impl Into<Span>,
        message: impl Into<String>,
    ) -> Hint<'_> {
        let at = at.into();
        let (line, col) = file.line_col(at.start);
        let end = at.end.map(|e| file.line_col(e));
        self.push(Diagnostic {
            severity: code.severity(),
            code,
            file: file.rel.clone(),
            line,
            col,
            end,
            message: message.into(),
            hint: None,
        })
    }

    /// A problem with a whole file or folder (an unreadable directory, say), placed at 1:1.
    pub fn report_path(&mut self, code: Code, rel: &str, message: impl Into<String>) -> Hint<'_> {
        self.push(Diagnostic {
            severity: code.severity(),
            code,
            file: rel.to_string(),
            line: 1,
            col: 1,
            end: None,
            message: message.into(),
            hint: None,
        })
    }

    fn push(&mut self, d: Diagnostic) -> Hint<'_> {
        self.items.push(d);
        Hint(self.items.last_mut())
    }

    /// Moves the diagnostics out (to keep them with the file they are about),
    /// unknown keys capped per file.
    pub fn take(&mut self) -> Vec<Diagnostic> {
        cap_unknown_keys(std::mem::take(&mut self.items))
    }

    pub fn extend(&mut self, items: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Sorted by file, then line and column, so output is stable and reads
    /// top-down. Where a file could not be parsed, the syntax error is the
    /// only one reported at its position: what the parser recovered there is noise.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let key = |d: &Diagnostic| (d.file.clone(), d.line, d.col, d.code != Code::Syntax, d.severity);
        let mut items = self.items.clone();
        items.sort_by(|a, b| (key(a), &a.message).cmp(&(key(b), &b.message)));
        items.dedup();
        items.dedup_by(|later, first| {
            first.code == Code::Syntax && (&later.file, later.line, later.col) == (&first.file, first.line, first.col)
        });
        items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// "2 errors, 1 warning", counting what `sorted` shows.
pub fn summary(shown: &[Diagnostic]) -> String {
    let errors = shown.iter().filter(|d| d.severity == Severity::Error).count();
    let plural = |n: usize, word: &str| if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") };
    format!("{}, {}", plural(errors, "error"), plural(shown.len() - errors, "warning"))
}

/// Lets a caller attach a hint to the diagnostic it just reported.
pub struct Hint<'a>(Option<&'a mut Diagnostic>);

impl Hint<'_> {
    pub fn hint(self, hint: impl Into<String>) {
        if let Some(d) = self.0 {
            d.hint = Some(hint.into());
        }
    }
}

/// The closest candidate to a misspelt name, if one is close enough to be a
/// plausible typo: `did you mean "engineering-manager"?`.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(name, candidates).map(|c| format!("did you mean \"{c}\"?"))
}

pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(&lower, &candidate.to_lowercase());
        if score >= 0.85 && best.is_none_or(|(s, c)| score > s || (score == s && candidate < c)) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Whether two names differ only in Unicode normalisation: `café` with é as
/// one character (NFC) and as `e` and a combining accent (NFD, as macOS
/// writes file names) look the same but are different names.
pub fn same_but_normalisation(a: &str, b: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    a != b && !(a.is_ascii() && b.is_ascii()) && a.nfc().eq(b.nfc())
}

/// The hint for a name that is `found` under another Unicode form than
/// `written`: both spelt out, every non-ASCII character escaped, so the
/// difference shows (`cafe\u{301}` against `caf\u{e9}`).
pub fn normalisation_hint(label: &str, found: &str, written: &str) -> String {
    use unicode_normalization::{is_nfc, is_nfd};
    let form = |s: &str| {
        if is_nfc(s) {
            "precomposed"
        } else if is_nfd(s) {
            "decomposed (a letter then a combining mark, as macOS writes file names)"
        } else {
            "partly decomposed"
        }
    };
    format!(
        "{label} {} has this name with its accents {}, while it is written here {}, as {}: write both the same way",
        escape_non_ascii(found),
        form(found),
        form(written),
        escape_non_ascii(written)
    )
}

/// `cafe\u{301}`: ASCII as it is, anything else as a Rust-style escape.
pub fn escape_non_ascii(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii() { c.to_string() } else { format!("\\u{{{:x}}}", c as u32) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let roles = ["engineering-manager", "product-manager", "engineer"];
        assert_eq!(closest("enginering-manager", roles), Some("engineering-manager"));
        assert_eq!(closest("Product-Manager", roles), Some("product-manager"));
        assert_eq!(closest("designer", roles), None);
    }

    #[test]
    fn names_differing_in_normalisation_are_spelt_out() {
        assert!(same_but_normalisation("caf\u{e9}", "cafe\u{301}"));
        assert!(!same_but_normalisation("cafe", "cafe") && !same_but_normalisation("cafe", "caff"));
        assert_eq!(escape_non_ascii("pages/cafe\u{301}.md"), "pages/cafe\\u{301}.md");
        let hint = normalisation_hint("the file", "cafe\u{301}", "caf\u{e9}");
        assert!(hint.starts_with("the file cafe\\u{301} has this name with its accents decomposed"), "{hint}");
        assert!(hint.contains("written here precomposed, as caf\\u{e9}"), "{hint}");
    }
}
