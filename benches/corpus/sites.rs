//! One corpus written three ways: a teambook handbook, and a Zola site and a
//! Hugo site with minimal templates doing comparable work. Each of the two
//! has every page in a layout with the site's navigation (home, each section
//! at the top and the first 10 top-level pages, as a menu in the config, the
//! way such sites usually write it), a list page per section and sub-section,
//! paged by 100 as teambook's lists are, and a page per area whose owners and
//! consulted people link to their pages.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use super::{Area, Corpus, Doc};

const TITLE: &str = "Benchmark handbook";
const BASE_URL: &str = "https://example.org/handbook";

/// Writes the corpus as a teambook handbook under `dir`.
pub fn teambook(dir: &Path, corpus: &Corpus) {
    fresh(dir);
    write(
        &dir.join("teambook.toml"),
        &format!("title = \"{TITLE}\"\ntimezone = \"America/New_York\"\nbase_url = \"{BASE_URL}/\"\n"),
    );
    let mut ownership = String::new();
    for a in &corpus.areas {
        let owners = a.owners.iter().map(|o| format!("\"{o}\"")).collect::<Vec<_>>().join(", ");
        let decision = a.decision.map_or_else(String::new, |d| format!("decision = \"{d}\"\n"));
        let _ = write!(
            ownership,
            "[[area]]\nname = \"{}\"\ngroup = \"{}\"\nowners = [{owners}]\n{decision}consulted = [\"{}\"]\n\n",
            a.name,
            a.group,
            a.consulted.join("\", \"")
        );
    }
    write(&dir.join("ownership.toml"), &ownership);
    for d in &corpus.docs {
        write(&dir.join(&d.folder).join(format!("{}.md", d.slug)), &format!("+++\n{}+++\n{}", d.front, d.body));
    }
}

/// Writes the corpus as a Zola site under `dir`; its links are `@/` links,
/// which Zola checks as teambook checks its own.
pub fn zola(dir: &Path, corpus: &Corpus) {
    fresh(dir);
    let mut config = format!(
        "base_url = \"{BASE_URL}\"\ntitle = \"{TITLE}\"\ncompile_sass = false\nbuild_search_index = false\n\n[extra]\nnav = [\n"
    );
    for (title, path) in nav(corpus) {
        let _ = writeln!(config, "  {{ title = \"{title}\", url = \"{BASE_URL}/{path}\" }},");
    }
    config.push_str("]\n");
    write(&dir.join("config.toml"), &config);
    let base = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{% block title %}{% endblock title %} · {{ config.title }}</title></head><body><nav>{% for item in config.extra.nav %}<a href=\"{{ item.url | safe }}\">{{ item.title }}</a> {% endfor %}</nav><main>{% block main %}{% endblock main %}</main></body></html>";
    write(&dir.join("templates/base.html"), base);
    write(
        &dir.join("templates/page.html"),
        "{% extends \"base.html\" %}{% block title %}{{ page.title }}{% endblock title %}{% block main %}<h1>{{ page.title }}</h1>{{ page.content | safe }}{% endblock main %}",
    );
    let list = "{% extends \"base.html\" %}{% block title %}{{ section.title }}{% endblock title %}{% block main %}<h1>{{ section.title }}</h1>{{ section.content | safe }}<ul>{% for s in section.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}<li><a href=\"{{ sub.permalink }}\">{{ sub.title }}</a></li>{% endfor %}{% for p in paginator.pages %}<li><a href=\"{{ p.permalink }}\">{{ p.title }}</a></li>{% endfor %}</ul>{% if paginator.previous %}<a href=\"{{ paginator.previous }}\">Previous</a> {% endif %}{% if paginator.next %}<a href=\"{{ paginator.next }}\">Next</a>{% endif %}{% endblock main %}";
    write(&dir.join("templates/section.html"), list);
    write(&dir.join("templates/index.html"), list);
    let content = dir.join("content");
    for (folder, title) in sections(corpus) {
        let sort = if folder.starts_with("updates/") { "sort_by = \"date\"\n" } else { "" };
        write(
            &content.join(&folder).join("_index.md"),
            &format!("+++\ntitle = \"{title}\"\npaginate_by = 100\n{sort}+++\n"),
        );
    }
    pages(&content, corpus, |folder, slug| format!("@/{folder}/{slug}.md"));
}

