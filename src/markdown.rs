//! What the model needs from Markdown: the title, heading ids (unique per
//! page, GitHub-style so anchors also work when browsing the repository),
//! every link with its position, and from the same parse the plain text that
//! search indexes. Rendering to HTML parses again with the same `options()`.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{BlockQuoteKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::model::Entity;
use plain::{PlainBuilder, PlainText};

mod plain;
#[doc(hidden)]
pub mod reference;
pub mod tags;

/// GitHub-flavoured Markdown as handbooks write it: tables, footnotes,
/// strikethrough, task lists, heading ids, wiki links, definition lists
/// (glossaries) and GitHub's alerts (`> [!NOTE]`).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// A Markdown body: where its text is, and what was found in it.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// Byte range of the text in its file.
    pub range: Range<usize>,
    /// Text that does not live verbatim in a file (an area's `notes`).
    pub inline: Option<String>,
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    /// Where images without alt text are (any image, local or not).
    pub images_without_alt: Vec<usize>,
    /// Links and images whose address would run code (`javascript:`,
    /// `data:text/html`), with where they are and the address as written.
    pub script_links: Vec<(usize, String)>,
    /// Its plain text, with the places for its wiki links' titles.
    plain: PlainText,
    /// Its headings' indices sorted by id, made the first time a long body
    /// is asked for an anchor: a page of thousands of anchor links to its own
    /// headings is checked in linear time, not quadratic.
    anchors: OnceLock<Vec<usize>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[[id]]` or `[[id|text]]`
    Wiki,
    /// `[text](path.md)`
    Relative,
    /// `![alt](../static/x.png)`
    Image,
    /// Obsidian's `![[diagram.png]]` or `![[Note]]`: an image shown, or a
    /// note's link, found by file name as `[[Note]]` is.
    Embed,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub kind: LinkKind,
    /// The target as written, without the `#anchor`.
    pub dest: String,
    pub anchor: Option<String>,
    /// Byte offset in the file (for inline text: the field's offset).
    pub pos: usize,
    /// Byte offset within the body text, which identifies the link when rendering.
    pub at: usize,
    /// Filled in by resolve.
    pub to: Option<Target>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Entity(Entity),
    /// A file under `static/`, by its path there.
    Static(String),
    /// `#anchor` on the same page.
    SamePage,
    /// The home page (a link to the handbook's root or to `pages/`).
    Home,
    /// A page of another team of the department (`[[ledger:people/ana]]`).
    Team(Box<TeamLink>),
}

/// A wiki link into another team's handbook. Resolved as the team is
/// opened (alone, its address is a guess from the id), and again by the
/// department, which knows the other team's pages.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamLink {
    /// The other team's folder name, its address in the department.
    pub team: String,
    /// The id as written after the team (`people/ana`).
    pub id: String,
    /// The page's address within that team's site (`people/ana.html`).
    pub url: String,
    /// Where the link points when the team is built alone with a
    /// `base_url`: the sibling site's address.
    pub absolute: Option<String>,
    /// The page's title, once the department has found it.
    pub title: Option<String>,
}

impl TeamLink {
    /// The team and id of `[[team:id]]`, when the link is written so: a
    /// team's name is a folder's (letters, digits, `-`, `_`), and a colon
    /// is in no id or file name of a handbook.
    pub fn parse(dest: &str) -> Option<(&str, &str)> {
        let (team, id) = dest.split_once(':')?;
        (TeamLink::is_team_name(team) && !id.is_empty()).then_some((team, id))
    }

    /// A team's folder is one level under the department, and its name is
    /// its address: no separators, no dots, nothing a URL would need to escape.
    pub fn is_team_name(id: &str) -> bool {
        !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    }
}

