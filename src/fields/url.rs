//! Addresses that teambook writes into an `href` or `src` as they are
//! written: `base_url`, `[repo] url`, `agenda_doc`, a person's `links`, a
//! goal's `parent`, and every other field declared `Ty::Url`. One check for
//! all of them, so that none can carry `javascript:` or `data:` onto a page:
//! an absolute http(s) address with a host and nothing a link cannot hold
//! (or, where an address is meant, an email address).

/// What is wrong with an address, for a message that starts with its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No `http://` or `https://` (a `javascript:` or `ftp:` address, a path).
    NotWeb,
    /// `https://` and nothing, or nothing before the path.
    NoHost,
    /// A space, a control character or a character HTML or URLs give a meaning.
    Holds(char),
    /// An email address that is not one `name@host`.
    NotEmail,
}

impl Problem {
    /// "`repo.url` "javascript:x" is not ...", with `written` as written.
    pub fn message(&self, key: &str, written: &str) -> String {
        format!("`{key}` {}", self.describe(written))
    }

    /// What is wrong, after the name of what was written.
    pub fn describe(&self, written: &str) -> String {
        match self {
            Problem::NotWeb => format!("{written:?} is not an absolute http(s) address"),
            Problem::NoHost => format!("{written:?} names no host"),
            Problem::Holds(c) => format!("{written:?} contains {c:?}, which an address cannot hold"),
            Problem::NotEmail => format!("{written:?} is not an email address"),
        }
    }

    pub fn hint(&self) -> &'static str {
        match self {
            Problem::NotWeb | Problem::NoHost => {
                "write the whole address, starting with https://: it becomes a link on the site"
            }
            Problem::Holds(_) => "write a space as %20, or leave it out",
            Problem::NotEmail => "write the address alone, like \"mitra@example.com\"",
        }
    }
}

/// Characters no address written into a page may hold: they end an
/// attribute, start markup, or are not allowed in a URL unescaped.
fn bad_char(text: &str) -> Option<char> {
    text.chars().find(|c| c.is_whitespace() || c.is_control() || "<>\"'\\^`{|}".contains(*c))
}

/// An absolute `http://` or `https://` address with a host (the scheme in
/// any case, as browsers read it).
pub fn web(written: &str) -> Result<(), Problem> {
    let u = written.trim();
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|s| u.get(..s.len()).filter(|p| p.eq_ignore_ascii_case(s)).map(|_| &u[s.len()..]))
        .ok_or(Problem::NotWeb)?;
    if let Some(c) = bad_char(u) {
        return Err(Problem::Holds(c));
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.starts_with('@') || host.starts_with(':') {
        return Err(Problem::NoHost);
    }
    Ok(())
}

/// The address of `mailto:name@host` or of `name@host`.
pub fn without_mailto(written: &str) -> &str {
    let u = written.trim();
    u.get(..7).filter(|p| p.eq_ignore_ascii_case("mailto:")).map_or(u, |_| &u[7..])
}

/// An email address, alone or as `mailto:name@host`: one `@` with text on
/// both sides and nothing that would change the link (`?`, spaces, quotes).
pub fn email(written: &str) -> Result<(), Problem> {
    let address = without_mailto(written);
    if let Some(c) = bad_char(address) {
        return Err(Problem::Holds(c));
    }
    match address.split_once('@') {
        Some((name, host))
            if !name.is_empty() && !host.is_empty() && !host.contains('@') && !address.contains(['?', '/', ':']) =>
        {
            Ok(())
        }
        _ => Err(Problem::NotEmail),
    }
}

/// The scheme an address starts with (`javascript` in `JavaScript:x`), as a
/// browser reads it: letters, digits, `+`, `-`, `.` before a `:`, the first
/// a letter. Browsers drop tabs and newlines inside it (`java\tscript:`).
pub fn scheme(text: &str) -> Option<String> {
    let cleaned: String = text.trim_start().chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let (head, _) = cleaned.split_once(':')?;
    let mut chars = head.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then(|| head.to_ascii_lowercase())
}

/// Whether text is written as an address rather than a name or a path: it
/// has a scheme, or starts with `//` (the same scheme as the page).
pub fn is_address(text: &str) -> bool {
    scheme(text).is_some() || text.trim_start().starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses() {
        assert_eq!(web("https://github.com/acme/handbook"), Ok(()));
        assert_eq!(web("HTTP://example.com"), Ok(()));
        assert_eq!(web("javascript:alert(8)//"), Err(Problem::NotWeb));
        assert_eq!(web("//evil.example/x"), Err(Problem::NotWeb));
        assert_eq!(web("https://"), Err(Problem::NoHost));
        assert_eq!(web("https:///path"), Err(Problem::NoHost));
        assert_eq!(web("https://a.example/x\" onmouseover=\"x"), Err(Problem::Holds('"')));
        assert_eq!(web("https://a.example/\nx"), Err(Problem::Holds('\n')));
    }

    #[test]
    fn email_addresses() {
        assert_eq!(email("mitra@example.com"), Ok(()));
        assert_eq!(email("mailto:mitra@example.com"), Ok(()));
        assert_eq!(email("javascript:alert(1)"), Err(Problem::NotEmail));
        assert_eq!(email("a@b?body=x"), Err(Problem::NotEmail));
        assert_eq!(email("mitra"), Err(Problem::NotEmail));
        assert_eq!(email("a b@c"), Err(Problem::Holds(' ')));
    }

    #[test]
    fn schemes_as_browsers_read_them() {
        assert_eq!(scheme("JavaScript:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(scheme("java\tscript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme(" data:text/html,x").as_deref(), Some("data"));
        assert_eq!(scheme("pages/a:b.md"), None);
        assert_eq!(scheme("a:b.png").as_deref(), Some("a"));
        assert_eq!(scheme("./a:b.png"), None);
        assert_eq!(scheme("1x:y"), None);
        assert!(is_address("//evil.example/x"));
        assert!(!is_address("/old/path/"));
    }
}
