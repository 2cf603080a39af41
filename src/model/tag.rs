//! Tags: the `tags` (and `categories`) of free pages, as Obsidian, Hugo and
//! Jekyll write them. Each tag has a page listing the pages that carry it
//! (`tags/<slug>/`), and the search can be narrowed to one.

use super::Handbook;

/// One tag and the pages that carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// As first written (`Onboarding`).
    pub name: String,
    /// Its address under `tags/`: tags whose slugs are the same
    /// (`Onboarding`, `onboarding`) are one tag.
    pub slug: String,
    /// The pages that carry it, by title.
    pub pages: Vec<usize>,
}

/// The slug of a tag: `Team Life` → `team-life`; Obsidian's nested tags
/// (`area/infra`) → `area-infra`; a tag of nothing a slug keeps (`🚀`)
/// stays as written.
pub fn slug(name: &str) -> String {
    Some(crate::urls::slug_part(name)).filter(|s| !s.is_empty()).unwrap_or_else(|| name.to_string())
}

/// Every tag of the handbook's pages, by name (case aside).
pub fn tags(hb: &Handbook) -> Vec<Tag> {
    let mut by_slug: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut out: Vec<Tag> = Vec::new();
    for (i, page) in hb.pages.iter().enumerate() {
        for tag in &page.tags {
            let slug = slug(&tag.value);
            let at = *by_slug.entry(slug.clone()).or_insert_with(|| {
                out.push(Tag { name: tag.value.clone(), slug, pages: Vec::new() });
                out.len() - 1
            });
            if out[at].pages.last() != Some(&i) {
                out[at].pages.push(i);
            }
        }
    }
    for tag in &mut out {
        tag.pages
            .sort_by(|&a, &b| hb.pages[a].title.to_lowercase().cmp(&hb.pages[b].title.to_lowercase()).then(a.cmp(&b)));
    }
    out.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.slug.cmp(&b.slug)));
    out
}

/// Whether any page carries a tag (then the site has tag pages).
pub fn any(hb: &Handbook) -> bool {
    hb.pages.iter().any(|p| !p.tags.is_empty())
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn tags_are_slugs() {
        assert_eq!(slug("Team Life"), "team-life");
        assert_eq!(slug("area/infra"), "area-infra");
        assert_eq!(slug("🚀"), "🚀");
    }
}
