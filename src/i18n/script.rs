//! The theme's scripts in the team's language: search.js and site.js hold a
//! line `var S = {}; // teambook:strings`, which the build replaces with the
//! `[js]` strings of the language (a plural string as its forms, chosen in
//! the browser by `Intl.PluralRules`). A script without the line is left as
//! it is.

use serde_json::{Map, Value};

use super::{Entry, Strings};

/// The line a script marks for its strings.
const MARK: &str = "var S = {}; // teambook:strings";

/// The script at `path` with its strings written in, or as it is.
pub fn script(strings: &Strings, path: &str, bytes: &[u8]) -> Vec<u8> {
    let Some(text) = path.ends_with(".js").then(|| std::str::from_utf8(bytes).ok()).flatten() else {
        return bytes.to_vec();
    };
    if !text.contains(MARK) {
        return bytes.to_vec();
    }
    let mut table = Map::new();
    for key in strings.keys().filter(|k| k.starts_with("js.")) {
        let value = match strings.entry(key) {
            Some(Entry::Plural(forms)) => {
                Value::Object(forms.iter().map(|(k, v)| (k.clone(), v.clone().into())).collect())
            }
            Some(e) => Value::String(e.text(intl_pluralrules::PluralCategory::OTHER).to_string()),
            None => continue,
        };
        table.insert(key["js.".len()..].to_string(), value);
    }
    // `</script>` cannot end a file loaded by src, but keep the JSON inert anyway.
    let json = serde_json::to_string(&table).unwrap_or_else(|_| "{}".into()).replace("</", "<\\/");
    text.replacen(MARK, &format!("var S = {json};"), 1).into_bytes()
}
