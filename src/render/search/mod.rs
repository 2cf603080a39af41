//! The in-browser search index. A query must not download the handbook: the
//! index is an inverted index split by the first two characters of each
//! term, and the documents' titles and excerpts are split in chunks of 500,
//! so a search loads one small file per query term and one per few results.
//! The files are scripts (not JSON) so that they load from disk too, where
//! browsers refuse `fetch`.
//!
//! What a term is (words folded, CJK text in pairs of characters) is in
//! `terms.rs`, which `search.js` mirrors for the query.

mod terms;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use rayon::prelude::*;
use std::fmt::Write as _;

use serde::Serialize;

use super::views::Facts;
use crate::markdown::Body;
use crate::model::{Entity, targets};
use crate::urls;
use terms::terms;

/// Documents per chunk file.
const CHUNK: usize = 500;
/// Documents whose postings are gathered together before joining.
const RUN: usize = 512;
/// Characters of body text shown under a result.
const EXCERPT: usize = 160;

/// A term's documents: where it is strong (title, names, headings), and where
/// it is only in the body.
type Postings = (Vec<u32>, Vec<u32>);

/// What one page contributes to the index.
struct Doc {
    title: String,
    url: String,
    kind: &'static str,
    /// Title, headings and names: a match here ranks first.
    strong: String,
    body: String,
    /// What a result says under its title: the body's first words, after
    /// what the page is (an area's owners, a ceremony's schedule), in sentences.
    about: String,
}

/// A document as its chunk file lists it: title, URL, kind and excerpt.
#[derive(Serialize)]
struct Row(String, String, &'static str, String);

/// The search files, by path: `search/t-<hex>.js` shards of terms and
/// `search/d-<n>.js` chunks of documents.
pub fn files(facts: &Facts<'_>) -> Vec<(String, Vec<u8>)> {
    let pages = findable(facts);
    // Consecutive runs of documents are read in parallel, each giving its
    // postings and rows, then joined in order, so every list stays sorted by
    // document. A document's text lives only while its run is read: never
    // every document at once, nor a list of every document's terms.
    let runs: Vec<(FxHashMap<String, Postings>, Vec<Row>)> = pages
        .par_chunks(RUN)
        .enumerate()
        .map(|(r, run)| {
            let mut postings: FxHashMap<String, Postings> = FxHashMap::default();
            let mut rows = Vec::with_capacity(run.len());
            for (k, &page) in run.iter().enumerate() {
                let id = (r * RUN + k) as u32;
                let doc = document(facts, page);
                // Each term once per document: strong if it is strong anywhere in it.
                // (A term is copied only when its run first meets it.)
                for t in terms(&doc.strong) {
                    let (strong, _) = match postings.get_mut(t.as_ref()) {
                        Some(p) => p,
                        None => postings.entry(t.into_owned()).or_default(),
                    };
                    if strong.last() != Some(&id) {
                        strong.push(id);
                    }
                }
                for t in terms(&doc.body) {
                    let (strong, body) = match postings.get_mut(t.as_ref()) {
                        Some(p) => p,
                        None => postings.entry(t.into_owned()).or_default(),
                    };
                    if strong.last() != Some(&id) && body.last() != Some(&id) {
                        body.push(id);
                    }
                }
                let about = if doc.about.is_empty() { excerpt(&doc.body) } else { excerpt(&doc.about) };
                rows.push(Row(doc.title, doc.url, doc.kind, about));
            }
            (postings, rows)
        })
        .collect();
    let mut joined: FxHashMap<String, Postings> = FxHashMap::default();
    let mut rows: Vec<Row> = Vec::with_capacity(pages.len());
    for (run, run_rows) in runs {
        rows.extend(run_rows);
        for (t, (strong, body)) in run {
            let p = joined.entry(t).or_default();
            p.0.extend(strong);
            p.1.extend(body);
        }
    }
    let mut terms: Vec<(String, Postings)> = joined.into_iter().collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut shards: BTreeMap<String, Vec<(String, Postings)>> = BTreeMap::new();
    for (term, postings) in terms {
        shards.entry(shard_key(&term)).or_default().push((term, postings));
    }
    let shards: Vec<_> = shards.into_iter().collect();
    let mut out: Vec<(String, Vec<u8>)> = shards
        .par_iter()
        .map(|(key, entries)| {
            let mut js = format!("teambookSearch.terms(\"{key}\",{{");
            for (i, (term, (strong, body))) in entries.iter().enumerate() {
                if i > 0 {
                    js.push(',');
                }
                let _ = write!(js, "{}:[{},{}]", json(term), deltas(strong), deltas(body));
            }
            js.push_str("});\n");
            (format!("search/t-{key}.js"), js.into_bytes())
        })
        .collect();
    out.extend(tag_file(facts, &pages));
    out.par_extend(rows.par_chunks(CHUNK).enumerate().map(|(n, chunk)| {
        let js =
            format!("teambookSearch.docs({n},{});\n", serde_json::to_string(chunk).unwrap_or_else(|_| "[]".into()));
        (format!("search/d-{n}.js"), js.into_bytes())
    }));
    out
}

/// `search/tags.js`, when pages have tags: each tag's name, slug and
/// documents, so that results can be counted and narrowed by tag (the
/// search's facets) without loading the documents themselves.
fn tag_file(facts: &Facts<'_>, docs: &[Entity]) -> Option<(String, Vec<u8>)> {
    if facts.tags.is_empty() {
        return None;
    }
    let id: FxHashMap<usize, u32> = docs
        .iter()
        .enumerate()
        .filter_map(|(d, e)| if let Entity::Page(p) = e { Some((*p, d as u32)) } else { None })
        .collect();
    let mut js = String::from("teambookSearch.tags([");
    for (n, tag) in facts.tags.iter().enumerate() {
        let mut ids: Vec<u32> = tag.pages.iter().filter_map(|p| id.get(p).copied()).collect();
        ids.sort_unstable();
        if n > 0 {
            js.push(',');
        }
        let _ = write!(js, "[{},{},{}]", json(&tag.name), json(&tag.slug), deltas(&ids));
    }
    js.push_str("]);\n");
    Some((TAGS.to_string(), js.into_bytes()))
}

/// The file of the tags' documents.
pub const TAGS: &str = "search/tags.js";

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// `[3,5,9]` written as gaps: `[3,2,4]`.
fn deltas(ids: &[u32]) -> String {
    let mut out = String::from("[");
    let mut last = 0;
    for (i, &id) in ids.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{}", id - last);
        last = id;
    }
    out.push(']');
    out
}

