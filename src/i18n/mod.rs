//! The team's language: every word the theme and the generated pages write
//! comes from a table of strings keyed by language (BCP 47). teambook ships
//! tables for en, de, fr, es, pt-BR, ja and zh-CN (themes/default/i18n/); a
//! handbook's own `i18n/<language>.toml` overrides or adds strings; a string
//! missing from both falls back to English, and `check` says which.
//!
//! A table is TOML: `[section]` tables of `key = "text"`, read as the key
//! `section.key`. A string that depends on a number is a table of CLDR plural
//! categories (`{ one = "{count} person", other = "{count} people" }`),
//! chosen by the language's plural rules. `{name}` in a text is filled in by
//! whoever writes it (`{count}` by the number).

#[cfg(test)]
mod coverage;
mod dates;
mod script;
mod table;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::Arc;

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};

use crate::diagnostics::{Code, Diagnostics};
use crate::source::SourceFile;
pub use dates::Style;
pub use script::script;
pub use table::Entry;

/// Where a handbook keeps its own tables.
pub const FOLDER: &str = "i18n";

macro_rules! shipped {
    ($($lang:literal),* $(,)?) => {
        [$(($lang, include_str!(concat!("../../themes/default/i18n/", $lang, ".toml")))),*]
    };
}

/// The tables teambook ships, English first: the reference every other is
/// checked against, and the fallback of a missing string.
pub const SHIPPED: [(&str, &str); 7] = shipped!("en", "de", "fr", "es", "pt-BR", "ja", "zh-CN");

/// Languages written right to left (their primary subtag).
const RTL: [&str; 10] = ["ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"];

/// The strings of one language, ready to be looked up.
pub struct Strings {
    /// The language as `teambook.toml` names it (`<html lang>`).
    pub language: String,
    table: BTreeMap<String, Entry>,
    plurals: Option<PluralRules>,
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Strings").field("language", &self.language).field("strings", &self.table.len()).finish()
    }
}

impl Default for Strings {
    fn default() -> Self {
        Strings::english()
    }
}

/// A placeholder's value: `("count", "3")`.
pub type Arg<'a> = (&'a str, &'a str);

/// English as shipped, for the words of messages to the person at the
/// command line (diagnostics stay in English).
pub fn english() -> &'static Strings {
    static ENGLISH: std::sync::LazyLock<Strings> = std::sync::LazyLock::new(Strings::english);
    &ENGLISH
}

impl Strings {
    /// English alone, as shipped.
    pub fn english() -> Strings {
        let mut diags = Diagnostics::default();
        Strings::build("en", None, &mut diags)
    }

