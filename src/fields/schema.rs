//! JSON Schemas for editors (Taplo / Even Better TOML, YAML language
//! servers), made from the very `Schema` tables the checker reads files by,
//! so that completion, hover text and validation say what `check` says.
//! Draft-07, each file self-contained (Taplo follows no external reference).

use serde_json::{Map, Value, json};

use super::spec::{Field, Schema, Ty};
use crate::model::Kind;

/// What a schema can say about the handbook it is made for.
#[derive(Default)]
pub struct Context<'a> {
    /// The board's stages, for `stage` fields.
    pub stages: &'a [String],
    /// Foreign front-matter keys the handbook accepts.
    pub extra_keys: &'a [String],
}

const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

/// The JSON Schema of a file whose settings are `schema`.
pub fn document(title: &str, schema: &Schema, cx: &Context<'_>, front_matter: bool) -> Value {
    let mut root = table(schema, cx);
    let Some(object) = root.as_object_mut() else { return root };
    object.insert("$schema".into(), json!(DRAFT));
    object.insert("title".into(), json!(title));
    if let Some(Value::Object(props)) = object.get_mut("properties") {
        // Editors find the schema by this key; `check` accepts it anywhere.
        props.insert("$schema".into(), json!({ "type": "string", "description": "the JSON Schema of this file" }));
        if front_matter {
            for key in cx.extra_keys {
                props
                    .entry(key.clone())
                    .or_insert(json!({ "description": "a key of another generator, accepted by `extra_keys`" }));
            }
        }
    }
    root
}

fn table(schema: &Schema, cx: &Context<'_>) -> Value {
    let fields: Vec<&Field> = schema.fields.iter().chain(schema.common).collect();
    let properties: Map<String, Value> = fields.iter().map(|f| (f.key.to_string(), field(f, cx))).collect();
    let required: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.key).collect();
    let mut out = json!({
        "type": "object",
        "description": schema.doc,
        "properties": properties,
        "additionalProperties": schema.rest.map_or(json!(false), |ty| value(ty, cx)),
    });
    if !required.is_empty() {
        out["required"] = json!(required);
    }
    out
}

fn field(f: &Field, cx: &Context<'_>) -> Value {
    let mut v = value(f.ty, cx);
    if let Value::Object(map) = &mut v {
        map.insert("description".into(), json!(f.doc));
    }
    v
}

/// The schema of one value of a type.
fn value(ty: Ty, cx: &Context<'_>) -> Value {
    let string = |extra: Value| {
        let mut v = json!({ "type": "string" });
        if let (Value::Object(v), Value::Object(extra)) = (&mut v, extra) {
            v.extend(extra);
        }
        v
    };
    let one_or_many = |one: Value| json!({ "anyOf": [one.clone(), { "type": "array", "items": one }] });
    match ty {
        Ty::Text | Ty::Markdown => string(json!({})),
        // What `fields::url::web` accepts, so editors refuse `javascript:` too.
        Ty::Url => string(json!({ "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#@:\\s]" })),
        Ty::Texts => one_or_many(string(json!({}))),
        Ty::Integer => json!({ "type": "integer" }),
        Ty::Number => json!({ "type": "number" }),
        Ty::Bool => json!({ "type": "boolean" }),
        Ty::Date => date(),
        Ty::Dates => one_or_many(date()),
        Ty::Time => string(json!({ "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](:00)?$" })),
        Ty::Duration => string(json!({ "examples": ["45m", "1h 30m", "PT45M"] })),
        Ty::Zone => string(json!({ "enum": zones() })),
        Ty::OneOf(words) => string(json!({ "enum": words })),
        Ty::Stage => string(json!({ "enum": cx.stages })),
        Ty::Period => json!({ "anyOf": [
            { "type": "string", "pattern": "^[0-9]{4}(-[QqHh][0-9])?$", "examples": ["2026-Q3", "2026-H2", "2026"] },
            { "type": "integer" }
        ] }),
        Ty::Id(kinds) => string(json!({ "description": ids(kinds) })),
        Ty::Ids(kinds) => one_or_many(string(json!({ "description": ids(kinds) }))),
        Ty::Table(schema) => table(schema, cx),
        Ty::Tables(schema) => json!({ "type": "array", "items": table(schema, cx) }),
    }
}

/// A date as TOML writes it (editors read a TOML date as its text) or quoted.
fn date() -> Value {
    json!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })
}

fn ids(kinds: &[Kind]) -> String {
    let nouns: Vec<&str> = kinds.iter().map(|k| k.noun()).collect();
    format!("the id of a {}", nouns.join(" or "))
}

/// Every IANA zone name, for completion.
fn zones() -> Vec<String> {
    let mut names: Vec<String> = jiff::tz::db().available().map(|n| n.as_str().to_string()).collect();
    names.sort();
    names
}
