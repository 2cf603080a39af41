//! Front matter in YAML and JSON reads exactly like TOML: example-team
//! with every file's front matter rewritten builds the very same site, and
//! problems inside YAML are reported at their file:line:column.

use std::fs;
use std::path::Path;

use crate::support::{Site, run_in, tree_digest};

/// Rewrites the `+++` front matter of every Markdown file under `root` with `to`.
fn rewrite(root: &Path, to: fn(&toml::Table) -> String) {
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.expect("walk");
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = fs::read_to_string(entry.path()).expect("read");
        let Some(rest) = text.strip_prefix("+++\n") else { continue };
        let (front, body) = rest.split_once("\n+++\n").expect("closed front matter");
        let table: toml::Table = front.parse().expect("example-team's TOML parses");
        fs::write(entry.path(), format!("{}{body}", to(&table))).expect("write");
    }
}

fn yaml_value(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => serde_json::to_string(s).expect("string"),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => format!("{f:?}"),
        toml::Value::Boolean(b) => b.to_string(),
        // YAML has no dates: a date is written plain, as people write it.
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Array(items) => format!("[{}]", items.iter().map(yaml_value).collect::<Vec<_>>().join(", ")),
        toml::Value::Table(t) => {
            format!("{{{}}}", t.iter().map(|(k, v)| format!("{k}: {}", yaml_value(v))).collect::<Vec<_>>().join(", "))
        }
    }
}

/// Block style at the top, lists of tables as `- ` items, the rest in flow style.
fn to_yaml(table: &toml::Table) -> String {
    let mut out = String::from("---\n");
    for (key, value) in table {
        match value {
            toml::Value::Array(items) if items.iter().all(toml::Value::is_table) && !items.is_empty() => {
                out.push_str(&format!("{key}:\n"));
                for item in items {
                    let t = item.as_table().expect("table");
                    for (i, (k, v)) in t.iter().enumerate() {
                        let lead = if i == 0 { "  - " } else { "    " };
                        out.push_str(&format!("{lead}{k}: {}\n", yaml_value(v)));
                    }
                }
            }
            toml::Value::Table(t) => {
                out.push_str(&format!("{key}:\n"));
                for (k, v) in t {
                    out.push_str(&format!("  {k}: {}\n", yaml_value(v)));
                }
            }
            _ => out.push_str(&format!("{key}: {}\n", yaml_value(value))),
        }
    }
    out.push_str("---\n");
    out
}

fn to_json(table: &toml::Table) -> String {
    fn json(v: &toml::Value) -> serde_json::Value {
        match v {
            toml::Value::String(s) => s.clone().into(),
            toml::Value::Integer(i) => (*i).into(),
            toml::Value::Float(f) => (*f).into(),
            toml::Value::Boolean(b) => (*b).into(),
            toml::Value::Datetime(d) => d.to_string().into(),
            toml::Value::Array(items) => items.iter().map(json).collect::<Vec<_>>().into(),
            toml::Value::Table(t) => {
                t.iter().map(|(k, v)| (k.clone(), json(v))).collect::<serde_json::Map<_, _>>().into()
            }
        }
    }
    let value = json(&toml::Value::Table(table.clone()));
    format!("{}\n", serde_json::to_string_pretty(&value).expect("json"))
}

fn build(site: &Site, out: &Path) {
    run_in(site.path(), &["build", "--strict", "-o", out.to_str().expect("utf-8 path")]).status(0);
}

#[test]
fn yaml_and_json_front_matter_build_the_same_site_as_toml() {
    let outputs = Site::empty();
    let toml_site = Site::copy_of("example-team");
    build(&toml_site, &outputs.path().join("toml"));
    let expected = tree_digest(&outputs.path().join("toml"));
    for (name, to) in [("yaml", to_yaml as fn(&toml::Table) -> String), ("json", to_json)] {
        let site = Site::copy_of("example-team");
        rewrite(site.path(), to);
        let sample = fs::read_to_string(site.path().join("projects/search-revamp.md")).expect("read");
        assert!(!sample.starts_with("+++"), "{sample}");
        build(&site, &outputs.path().join(name));
        let got = tree_digest(&outputs.path().join(name));
        let differ: Vec<_> =
            expected.iter().filter(|(path, digest)| got.get(*path) != Some(*digest)).map(|(p, _)| p).collect();
        assert!(
            differ.is_empty() && got.len() == expected.len(),
            "{name}: these files differ from the TOML build: {differ:?}"
        );
    }
}

