//! Rendering: a pure function from the resolved handbook (plus its theme) to
//! the files of the site, path → bytes. Pages render in parallel; each gets a
//! small context of its own, and the site-wide values are shared.

mod calendar;
mod export;
mod feeds;
pub mod incremental;
mod job;
mod lists;
mod nav;
mod paging;
mod pictures;
mod sanitize;
mod search;
mod sections;
mod theme;
mod views;

// The page families, each building its pages' contexts.
mod ceremonies;
mod decisions;
pub mod department;
mod duties;
mod goals;
mod home;
mod one_on_ones;
mod ownership;
mod pages;
mod people;
mod projects;
mod redirects;
mod roles;
mod tags;
pub(crate) mod team;
mod updates;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Diagnostics;
use crate::model::Handbook;
pub use theme::Theme;

/// What goes into one file of the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Shared, so that a rebuild that keeps a file costs no copy.
    Bytes(Arc<[u8]>),
    /// A file copied as it is (from `static/`), read only when written.
    Copy(PathBuf),
}

impl Content {
    pub fn bytes(data: impl Into<Vec<u8>>) -> Content {
        Content::Bytes(data.into().into())
    }
}

/// The whole site, by path relative to its root.
#[derive(Debug, Default, Clone)]
pub struct Site {
    pub files: BTreeMap<String, Content>,
    /// Pages already handed to a sink as they were rendered (a build writes
    /// them out at once rather than hold them all).
    pub written: Vec<String>,
}

/// Takes each rendered page as it is made.
pub type Sink<'a> = &'a (dyn Fn(&str, &[u8]) + Sync);

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    /// "rtl" for a language written right to left, else "ltr".
    dir: &'static str,
}

/// Renders every file of the site. `None` when a template is broken
/// (reported in `diags`).
pub fn render(hb: &Handbook, diags: &mut Diagnostics) -> Option<Site> {
    render_to(hb, diags, None)
}

/// The same, handing the pages to `sink` (when given) instead of keeping them.
pub fn render_to(hb: &Handbook, diags: &mut Diagnostics, sink: Option<Sink<'_>>) -> Option<Site> {
    let mut renderer = Renderer::new(hb, diags)?;
    let facts = views::Facts::new(hb);
    let mut site = Site::default();
    let jobs = job::jobs(&facts);
    // The pages, and beside them the files made from the whole handbook.
    let (pages, derived) = rayon::join(
        || renderer.pages(&facts, &jobs, sink, diags),
        || {
            let mut files = light_files(&facts);
            files.extend(heavy_files(&facts));
            files
        },
    );
    for (path, content) in pages? {
        match content {
            Some(content) => site.files.insert(path, content),
            None => {
                site.written.push(path);
                None
            }
        };
    }
    site.files.extend(renderer.assets(hb));
    site.files.extend(derived);
    Some(site)
}

/// A loaded theme, ready to render pages of a handbook.
pub struct Renderer {
    theme: Theme,
}

impl Renderer {
    pub fn new(hb: &Handbook, diags: &mut Diagnostics) -> Option<Renderer> {
        Some(Renderer { theme: Theme::load(hb, diags)? })
    }

    /// Renders the given pages (in parallel), each handed to `sink` if there
    /// is one (its content is then `None`). `None` if a template failed.
    fn pages(
        &mut self,
        facts: &views::Facts<'_>,
        jobs: &[job::Job],
        sink: Option<Sink<'_>>,
        diags: &mut Diagnostics,
    ) -> Option<Vec<(String, Option<Content>)>> {
        let config = &facts.hb.config;
        let site_view = SiteView {
            title: &config.title,
            description: config.description.as_deref().unwrap_or(""),
            language: &config.language,
            dir: facts.hb.strings.dir(),
        };
        let stylesheet = self.theme.stylesheet();
        let global = self.theme.tera.global_context();
        global.insert("site", &site_view);
        global.insert("nav", &nav::nav(facts.hb));
        global.insert("stylesheet", &stylesheet);
        let tera = &self.theme.tera;
        // Each worker renders into one buffer of its own, page after page.
        let rendered: Vec<(String, Result<Option<Content>, tera::Error>)> = jobs
            .par_iter()
            .map_init(Vec::new, |buffer: &mut Vec<u8>, &job| {
                let path = job.path(facts);
                buffer.clear();
                let html =
                    tera.render_to(job.template(), &job::context(facts, job), &mut *buffer).map(|()| match sink {
                        Some(sink) => {
                            sink(&path, buffer);
                            None
                        }
                        None => Some(Content::bytes(buffer.as_slice())),
                    });
                (path, html)
            })
            .collect();
        let mut out = Vec::with_capacity(rendered.len());
        let mut failed = false;
        for (path, html) in rendered {
            match html {
                Ok(content) => out.push((path, content)),
                Err(e) => {
                    self.theme.report(&e, &path, diags);
                    failed = true;
                }
            }
        }
        (!failed).then_some(out)
    }