impl Body {
    /// Analyses `text`, which starts at byte `offset` of its file, and
    /// gathers its plain text. With `fixed_pos`, every link is reported at
    /// that position instead.
    pub fn analyze(text: &str, offset: usize, fixed_pos: Option<usize>) -> Body {
        let masked = tags::mask(text);
        let text = &*masked;
        let mut body = Body { range: offset..offset + text.len(), ..Body::default() };
        let mut ids = HeadingIds::default();
        let mut heading: Option<(u8, Option<String>, String)> = None;
        let mut image_alt: Option<String> = None;
        let mut image_pos = 0;
        let mut plain = PlainBuilder::default();
        let mut code: Vec<Range<usize>> = Vec::new();
        for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
            let mut link = None;
            if matches!(event, Event::Code(_) | Event::Start(Tag::CodeBlock(_))) {
                code.push(range.clone());
            }
            match &event {
                Event::Start(Tag::Heading { level, id, .. }) => {
                    heading = Some((level_number(*level), id.as_ref().map(|i| i.to_string()), String::new()));
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((level, explicit, text)) = heading.take() {
                        let id = ids.assign(explicit.as_deref(), &text);
                        body.headings.push(Heading { level, text: text.trim().to_string(), id });
                    }
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some((_, _, text)) = heading.as_mut() {
                        text.push_str(t);
                    }
                    if let Some(alt) = image_alt.as_mut() {
                        alt.push_str(t);
                    }
                }
                Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })
                    if runs_code(dest_url, matches!(event, Event::Start(Tag::Image { .. }))) =>
                {
                    body.script_links.push((fixed_pos.unwrap_or(offset + range.start), dest_url.to_string()));
                    if matches!(event, Event::Start(Tag::Image { .. })) {
                        image_alt = Some(String::new());
                        image_pos = fixed_pos.unwrap_or(offset + range.start);
                    }
                }
                Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                    let kind = match link_type {
                        LinkType::WikiLink { .. } => Some(LinkKind::Wiki),
                        LinkType::Inline | LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => {
                            Some(LinkKind::Relative)
                        }
                        _ => None,
                    };
                    if let Some(kind) = kind {
                        link = body.push_link(kind, dest_url, range.start, fixed_pos.unwrap_or(offset + range.start));
                    }
                }
                Event::Start(Tag::Image { link_type, dest_url, .. }) => {
                    let pos = fixed_pos.unwrap_or(offset + range.start);
                    let kind = match link_type {
                        LinkType::WikiLink { .. } => LinkKind::Embed,
                        _ => {
                            image_alt = Some(String::new());
                            image_pos = pos;
                            LinkKind::Image
                        }
                    };
                    body.push_link(kind, dest_url, range.start, pos);
                }
                Event::End(TagEnd::Image) if image_alt.take().is_some_and(|alt| alt.trim().is_empty()) => {
                    body.images_without_alt.push(image_pos);
                }
                _ => {}
            }
            plain.feed(&event, link);
        }
        body.plain = plain.finish();
        body.template_links(text, offset, fixed_pos, &code);
        body
    }

    /// Links whose address is a template tag of another generator
    /// (`[x]({% page "/about/" %})`, `[x]({{ site.baseurl }}/x/)`): Markdown
    /// reads them as text, since the address has spaces; they are recorded
    /// as links so that each is reported, with the link that works here.
    fn template_links(&mut self, text: &str, offset: usize, fixed_pos: Option<usize>, code: &[Range<usize>]) {
        let mut from = 0;
        while let Some(found) = text[from..].find("](") {
            let open = from + found + 2;
            from = open;
            let rest = &text[open..];
            if !(rest.starts_with("{{") || rest.starts_with("{%")) || code.iter().any(|c| c.contains(&open)) {
                continue;
            }
            let closer = if rest.starts_with("{{") { "}}" } else { "%}" };
            let Some(end) = rest.find(closer).map(|i| i + closer.len()) else { continue };
            let dest_end = rest[end..].find([')', '\n']).map_or(rest.len(), |i| end + i);
            // The link's text may run over lines, within its paragraph.
            let start = text[..open].rfind('[').filter(|&s| !text[s..open].contains("\n\n")).unwrap_or(open);
            let pos = fixed_pos.unwrap_or(offset + start);
            self.links.push(Link {
                kind: LinkKind::Relative,
                dest: rest[..dest_end].trim().to_string(),
                anchor: None,
                pos,
                at: start,
                to: None,
            });
        }
    }

    /// The plain text of the body, as search indexes it: text and code as
    /// written, a wiki link written without text read as its target's title,
    /// and a space for each line break and block end. Gathered when the body
    /// was read, so that the index needs no second parse.
    pub fn plain_text(&self, links: &dyn LinkResolver) -> String {
        self.plain.fill(&self.links, links)
    }

    /// Records a link that points into the handbook; returns its index.
    fn push_link(&mut self, kind: LinkKind, dest: &str, at: usize, pos: usize) -> Option<usize> {
        let dest = dest.trim();
        let wiki = matches!(kind, LinkKind::Wiki | LinkKind::Embed);
        if !wiki && !is_local(dest) {
            return None;
        }
        // `#` alone is the top of the page, as in a browser: no heading to check.
        let (path, anchor) = match dest.split_once('#') {
            // Obsidian names a heading by its text: `[[Note#First week]]`.
            Some((p, a)) if wiki && !a.is_empty() => (p, Some(anchor_slug(a))),
            Some((p, a)) => (p, Some(a.to_string()).filter(|a| !a.is_empty())),
            None => (dest, None),
        };
        let path = if wiki { path.trim().to_string() } else { percent_decode(strip_query(path)) };
        self.links.push(Link { kind, dest: path, anchor, pos, at, to: None });
        Some(self.links.len() - 1)
    }

    pub fn title(&self) -> Option<&str> {
        self.headings.first().map(|h| h.text.as_str()).filter(|t| !t.is_empty())
    }

    pub fn has_anchor(&self, anchor: &str) -> bool {
        if self.headings.len() <= 16 {
            return self.headings.iter().any(|h| h.id == anchor);
        }
        let sorted = self.anchors.get_or_init(|| {
            let mut order: Vec<usize> = (0..self.headings.len()).collect();
            order.sort_unstable_by(|&a, &b| self.headings[a].id.cmp(&self.headings[b].id));
            order
        });
        sorted.binary_search_by(|&i| self.headings[i].id.as_str().cmp(anchor)).is_ok()
    }
}

