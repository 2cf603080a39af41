//! Rendering: a pure function from the resolved handbook (plus its theme) to
//! the files of the site, path → bytes. Pages render in parallel; each gets a
//! small context of its own, and the site-wide values are shared.

mod calendar;
mod export;
mod feeds;
mod pages;
mod search;
mod theme;
mod views;

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Diagnostics;
use crate::model::Handbook;
pub use theme::Theme;

/// What goes into one file of the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Bytes(Vec<u8>),
    /// A file copied as it is (from `static/`), read only when written.
    Copy(PathBuf),
}

/// The whole site, by path relative to its root.
#[derive(Debug, Default)]
pub struct Site {
    pub files: BTreeMap<String, Content>,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
}

/// Renders every page. `None` when a template is broken (reported in `diags`).
pub fn render(hb: &Handbook, diags: &mut Diagnostics) -> Option<Site> {
    let mut theme = Theme::load(hb, diags)?;
    let facts = views::Facts::new(hb);
    let config = &hb.config;
    let site_view = SiteView {
        title: &config.title,
        description: config.description.as_deref().unwrap_or(""),
        language: &config.language,
    };
    let global = theme.tera.global_context();
    global.insert("site", &site_view);
    global.insert("nav", &views::nav(&facts));

    let jobs = pages::jobs(&facts);
    let rendered: Vec<(String, Result<String, tera::Error>)> = jobs
        .par_iter()
        .map(|&job| {
            let path = job.path(&facts);
            let html = theme.tera.render(job.template(), &pages::context(&facts, job));
            (path, html)
        })
        .collect();

    let mut site = Site::default();
    let mut failed = false;
    for (path, html) in rendered {
        match html {
            Ok(html) => {
                site.files.insert(path, Content::Bytes(html.into_bytes()));
            }
            Err(e) => {
                theme.report(&e, &path, diags);
                failed = true;
            }
        }
    }
    if failed {
        return None;
    }
    for (path, bytes) in theme::ASSETS {
        site.files.insert(path.to_string(), Content::Bytes(bytes.to_vec()));
    }
    for (path, bytes) in &theme.assets {
        site.files.insert(path.clone(), Content::Bytes(bytes.clone()));
    }
    for s in &hb.statics {
        site.files.insert(s.clone(), Content::Copy(hb.root.join("static").join(s)));
    }
    for (path, bytes) in calendar::files(hb, hb.now) {
        site.files.insert(path, Content::Bytes(bytes));
    }
    site.files.insert(feeds::FEED.to_string(), Content::Bytes(feeds::feed(&facts)));
    if let Some(sitemap) = feeds::sitemap(&facts) {
        site.files.insert(feeds::SITEMAP.to_string(), Content::Bytes(sitemap));
    }
    site.files.insert(export::FILE.to_string(), Content::Bytes(export::json(&facts)));
    for (path, bytes) in search::files(&facts) {
        site.files.insert(path, Content::Bytes(bytes));
    }
    // GitHub Pages: serve files as they are, without Jekyll.
    site.files.insert(".nojekyll".to_string(), Content::Bytes(Vec::new()));
    Some(site)
}