/// Writes the corpus as a Hugo site under `dir`.
pub fn hugo(dir: &Path, corpus: &Corpus) {
    fresh(dir);
    let mut config = format!(
        "baseURL = \"{BASE_URL}/\"\ntitle = \"{TITLE}\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n\n[pagination]\npagerSize = 100\n"
    );
    for (weight, (title, path)) in nav(corpus).into_iter().enumerate() {
        let _ = write!(config, "\n[[menus.main]]\nname = \"{title}\"\nurl = \"/{path}\"\nweight = {}\n", weight + 1);
    }
    write(&dir.join("hugo.toml"), &config);
    let base = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }} · {{ .Site.Title }}</title></head><body><nav>{{ range .Site.Menus.main }}<a href=\"{{ .URL }}\">{{ .Name }}</a> {{ end }}</nav><main>{{ block \"main\" . }}{{ end }}</main></body></html>";
    write(&dir.join("layouts/_default/baseof.html"), base);
    write(
        &dir.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}",
    );
    write(
        &dir.join("layouts/_default/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range (.Paginate .Pages).Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ with .Paginator.Prev }}<a href=\"{{ .URL }}\">Previous</a> {{ end }}{{ with .Paginator.Next }}<a href=\"{{ .URL }}\">Next</a>{{ end }}{{ end }}",
    );
    let content = dir.join("content");
    for (folder, title) in sections(corpus) {
        write(&content.join(&folder).join("_index.md"), &format!("+++\ntitle = \"{title}\"\n+++\n"));
    }
    pages(&content, corpus, |folder, slug| format!("/{folder}/{slug}/"));
}

/// The documents and areas as content pages (the same for Zola and Hugo),
/// their wiki links written by `link`.
fn pages(content: &Path, corpus: &Corpus, link: impl Fn(&str, &str) -> String + Copy) {
    for d in &corpus.docs {
        let date = d.date.as_ref().map_or_else(String::new, |date| format!("date = {date}\n"));
        let file = content.join(d.content_folder()).join(format!("{}.md", d.slug));
        write(&file, &format!("+++\ntitle = \"{}\"\n{date}+++\n{}", d.title, convert_links(&d.body, link)));
    }
    for a in &corpus.areas {
        write(
            &content.join("areas").join(format!("{}.md", a.id)),
            &format!("+++\ntitle = \"{}\"\n+++\n{}", a.name, area_body(a, link)),
        );
    }
}

/// What an area's page says in Zola and Hugo: its group, owners, decision
/// rule and the people consulted, linked.
fn area_body(a: &Area, link: impl Fn(&str, &str) -> String) -> String {
    let names = |ids: &[String], folder: &str| {
        ids.iter().map(|id| format!("[{id}]({})", link(folder, id))).collect::<Vec<_>>().join(", ")
    };
    let mut out = format!("Group: {}\n\nOwners: {}\n\n", a.group, names(&a.owners, "roles"));
    if let Some(d) = a.decision {
        let _ = write!(out, "Decision: {d}\n\n");
    }
    let _ = writeln!(out, "Consulted: {}", names(&a.consulted, "people"));
    out
}

/// Every folder under `content/` with its title, parents before children
/// (the site's top is `""`).
fn sections(corpus: &Corpus) -> Vec<(String, String)> {
    let mut folders: Vec<String> = vec![String::new(), "areas".into()];
    for d in &corpus.docs {
        let mut prefix = String::new();
        for part in d.content_folder().split('/').filter(|p| !p.is_empty()) {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(part);
            folders.push(prefix.clone());
        }
    }
    folders.sort();
    folders.dedup();
    folders
        .into_iter()
        .map(|f| {
            let title = if f.is_empty() { TITLE.to_string() } else { title_of(&f) };
            (f, title)
        })
        .collect()
}

/// `updates/2000` → "Updates 2000".
fn title_of(folder: &str) -> String {
    let words = folder.replace(['/', '-'], " ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The navigation: the top-level sections, then the first 10 top-level pages
/// (titles and paths from the site's root), as teambook's shows them.
fn nav(corpus: &Corpus) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = vec![(TITLE.into(), String::new())];
    for (folder, title) in sections(corpus) {
        if !folder.is_empty() && !folder.contains('/') {
            out.push((title, format!("{folder}/")));
        }
    }
    let top = corpus.docs.iter().filter(|d: &&Doc| d.content_folder().is_empty()).take(10);
    out.extend(top.map(|d| (d.title.clone(), format!("{}/", d.slug))));
    out
}

/// `[[id]]` → `[id](url)`.
fn convert_links(body: &str, url: impl Fn(&str, &str) -> String) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find("[[") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("]]") {
            Some(end) => {
                let id = &after[..end];
                let folder = if id.starts_with("person-") { "people" } else { "projects" };
                let _ = write!(out, "[{id}]({})", url(folder, id));
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn fresh(dir: &Path) {
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir).expect("mkdir");
}

fn write(file: &Path, text: &str) {
    if let Some(parent) = file.parent() {
        fs::create_dir_all(parent).expect("mkdir");
    }
    fs::write(file, text).expect("write");
}