    /// The theme's assets and the handbook's static files.
    fn assets(&self, hb: &Handbook) -> Vec<(String, Content)> {
        let script = |p: &str, b: &[u8]| Content::bytes(crate::i18n::script(&hb.strings, p, b));
        let mut out: Vec<(String, Content)> =
            theme::ASSETS.iter().map(|(p, b)| (p.to_string(), script(p, b))).collect();
        out.extend(self.theme.assets.iter().map(|(p, b)| (p.clone(), script(p, b))));
        out.extend(hb.statics.iter().map(|s| (s.path.clone(), Content::Copy(hb.root.join(&s.source)))));
        // GitHub Pages: serve files as they are, without Jekyll.
        out.push((".nojekyll".to_string(), Content::bytes(Vec::new())));
        out
    }
}

/// Files derived from the whole handbook that are quick to make: calendars,
/// the feed (latest updates only), the sitemap, the aliases' redirects and
/// the team card's `team-api.json`.
fn light_files(facts: &views::Facts<'_>) -> Vec<(String, Content)> {
    let mut out = calendar_files(facts.hb);
    out.push(feed_file(facts));
    out.extend(team_api_file(facts.hb));
    out.extend(sitemap_files(facts));
    out.extend(redirects::files(facts.hb, crate::urls::all_pages(facts.hb)));
    out
}

/// `team-api.json`, when there is a team card: small, made from the card alone.
fn team_api_file(hb: &Handbook) -> Option<(String, Content)> {
    team::export::team_api(hb).map(|b| (team::export::TEAM_API.to_string(), Content::bytes(b)))
}

fn calendar_files(hb: &Handbook) -> Vec<(String, Content)> {
    calendar::files(hb, hb.now).into_iter().map(|(p, b)| (p, Content::bytes(b))).collect()
}

fn feed_file(facts: &views::Facts<'_>) -> (String, Content) {
    (feeds::FEED.to_string(), Content::bytes(feeds::feed(facts)))
}

fn sitemap_files(facts: &views::Facts<'_>) -> Vec<(String, Content)> {
    feeds::sitemaps(facts).into_iter().map(|(p, b)| (p, Content::bytes(b))).collect()
}

/// Files whose cost grows with the whole handbook: the JSON export and the
/// search index. `serve` makes them only when they are asked for.
fn heavy_files(facts: &views::Facts<'_>) -> Vec<(String, Content)> {
    let mut out = vec![export_file(facts)];
    out.extend(search_files(facts));
    out
}

fn export_file(facts: &views::Facts<'_>) -> (String, Content) {
    (export::FILE.to_string(), Content::bytes(export::json(facts)))
}

fn search_files(facts: &views::Facts<'_>) -> Vec<(String, Content)> {
    search::files(facts).into_iter().map(|(p, b)| (p, Content::bytes(b))).collect()
}

/// Whether a path is one of the heavy derived files.
pub fn is_heavy(path: &str) -> bool {
    path == export::FILE || path.starts_with("search/")
}

/// The heavy derived files of a handbook (for `serve`, on demand).
pub fn heavy(hb: &Handbook) -> Vec<(String, Content)> {
    heavy_files(&views::Facts::new(hb))
}