#[test]
fn problems_inside_yaml_are_located() {
    let site = Site::new()
        .file("roles/engineer.md", "---\ntitle: Engineer\n---\n")
        .file(
            "people/ana.md",
            "---\nname: Ana\nroles: [enginer]\njoined: 2026-02-30\nmanagr: bo\nlinks:\n  email: [a, b]\n---\nBio.\n",
        )
        .file("people/bo.md", "---\nname: Bo\nroles:\n  - engineer\nweight: [unclosed\n---\n")
        .file("pages/guide.md", "---\ntitle: Guide\nweight: three\n---\n# Not the title\n");
    let err = site.run(&["check"]).status(1).stderr();
    let want = [
        "error: people/ana.md:3:9: unknown role \"enginer\" (did you mean \"engineer\"?)",
        "error: people/ana.md:4:9: invalid date \"2026-02-30\" in `joined` (no such day on the calendar; write it as YYYY-MM-DD, e.g. 2026-01-05)",
        "warning: people/ana.md:5:1: unknown key `managr` (did you mean `manager`?)",
        "error: people/ana.md:7:10: `links.email` must be a string, not a list (write it like email: \"https://...\")",
        "error: pages/guide.md:3:9: `weight` must be a whole number, not a string (write it like weight: 3)",
    ];
    for line in want {
        assert!(err.contains(line), "missing {line:?} in:\n{err}");
    }
    // One syntax error for bo.md, at its place, and nothing recovered from it reported missing.
    let bo: Vec<&str> = err.lines().filter(|l| l.contains("people/bo.md")).collect();
    assert_eq!(bo.len(), 1, "{bo:?}");
    assert!(bo[0].starts_with("error: people/bo.md:") && bo[0].contains("invalid YAML"), "{bo:?}");
}

#[test]
fn front_matter_teambook_cannot_read_is_an_error_never_page_text() {
    let site = Site::new()
        .file("pages/open.md", "---\ntitle: Never closed\n\n# Body\n")
        .file("pages/list.md", "---\n- just\n- a list\n---\nBody\n")
        .file("pages/json.md", "{\n  \"title\": \"Unclosed\"\n\nBody\n");
    let err = site.run(&["check"]).status(1).stderr();
    assert!(err.contains("error: pages/open.md:1:1: front matter opened with `---` is never closed"), "{err}");
    assert!(err.contains("error: pages/list.md:2:1: front matter must be keys with values, not a list"), "{err}");
    assert!(err.contains("error: pages/json.md:1:1: JSON front matter opened with `{` is never closed"), "{err}");
}

#[test]
fn yaml_titles_are_used_and_never_published_as_text() {
    let site = Site::new()
        .file("pages/guide.md", "---\ntitle: \"The guide\"\nweight: 3\n---\nSome text.\n")
        .file("pages/dated.md", "{\n  \"title\": \"JSON page\"\n}\nMore text.\n");
    let out = Site::empty();
    build(&site, out.path());
    let guide = fs::read_to_string(out.path().join("guide.html")).expect("guide.html");
    assert!(guide.contains("<title>The guide"), "the YAML title is the page's title");
    assert!(!guide.contains("weight: 3") && !guide.contains("title:"), "front matter leaked into the page");
    let json = fs::read_to_string(out.path().join("dated.html")).expect("dated.html");
    assert!(json.contains("<title>JSON page") && !json.contains("&quot;title&quot;"), "JSON front matter leaked");
}

#[test]
fn extra_keys_accept_foreign_front_matter_silently() {
    let page = "---\ntitle: Guide\nkeywords: [a, b]\nlayout: docs\n---\nText.\n";
    let site = Site::new().file("pages/guide.md", page);
    let err = site.run(&["check"]).status(0).stderr();
    assert!(err.contains("unknown key `keywords`") && err.contains("unknown key `layout`"), "{err}");
    let site = Site::empty()
        .file("teambook.toml", "title = \"T\"\nextra_keys = [\"keywords\", \"layout\"]\n")
        .file("pages/guide.md", page);
    site.run(&["check", "--strict"]).status(0);
}

#[test]
fn yaml_dates_may_be_plain_or_quoted() {
    let site = Site::new()
        .file("people/ana.md", "---\nname: Ana\nroles: [engineer]\njoined: 2024-03-01\nleft: \"2030-01-31\"\n---\n")
        .file("roles/engineer.md", "---\ntitle: Engineer\n---\n");
    site.run(&["check", "--strict"]).status(0);
}
