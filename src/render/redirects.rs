//! The redirect pages of aliases (`aliases`, or Jekyll's `redirect_from`):
//! at each old address, a small page that sends the browser on at once
//! (meta refresh), tells search engines where the page lives now
//! (canonical), and offers a plain link to readers without JavaScript or
//! automatic redirects. Links are relative, like every link of the site.

use std::collections::HashSet;

use super::Content;
use super::feeds::esc;
use crate::model::{Entity, Handbook};
use crate::urls;

/// The redirect pages of the aliases of `entities`, by where they are written.
pub fn files(hb: &Handbook, entities: impl IntoIterator<Item = Entity>) -> Vec<(String, Content)> {
    let mut out = Vec::new();
    for e in entities {
        let target = urls::page(hb, e);
        for alias in hb.aliases(e) {
            if let Some(path) = urls::alias_file(hb, e, &alias.value).filter(|p| *p != target) {
                let page = page(hb, e, &path, &target);
                out.push((path, Content::bytes(page)));
            }
        }
    }
    out
}

/// Where every alias's redirect goes (cheap: no page is made).
pub fn paths(hb: &Handbook) -> HashSet<String> {
    let mut out = HashSet::new();
    for e in urls::all_pages(hb) {
        let aliases = hb.aliases(e);
        if aliases.is_empty() {
            continue;
        }
        let target = urls::page(hb, e);
        for alias in aliases {
            out.extend(urls::alias_file(hb, e, &alias.value).filter(|p| *p != target));
        }
    }
    out
}

fn page(hb: &Handbook, e: Entity, at: &str, target: &str) -> String {
    let href = format!("{}{target}", urls::root_of(at));
    let canonical = hb.config.base_url.as_deref().map_or_else(|| href.clone(), |base| format!("{base}{target}"));
    let title = esc(&hb.title(e));
    let (href, canonical) = (esc(&href), esc(&canonical));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved: {title}</title>\n\
         <link rel=\"canonical\" href=\"{canonical}\">\n<meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n\
         <p>This page has moved to <a href=\"{href}\">{title}</a>.</p>\n</body>\n</html>\n",
        lang = esc(&hb.config.language),
    )
}
