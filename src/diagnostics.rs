//! Problems found in a handbook, reported the way a compiler does:
//! `error: people/mitra.md:4:9: message (hint)`, every one of them in one run.

use std::fmt;

use crate::source::SourceFile;

/// How TOML syntax errors begin (see `fields::parse`).
pub const SYNTAX_PREFIX: &str = "invalid TOML: ";

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, already located as file:line:column (1-based, columns in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}:{}:{}: {}", self.file, self.line, self.col, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// Collects diagnostics; nothing stops at the first problem.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn error(&mut self, file: &SourceFile, offset: usize, message: impl Into<String>) -> Hint<'_> {
        self.push(Severity::Error, file, offset, message.into())
    }

    pub fn warning(&mut self, file: &SourceFile, offset: usize, message: impl Into<String>) -> Hint<'_> {
        self.push(Severity::Warning, file, offset, message.into())
    }

    fn push(&mut self, severity: Severity, file: &SourceFile, offset: usize, message: String) -> Hint<'_> {
        let (line, col) = file.line_col(offset);
        self.items.push(Diagnostic { severity, file: file.rel.clone(), line, col, message, hint: None });
        Hint(self.items.last_mut())
    }

    /// A problem with no position in a file (an unreadable directory, say).
    pub fn error_at_path(&mut self, rel: &str, message: impl Into<String>) -> Hint<'_> {
        self.push_at_path(Severity::Error, rel, message.into())
    }

    pub fn warning_at_path(&mut self, rel: &str, message: impl Into<String>) -> Hint<'_> {
        self.push_at_path(Severity::Warning, rel, message.into())
    }

    fn push_at_path(&mut self, severity: Severity, rel: &str, message: String) -> Hint<'_> {
        self.items.push(Diagnostic { severity, file: rel.to_string(), line: 1, col: 1, message, hint: None });
        Hint(self.items.last_mut())
    }

    /// Moves the diagnostics out (to keep them with the file they are about).
    pub fn take(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.items)
    }

    pub fn extend(&mut self, items: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Sorted by file, then line and column, so output is stable and reads
    /// top-down. Where TOML could not be parsed, the syntax error is the only
    /// one reported at its position: what the parser recovered there is noise.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let key = |d: &Diagnostic| (d.file.clone(), d.line, d.col, !d.message.starts_with(SYNTAX_PREFIX), d.severity);
        let mut items = self.items.clone();
        items.sort_by(|a, b| (key(a), &a.message).cmp(&(key(b), &b.message)));
        items.dedup();
        items.dedup_by(|later, first| {
            first.message.starts_with(SYNTAX_PREFIX)
                && (&later.file, later.line, later.col) == (&first.file, first.line, first.col)
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
}
