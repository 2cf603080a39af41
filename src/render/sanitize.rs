//! `[markdown] safe = true`: a page's HTML goes through ammonia, a
//! well-kept sanitizer (html5ever's parser, an allow-list of tags and
//! attributes), for handbooks that take pages from people they do not fully
//! trust. Raw HTML keeps what handbooks use (`<details>`, `<summary>`,
//! `<kbd>`, tables, images, ...); scripts, styles, event handlers, forms,
//! frames and `javascript:` addresses go. Allowed too is what teambook's
//! own Markdown output holds: heading and footnote ids, classes (alerts,
//! code languages), task-list checkboxes and table column alignment.

use std::collections::HashSet;
use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tags(["input"])
        .add_generic_attributes(["id", "class", "aria-label", "aria-hidden"])
        .add_tag_attributes("details", ["open"])
        .add_tag_attributes("input", ["type", "disabled", "checked"])
        // Every input is a task list's checkbox, shown and never sent (a
        // filter, not `set_tag_attribute_value`, keeps attributes in order).
        .attribute_filter(|tag, attribute, value| match (tag, attribute) {
            ("input", "type") => Some("checkbox".into()),
            _ => Some(value.into()),
        })
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .filter_style_properties(HashSet::from(["text-align"]))
        // Links keep the rel they were written with: most are the handbook's own.
        .link_rel(None);
    b
});

/// The HTML of a page's Markdown, with only what the allow-list keeps.
pub fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn keeps_what_handbooks_use_and_drops_what_runs() {
        let kept = [
            "<details open=\"\"><summary>More</summary><p>Text</p></details>",
            "<p>Press <kbd>Ctrl</kbd></p>",
            "<table><thead><tr><th style=\"text-align:center\">a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
            "<p><img src=\"a.png\" alt=\"A chart\"></p>",
            "<h2 id=\"setup\">Setup</h2>",
            "<div class=\"alert alert-note\"><p class=\"alert-title\">Note</p></div>",
            "<li><input type=\"checkbox\" disabled=\"\" checked=\"\" aria-label=\"done\"> x</li>",
            "<pre><code class=\"language-rust\">fn main() {}</code></pre>",
            "<p><a href=\"../people/ana.html#x\">Ana</a></p>",
        ];
        for html in kept {
            assert_eq!(clean(html), html);
        }
        for (html, cleaned) in [
            ("<script>alert(1)</script><p>x</p>", "<p>x</p>"),
            ("<p onclick=\"alert(1)\">x</p>", "<p>x</p>"),
            ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
            ("<img src=\"x\" onerror=\"alert(1)\">", "<img src=\"x\">"),
            ("<iframe src=\"https://evil.example\"></iframe><style>p{}</style>", ""),
            ("<td style=\"background: url(x)\">1</td>", "1"),
            ("<input type=\"text\" name=\"password\">", "<input type=\"checkbox\">"),
        ] {
            assert_eq!(clean(html), cleaned, "{html}");
        }
    }
}
