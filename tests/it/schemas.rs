//! The JSON Schemas for editors (`teambook schema`, and what `init` writes)
//! agree with the checker: example-team validates against them with Ajv, an
//! independent JSON Schema validator, and a misspelled key is refused by
//! both. They are made from the same field tables `check` reads files by.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{Site, npm_tool, repo, run_in};

/// A TOML document as the JSON an editor validates: dates as their text.
fn json_of(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => f.into(),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(items) => items.into_iter().map(json_of).collect::<Vec<_>>().into(),
        toml::Value::Table(t) => t.into_iter().map(|(k, v)| (k, json_of(v))).collect::<serde_json::Map<_, _>>().into(),
    }
}

/// The settings of a handbook's file as JSON: the whole of a `.toml` file,
/// the front matter of a Markdown one.
fn settings(path: &Path) -> serde_json::Value {
    let text = fs::read_to_string(path).expect("read");
    let toml_text = match text.strip_prefix("+++\n") {
        Some(rest) => rest.split_once("\n+++").map_or("", |(front, _)| front).to_string(),
        None => text,
    };
    json_of(toml::Value::Table(toml_text.parse().expect("TOML")))
}

/// Validates documents with Ajv; returns each document's errors.
fn ajv(schema: &Path, docs: &[PathBuf]) -> Vec<(String, Vec<String>)> {
    let script = repo().join("tests/tools/ajv.cjs");
    let out = Command::new("node").arg(&script).arg(schema).args(docs).output().expect("node");
    assert!(out.status.success(), "ajv: {}", String::from_utf8_lossy(&out.stderr));
    let results: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("ajv's JSON");
    results
        .into_iter()
        .map(|r| {
            let errors = r["errors"].as_array().into_iter().flatten().map(|e| e.as_str().unwrap_or("").to_string());
            (r["file"].as_str().unwrap_or("").to_string(), errors.collect())
        })
        .collect()
}

/// Writes each file's settings as JSON into `into`, by schema name.
fn documents(handbook: &Path, into: &Path) -> Vec<(&'static str, Vec<PathBuf>)> {
    let mut out: Vec<(&'static str, Vec<PathBuf>)> = Vec::new();
    let mut add = |schema: &'static str, path: PathBuf| {
        let json = into.join(format!("{}-{}.json", schema, out.iter().map(|(_, d)| d.len()).sum::<usize>()));
        fs::write(&json, serde_json::to_string(&settings(&path)).expect("json")).expect("write");
        match out.iter_mut().find(|(s, _)| *s == schema) {
            Some((_, docs)) => docs.push(json),
            None => out.push((schema, vec![json])),
        }
    };
    add("teambook", handbook.join("teambook.toml"));
    add("ownership", handbook.join("ownership.toml"));
    if handbook.join("one_on_ones.toml").is_file() {
        add("one_on_ones", handbook.join("one_on_ones.toml"));
    }
    for (schema, folder) in [
        ("role", "roles"),
        ("person", "people"),
        ("ceremony", "ceremonies"),
        ("project", "projects"),
        ("goal", "goals"),
        ("update", "updates"),
        ("page", "pages"),
        ("decision", "decisions"),
        ("duty", "duties"),
    ] {
        for entry in walkdir::WalkDir::new(handbook.join(folder)).into_iter().filter_map(Result::ok) {
            let text = fs::read_to_string(entry.path()).unwrap_or_default();
            if entry.path().extension().is_some_and(|e| e == "md") && text.starts_with("+++\n") {
                add(schema, entry.path().to_path_buf());
            }
        }
    }
    out
}

