//! Template tags of other generators standing on a line of their own in a
//! page's text: GitBook's `{% hint style="info" %}` … `{% endhint %}` and
//! `{% embed url="…" %}`, Jekyll's and Eleventy's `{% include %}`. teambook
//! runs no templates: each is found (for a warning at its line) and masked
//! before Markdown reads the text, with text of the same length, so every
//! offset stays where it was: a hint becomes a GitHub alert, an embed a link
//! to its address; any other tag (which may stand in a sentence) is shown
//! as written.

use std::borrow::Cow;

/// A tag found on its own line, outside code.
pub struct FoundTag {
    /// Byte offset of the tag in the text.
    pub at: usize,
    /// Its name: `hint`, `embed`, `include`.
    pub name: String,
    /// `Some(alert)` for a hint whose style maps to one (`note`, `tip`, `warning`, `caution`).
    pub alert: Option<&'static str>,
}

/// Every tag on a line of its own, outside fenced code, in order.
pub fn find(text: &str) -> Vec<FoundTag> {
    if !text.contains("{%") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let trimmed = line.trim();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            continue;
        }
        let Some(inner) = trimmed.strip_prefix("{%").and_then(|t| t.strip_suffix("%}")) else { continue };
        if inner.contains("%}") {
            continue;
        }
        let inner = inner.trim_matches(['-', ' ']);
        let name: String = inner.chars().take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_').collect();
        if name.is_empty() {
            continue;
        }
        let alert = (name == "hint").then(|| hint_alert(&attr(inner, "style").unwrap_or_default())).flatten();
        out.push(FoundTag { at: start + line.find("{%").unwrap_or(0), name, alert });
    }
    out
}

/// The text with each tag replaced by text of the same length (see the module).
pub fn mask(text: &str) -> Cow<'_, str> {
    let found = find(text);
    if found.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    for tag in found {
        let len = text[tag.at..].find("%}").map_or(0, |i| i + 2);
        let written = &text[tag.at..tag.at + len];
        let url = attr(written, "url").filter(|u| u.starts_with("https://") || u.starts_with("http://"));
        let with = match (tag.name.as_str(), tag.alert, url) {
            ("hint", Some(alert), _) => format!("<!--tb:hint:{alert}-->"),
            ("hint", None, _) => "<!--tb:hint:note-->".to_string(),
            ("endhint", ..) => END.to_string(),
            ("embed", _, Some(url)) if !url.contains(['<', '>', ' ']) => format!("<{url}>"),
            ("embed", ..) => String::new(),
            // Any other tag may stand inside a sentence: it is shown as written.
            _ => continue,
        };
        let with = if with.len() <= len { with } else { String::new() };
        out.replace_range(tag.at..tag.at + len, &format!("{with:len$}"));
    }
    Cow::Owned(out)
}

/// What an `{% endhint %}` becomes; a hint's opening is `<!--tb:hint:` and its alert.
pub const END: &str = "<!--tb:end-->";
pub const HINT: &str = "<!--tb:hint:";

/// The GitHub alert a GitBook hint's style maps to.
fn hint_alert(style: &str) -> Option<&'static str> {
    match style {
        "info" => Some("note"),
        "success" => Some("tip"),
        "warning" => Some("warning"),
        "danger" => Some("caution"),
        _ => None,
    }
}

/// The value of `key="…"` in a tag.
fn attr(tag: &str, key: &str) -> Option<String> {
    let rest = &tag[tag.find(&format!("{key}="))? + key.len() + 1..];
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    Some(rest[1..].split(quote).next()?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_tags_keeping_every_offset() {
        let text = "a\n\n{% hint style=\"info\" %}\nRead this.\n{% endhint %}\n\n{% embed url=\"https://x.y/v\" %}\n\n```\n{% raw %}\n```\n{% include x.html %}\n";
        let masked = mask(text);
        assert_eq!(masked.len(), text.len());
        assert!(masked.contains("<!--tb:hint:note-->") && masked.contains(END) && masked.contains("<https://x.y/v>"));
        assert!(masked.contains("{% raw %}") && masked.contains("{% include x.html %}"));
        let names: Vec<String> = find(text).into_iter().map(|t| t.name).collect();
        assert_eq!(names, ["hint", "endhint", "embed", "include"]);
    }
}
