//! A free page: its body, where it sits among the sections, the pages beside
//! it, and who keeps it.

use serde::Serialize;

use crate::markdown::Target;
use crate::model::Entity;
use crate::render::lists::{List, SHOWN, Shown, shown};
use crate::render::views::{Facts, Item, Party, long_date};
use crate::urls::{self, Paged};

pub const TEMPLATE: &str = "page.html";

#[derive(Serialize)]
pub struct PageView {
    body: String,
    /// The body has its own level-1 heading, so the template adds none.
    has_h1: bool,
    owner: Option<Party>,
    review_by: String,
    needs_review: bool,
    /// Where the page sits: its folders' pages, top down.
    trail: Vec<Item>,
    /// The pages of the folder this page introduces (the first of them).
    children: Shown,
    /// The other pages of its own folder (those just before and after it).
    siblings: Shown,
    /// `description`, for the page's meta description.
    description: String,
    /// Its tags, each leading to the pages that carry it.
    tags: Vec<crate::render::tags::TagItem>,
}

pub fn view(facts: &Facts<'_>, i: usize, path: &str) -> PageView {
    let hb = facts.hb;
    let g = &hb.pages[i];
    let sections = &facts.sections;
    let trail = sections.trail(i).into_iter().map(|p| facts.item(Entity::Page(p))).collect();
    let place = sections.place(i);
    let siblings = match sections.children.get(place) {
        Some(pages) if !place.is_empty() => {
            // A window of the section around this page; the whole section is
            // listed by its page (or, without one, the index of all pages).
            let at = pages.iter().position(|&p| p == i).unwrap_or(0);
            let start = at.saturating_sub(SHOWN / 2).min(pages.len().saturating_sub(SHOWN + 1));
            let items =
                pages[start..].iter().filter(|&&p| p != i).take(SHOWN).map(|&p| facts.item(Entity::Page(p))).collect();
            let all = sections
                .parent(i)
                .map_or_else(|| Paged::Pages.path(1), |s| urls::list(hb, Entity::Page(s), List::InFolder.slug(), 1));
            Shown::cut(items, pages.len() - 1, all, List::InFolder.noun())
        }
        _ => Shown::cut(Vec::new(), 0, String::new(), List::InFolder.noun()),
    };
    let (body, has_h1) = title_once(facts.html(g.doc.file, &g.doc.body, path), &g.doc.body, &g.title);
    PageView {
        body,
        has_h1,
        owner: g.owner.as_ref().and_then(|o| o.to).map(|e| facts.who(e)),
        review_by: g.review_by.as_ref().map_or(String::new(), |r| long_date(r.value)),
        needs_review: g.review_by.as_ref().is_some_and(|r| r.value < hb.today),
        trail,
        children: match links_every_child(facts, i) {
            true => Shown::cut(Vec::new(), 0, String::new(), List::InFolder.noun()),
            false => shown(facts, Entity::Page(i), List::InFolder),
        },
        siblings,
        description: g.description.clone().unwrap_or_default(),
        tags: crate::render::tags::of_page(facts, i),
    }
}

/// Whether a folder's own page already links every page of its folder (a
/// GitBook or GitHub README that is a table of contents): "In this section"
/// would list them all again.
fn links_every_child(facts: &Facts<'_>, i: usize) -> bool {
    let page = &facts.hb.pages[i];
    let children = facts.sections.of(facts.hb, i);
    if children.is_empty() {
        return false;
    }
    let linked: std::collections::HashSet<usize> = page
        .doc
        .body
        .links
        .iter()
        .filter_map(|l| match l.to {
            Some(Target::Entity(Entity::Page(p))) => Some(p),
            _ => None,
        })
        .collect();
    children.iter().all(|c| linked.contains(c))
}

/// A page's HTML, and whether it has its own level-1 heading (the template
/// then adds none). A page that opens with a heading saying its title
/// (`title: Board games` over `## Board games`) shows it once: that heading
/// becomes the page's `<h1>`, keeping its id.
fn title_once(html: String, body: &crate::markdown::Body, title: &str) -> (String, bool) {
    if body.headings.iter().any(|h| h.level == 1) {
        return (html, true);
    }
    let Some(first) = body.headings.first().filter(|h| same_words(&h.text, title)) else { return (html, false) };
    let open = format!("<h{}", first.level);
    let close = format!("</h{}>", first.level);
    let start = html.len() - html.trim_start().len();
    match html[start..].starts_with(&open).then(|| html[start..].find(&close)).flatten() {
        Some(end) => {
            let end = start + end;
            let promoted =
                format!("{}<h1{}</h1>{}", &html[..start], &html[start + open.len()..end], &html[end + close.len()..]);
            (promoted, true)
        }
        None => (html, false),
    }
}

/// Whether two titles are the same words, case and spacing aside.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    words(a) == words(b)
}

#[cfg(test)]
mod tests {
    use super::title_once;
    use crate::markdown::{Body, Heading};

    #[test]
    fn a_heading_saying_the_title_is_the_title() {
        let mut body = Body::default();
        body.headings = vec![Heading { level: 2, text: "Board games".into(), id: "board-games".into() }];
        let (html, own) = title_once("<h2 id=\"board-games\">Board games</h2>\n<p>x</p>".into(), &body, "Board Games");
        assert_eq!((html.as_str(), own), ("<h1 id=\"board-games\">Board games</h1>\n<p>x</p>", true));
        // Text before it, or another heading: the title is drawn above.
        let (html, own) = title_once("<p>x</p><h2 id=\"board-games\">Board games</h2>".into(), &body, "Board games");
        assert!(!own && html.starts_with("<p>"));
        let (_, own) = title_once("<h2 id=\"board-games\">Board games</h2>".into(), &body, "Chess");
        assert!(!own);
    }
}