#[test]
fn example_team_validates_against_its_schemas_with_an_independent_validator() {
    if npm_tool("ajv/package.json").is_none() {
        return;
    }
    let out = Site::empty();
    let schemas = out.path().join("schemas");
    let run = run_in(&repo(), &["schema", "example-team", "--out", schemas.to_str().expect("utf-8")]).status(0);
    assert_eq!(run.stdout().lines().count(), 12, "{}", run.stdout());
    let docs = out.path().join("docs");
    fs::create_dir_all(&docs).expect("mkdir");
    let mut checked = 0;
    for (schema, files) in documents(&repo().join("example-team"), &docs) {
        for (file, errors) in ajv(&schemas.join(format!("{schema}.schema.json")), &files) {
            assert!(errors.is_empty(), "{schema}: {file} is invalid: {errors:?}");
            checked += 1;
        }
    }
    assert!(checked > 45, "only {checked} files checked");
}

#[test]
fn a_misspelled_key_is_refused_by_both() {
    if npm_tool("ajv/package.json").is_none() {
        return;
    }
    let site = Site::copy_of("example-team");
    let jonas = site.path().join("people/jonas.md");
    let text = fs::read_to_string(&jonas).expect("read").replacen("manager = ", "managr = ", 1);
    fs::write(&jonas, text).expect("write");
    site.run(&["check", "--strict"]).status(1).stderr_has("unknown key `managr` (did you mean `manager`?)");
    site.run(&["schema"]).status(0);
    let doc = site.path().join("jonas.json");
    fs::write(&doc, serde_json::to_string(&settings(&jonas)).expect("json")).expect("write");
    let results = ajv(&site.path().join(".teambook/schemas/person.schema.json"), &[doc]);
    assert!(results[0].1.iter().any(|e| e.contains("\"additionalProperty\":\"managr\"")), "{results:?}");
}

#[test]
fn schemas_follow_the_handbook_and_editors_markers_are_accepted() {
    let site = Site::empty()
        .file(
            "teambook.toml",
            "#:schema ./.teambook/schemas/teambook.schema.json\n\"$schema\" = \"./.teambook/schemas/teambook.schema.json\"\ntitle = \"T\"\nextra_keys = [\"tags\"]\n\n[board]\nstages = [\"Next\", \"Now\", \"Done\"]\n",
        )
        .file("pages/a.md", "---\n$schema: ../.teambook/schemas/page.schema.json\ntitle: A\ntags: [x]\n---\n");
    site.run(&["check", "--strict"]).status(0);
    site.run(&["schema"]).status(0);
    let project: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(site.path().join(".teambook/schemas/project.schema.json")).expect("read"),
    )
    .expect("json");
    assert_eq!(project["properties"]["stage"]["enum"], serde_json::json!(["Next", "Now", "Done"]));
    assert_eq!(project["required"], serde_json::json!(["title", "stage"]));
    let page: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(site.path().join(".teambook/schemas/page.schema.json")).expect("read"),
    )
    .expect("json");
    assert!(page["properties"]["tags"].is_object(), "extra_keys are allowed: {}", page["properties"]);
    assert_eq!(page["additionalProperties"], false);
}

#[test]
fn init_wires_the_schemas_up_for_taplo() {
    let dir = Site::empty();
    run_in(dir.path(), &["init", "handbook"]).status(0);
    let root = dir.path().join("handbook");
    let taplo = fs::read_to_string(root.join(".taplo.toml")).expect(".taplo.toml");
    assert!(
        taplo.contains("include = [\"**/teambook.toml\"]")
            && taplo.contains("path = \"./.teambook/schemas/teambook.schema.json\""),
        "{taplo}"
    );
    for schema in ["teambook", "ownership", "one_on_ones", "role", "person", "ceremony", "project", "update", "page"] {
        assert!(root.join(format!(".teambook/schemas/{schema}.schema.json")).is_file(), "{schema}");
    }
    let config = fs::read_to_string(root.join("teambook.toml")).expect("teambook.toml");
    assert!(config.starts_with("#:schema ./.teambook/schemas/teambook.schema.json\n"), "{config}");
    run_in(&root, &["check", "--strict"]).status(0);
}
