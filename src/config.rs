//! `teambook.toml`: the site and team settings. Its presence marks the root.

use crate::diagnostics::{Code, Diagnostics};
use crate::fields::{At, Field, Schema, Table, Ty, Zone};
use crate::model::team::{self, Team};
use crate::source::SourceFile;
use crate::syntax::{self, Format};

pub const FILE_NAME: &str = "teambook.toml";

/// The board stages when `[board] stages` is not set.
pub const DEFAULT_STAGES: [&str; 8] = ["Backlog", "Design", "BRD", "Ready", "ENG", "QA", "Release", "Analyze"];

#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: Option<String>,
    /// Always ends with `/` when set.
    pub base_url: Option<String>,
    pub timezone: Zone,
    pub language: String,
    /// Where `language` is written, if it is (for a warning about it).
    pub language_pos: Option<usize>,
    pub theme: String,
    pub repo: Option<Repo>,
    pub stages: Vec<String>,
    /// How each numeric key of projects' `[impact]` reads (`[board.impact]`), in the order written.
    pub impact: Vec<(String, ImpactKey)>,
    /// Front-matter keys of other generators that the handbook accepts
    /// without a warning (`keywords`, `tags`, `layout`, ...).
    pub extra_keys: Vec<String>,
    /// The team card (`[team]`), when written.
    pub team: Option<Team>,
    /// `[markdown] safe`: raw HTML in Markdown goes through a sanitizer.
    pub safe_html: bool,
    /// `unwritten_notes = "text"`: a wiki link to a note never written is
    /// shown as its plain text, with a warning (an Obsidian vault's habit),
    /// rather than an error.
    pub unwritten_as_text: bool,
    /// Paths under `pages/` that are not content (`Templates/`, `SUMMARY.md`):
    /// a folder when it ends with `/`, `*` for any run of characters in a name.
    pub exclude: Vec<String>,
}

impl Config {
    /// Whether a file of the handbook (`pages/Templates/Daily.md`) is left out by `exclude`.
    pub fn excludes(&self, rel: &str) -> bool {
        let Some(inner) = rel.strip_prefix("pages/") else { return false };
        self.exclude.iter().any(|pattern| excluded(pattern.trim_start_matches('/'), inner))
    }
}

/// Whether `pattern` (a folder ending with `/`, else a file; `*` a run of
/// characters other than `/`) covers `path`, both under `pages/`.
fn excluded(pattern: &str, path: &str) -> bool {
    match pattern.strip_suffix('/') {
        Some(folder) => {
            let parts: Vec<&str> = path.split('/').collect();
            let depth = folder.split('/').count();
            parts.len() > depth && glob(folder, &parts[..depth].join("/"))
        }
        None => glob(pattern, path),
    }
}

fn glob(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, tail)) => {
            let Some(rest) = text.strip_prefix(head) else { return false };
            (0..=rest.len())
                .filter(|&i| rest.is_char_boundary(i) && !rest[..i].contains('/'))
                .any(|i| glob(tail, &rest[i..]))
        }
    }
}

/// teambook.toml's keys.
pub static SCHEMA: Schema = Schema {
    doc: "teambook.toml: the handbook's settings",
    fields: &[
        Field::required("title", Ty::Text, "the handbook's title"),
        Field::new("description", Ty::Text, "one sentence under the title"),
        Field::new("base_url", Ty::Url, "the published address, used only for absolute URLs (feed, sitemap, calendar)"),
        Field::new(
            "timezone",
            Ty::Zone,
            "the team's IANA time zone: the default for ceremonies, and where \"today\" is taken",
        ),
        Field::new("language", Ty::Text, "the language of the handbook (default \"en\")"),
        Field::new("theme", Ty::Text, "a theme under themes/ of the handbook, else the built-in one"),
        Field::new("extra_keys", Ty::Texts, "front-matter keys of other generators to accept without a warning"),
        Field::new(
            "unwritten_notes",
            Ty::OneOf(&["error", "text"]),
            "a wiki link to a note never written: an error (default), or its plain text with a warning",
        ),
        Field::new(
            "exclude",
            Ty::Texts,
            "paths under pages/ that are not content: `Templates/`, `SUMMARY.md`, `*.njk`",
        ),
        Field::new("repo", Ty::Table(&REPO), "the repository, for \"edit this page\" links"),
        Field::new("board", Ty::Table(&BOARD), "the project board"),
        Field::new("team", Ty::Table(&team::SCHEMA), "the team card: how the rest of the company works with the team"),
        Field::new("markdown", Ty::Table(&MARKDOWN), "how Markdown is published"),
    ],
    common: &[],
    rest: None,
    synonyms: &[
        ("name", "title"),
        ("url", "base_url"),
        ("baseurl", "base_url"),
        ("tz", "timezone"),
        ("lang", "language"),
    ],
};

