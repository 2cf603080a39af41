//! One page body of arbitrary Markdown: analysis (title, heading ids, wiki
//! and relative links, images) and rendering with links rewritten. The
//! first byte decides whether links resolve, so both paths are exercised.
//! The plain text gathered when a body is read must be the one read alone.
#![no_main]

use libfuzzer_sys::fuzz_target;
use teambook::markdown::{Body, Link, LinkResolver, reference, to_html};

struct Resolver(bool);

impl LinkResolver for Resolver {
    fn href(&self, link: &Link) -> Option<String> {
        self.0.then(|| format!("target-{}.html", link.at))
    }
    fn text(&self, _: &Link) -> Option<String> {
        self.0.then(|| "A <title> & more".to_string())
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    // Bodies start after front matter: positions are offsets into the file.
    let offset = pick as usize;
    let body = Body::analyze(text, offset, None);
    for link in &body.links {
        assert!(
            link.pos >= offset && link.pos <= offset + text.len() && link.at <= text.len(),
            "link outside the body"
        );
    }
    let mut ids = std::collections::HashSet::new();
    for h in &body.headings {
        assert!(ids.insert(h.id.clone()), "heading id {:?} given twice", h.id);
    }
    let resolver = Resolver(pick % 2 == 0);
    let html = to_html(text, &body, &resolver);
    assert_eq!(body.plain_text(&resolver), reference::plain_text(text, &body, &resolver), "plain text differs");
    assert!(html.len() <= 64 * (text.len() + 64), "output out of proportion to the input");
});