/// The shard of a term: its first two characters, as UTF-8 hex; a CJK
/// term's first character only, so that a CJK text of thousands of pairs
/// makes at most a shard per character, and a query of one character
/// finds the pairs it begins.
fn shard_key(term: &str) -> String {
    let first = term.chars().next().is_some_and(terms::is_cjk);
    let prefix: String = term.chars().take(if first { 1 } else { 2 }).collect();
    prefix.bytes().map(|b| format!("{b:02x}")).collect()
}

/// The first words of a body, whitespace collapsed, cut at a word boundary
/// within `EXCERPT` characters; reads no further than it needs.
fn excerpt(body: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for word in body.split_whitespace() {
        let len = word.chars().count();
        if chars + len + usize::from(chars > 0) > EXCERPT {
            if out.is_empty() {
                // A first word longer than the excerpt is cut inside.
                out.extend(word.chars().take(EXCERPT));
            } else if chars == EXCERPT
                && let Some(at) = out.rfind(' ')
            {
                // Exactly full: the last word may have been cut, so it goes.
                out.truncate(at);
            }
            out.push('…');
            return out;
        }
        if chars > 0 {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += len;
    }
    out
}

fn headings(body: &Body) -> String {
    body.headings.iter().map(|h| h.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// A body's plain text after the headings it opens with, for its excerpt:
/// "Your first week Day one Meet your manager…" reads "Meet your manager…"
/// (the headings are still indexed). All of it when it is only headings.
fn after_headings<'p>(plain: &'p str, body: &Body) -> &'p str {
    let mut rest = plain.trim_start();
    for h in &body.headings {
        match rest.strip_prefix(h.text.as_str()) {
            Some(after) if after.is_empty() || after.starts_with(char::is_whitespace) => rest = after.trim_start(),
            _ => break,
        }
    }
    if rest.is_empty() { plain } else { rest }
}

/// Every page worth finding, in a stable order.
fn findable(facts: &Facts<'_>) -> Vec<Entity> {
    let hb = facts.hb;
    let mut entities: Vec<Entity> = Vec::new();
    if hb.config.team.is_some() {
        entities.push(Entity::Index(crate::model::Index::Team));
    }
    entities.extend((0..hb.roles.len()).map(Entity::Role));
    entities.extend((0..hb.people.len()).map(Entity::Person));
    entities.extend((0..hb.areas.len()).map(Entity::Area));
    entities.extend((0..hb.ceremonies.len()).map(Entity::Ceremony));
    entities.extend((0..hb.projects.len()).map(Entity::Project));
    entities.extend((0..hb.goals.len()).map(Entity::Goal));
    entities.extend(facts.updates_newest().iter().map(|&u| Entity::Update(u)));
    entities.extend((0..hb.pages.len()).map(Entity::Page));
    entities.extend((0..hb.decisions.len()).map(Entity::Decision));
    entities.extend((0..hb.duties.len()).map(Entity::Duty));
    entities
}

fn document(facts: &Facts<'_>, e: Entity) -> Doc {
    let hb = facts.hb;
    let list = |refs: &[crate::model::Ref]| targets(refs).map(|e| hb.title(e)).collect::<Vec<_>>().join(", ");
    let sentence = |parts: &[&str]| {
        parts
            .iter()
            .filter(|p| !p.trim().is_empty())
            .map(|p| p.trim().trim_end_matches('.'))
            .collect::<Vec<_>>()
            .join(". ")
    };
    let (kind, strong, body, about) = match e {
        Entity::Role(i) => {
            let r = &hb.roles[i];
            let strong = format!("{} {} {}", r.short.as_deref().unwrap_or(""), r.doc.id, headings(&r.doc.body));
            let body = facts.plain(&r.doc.body);
            let about = sentence(&[r.summary.as_deref().unwrap_or(""), after_headings(&body, &r.doc.body)]);
            ("role", strong, about.clone(), about)
        }
        Entity::Person(i) => {
            let p = &hb.people[i];
            let strong = format!("{} {} {}", p.doc.id, p.title.as_deref().unwrap_or(""), list(&p.roles));
            let body = facts.plain(&p.doc.body);
            let about =
                sentence(&[p.title.as_deref().unwrap_or(""), &list(&p.roles), after_headings(&body, &p.doc.body)]);
            ("person", strong, body, about)
        }
        Entity::Area(i) => {
            let a = &hb.areas[i];
            let notes = a.notes.as_ref().map(|n| facts.plain(n)).unwrap_or_default();
            let owners = list(&a.owners);
            let owned = if owners.is_empty() {
                String::new()
            } else {
                hb.strings.fill("search.owned_by", &[("owners", &owners)])
            };
            let group =
                a.group.as_deref().map_or(String::new(), |g| hb.strings.fill("search.in_group", &[("group", g)]));
            let about = sentence(&[&owned, a.decision.as_deref().unwrap_or(""), &group, &notes]);
            ("area", a.id.clone(), about.clone(), about)
        }
        Entity::Ceremony(i) => {
            let c = &hb.ceremonies[i];
            let body = facts.plain(&c.doc.body);
            let about = sentence(&[&crate::render::views::schedule(facts, c), after_headings(&body, &c.doc.body)]);
            ("ceremony", headings(&c.doc.body), body, about)
        }
        Entity::Project(i) => {
            let p = &hb.projects[i];
            let summary = p.impact.as_ref().and_then(|im| im.summary.as_deref()).unwrap_or("");
            let body = format!("{summary} {} {}", list(&p.owners), facts.plain(&p.doc.body));
            let plain = facts.plain(&p.doc.body);
            let about = sentence(&[&facts.stage_name(p.stage), summary, after_headings(&plain, &p.doc.body)]);
            ("project", headings(&p.doc.body), body, about)
        }
        Entity::Goal(i) => {
            let g = &hb.goals[i];
            let krs: Vec<&str> = g.key_results.iter().map(|k| k.title.as_str()).collect();
            let period = g.period.map_or(String::new(), |p| format!("{p} {}", p.label(&hb.strings)));
            let body = facts.plain(&g.doc.body);
            let about = sentence(&[
                &g.period.map_or(String::new(), |p| p.label(&hb.strings)),
                &krs.join(", "),
                after_headings(&body, &g.doc.body),
            ]);
            ("objective", format!("{} {period}", krs.join(" ")), format!("{} {body}", list(&g.owners)), about)
        }
        Entity::Update(u) => {
            let up = &hb.updates[u];
            let plain = facts.plain(&up.doc.body);
            let about = after_headings(&plain, &up.doc.body).to_string();
            ("update", String::new(), format!("{plain} {}", list(&up.authors)), about)
        }
        Entity::Page(i) => {
            let g = &hb.pages[i];
            let plain = facts.plain(&g.doc.body);
            // Its `description` says what it is better than its first words.
            let about = match &g.description {
                Some(d) => d.clone(),
                None => after_headings(&plain, &g.doc.body).to_string(),
            };
            let tags: Vec<&str> = g.tags.iter().map(|t| t.value.as_str()).collect();
            ("page", format!("{} {}", tags.join(" "), headings(&g.doc.body)), plain, about)
        }
        Entity::Decision(i) => {
            let x = &hb.decisions[i];
            let status = x.verdict().map_or("", |v| v.name());
            let people = [x.driver.as_slice(), &x.approvers].map(list).join(", ");
            let body = facts.plain(&x.doc.body);
            let areas = list(&x.areas);
            let about_areas =
                if areas.is_empty() { String::new() } else { hb.strings.fill("search.about", &[("areas", &areas)]) };
            let about = sentence(&[status, &about_areas, after_headings(&body, &x.doc.body)]);
            let text = format!("{status} {areas} {people} {body}");
            ("decision", format!("{} {}", x.doc.id, headings(&x.doc.body)), text, about)
        }
        Entity::Index(crate::model::Index::Team) => {
            let (strong, body, about) = crate::render::team::search_text(hb);
            ("team", strong, body, about)
        }
        Entity::Duty(i) => {
            let x = &hb.duties[i];
            let body = facts.plain(&x.doc.body);
            let pool = list(&x.pool);
            let about = sentence(&[&super::duties::duty::rhythm(facts, x), after_headings(&body, &x.doc.body)]);
            ("duty", format!("{} {}", x.doc.id, headings(&x.doc.body)), format!("{pool} {body}"), about)
        }
        Entity::Index(_) | Entity::StartHere(_) => ("page", String::new(), String::new(), String::new()),
    };
    Doc { title: hb.title(e), url: urls::page(hb, e), kind, strong: format!("{} {strong}", hb.title(e)), body, about }
}

#[cfg(test)]
mod tests {
    use super::{after_headings, deltas, shard_key};
    use crate::markdown::{Body, Heading};

    #[test]
    fn shards_and_gaps() {
        assert_eq!(shard_key("tomas"), "746f");
        assert_eq!(shard_key("会议"), "e4bc9a");
        assert_eq!(deltas(&[3, 5, 9]), "[3,2,4]");
    }

    #[test]
    fn an_excerpt_starts_after_the_opening_headings() {
        let heading = |text: &str| Heading { level: 2, text: text.into(), id: String::new() };
        let mut body = Body::default();
        body.headings = vec![heading("Your first week"), heading("Day one"), heading("Later")];
        assert_eq!(
            after_headings("Your first week Day one Meet your manager. Later Lunch.", &body),
            "Meet your manager. Later Lunch."
        );
        // Not a heading's whole word, or only headings: left as it is.
        assert_eq!(after_headings("Your first weekday", &body), "Your first weekday");
        assert_eq!(after_headings("Your first week Day one", &body), "Your first week Day one");
    }
}