static REPO: Schema = Schema {
    doc: "the repository the handbook lives in",
    fields: &[
        Field::required("url", Ty::Url, "the repository's address, e.g. https://github.com/acme/handbook"),
        Field::new("branch", Ty::Text, "the branch to edit (default \"main\")"),
        Field::new("dir", Ty::Text, "the handbook's folder inside the repository, if not its root"),
    ],
    common: &[],
    rest: None,
    synonyms: &[],
};

static MARKDOWN: Schema = Schema {
    doc: "how Markdown is published",
    fields: &[Field::new(
        "safe",
        Ty::Bool,
        "publish raw HTML through a sanitizer (for pages from people the handbook does not fully trust)",
    )],
    common: &[],
    rest: None,
    synonyms: &[("sanitize", "safe"), ("sanitise", "safe")],
};

static BOARD: Schema = Schema {
    doc: "the project board",
    fields: &[
        Field::new("stages", Ty::Texts, "the columns of the board, in order"),
        Field::new("impact", Ty::Table(&IMPACT), "how each numeric impact key reads, by key"),
    ],
    common: &[],
    rest: None,
    synonyms: &[("columns", "stages")],
};

static IMPACT: Schema = Schema {
    doc: "how projects' numeric impact keys read: a table per key",
    fields: &[],
    common: &[],
    rest: Some(Ty::Table(&IMPACT_KEY)),
    synonyms: &[],
};

static IMPACT_KEY: Schema = Schema {
    doc: "how one numeric impact key reads",
    fields: &[
        Field::new("label", Ty::Text, "its name in a sentence: \"Revenue\""),
        Field::new("unit", Ty::Text, "its unit: \"USD/year\", \"%\", \"hours/month\""),
        Field::new("better", Ty::OneOf(&["higher", "lower"]), "which way is good"),
    ],
    common: &[],
    rest: None,
    synonyms: &[("name", "label"), ("units", "unit")],
};

/// How one numeric impact key reads, as `[board.impact]` says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImpactKey {
    pub label: Option<String>,
    pub unit: Option<String>,
    /// `Some(true)`: higher is better; `Some(false)`: lower is.
    pub higher_is_better: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct Repo {
    pub url: String,
    pub branch: String,
    /// The handbook's folder inside the repository, without surrounding slashes.
    pub dir: String,
}

impl Config {
    pub fn read(file: &SourceFile, diags: &mut Diagnostics) -> Config {
        let (doc, clean) = syntax::toml::parse(file, 0..file.text.len(), diags);
        let mut t = Table::root(file, Some(&doc), &SCHEMA, Format::Toml, &[], clean);
        let title = t.required_string(diags, "title", "\"Our team handbook\"").map_or_else(String::new, |s| s.value);
        let description = t.string(diags, "description").map(|s| s.value);
        // Checked as every address is (`fields::url`), then normalised.
        let base_url = t.string(diags, "base_url").and_then(|url| normal_base_url(&url.value).ok());
        let timezone = t.time_zone(diags, "timezone").map_or_else(Zone::utc, |z| z.value);
        let language_at = t.string(diags, "language");
        let language_pos = language_at.as_ref().map(|s| s.pos);
        let language = language_at.map_or_else(|| "en".to_string(), |s| s.value);
        let theme = t.string(diags, "theme").map_or_else(|| "default".to_string(), |s| s.value);
        let repo = t.table(diags, "repo").and_then(|mut r| {
            let url = r.required_string(diags, "url", "\"https://github.com/org/repo\"");
            let branch = r.string(diags, "branch").map_or_else(|| "main".to_string(), |s| s.value);
            let dir = r.string(diags, "dir").map_or_else(String::new, |s| s.value.trim_matches('/').to_string());
            r.finish(diags);
            url.map(|u| Repo { url: u.value.trim_end_matches('/').to_string(), branch, dir })
        });
        let (stages, impact) = t.table(diags, "board").map_or_else(Default::default, |mut b| {
            let stages = b.strings(diags, "stages");
            check_stages(file, &stages, diags);
            let impact = b.table(diags, "impact").map_or_else(Vec::new, |mut i| {
                let keys = i.rest_tables(diags).into_iter().map(|(key, k)| (key.value, impact_key(k, diags))).collect();
                i.finish(diags);
                keys
            });
            b.finish(diags);
            (stages.into_iter().map(|s| s.value).collect::<Vec<_>>(), impact)
        });
        let stages =
            Some(stages).filter(|s| !s.is_empty()).unwrap_or_else(|| DEFAULT_STAGES.map(String::from).to_vec());
        let extra_keys = t.strings(diags, "extra_keys").into_iter().map(|k| k.value).collect();
        let team = t.table(diags, "team").map(|card| Team::read(card, diags));
        let safe_html = t.table(diags, "markdown").is_some_and(|mut m| {
            let safe = m.boolean(diags, "safe").is_some_and(|b| b.value);
            m.finish(diags);
            safe
        });
        let unwritten_as_text = t.string(diags, "unwritten_notes").is_some_and(|u| match u.value.as_str() {
            "text" => true,
            "error" => false,
            other => {
                diags
                    .report(Code::InvalidValue, file, u.span(), format!("unknown `unwritten_notes` {other:?}"))
                    .hint("write unwritten_notes = \"error\" or unwritten_notes = \"text\"");
                false
            }
        });
        let exclude = t.strings(diags, "exclude").into_iter().map(|k| k.value).collect();
        t.finish(diags);
        Config {
            title,
            description,
            base_url,
            timezone,
            language,
            language_pos,
            theme,
            repo,
            stages,
            impact,
            extra_keys,
            team,
            safe_html,
            unwritten_as_text,
            exclude,
        }
    }
}