/// How resolved links become URLs when rendering.
pub trait LinkResolver {
    /// The href of a resolved link, relative to the page being rendered.
    fn href(&self, link: &Link) -> Option<String>;
    /// The text of a wiki link written without one: the target's title.
    fn text(&self, link: &Link) -> Option<String>;
}

/// Renders a body to HTML: heading ids as analysed, links rewritten to the
/// pages and files they resolved to, wiki links given their target's title.
pub fn to_html(text: &str, body: &Body, links: &dyn LinkResolver) -> String {
    let masked = tags::mask(text);
    let text = &*masked;
    // GitBook hints open, shown as alerts (see `tags`).
    let mut hints = 0;
    let by_at: HashMap<usize, &Link> = body.links.iter().map(|l| (l.at, l)).collect();
    let mut headings = body.headings.iter();
    let mut events = Vec::new();
    // Inside a wiki link whose text is replaced by its target's title.
    let mut replacing = false;
    // Inside an embed shown as a link (`![[Note]]`), or as plain text.
    let mut embedding: Option<Event> = None;
    // After the start of a wiki link left as plain text: its end goes too.
    let mut unlinked = false;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if replacing {
            if matches!(event, Event::End(TagEnd::Link)) {
                replacing = false;
                events.push(event);
            }
            continue;
        }
        if embedding.is_some() {
            if matches!(event, Event::End(TagEnd::Image)) {
                events.extend(embedding.take().filter(|e| !matches!(e, Event::Text(_))));
            }
            continue;
        }
        if unlinked && matches!(event, Event::End(TagEnd::Link)) {
            unlinked = false;
            continue;
        }
        let event = match event {
            Event::Start(Tag::Heading { level, classes, attrs, .. }) => {
                let id = headings.next().map(|h| h.id.clone().into());
                Event::Start(Tag::Heading { level, id, classes, attrs })
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                match by_at.get(&range.start).and_then(|l| Some((*l, links.href(l)?))) {
                    Some((link, href)) => {
                        let event =
                            Event::Start(Tag::Link { link_type: LinkType::Inline, dest_url: href.into(), title, id });
                        if let (LinkType::WikiLink { has_pothole: false }, Some(text)) = (link_type, links.text(link)) {
                            events.push(event);
                            events.push(Event::Text(text.into()));
                            replacing = true;
                            continue;
                        }
                        event
                    }
                    // Reported by `check` (script-link); never written even so.
                    None if runs_code(&dest_url, false) => {
                        Event::Start(Tag::Link { link_type, dest_url: "".into(), title, id })
                    }
                    // A wiki link that leads nowhere is its text (the problem is reported).
                    None if matches!(link_type, LinkType::WikiLink { .. }) => {
                        unlinked = true;
                        continue;
                    }
                    None => Event::Start(Tag::Link { link_type, dest_url, title, id }),
                }
            }
            Event::Start(Tag::Image { link_type: LinkType::WikiLink { .. }, dest_url, title, id }) => {
                let link = by_at.get(&range.start).copied();
                match link.and_then(|l| Some((l, links.href(l)?))) {
                    // An embedded note is its link, titled.
                    Some((link, href)) if matches!(link.to, Some(Target::Entity(_))) => {
                        events.push(Event::Start(Tag::Link {
                            link_type: LinkType::Inline,
                            dest_url: href.into(),
                            title,
                            id,
                        }));
                        events.push(Event::Text(links.text(link).unwrap_or_else(|| link.dest.clone()).into()));
                        embedding = Some(Event::End(TagEnd::Link));
                        continue;
                    }
                    Some((_, href)) => {
                        Event::Start(Tag::Image { link_type: LinkType::Inline, dest_url: href.into(), title, id })
                    }
                    None => {
                        events.push(Event::Text(dest_url.to_string().into()));
                        embedding = Some(Event::Text("".into()));
                        continue;
                    }
                }
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let href = by_at.get(&range.start).and_then(|l| links.href(l));
                let dest_url = if runs_code(&dest_url, true) { "".into() } else { dest_url };
                Event::Start(Tag::Image { link_type, dest_url: href.map_or(dest_url, Into::into), title, id })
            }
            // An alert says what it is in words, as GitHub shows it, so that
            // it reads the same without colour (and without the stylesheet).
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = alert(kind);
                Event::Html(
                    format!("<div class=\"alert alert-{class}\">\n<p class=\"alert-title\">{title}</p>\n").into(),
                )
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html("</div>\n".into()),
            Event::Html(h) if h.starts_with(tags::HINT) => {
                let class = h[tags::HINT.len()..].split("-->").next().unwrap_or("note");
                let kind = match class {
                    "tip" => BlockQuoteKind::Tip,
                    "warning" => BlockQuoteKind::Warning,
                    "caution" => BlockQuoteKind::Caution,
                    _ => BlockQuoteKind::Note,
                };
                let (class, title) = alert(kind);
                hints += 1;
                Event::Html(
                    format!("<div class=\"alert alert-{class}\">\n<p class=\"alert-title\">{title}</p>\n").into(),
                )
            }
            Event::Html(h) if h.starts_with(tags::END) => {
                if hints == 0 {
                    continue;
                }
                hints -= 1;
                Event::Html("</div>\n".into())
            }
            // pulldown-cmark's checkbox has no label; a screen reader says what it means.
            Event::TaskListMarker(done) => Event::InlineHtml(
                if done {
                    r#"<input type="checkbox" disabled checked aria-label="done"> "#
                } else {
                    r#"<input type="checkbox" disabled aria-label="to do"> "#
                }
                .into(),
            ),
            other => other,
        };
        events.push(event);
    }
    events.extend((0..hints).map(|_| Event::Html("</div>\n".into())));
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// The class and title of a GitHub alert.
fn alert(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

/// Whether a browser would run an address as code: `javascript:` and
/// `vbscript:` in any case (tabs and newlines inside ignored, as browsers
/// do), and `data:` but for an image's `data:image/...` (which an `<img>`
/// only shows). GitHub drops these links too.
pub fn runs_code(dest: &str, image: bool) -> bool {
    let dest = dest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control());
    match crate::fields::url::scheme(dest).as_deref() {
        Some("javascript" | "vbscript") => true,
        Some("data") => {
            let rest = dest.split_once(':').map_or("", |(_, r)| r).trim_start().to_ascii_lowercase();
            !(image && rest.starts_with("image/"))
        }
        _ => false,
    }
}

