//! Mapping a request to what to answer, as a pure function of the request
//! line, its Host header and the site: every path is decoded and normalised
//! once, then looked up among the site's own files in memory, so nothing
//! outside the built site can ever be served.

/// Under this prefix (after the base path) live the dev server's own files.
pub const PREFIX: &str = "__teambook/";

#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    /// A file of the site, by its path.
    File(String),
    /// The site's 404 page, with status 404.
    NotFound,
    /// Live reload: wait for a build newer than this generation.
    Poll(u64),
    /// The live-reload script.
    LiveScript,
    Redirect(String),
    BadRequest,
    MethodNotAllowed,
    /// The Host header names neither this server nor localhost.
    ForeignHost,
}

pub struct Request<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub host: Option<&'a str>,
}

/// What the server answers to: the hosts a browser on this machine uses, and
/// the bound address. Anything else is refused, so that a web page cannot
/// reach the server through a DNS name rebound to 127.0.0.1.
pub struct Hosts {
    pub names: Vec<String>,
    /// Bound to every interface: any host is accepted (with a warning at start).
    pub any: bool,
}

impl Hosts {
    pub fn new(bind: &str, port: u16) -> Hosts {
        let any = bind == "0.0.0.0" || bind == "::" || bind == "[::]";
        let mut names: Vec<String> = ["localhost", "127.0.0.1", "[::1]", bind].iter().map(|h| h.to_string()).collect();
        names.extend(names.clone().into_iter().map(|h| format!("{h}:{port}")));
        Hosts { names, any }
    }

    fn allows(&self, host: Option<&str>) -> bool {
        self.any || host.is_some_and(|h| self.names.iter().any(|n| n.eq_ignore_ascii_case(h)))
    }
}

/// `base` is the site's path on the server, e.g. `/payments-handbook/` (or
/// `/`); `exists` says whether the site has a file at a path.
pub fn route(req: &Request<'_>, base: &str, hosts: &Hosts, exists: &dyn Fn(&str) -> bool) -> Route {
    if !hosts.allows(req.host) {
        return Route::ForeignHost;
    }
    if req.method != "GET" && req.method != "HEAD" {
        return Route::MethodNotAllowed;
    }
    // Origin-form only: absolute-form URLs (`GET http://...`) are not for us.
    if !req.url.starts_with('/') {
        return Route::BadRequest;
    }
    let (raw_path, query) = req.url.split_once('?').unwrap_or((req.url, ""));
    let Some(path) = normalize(raw_path) else { return Route::BadRequest };
    let base = base.trim_matches('/');
    let inner = if base.is_empty() {
        Some(path.as_str())
    } else if path == base && !raw_path.ends_with('/') {
        return Route::Redirect(format!("/{base}/"));
    } else if path == base {
        Some("")
    } else {
        path.strip_prefix(base).and_then(|p| p.strip_prefix('/'))
    };
    let Some(inner) = inner else {
        return if path.is_empty() { Route::Redirect(format!("/{base}/")) } else { Route::NotFound };
    };
    if let Some(own) = inner.strip_prefix(PREFIX) {
        return match own {
            "live.js" => Route::LiveScript,
            "poll" => Route::Poll(query_value(query, "generation").and_then(|v| v.parse().ok()).unwrap_or(0)),
            _ => Route::NotFound,
        };
    }
    let wants_dir = inner.is_empty() || raw_path.ends_with('/');
    let key = if wants_dir && !inner.is_empty() {
        format!("{inner}/index.html")
    } else if inner.is_empty() {
        "index.html".into()
    } else {
        inner.to_string()
    };
    if exists(&key) {
        return Route::File(key);
    }
    if !wants_dir && exists(&format!("{inner}/index.html")) {
        let prefix = if base.is_empty() { String::new() } else { format!("/{base}") };
        return Route::Redirect(format!("{prefix}/{inner}/"));
    }
    Route::NotFound
}

/// Percent-decodes and normalises a path: `None` when it is malformed, holds
/// a NUL or a backslash, or climbs above the root. The result has no leading
/// or trailing `/`.
pub fn normalize(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    let text = String::from_utf8(decoded).ok()?;
    if text.contains(['\0', '\\']) {
        return None;
    }
    crate::urls::join_segments(Vec::new(), &text)
}

