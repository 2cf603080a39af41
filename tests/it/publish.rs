//! Publishing: the Atom feed and the sitemap read as XML, handbook.json read
//! with serde, the 404 page, edit links, and the whole site served under a
//! sub-path by a real HTTP server on 127.0.0.1 with every link followed.

use std::collections::{BTreeSet, VecDeque};
use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::html::{files, select};
use crate::static_files::Server;
use crate::support::Site;

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn built() -> Site {
    let site = Site::copy_of("example-team");
    site.run(&["build"]).status(0);
    site
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name((ATOM, name)))
}

#[test]
fn the_feed_is_atom_with_every_update_newest_first() {
    let site = built();
    let text = fs::read_to_string(site.path().join("public/feed.xml")).expect("feed.xml");
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().namespace(), Some(ATOM));
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(child(feed, "id").and_then(|n| n.text()), Some("https://acme.github.io/payments-handbook/feed.xml"));
    let entries: Vec<_> = feed.children().filter(|c| c.has_tag_name((ATOM, "entry"))).collect();
    assert_eq!(entries.len(), 13);
    let dates: Vec<&str> = entries.iter().filter_map(|e| child(*e, "updated").and_then(|u| u.text())).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    assert_eq!(dates[0], "2026-11-23T00:00:00-05:00");
    for e in &entries {
        let href = child(*e, "link").and_then(|l| l.attribute("href")).expect("link");
        assert!(href.starts_with("https://acme.github.io/payments-handbook/updates/2026/"), "{href}");
        let content = child(*e, "content").expect("content");
        assert_eq!(content.attribute("type"), Some("html"));
        assert!(content.text().is_some_and(|t| t.contains("<h2 id=\"highlights\">")));
        assert!(child(*e, "author").is_some());
    }
    let first = child(entries[0], "content").and_then(|c| c.text()).expect("text");
    assert!(first.contains("href=\"projects/checkout-latency.html\""), "links relative to xml:base: {first}");
}

#[test]
fn the_sitemap_lists_every_page_with_absolute_addresses() {
    let site = built();
    let text = fs::read_to_string(site.path().join("public/sitemap.xml")).expect("sitemap.xml");
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let locs: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
    let pages: Vec<String> =
        files(&site.path().join("public")).into_keys().filter(|p| p.ends_with(".html") && p != "404.html").collect();
    assert_eq!(locs.len(), pages.len());
    for loc in &locs {
        let rel = loc.strip_prefix("https://acme.github.io/payments-handbook/").expect("absolute, under base_url");
        let rel = if rel.is_empty() { "index.html" } else { rel };
        assert!(site.path().join("public").join(rel).is_file(), "{loc}");
    }
    // No base_url, no sitemap (it needs absolute addresses).
    let bare = Site::new();
    bare.run(&["build"]).status(0);
    assert!(!bare.path().join("public/sitemap.xml").exists());
    assert!(bare.path().join("public/feed.xml").exists());
}

#[test]
fn handbook_json_exports_the_resolved_model() {
    let site = built();
    let text = fs::read_to_string(site.path().join("public/handbook.json")).expect("handbook.json");
    let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(v["title"], "Payments team handbook");
    assert_eq!(v["timezone"], "America/New_York");
    let find =
        |list: &str, id: &str| v[list].as_array().expect("array").iter().find(|x| x["id"] == id).cloned().expect(id);
    let em = find("roles", "engineering-manager");
    assert_eq!(em["counterpart"], "roles/product-manager");
    assert_eq!(em["people"], serde_json::json!(["people/mitra"]));
    let sprint = find("areas", "sprint-planning");
    assert_eq!(sprint["owners"], serde_json::json!(["roles/product-manager", "roles/engineering-manager"]));
    assert_eq!(sprint["ceremonies"], serde_json::json!(["ceremonies/sprint-planning"]));
    let sync = find("ceremonies", "em-pm-sync");
    assert_eq!(sync["next"][0]["start"], "2026-11-23T10:00:00-05:00");
    assert_eq!(sync["next"][0]["end"], "2026-11-23T10:45:00-05:00");
    assert_eq!(sync["next"][0]["facilitator"], "roles/product-manager");
    assert_eq!(sync["next"][1]["facilitator"], "roles/engineering-manager");
    assert_eq!(sync["rrule"], "FREQ=WEEKLY;BYDAY=MO");
    let search = find("projects", "search-revamp");
    assert_eq!(search["stage"], "ENG");
    assert_eq!(search["impact"]["metrics"]["eng_hours_saved_per_month"], 40.0);
    assert_eq!(v["updates"][0]["id"], "2026/2026-11-23");
    assert_eq!(v["updates"][0]["authors"], serde_json::json!(["people/mitra", "people/priya"]));
    assert_eq!(find("people", "sam")["alumnus"], true);
    // Goals with their progress, projects with the key results they serve,
    // targets with their baseline, and updates with their health ratings.
    let close = find("goals", "2026-q4-month-end-close");
    assert_eq!((close["period"].as_str(), close["starts"].as_str()), (Some("2026-Q4"), Some("2026-10-01")));
    let recon = &close["key_results"][1];
    assert_eq!(recon["id"], "manual-recon-hours");
    assert_eq!(recon["progress"], 0.38);
    assert_eq!(recon["projects"], serde_json::json!(["projects/payout-reconciliation"]));
    assert_eq!(find("goals", "2026-q4-merchants-self-serve")["parent"], "goals/2026-merchants-trust-us");
    let cards = find("projects", "card-tokenization");
    assert_eq!((cards["target"].as_str(), cards["current_target"].as_str()), (Some("2027-01-29"), Some("2027-02-26")));
    assert_eq!(cards["slip_days"], 28);
    assert_eq!(cards["key_results"], serde_json::json!(["pci-scope"]));
    assert_eq!(v["updates"][1]["health"]["projects/card-tokenization"], "at-risk");
}

