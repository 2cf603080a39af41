//! The machine-facing files: the Atom feed of weekly updates and the sitemap.
//! Both need absolute addresses, which come from `base_url`.

use std::fmt::Write as _;

use super::job::{Job, jobs};
use super::views::Facts;
use crate::model::Entity;
use crate::urls;

pub const FEED: &str = "feed.xml";
pub const SITEMAP: &str = "sitemap.xml";

/// Entries in the feed: the latest updates. Feed readers keep what they
/// fetched, so the feed need not grow with the archive.
pub const FEED_ENTRIES: usize = 50;

/// Atom 1.0: the latest updates, newest first, with their rendered content. Without
/// `base_url`, addresses are relative to the feed (which sits at the root).
pub fn feed(facts: &Facts<'_>) -> Vec<u8> {
    let hb = facts.hb;
    let base = hb.config.base_url.as_deref().unwrap_or("");
    let team = &hb.config.timezone.tz;
    let stamp = |d: jiff::civil::Date| {
        d.to_zoned_datetime(team.clone())
            .map_or_else(|_| format!("{d}T00:00:00Z"), |z| z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
    };
    let id_of = |path: &str| {
        if base.is_empty() {
            format!("urn:teambook:{}:{path}", crate::markdown::slug(&hb.config.title))
        } else {
            format!("{base}{path}")
        }
    };
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let xml_base = if base.is_empty() { String::new() } else { format!(" xml:base=\"{}\"", esc(base)) };
    let _ =
        writeln!(x, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\"{xml_base}>", esc(&hb.config.language));
    let title = hb.strings.fill("base.feed_title", &[("site", &hb.config.title)]);
    let _ = writeln!(x, "  <title>{}</title>", esc(&title));
    if let Some(d) = &hb.config.description {
        let _ = writeln!(x, "  <subtitle>{}</subtitle>", esc(d));
    }
    let _ =
        writeln!(x, "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>", esc(&format!("{base}{FEED}")));
    let archive = urls::page(hb, Entity::Index(crate::model::Index::Updates));
    let _ = writeln!(x, "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", esc(&format!("{base}{archive}")));
    let _ = writeln!(x, "  <id>{}</id>", esc(&id_of(FEED)));
    let latest = super::views::latest_updates(hb, FEED_ENTRIES);
    let newest = latest.first().map(|&u| hb.updates[u].date).unwrap_or(hb.today);
    let _ = writeln!(x, "  <updated>{}</updated>", stamp(newest));
    let _ = writeln!(x, "  <generator>teambook</generator>");
    for &u in &latest {
        let update = &hb.updates[u];
        let path = urls::page(hb, Entity::Update(u));
        let _ = writeln!(x, "  <entry>");
        let _ = writeln!(x, "    <title>{}</title>", esc(&hb.update_title(u)));
        let _ =
            writeln!(x, "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", esc(&format!("{base}{path}")));
        let _ = writeln!(x, "    <id>{}</id>", esc(&id_of(&path)));
        let _ = writeln!(x, "    <published>{}</published>", stamp(update.date));
        let _ = writeln!(x, "    <updated>{}</updated>", stamp(update.date));
        for author in crate::model::targets(&update.authors) {
            let _ = writeln!(x, "    <author><name>{}</name></author>", esc(&hb.title(author)));
        }
        if let Some(s) = update.status {
            let _ = writeln!(x, "    <category term=\"{}\"/>", s.name());
        }
        // Links in the content are relative to the site root, like the feed.
        let html = facts.html(update.doc.file, &update.doc.body, FEED);
        let _ = writeln!(x, "    <content type=\"html\">{}</content>", esc(&html));
        let _ = writeln!(x, "  </entry>");
    }
    x.push_str("</feed>\n");
    x.into_bytes()
}

/// URLs one sitemap file may hold (the sitemaps.org protocol's limit).
const SITEMAP_URLS: usize = 50_000;

/// Every page of the site with its absolute address (nothing without
/// `base_url`): `sitemap.xml`, or past 50,000 pages an index of
/// `sitemap-1.xml`, `sitemap-2.xml`, ...
pub fn sitemaps(facts: &Facts<'_>) -> Vec<(String, Vec<u8>)> {
    let Some(base) = facts.hb.config.base_url.as_deref() else { return Vec::new() };
    let mut paths: Vec<String> =
        jobs(facts).into_iter().filter(|j| *j != Job::NotFound).map(|j| j.path(facts)).collect();
    paths.sort();
    split_sitemap(base, &paths, SITEMAP_URLS)
}

fn split_sitemap(base: &str, paths: &[String], limit: usize) -> Vec<(String, Vec<u8>)> {
    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    const NS: &str = "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"";
    let urlset = |paths: &[String]| {
        let mut x = format!("{HEAD}<urlset {NS}>\n");
        for p in paths {
            let loc = if p == urls::HOME { base.to_string() } else { format!("{base}{p}") };
            let _ = writeln!(x, "  <url><loc>{}</loc></url>", esc(&loc));
        }
        x.push_str("</urlset>\n");
        x.into_bytes()
    };
    if paths.len() <= limit {
        return vec![(SITEMAP.to_string(), urlset(paths))];
    }
    let mut index = format!("{HEAD}<sitemapindex {NS}>\n");
    let mut out = Vec::new();
    for (n, chunk) in paths.chunks(limit).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let _ = writeln!(index, "  <sitemap><loc>{}</loc></sitemap>", esc(&format!("{base}{name}")));
        out.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    out.push((SITEMAP.to_string(), index.into_bytes()));
    out
}

/// Escapes text for XML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::split_sitemap;

    #[test]
    fn past_the_limit_the_sitemap_becomes_an_index() {
        let paths: Vec<String> = ["a.html", "b.html", "c.html", "d.html", "index.html"].map(String::from).to_vec();
        let one = split_sitemap("https://x.example/hb/", &paths, 5);
        assert_eq!(one.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["sitemap.xml"]);
        let split = split_sitemap("https://x.example/hb/", &paths, 2);
        let names: Vec<&str> = split.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]);
        let index = String::from_utf8_lossy(&split[3].1).into_owned();
        assert!(index.contains("<sitemapindex") && index.contains("<loc>https://x.example/hb/sitemap-3.xml</loc>"));
        let last = String::from_utf8_lossy(&split[2].1).into_owned();
        assert!(last.contains("<loc>https://x.example/hb/</loc>") && last.matches("<url>").count() == 1, "{last}");
    }
}
