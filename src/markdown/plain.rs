//! A body's plain text, gathered when it is read, with the places marked
//! where a resolved wiki link changes it: its target's title replaces its
//! text. Search fills them in, which costs a copy rather than a second parse.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::{Link, LinkResolver};

/// The text as gathered, and where wiki links' titles go.
#[derive(Debug, Clone, Default)]
pub struct PlainText {
    text: String,
    /// In order, not overlapping.
    slots: Vec<Slot>,
}

#[derive(Debug, Clone)]
struct Slot {
    /// What is there when the link has no title: it as written.
    range: Range<usize>,
    /// The link, by its index in the body's links.
    link: usize,
    fill: Fill,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fill {
    /// Where a wiki link's title goes.
    Title,
    /// Text of a wiki link that its title replaces: dropped then.
    Dropped,
}

impl PlainText {
    /// The text with every slot whose link has a title filled in.
    pub fn fill(&self, links: &[Link], resolver: &dyn LinkResolver) -> String {
        let mut out = String::with_capacity(self.text.len() + self.slots.len() * 16);
        let mut at = 0;
        // A wiki link's title, asked once for its slots: (link, title).
        let mut title: Option<(usize, Option<String>)> = None;
        for slot in &self.slots {
            let (Some(link), Some(before)) = (links.get(slot.link), self.text.get(at..slot.range.start)) else {
                continue;
            };
            if title.as_ref().is_none_or(|(l, _)| *l != slot.link) {
                title = Some((slot.link, resolver.text(link)));
            }
            if let Some((_, Some(title))) = &title {
                out.push_str(before);
                if slot.fill == Fill::Title {
                    out.push_str(title);
                }
                at = slot.range.end;
            }
        }
        out.push_str(self.text.get(at..).unwrap_or(""));
        out
    }
}

/// Gathers a body's plain text (see `Body::plain_text`) from its events.
#[derive(Default)]
pub struct PlainBuilder {
    plain: PlainText,
    /// Inside a wiki link whose text its title replaces.
    wiki: Option<usize>,
}

impl PlainBuilder {
    /// Takes the next event; `link` is the index of the link it starts, if any.
    pub fn feed(&mut self, event: &Event<'_>, link: Option<usize>) {
        let plain = &mut self.plain;
        match event {
            Event::Start(Tag::Link { link_type: LinkType::WikiLink { has_pothole: false }, .. }) => {
                if let Some(link) = link {
                    let at = plain.text.len();
                    plain.slots.push(Slot { range: at..at, link, fill: Fill::Title });
                    self.wiki = Some(link);
                }
            }
            Event::End(TagEnd::Link) => self.wiki = None,
            Event::Text(t) | Event::Code(t) => {
                let start = plain.text.len();
                plain.text.push_str(t);
                if let Some(link) = self.wiki {
                    plain.slots.push(Slot { range: start..plain.text.len(), link, fill: Fill::Dropped });
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => plain.text.push(' '),
            _ => {}
        }
    }

    /// The text, holding no more memory than it needs: every body's stays
    /// until the search index is made.
    pub fn finish(mut self) -> PlainText {
        self.plain.text.shrink_to_fit();
        self.plain.slots.shrink_to_fit();
        self.plain
    }
}