/// A link that points into the handbook rather than to the web or the site root.
fn is_local(dest: &str) -> bool {
    if dest.is_empty() || dest.starts_with("//") {
        return false;
    }
    let scheme = dest.split([':', '/', '#', '?']).next().unwrap_or("");
    let has_scheme = dest[scheme.len()..].starts_with(':')
        && scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    !has_scheme
}

fn strip_query(path: &str) -> &str {
    path.split('?').next().unwrap_or(path)
}

/// Decodes `%20` and friends; a malformed escape is kept as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = || std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex()) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Heading ids as GitHub makes them: lowercase, punctuation dropped, spaces to
/// `-`, and `-1`, `-2`, ... appended to repeats.
#[derive(Default)]
pub struct HeadingIds {
    seen: HashMap<String, usize>,
}

impl HeadingIds {
    pub fn assign(&mut self, explicit: Option<&str>, text: &str) -> String {
        let base = explicit.map_or_else(|| anchor_slug(text), str::to_string);
        let base = if base.is_empty() { "section".to_string() } else { base };
        let mut id = base.clone();
        while let Some(n) = self.seen.get_mut(&id) {
            *n += 1;
            id = format!("{base}-{n}");
        }
        self.seen.insert(id.clone(), 0);
        id
    }
}

pub fn anchor_slug(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| match c {
            c if c.is_alphanumeric() => Some(c.to_lowercase().next().unwrap_or(c)),
            ' ' | '-' => Some('-'),
            '_' => Some('_'),
            _ => None,
        })
        .collect()
}

