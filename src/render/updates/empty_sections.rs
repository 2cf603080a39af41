//! An update's sections that say only that there is nothing to say
//! ("## Asks" then "- None."): left out of its page, as a reader skips them.

/// What a section says when it has nothing in it, compared without case
/// and trailing full stop.
const NOTHING: [&str; 6] = ["none", "nothing", "n/a", "na", "-", "—"];

/// The HTML of an update's body without its `<h2>`/`<h3>` sections whose
/// only content is one "None." paragraph or list item.
pub fn without_empty_sections(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = next_heading(rest) {
        out.push_str(&rest[..at]);
        let section = &rest[at..];
        let end = next_heading(&section[3..]).map_or(section.len(), |n| n + 3);
        let (part, after) = section.split_at(end);
        if !says_nothing(part) {
            out.push_str(part);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Where the next `<h2` or `<h3` opens.
fn next_heading(html: &str) -> Option<usize> {
    [html.find("<h2"), html.find("<h3")].into_iter().flatten().min()
}

/// Whether a section (heading and all) holds only a word for nothing.
fn says_nothing(section: &str) -> bool {
    let Some(close) = section.find("</h2>").or_else(|| section.find("</h3>")) else { return false };
    let mut text = String::new();
    let mut in_tag = false;
    for c in section[close + 5..].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let said = text.trim().trim_end_matches('.').trim().to_lowercase();
    let blocks = section[close..].matches("<p").count() + section[close..].matches("<li").count();
    blocks == 1 && NOTHING.contains(&said.as_str())
}

#[cfg(test)]
mod tests {
    use super::without_empty_sections;

    #[test]
    fn sections_of_none_are_left_out_and_others_kept() {
        let html = "<h2 id=\"risks\">Risks</h2>\n<ul>\n<li>Holiday freeze.</li>\n</ul>\n\
                    <h2 id=\"asks\">Asks</h2>\n<ul>\n<li>None.</li>\n</ul>\n<h2>Next</h2>\n<p>N/A</p>\n";
        assert_eq!(
            without_empty_sections(html),
            "<h2 id=\"risks\">Risks</h2>\n<ul>\n<li>Holiday freeze.</li>\n</ul>\n"
        );
        // "None" among other items, or a heading with nothing under it, stays.
        let kept = "<h2>Asks</h2>\n<ul>\n<li>None.</li>\n<li>Budget.</li>\n</ul>\n<h3>Empty</h3>\n";
        assert_eq!(without_empty_sections(kept), kept);
        assert_eq!(without_empty_sections("<p>No headings. None.</p>"), "<p>No headings. None.</p>");
    }
}