fn impact_key(mut k: Table<'_>, diags: &mut Diagnostics) -> ImpactKey {
    let key = ImpactKey {
        label: k.string(diags, "label").map(|s| s.value),
        unit: k.string(diags, "unit").map(|s| s.value),
        higher_is_better: k.string(diags, "better").and_then(|b| match b.value.as_str() {
            "higher" => Some(true),
            "lower" => Some(false),
            _ => {
                diags
                    .report(Code::InvalidValue, k.file(), b.span(), format!("unknown `better` {:?}", b.value))
                    .hint("write better = \"higher\" or better = \"lower\"");
                None
            }
        }),
    };
    k.finish(diags);
    key
}

/// The site's address as teambook uses it (ending with `/`), or what is
/// wrong with it and how to write it: `base_url` and `--base-url` alike.
pub fn normal_base_url(written: &str) -> Result<String, (String, &'static str)> {
    let u = written.trim();
    match crate::fields::url::web(u) {
        Ok(()) => Ok(if u.ends_with('/') { u.to_string() } else { format!("{u}/") }),
        Err(crate::fields::url::Problem::NotWeb) => Err((
            format!("{written:?} is not an absolute http(s) URL"),
            "write it like \"https://acme.github.io/handbook/\"",
        )),
        Err(problem) => Err((problem.describe(written), problem.hint())),
    }
}

/// A web address written in a setting (a channel, a repository, a
/// dashboard), trimmed, or what is wrong with it and how to write it:
/// checked as every address is (fields/url.rs).
pub fn normal_web_address(written: &str) -> Result<String, (String, &'static str)> {
    let u = written.trim();
    crate::fields::url::web(u).map(|()| u.to_string()).map_err(|p| (p.describe(written), p.hint()))
}

fn check_stages(file: &SourceFile, stages: &[At<String>], diags: &mut Diagnostics) {
    for (i, s) in stages.iter().enumerate() {
        if s.value.trim().is_empty() {
            diags
                .report(Code::InvalidStages, file, s.pos, "a board stage needs a name")
                .hint("remove the empty \"\" from `stages`");
        } else if stages[..i].iter().any(|o| o.value.eq_ignore_ascii_case(&s.value)) {
            diags
                .report(Code::InvalidStages, file, s.pos, format!("board stage {:?} is listed twice", s.value))
                .hint("list each stage once; names are compared ignoring case");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::excluded;

    #[test]
    fn excludes_folders_files_and_globs() {
        assert!(excluded("Templates/", "Templates/Daily.md"));
        assert!(!excluded("Templates/", "Templates.md"));
        assert!(excluded("SUMMARY.md", "SUMMARY.md"));
        assert!(!excluded("SUMMARY.md", "a/SUMMARY.md"));
        assert!(excluded("*.njk", "sitemap.xml.njk"));
        assert!(!excluded("*.njk", "a/b.njk"));
        assert!(excluded("a/*/", "a/b/c.md"));
    }
}