/// An id made from a name: `"On-call & incidents"` → `on-call-incidents`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every link resolves, to a title made from where it is.
    struct Titles;

    impl LinkResolver for Titles {
        fn href(&self, link: &Link) -> Option<String> {
            Some(format!("x{}.html", link.at))
        }
        fn text(&self, link: &Link) -> Option<String> {
            Some(format!("Title {}", link.dest))
        }
    }

    /// Nothing resolves: links stay as written.
    struct Unresolved;

    impl LinkResolver for Unresolved {
        fn href(&self, _: &Link) -> Option<String> {
            None
        }
        fn text(&self, _: &Link) -> Option<String> {
            None
        }
    }

    /// The plain text gathered when a body is read is the one read alone.
    #[test]
    fn plain_text_gathered_when_read_is_plain_text_read_alone() {
        let texts = [
            "# Head *one*\n\nSee [[people/ana]] and [[x|own text]], `code`\nand more.\n\n- [ ] task\n- [x] done\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quote[^1]\n\n[^1]: note\n",
            "![alt with [[wiki]] and [link](a.md)](img.png) [![inner](i.png)](p.md) [[a#b]] [[ spaced ]] [[*x*]]\n",
            "",
        ];
        for text in texts {
            let body = Body::analyze(text, 3, None);
            for resolver in [&Titles as &dyn LinkResolver, &Unresolved] {
                assert_eq!(body.plain_text(resolver), reference::plain_text(text, &body, resolver), "{text:?}");
            }
        }
        let plain = Body::analyze(texts[0], 0, None).plain_text(&Titles);
        assert!(plain.contains("Title people/ana") && plain.contains("own text") && !plain.contains("[["), "{plain}");
    }

    #[test]
    fn finds_titles_heading_ids_and_links() {
        let text = "# Hello World\n\nSee [[mitra|our EM]] and [guide](../pages/guide.md#first-week).\n\n## Hello world\n\n![logo](../static/logo%20big.png) [web](https://x.y) [top](#hello-world)\n\n`[[not-a-link]]`\n";
        let body = Body::analyze(text, 10, None);
        assert_eq!(body.title(), Some("Hello World"));
        let ids: Vec<_> = body.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["hello-world", "hello-world-1"]);
        let links: Vec<_> = body.links.iter().map(|l| (l.kind, l.dest.as_str(), l.anchor.as_deref())).collect();
        assert_eq!(
            links,
            [
                (LinkKind::Wiki, "mitra", None),
                (LinkKind::Relative, "../pages/guide.md", Some("first-week")),
                (LinkKind::Image, "../static/logo big.png", None),
                (LinkKind::Relative, "", Some("hello-world")),
            ]
        );
        assert_eq!(body.links[0].pos, 10 + text.find("[[mitra").unwrap());
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("On-call & incidents"), "on-call-incidents");
        assert_eq!(anchor_slug("What's new in v2?"), "whats-new-in-v2");
    }
}