fn query_value<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query.split('&').find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
}

/// The Content-Type of a site file.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map_or("", |(_, ext)| ext).to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" if path.ends_with("feed.xml") => "application/atom+xml",
        "xml" => "application/xml",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The 404 page as `serve` sends it for any missing address: its links
/// lead from `base` (the site's root here), not from wherever the missing
/// page would have been, nor to the published site.
pub fn based(html: &[u8], base: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let tag = format!("<base href=\"{base}\">");
    match (text.find("<base href=\""), text.find("<head>")) {
        (Some(at), _) => {
            let end = text[at..].find('>').map_or(text.len(), |e| at + e + 1);
            format!("{}{tag}{}", &text[..at], &text[end..]).into_bytes()
        }
        (None, Some(at)) => format!("{}{tag}{}", &text[..at + 6], &text[at + 6..]).into_bytes(),
        (None, None) => html.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> impl Fn(&str) -> bool {
        |p| ["index.html", "people/mitra.html", "people/index.html", "img/a b.png"].contains(&p)
    }

    fn get(url: &str, base: &str) -> Route {
        let hosts = Hosts::new("127.0.0.1", 1111);
        route(&Request { method: "GET", url, host: Some("127.0.0.1:1111") }, base, &hosts, &site())
    }

    #[test]
    fn routes_paths_under_the_base() {
        assert_eq!(get("/hb/", "/hb/"), Route::File("index.html".into()));
        assert_eq!(get("/hb", "/hb/"), Route::Redirect("/hb/".into()));
        assert_eq!(get("/", "/hb/"), Route::Redirect("/hb/".into()));
        assert_eq!(get("/other/x.html", "/hb/"), Route::NotFound);
        assert_eq!(get("/hb/people/mitra.html", "/hb/"), Route::File("people/mitra.html".into()));
        assert_eq!(get("/hb/people/", "/hb/"), Route::File("people/index.html".into()));
        assert_eq!(get("/hb/people", "/hb/"), Route::Redirect("/hb/people/".into()));
        assert_eq!(get("/img/a%20b.png?x=1", "/"), Route::File("img/a b.png".into()));
        assert_eq!(get("/hb/__teambook/poll?generation=7", "/hb/"), Route::Poll(7));
    }

    #[test]
    fn refuses_traversal_and_foreign_hosts() {
        for bad in
            ["/../etc/passwd", "/%2e%2e/etc/passwd", "/a/..%2f..%2fetc", "/a\\b", "/%00", "/%zz", "http://127.0.0.1/"]
        {
            assert_eq!(get(bad, "/"), Route::BadRequest, "{bad}");
        }
        // Inside the root, `..` is fine; it cannot climb out of the base either.
        assert_eq!(get("/people/../index.html", "/"), Route::File("index.html".into()));
        assert_eq!(get("/hb/../people/mitra.html", "/hb/"), Route::NotFound);
        let hosts = Hosts::new("127.0.0.1", 1111);
        let req = |host| Request { method: "GET", url: "/", host };
        assert_eq!(route(&req(Some("evil.example")), "/", &hosts, &site()), Route::ForeignHost);
        assert_eq!(route(&req(None), "/", &hosts, &site()), Route::ForeignHost);
        assert_eq!(route(&req(Some("localhost:1111")), "/", &hosts, &site()), Route::File("index.html".into()));
        let post = Request { method: "POST", url: "/", host: Some("localhost") };
        assert_eq!(route(&post, "/", &hosts, &site()), Route::MethodNotAllowed);
    }

    #[test]
    fn the_404_page_leads_from_the_site_root() {
        let with = b"<html><head><base href=\"https://acme.example/h/\"><title>x</title></head></html>";
        assert_eq!(
            String::from_utf8(super::based(with, "/h/")).expect("utf-8"),
            "<html><head><base href=\"/h/\"><title>x</title></head></html>"
        );
        let without = b"<html><head><title>x</title></head></html>";
        assert_eq!(
            String::from_utf8(super::based(without, "/")).expect("utf-8"),
            "<html><head><base href=\"/\"><title>x</title></head></html>"
        );
    }
}