    /// The strings of `language`: English, under the shipped table of the
    /// language (or of its primary language: `de-AT` reads `de`), under the
    /// handbook's own `i18n/<language>.toml`. Missing strings are reported
    /// against `config` (the file that names the language) or the handbook's table.
    pub fn load(root: &Path, language: &str, config: Option<(&SourceFile, usize)>, diags: &mut Diagnostics) -> Strings {
        let rel = format!("{FOLDER}/{language}.toml");
        let own = match fs::read(root.join(&rel)) {
            Ok(bytes) => crate::source::decode(&rel, bytes, diags),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                diags
                    .report_path(Code::Unreadable, &rel, format!("cannot read file: {}", e.kind()))
                    .hint("check the file's permissions");
                None
            }
        };
        let strings = Strings::build(language, own.as_ref(), diags);
        strings.report_missing(language, own.as_ref(), config, diags);
        strings
    }

    fn build(language: &str, own: Option<&SourceFile>, diags: &mut Diagnostics) -> Strings {
        let mut table = table::read_shipped(SHIPPED[0].1);
        if let Some((_, text)) = shipped_table(language).filter(|(l, _)| *l != "en") {
            table.extend(table::read_shipped(text));
        }
        if let Some(file) = own {
            table.extend(table::read(file, diags));
        }
        Strings { language: language.to_string(), table, plurals: plural_rules(language) }
    }

    /// One warning for the strings of the language that no table holds
    /// (they show in English), naming them.
    fn report_missing(
        &self,
        language: &str,
        own: Option<&SourceFile>,
        config: Option<(&SourceFile, usize)>,
        diags: &mut Diagnostics,
    ) {
        if shipped_table(language).is_some() {
            // Every shipped table holds every string (a test says so).
            return;
        }
        let english = table::read_shipped(SHIPPED[0].1);
        let own_keys = own.map(|f| table::read(f, &mut Diagnostics::default())).unwrap_or_default();
        let missing: Vec<&String> = english.keys().filter(|k| !own_keys.contains_key(*k)).collect();
        if missing.is_empty() {
            return;
        }
        let mut named: Vec<&str> = missing.iter().take(8).map(|k| k.as_str()).collect();
        if missing.len() > named.len() {
            named.push("…");
        }
        let message = format!(
            "{} of the theme's {} strings have no {language} text and show in English: {}",
            missing.len(),
            english.len(),
            named.join(", ")
        );
        let hint = format!(
            "write them in {FOLDER}/{language}.toml (copy themes/default/i18n/en.toml of teambook and translate it), or choose a language teambook ships: {}",
            SHIPPED.map(|(l, _)| l).join(", ")
        );
        match (own, config) {
            (Some(file), _) => diags.report(Code::MissingString, file, 0, message).hint(hint),
            (None, Some((file, at))) => diags.report(Code::MissingString, file, at, message).hint(hint),
            (None, None) => diags.report_path(Code::MissingString, crate::config::FILE_NAME, message).hint(hint),
        }
    }

    /// Whether the language is written right to left.
    pub fn rtl(&self) -> bool {
        let primary = self.language.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        RTL.contains(&primary.as_str())
    }

    /// `"rtl"` or `"ltr"`.
    pub fn dir(&self) -> &'static str {
        if self.rtl() { "rtl" } else { "ltr" }
    }

    /// The entry of a key, if any table has it.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.table.get(key)
    }

    /// Every key, for listing.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.table.keys().map(String::as_str)
    }

    /// The text of a key (its `other` form, if it has plural forms); empty
    /// if no table has it (a test keeps every key the code uses in the
    /// English table, and `t` in a template reports an unknown one).
    pub fn get(&self, key: &str) -> &str {
        self.table.get(key).map_or("", |e| e.text(PluralCategory::OTHER))
    }

    /// The text of a key with its placeholders filled in.
    pub fn fill(&self, key: &str, args: &[Arg<'_>]) -> String {
        fill(self.get(key), args)
    }

    /// The form of a key for the number `n`, with `{count}` and the other
    /// placeholders filled in.
    pub fn count(&self, key: &str, n: i64, args: &[Arg<'_>]) -> String {
        let text = self.table.get(key).map_or("", |e| e.text(self.category(n)));
        let n = n.to_string();
        let mut all = vec![("count", n.as_str())];
        all.extend_from_slice(args);
        fill(text, &all)
    }

    /// The text of the form a number takes.
    pub fn category(&self, n: i64) -> PluralCategory {
        self.plurals.as_ref().and_then(|p| p.select(n).ok()).unwrap_or(if n == 1 {
            PluralCategory::ONE
        } else {
            PluralCategory::OTHER
        })
    }

    /// A list of names in the table (months, week days); empty if none.
    pub fn list(&self, key: &str) -> &[String] {
        match self.table.get(key) {
            Some(Entry::List(items)) => items,
            _ => &[],
        }
    }
}

/// Replaces every `{name}` of `text` whose name is among `args`.
pub fn fill(text: &str, args: &[Arg<'_>]) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if args.iter().any(|(n, _)| *n == name) => {
                out.push_str(args.iter().find(|(n, _)| *n == name).map_or("", |(_, v)| v));
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The shipped table of a language: by its tag (any case), else by its
/// primary language (`pt-PT` reads pt-BR, `zh-TW` zh-CN).
fn shipped_table(language: &str) -> Option<(&'static str, &'static str)> {
    let lower = language.to_ascii_lowercase().replace('_', "-");
    let primary = lower.split('-').next().unwrap_or("");
    SHIPPED
        .iter()
        .find(|(l, _)| l.to_ascii_lowercase() == lower)
        .or_else(|| SHIPPED.iter().find(|(l, _)| l.split('-').next().is_some_and(|p| p.eq_ignore_ascii_case(primary))))
        .copied()
}

/// CLDR's cardinal plural rules of a language (or of its primary language).
fn plural_rules(language: &str) -> Option<PluralRules> {
    let tag = language.replace('_', "-");
    let primary = tag.split('-').next().unwrap_or("").to_string();
    [tag, primary].into_iter().find_map(|t| {
        let id: unic_langid::LanguageIdentifier = t.parse().ok()?;
        PluralRules::create(id, PluralRuleType::CARDINAL).ok()
    })
}

/// Shared between the pages rendered in parallel.
pub type Shared = Arc<Strings>;

#[cfg(test)]
mod tests {
    use super::{Strings, fill, shipped_table};

    #[test]
    fn placeholders_fill_and_unknown_ones_stay() {
        assert_eq!(fill("Page {page} of {pages}", &[("page", "2"), ("pages", "5")]), "Page 2 of 5");
        assert_eq!(fill("{nope} and {", &[("x", "1")]), "{nope} and {");
    }

    #[test]
    fn languages_find_their_table() {
        assert_eq!(shipped_table("de-AT").map(|t| t.0), Some("de"));
        assert_eq!(shipped_table("pt-br").map(|t| t.0), Some("pt-BR"));
        assert_eq!(shipped_table("zh").map(|t| t.0), Some("zh-CN"));
        assert_eq!(shipped_table("pl"), None);
    }

    #[test]
    fn plural_forms_follow_the_language() {
        let mut d = crate::diagnostics::Diagnostics::default();
        let en = Strings::build("en", None, &mut d);
        assert_eq!(en.count("people.reports", 1, &[]), "1 report");
        assert_eq!(en.count("people.reports", 0, &[]), "0 reports");
        let fr = Strings::build("fr", None, &mut d);
        // French: 0 and 1 are singular.
        assert_eq!(fr.count("people.reports", 0, &[]), "0 subordonné");
        let ja = Strings::build("ja", None, &mut d);
        assert!(!ja.rtl() && Strings::build("ar", None, &mut d).rtl());
    }
}