#[test]
fn edit_links_point_at_the_source_file() {
    let site = built();
    let doc = crate::html::parse(&site.path().join("public/people/mitra.html"));
    let edit = select(&doc, ".edit-link a");
    assert_eq!(
        edit[0].value().attr("href"),
        Some("https://github.com/acme/payments-handbook/edit/main/example-team/people/mitra.md")
    );
    let home = crate::html::parse(&site.path().join("public/index.html"));
    assert!(select(&home, ".edit-link").is_empty(), "generated pages have no source file");
    let bare = Site::new().file("pages/a.md", "# A\n");
    bare.run(&["build"]).status(0);
    assert!(select(&crate::html::parse(&bare.path().join("public/a.html")), ".edit-link").is_empty());
}

fn get(port: u16, path: &str) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout");
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("headers") + 4;
    let status = String::from_utf8_lossy(&raw[9..12]).parse().expect("status");
    (status, raw[split..].to_vec())
}

/// Resolves `href` against the page at URL path `from` (both absolute paths).
fn resolve(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for p in href.split('/') {
        match p {
            "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[test]
fn served_under_a_sub_path_every_link_resolves() {
    let site = Site::copy_of("example-team");
    let server = Server::start(site.path().join("public"), "/handbook/", Some("404.html"));
    let port = server.port;
    // Published at this server's address, so the 404 page's <base> points here.
    let base = format!("http://127.0.0.1:{port}/handbook/");
    site.run(&["build", "--base-url", &base]).status(0);
    // Crawl from the home page, following every internal link.
    let mut queue = VecDeque::from(["/handbook/index.html".to_string()]);
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    while let Some(path) = queue.pop_front() {
        if !seen.insert(path.clone()) || seen.len() > 2000 {
            continue;
        }
        let (status, body) = get(port, &path);
        if status != 200 {
            problems.push(format!("{path}: {status}"));
            continue;
        }
        if !path.ends_with(".html") {
            continue;
        }
        let doc = scraper::Html::parse_document(&String::from_utf8_lossy(&body));
        for (css, attr) in [("a[href]", "href"), ("link[href]", "href"), ("img[src]", "src"), ("script[src]", "src")] {
            for e in select(&doc, css) {
                let href = e.value().attr(attr).unwrap_or_default();
                if href.contains(':') || href.starts_with('#') {
                    continue;
                }
                let target = resolve(&path, href.split('#').next().unwrap_or(href));
                assert!(target.starts_with("/handbook/"), "{path}: {href} leaves the sub-path");
                queue.push_back(target);
            }
        }
    }
    assert!(problems.is_empty(), "{problems:?}");
    assert!(seen.len() > 90, "crawled {}", seen.len());

    // A missing page deep down gets 404.html, whose links still resolve.
    let (status, body) = get(port, "/handbook/no/such/deep/page.html");
    assert_eq!(status, 404);
    let not_found = String::from_utf8_lossy(&body).into_owned();
    assert!(not_found.contains("Page not found"));
    let doc = scraper::Html::parse_document(&not_found);
    let base_href = select(&doc, "base")[0].value().attr("href").expect("base href").to_string();
    assert_eq!(base_href, base);
    for a in select(&doc, "a[href], link[href]") {
        let href = a.value().attr("href").unwrap_or_default();
        if href.contains("://") {
            continue;
        }
        let (status, _) = get(port, &format!("/handbook/{}", href.split('#').next().unwrap_or(href)));
        assert_eq!(status, 200, "{href} from the 404 page");
    }
}
