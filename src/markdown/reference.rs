//! The straightforward plain text of a body: parse its Markdown again and
//! read the events. Search uses the text gathered when the body was first
//! read (`Body::plain_text`), which must be exactly this; the tests and the
//! `markdown` fuzz target compare the two.

use std::collections::HashMap;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::{Body, Link, LinkResolver, options};

/// A body's plain text (see `Body::plain_text`), gathered event by event.
#[derive(Default)]
struct PlainText {
    text: String,
    /// Inside a wiki link whose text is its target's title.
    replaced: bool,
}

impl PlainText {
    /// Takes the next event of the body; `link` finds the link it starts, if any.
    fn feed<'l>(&mut self, event: &Event<'_>, link: impl FnOnce() -> Option<&'l Link>, links: &dyn LinkResolver) {
        match event {
            Event::Start(Tag::Link { link_type: LinkType::WikiLink { has_pothole: false }, .. }) => {
                if let Some(title) = link().and_then(|l| links.text(l)) {
                    self.text.push_str(&title);
                    self.replaced = true;
                }
            }
            Event::End(TagEnd::Link) => self.replaced = false,
            Event::Text(t) | Event::Code(t) if !self.replaced => self.text.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => self.text.push(' '),
            _ => {}
        }
    }
}

/// The plain text of a body (see `PlainText`), read alone.
pub fn plain_text(text: &str, body: &Body, links: &dyn LinkResolver) -> String {
    let by_at: HashMap<usize, &Link> = body.links.iter().map(|l| (l.at, l)).collect();
    let mut plain = PlainText::default();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        plain.feed(&event, || by_at.get(&range.start).copied(), links);
    }
    plain.text
}
