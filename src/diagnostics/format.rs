//! How diagnostics are printed: `text` for people (the compiler style of
//! the README), `json` for scripts and editors (one object per line), and
//! `github` for GitHub Actions, whose workflow commands become annotations
//! on the lines of a pull request.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Diagnostic;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
    Github,
}

impl Format {
    pub const NAMES: [&str; 3] = ["text", "json", "github"];

    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "text" => Some(Format::Text),
            "json" => Some(Format::Json),
            "github" => Some(Format::Github),
            _ => None,
        }
    }
}

/// One diagnostic as a line of the chosen format. `prefix` is the path from
/// the repository root to the handbook (`github` only; "" when at the root).
pub fn line(d: &Diagnostic, format: Format, prefix: &str) -> String {
    match format {
        Format::Text => d.to_string(),
        Format::Json => json(d),
        Format::Github => github(d, prefix),
    }
}

#[derive(Serialize)]
struct JsonLine<'a> {
    severity: &'static str,
    code: &'static str,
    file: &'a str,
    line: usize,
    column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    message: &'a str,
    hint: Option<&'a str>,
}

fn json(d: &Diagnostic) -> String {
    let line = JsonLine {
        severity: d.severity.name(),
        code: d.code.name(),
        file: &d.file,
        line: d.line,
        column: d.col,
        end_line: d.end.map(|(l, _)| l),
        end_column: d.end.map(|(_, c)| c),
        message: &d.message,
        hint: d.hint.as_deref(),
    };
    serde_json::to_string(&line).unwrap_or_default()
}

/// `::error file=…,line=…,col=…,title=…::message`, escaped as the runner
/// expects: `%`, CR and LF everywhere, and `:` and `,` in properties too.
fn github(d: &Diagnostic, prefix: &str) -> String {
    let mut props = vec![
        format!("file={}", property(&format!("{prefix}{}", d.file))),
        format!("line={}", d.line),
        format!("col={}", d.col),
    ];
    if let Some((line, col)) = d.end {
        props.push(format!("endLine={line}"));
        // GitHub reads endColumn only on the line the annotation starts.
        if line == d.line {
            props.push(format!("endColumn={col}"));
        }
    }
    props.push(format!("title={}", property(&format!("teambook {}", d.code.name()))));
    let text = match &d.hint {
        Some(hint) => format!("{} ({hint})", d.message),
        None => d.message.clone(),
    };
    format!("::{} {}::{}", d.severity.name(), props.join(","), data(&text))
}

fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The path from the repository's root to the handbook, with a trailing
/// `/` ("" when the handbook is the root): GitHub wants annotation paths
/// relative to the repository. The repository is `GITHUB_WORKSPACE` when
/// the handbook lies in it, else the nearest folder upward holding `.git`.
pub fn repository_prefix(handbook: &Path) -> String {
    let Ok(handbook) = handbook.canonicalize() else {
        return String::new();
    };
    let workspace = std::env::var_os("GITHUB_WORKSPACE").map(PathBuf::from).and_then(|w| w.canonicalize().ok());
    let repo = workspace
        .filter(|w| handbook.starts_with(w))
        .or_else(|| handbook.ancestors().find(|dir| dir.join(".git").exists()).map(Path::to_path_buf));
    let Some(rel) = repo.as_deref().and_then(|r| handbook.strip_prefix(r).ok()) else {
        return String::new();
    };
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.is_empty() { String::new() } else { format!("{}/", parts.join("/")) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Severity};

    fn diagnostic() -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code: Code::BrokenLink,
            file: "pages/a, b.md".into(),
            line: 3,
            col: 5,
            end: Some((3, 9)),
            message: "broken link: 50% of\nit".into(),
            hint: Some("did you mean x:y?".into()),
        }
    }

    #[test]
    fn github_commands_escape_data_and_properties() {
        assert_eq!(
            github(&diagnostic(), "docs/"),
            "::error file=docs/pages/a%2C b.md,line=3,col=5,endLine=3,endColumn=9,title=teambook broken-link::broken link: 50%25 of%0Ait (did you mean x:y?)"
        );
    }

    #[test]
    fn json_lines_carry_every_field() {
        let v: serde_json::Value = serde_json::from_str(&json(&diagnostic())).unwrap();
        assert_eq!(v["code"], "broken-link");
        assert_eq!(v["end_column"], 9);
        assert_eq!(v["hint"], "did you mean x:y?");
    }
}
