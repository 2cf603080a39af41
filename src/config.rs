//! `teambook.toml`: the site and team settings. Its presence marks the root.

use crate::diagnostics::{Code, Diagnostics};
use crate::fields::{self, At, Table, Zone};
use crate::source::SourceFile;

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
    pub theme: String,
    pub repo: Option<Repo>,
    pub stages: Vec<String>,
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
        let (doc, clean) = fields::parse(file, 0..file.text.len(), diags);
        let mut t = Table::root(file, 0, Some(doc.get_ref()), !clean);
        let title = t.required_string(diags, "title", "\"Our team handbook\"").map_or_else(String::new, |s| s.value);
        let description = t.string(diags, "description").map(|s| s.value);
        let base_url = t.string(diags, "base_url").and_then(|url| base_url(file, url, diags));
        let timezone = t.time_zone(diags, "timezone").map_or_else(Zone::utc, |z| z.value);
        let language = t.string(diags, "language").map_or_else(|| "en".to_string(), |s| s.value);
        let theme = t.string(diags, "theme").map_or_else(|| "default".to_string(), |s| s.value);
        let repo = t.table(diags, "repo").and_then(|mut r| {
            let url = r.required_string(diags, "url", "\"https://github.com/org/repo\"");
            let branch = r.string(diags, "branch").map_or_else(|| "main".to_string(), |s| s.value);
            let dir = r.string(diags, "dir").map_or_else(String::new, |s| s.value.trim_matches('/').to_string());
            r.finish(diags, &[]);
            url.map(|u| Repo { url: u.value.trim_end_matches('/').to_string(), branch, dir })
        });
        let stages = t.table(diags, "board").map(|mut b| {
            let stages = b.strings(diags, "stages");
            check_stages(file, &stages, diags);
            b.finish(diags, &[("columns", "stages")]);
            stages.into_iter().map(|s| s.value).collect::<Vec<_>>()
        });
        let stages = stages.filter(|s| !s.is_empty()).unwrap_or_else(|| DEFAULT_STAGES.map(String::from).to_vec());
        t.finish(
            diags,
            &[
                ("name", "title"),
                ("url", "base_url"),
                ("baseurl", "base_url"),
                ("tz", "timezone"),
                ("lang", "language"),
            ],
        );
        Config { title, description, base_url, timezone, language, theme, repo, stages }
    }
}

fn base_url(file: &SourceFile, url: At<String>, diags: &mut Diagnostics) -> Option<String> {
    let u = url.value.trim();
    if !(u.starts_with("https://") || u.starts_with("http://")) {
        diags
            .report(
                Code::InvalidBaseUrl,
                file,
                url.pos,
                format!("base_url {:?} is not an absolute http(s) URL", url.value),
            )
            .hint("write it like \"https://acme.github.io/handbook/\"");
        return None;
    }
    Some(if u.ends_with('/') { u.to_string() } else { format!("{u}/") })
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
