//! The team's language: example-team built in German and in Japanese holds
//! no English string of the theme (read from the built HTML: its text and
//! the attributes people hear or see), a handbook's own table overrides a
//! string and adds a language, and a language no table covers falls back to
//! English with one warning naming the strings.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use teambook::diagnostics::Diagnostics;
use teambook::i18n::Strings;

use crate::support::{Site, repo};

/// example-team with `language` set, built.
fn built_in(language: &str) -> Site {
    let site = Site::copy_of("example-team");
    let config = site.path().join("teambook.toml");
    let text = fs::read_to_string(&config).expect("teambook.toml");
    let text: String = text
        .lines()
        .map(|l| if l.starts_with("language") { format!("language = \"{language}\"") } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(&config, text).expect("write");
    site.run(&["build"]).status(0);
    site
}

/// Every text of every source file of a handbook: what people wrote, which
/// may say the same words as the theme.
fn sources(root: &Path) -> String {
    let mut out = String::new();
    for e in walkdir::WalkDir::new(root).into_iter().flatten() {
        let rel = e.path().strip_prefix(root).unwrap_or(e.path());
        if e.file_type().is_file() && !rel.starts_with("public") {
            out.push_str(&fs::read_to_string(e.path()).unwrap_or_default());
            out.push('\n');
        }
    }
    out
}

/// The English words of the theme that `language` says otherwise: each
/// text cut at its placeholders and tags, the pieces of two words or more
/// (or one long word), less those the handbook's own files contain.
fn english_pieces(language: &str, written: &str) -> BTreeSet<String> {
    let en = Strings::english();
    let other = Strings::load(Path::new("/nonexistent"), language, None, &mut Diagnostics::default());
    let mut out = BTreeSet::new();
    for key in en.keys() {
        let (Some(e), Some(o)) = (en.entry(key), other.entry(key)) else { continue };
        if e == o || key.starts_with("js.") {
            continue;
        }
        let theirs = o.texts().join(" ");
        for text in e.texts() {
            let mut plain = String::new();
            let mut skip = false;
            for c in text.chars() {
                match c {
                    '{' | '<' => {
                        skip = true;
                        plain.push('|');
                    }
                    '}' | '>' => skip = false,
                    c if !skip => plain.push(c),
                    _ => {}
                }
            }
            for piece in plain.split(['|', '(', ')', ':', ';', '.', ',', '“', '”', '→', '←']) {
                let piece = piece.trim();
                let long = piece.split(' ').count() >= 2 || piece.chars().count() >= 8;
                if long && piece.chars().any(char::is_alphabetic) && !written.contains(piece) && !theirs.contains(piece)
                {
                    out.insert(piece.to_string());
                }
            }
        }
    }
    out
}

/// What a page shows and says: its text (not scripts) and the attributes
/// read aloud or shown on pointing.
fn page_words(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let mut out = String::new();
    for node in doc.tree.nodes() {
        match node.value() {
            scraper::Node::Text(t) => {
                let parent = node.parent().and_then(|p| p.value().as_element().map(|e| e.name().to_string()));
                if !matches!(parent.as_deref(), Some("script" | "style")) {
                    out.push_str(t);
                    out.push('\n');
                }
            }
            scraper::Node::Element(e) => {
                for attr in ["aria-label", "title", "placeholder", "alt"] {
                    if let Some(v) = e.attr(attr) {
                        out.push_str(v);
                        out.push('\n');
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The theme's English pieces found in the built pages, with a page each.
fn english_left(site: &Site, language: &str) -> Vec<String> {
    let pieces = english_pieces(language, &sources(site.path()));
    assert!(pieces.len() > 150, "too few pieces to look for: {}", pieces.len());
    let mut found: Vec<String> = Vec::new();
    let public = site.path().join("public");
    let mut pages = 0;
    for e in walkdir::WalkDir::new(&public).into_iter().flatten() {
        if e.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        pages += 1;
        let html = fs::read_to_string(e.path()).expect("page");
        assert!(html.contains(&format!("<html lang=\"{language}\">")), "{}: lang", e.path().display());
        let words = page_words(&html);
        let rel = e.path().strip_prefix(&public).unwrap_or(e.path()).display().to_string();
        for piece in &pieces {
            if words.contains(piece.as_str()) && !found.iter().any(|f| f.starts_with(&format!("{piece:?}"))) {
                found.push(format!("{piece:?} in {rel}"));
            }
        }
    }
    assert!(pages > 100, "only {pages} pages");
    found
}

/// Builds example-team in `language`: no English of the theme is left,
/// and the home page says `heading`.
fn no_english_in(language: &str, heading: &str) {
    let site = built_in(language);
    let left = english_left(&site, language);
    assert!(left.is_empty(), "English left in the {language} build:\n{}", left.join("\n"));
    let home = fs::read_to_string(site.path().join("public/index.html")).expect("home");
    assert!(home.contains(heading), "{home}");
}

#[test]
fn example_team_in_german_holds_no_english_string_of_the_theme() {
    no_english_in("de", "Rollen und Personen");
}

#[test]
fn example_team_in_japanese_holds_no_english_string_of_the_theme() {
    no_english_in("ja", "役割とメンバー");
}

/// A goal's period and an interaction's mode read in the language, not as
/// the ids written in the files ("2026-Q4", "facilitating").
#[test]
fn periods_and_interaction_modes_are_words_of_the_language() {
    let site = built_in("ja");
    let read = |rel: &str| fs::read_to_string(site.path().join("public").join(rel)).expect(rel);
    let goals = read("goals/index.html");
    assert!(goals.contains(">2026年 第4四半期</a>") && !goals.contains("Q4 2026"), "{goals}");
    let period = read("goals/2026-Q4/index.html");
    assert!(period.contains("<title>2026年 第4四半期の目標"), "{period}");
    let update = read("updates/2026/2026-11-02.html");
    assert!(update.contains("との協働を始めました（ファシリテーション）"), "{update}");
    assert!(!update.contains("(facilitating)"), "{update}");
}

#[test]
fn the_scripts_carry_the_strings_of_the_language() {
    let site = built_in("de");
    let search = fs::read_to_string(site.path().join("public/assets/site.js")).expect("site.js");
    assert!(search.contains("\"search\":\"Suche\""), "{search}");
    assert!(!search.contains("teambook:strings"), "the mark is replaced");
    let english = fs::read_to_string(repo().join("themes/default/static/site.js")).expect("source");
    assert!(english.contains("var S = {}; // teambook:strings"));
}

#[test]
fn a_handbook_table_overrides_a_string_and_a_new_language_falls_back_to_english_with_one_warning() {
    let site = Site::new()
        .file("teambook.toml", "title = \"Zespół\"\ntimezone = \"UTC\"\nlanguage = \"pl\"\n")
        .file("i18n/pl.toml", "[index]\nhome = \"Strona główna\"\n\n[people]\nreports = { one = \"{count} podwładny\", few = \"{count} podwładnych\", many = \"{count} podwładnych\", other = \"{count} podwładnego\" }\n")
        .file("roles/em.md", "---\ntitle: Engineering Manager\n---\n");
    let run = site.run(&["check"]);
    let err = run.stderr();
    assert_eq!(err.matches("show in English").count(), 1, "{err}");
    assert!(
        err.contains("warning: i18n/pl.toml:1:1: ")
            && err.contains("have no pl text")
            && err.contains("area.consulted"),
        "{err}"
    );
    site.run(&["build"]).status(0);
    let home = fs::read_to_string(site.path().join("public/index.html")).expect("home");
    assert!(home.contains("<html lang=\"pl\">") && home.contains(">Strona główna</a>"), "{home}");
    // What the table lacks is English.
    assert!(home.contains("Skip to content"), "{home}");

    // A German handbook overrides one string of the shipped table.
    let de = Site::new()
        .file("teambook.toml", "title = \"Team\"\ntimezone = \"UTC\"\nlanguage = \"de\"\n")
        .file("i18n/de.toml", "[index]\nhome = \"Übersicht\"\n");
    let run = de.run(&["build"]).status(0);
    assert!(!run.stderr().contains("missing-string"), "{}", run.stderr());
    let home = fs::read_to_string(de.path().join("public/index.html")).expect("home");
    assert!(home.contains(">Übersicht</a>") && home.contains("Zum Inhalt springen"), "{home}");
}

#[test]
fn a_right_to_left_language_sets_dir_and_an_override_template_uses_the_strings() {
    let site = Site::new()
        .file("teambook.toml", "title = \"فريق\"\ntimezone = \"UTC\"\nlanguage = \"ar\"\n")
        .file("i18n/ar.toml", "[custom]\nhello = \"مرحبا {name}\"\n")
        .file("templates/roles.html", "{% extends \"teambook/roles.html\" %}{% block main %}<p id=\"hi\">{{ t(key=\"custom.hello\", name=\"<Ana>\") }} {{ t(key=\"people.reports\", count=3) }}</p>{% endblock main %}");
    site.run(&["build"]).status(0);
    let roles = fs::read_to_string(site.path().join("public/roles/index.html")).expect("roles");
    assert!(roles.contains("<html lang=\"ar\" dir=\"rtl\">"), "{roles}");
    assert!(roles.contains("<p id=\"hi\">مرحبا &lt;Ana&gt; 3 reports</p>"), "{roles}");

    // A key no table has is a template error at its place.
    let broken = Site::new().file(
        "templates/roles.html",
        "{% extends \"teambook/roles.html\" %}{% block main %}{{ t(key=\"people.report\") }}{% endblock main %}",
    );
    let run = broken.run(&["build"]).status(1);
    let err = run.stderr();
    assert!(err.contains("templates/roles.html:1:") && err.contains("no string \"people.report\""), "{err}");
    assert!(err.contains("did you mean \"people.reports\""), "{err}");
}
