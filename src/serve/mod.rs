//! `teambook serve`: a thin shell around the library. It builds the site
//! into memory, serves it with tiny_http, watches the content directory,
//! rebuilds on every save and tells open pages to reload. Nothing is written
//! to disk, so stopping it (Ctrl-C) leaves every file as it was.

pub mod http;
mod reload;
pub mod watch;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tiny_http::{Header, Response, Server};

use crate::diagnostics::Diagnostics;
use crate::load;
use crate::model::Handbook;
use crate::render::incremental::Session;
use crate::render::{Content, Site};
use http::{Hosts, Request, Route};
use reload::Live;

pub struct Options {
    pub root: PathBuf,
    pub port: u16,
    pub bind: String,
    pub open: bool,
    pub poll: bool,
    pub drafts: bool,
}

/// Requests handled at once; past this, 503 (long polls count too).
const MAX_IN_FLIGHT: usize = 512;
/// How long a live-reload poll waits for a build before answering anyway.
const POLL_WAIT: Duration = Duration::from_secs(25);

pub fn run(options: Options) -> Result<(), String> {
    // Bind first: a port in use is reported before any work.
    let server = Server::http((options.bind.as_str(), options.port)).map_err(|e| {
        if e.to_string().contains("in use") {
            format!("port {} is already in use on {} (choose another with -p)", options.port, options.bind)
        } else {
            format!("cannot listen on {}:{}: {e}", options.bind, options.port)
        }
    })?;
    let port = server.server_addr().to_ip().map_or(options.port, |a| a.port());
    let hosts = Hosts::new(&options.bind, port);
    if hosts.any {
        eprintln!(
            "warning: serving on every network interface: anyone who can reach this machine can read the handbook"
        );
    }
    let root = watch::canonical(&options.root);
    let host = if hosts.any { "127.0.0.1".to_string() } else { options.bind.clone() };
    let base = base_path(&root);
    let local_url = format!("http://{}:{port}{base}", if host.contains(':') { format!("[{host}]") } else { host });

    // Watch before the first build, so that no save is missed in between.
    let (watcher, events) = watch::start(&root, options.poll)?;
    let started = Instant::now();
    let mut builder = Builder {
        root: root.clone(),
        drafts: options.drafts,
        local_url: local_url.clone(),
        cache: load::Cache::default(),
        session: None,
        pending: None,
    };
    let live = Arc::new(match builder.build(None) {
        Ok(built) => {
            eprintln!("built in {} ms", started.elapsed().as_millis());
            Live::new(built.site, built.id, None, built.handbook)
        }
        Err(text) => {
            eprintln!("{text}");
            Live::new(Site::default(), "none".into(), Some(text), Arc::new(Handbook::empty()))
        }
    });
    eprintln!("serving {} at {local_url}  (Ctrl-C to stop)", options.root.display());
    if options.open {
        open_browser(&local_url);
    }

    {
        let live = live.clone();
        std::thread::spawn(move || {
            let _watcher = watcher; // events stop when it is dropped
            while let Some(batch) =
                watch::next_batch(&root, &events, Duration::from_millis(8), Duration::from_millis(300))
            {
                let started = Instant::now();
                let changed = if batch.rescan { None } else { Some(batch.paths.as_slice()) };
                match builder.build(changed) {
                    Ok(built) => {
                        live.publish(built.site, built.id, built.handbook);
                        let what = if batch.rescan { "everything".to_string() } else { summary(&batch.paths) };
                        let pages = if built.pages == usize::MAX {
                            String::new()
                        } else {
                            format!(", {} pages rendered", built.pages)
                        };
                        eprintln!("rebuilt after changes to {what} in {} ms{pages}", started.elapsed().as_millis());
                    }
                    Err(text) => {
                        // Pages learn of it first: whoever reads the terminal may ask them.
                        live.fail(text.clone());
                        eprintln!("{text}");
                    }
                }
            }
        });
    }

    let in_flight = Arc::new(AtomicUsize::new(0));
    let base = Arc::new(base);
    let hosts = Arc::new(hosts);
    for request in server.incoming_requests() {
        if in_flight.load(Ordering::Relaxed) >= MAX_IN_FLIGHT {
            let _ = request.respond(Response::from_string("busy\n").with_status_code(503));
            continue;
        }
        in_flight.fetch_add(1, Ordering::Relaxed);
        let (live, base, hosts, in_flight) = (live.clone(), base.clone(), hosts.clone(), in_flight.clone());
        std::thread::spawn(move || {
            answer(request, &live, &base, &hosts);
            in_flight.fetch_sub(1, Ordering::Relaxed);
        });
    }
    Ok(())
}

/// Builds the site into memory, with the local address as its base URL so
/// absolute links (feed, 404 page) lead back to this server. After the first
/// build, only changed files are re-read and only the pages they can affect
/// are rendered again.
struct Builder {
    root: PathBuf,
    drafts: bool,
    local_url: String,
    cache: load::Cache,
    session: Option<Session>,
    /// Paths changed since the last successful build (`None`: re-read all).
    pending: Option<Vec<String>>,
}

/// A successful build.
struct Built {
    site: Site,
    id: String,
    handbook: Arc<Handbook>,
    pages: usize,
}

impl Builder {
    fn build(&mut self, changed: Option<&[String]>) -> Result<Built, String> {
        match (&mut self.pending, changed) {
            (Some(pending), Some(paths)) => pending.extend(paths.iter().cloned()),
            (pending, _) => *pending = None,
        }
        let now = crate::now()?;
        let options = load::Options { drafts: self.drafts, now };
        let (handbook, mut diags) = crate::open_cached(&mut self.cache, &self.root, &options, changed);
        let mut hb = match handbook {
            Some(hb) if !diags.has_errors() => hb,
            _ => return Err(report(&diags)),
        };
        hb.config.base_url = Some(self.local_url.clone());
        let rebuilt = match self.session.as_mut() {
            Some(session) => session.update(hb, self.pending.as_deref(), &mut diags).map(|r| r.pages),
            None => Session::start(hb, &mut diags).map(|s| {
                self.session = Some(s);
                usize::MAX
            }),
        };
        let (Some(pages), Some(session)) = (rebuilt, self.session.as_ref()) else { return Err(report(&diags)) };
        self.pending = Some(Vec::new());
        Ok(Built { site: session.site(), id: session.fingerprint(), handbook: session.handbook(), pages })
    }
}

fn report(diags: &Diagnostics) -> String {
    let shown = diags.sorted();
    let lines: Vec<String> =
        shown.iter().filter(|d| d.severity == crate::diagnostics::Severity::Error).map(|d| d.to_string()).collect();
    format!("{}\nbuild failed: {}", lines.join("\n"), crate::diagnostics::summary(&shown))
}

/// The path the site lives under: that of `base_url`, so that sub-path
/// problems show up locally too.
fn base_path(root: &Path) -> String {
    let text = std::fs::read_to_string(root.join(crate::config::FILE_NAME)).unwrap_or_default();
    let source = crate::source::SourceFile::new(crate::config::FILE_NAME, text);
    let config = crate::config::Config::read(&source, &mut Diagnostics::default());
    let path = config
        .base_url
        .as_deref()
        .and_then(|u| u.split_once("://"))
        .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()));
    match path {
        Some(p) if p != "/" => format!("/{}/", p.trim_matches('/')),
        _ => "/".to_string(),
    }
}

fn summary(paths: &[String]) -> String {
    match paths {
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} and {} more", rest.len()),
        [] => "nothing".into(),
    }
}

/// A response header. Values are ASCII: paths are percent-encoded first.
fn header(name: &str, value: &str) -> Header {
    let value: String = value
        .bytes()
        .map(|b| if b.is_ascii_graphic() || b == b' ' { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|_| {
        Header::from_bytes(&b"X-Teambook"[..], &b"1"[..]).unwrap_or_else(|_| unreachable!("a constant header is valid"))
    })
}

fn answer(request: tiny_http::Request, live: &Live, base: &str, hosts: &Hosts) {
    let host = request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str().to_string());
    let method = request.method().as_str().to_string();
    let head = method == "HEAD";
    let status = live.current();
    let files = &status.site.files;
    let exists = |p: &str| files.contains_key(p) || crate::render::is_heavy(p);
    let route =
        http::route(&Request { method: &method, url: request.url(), host: host.as_deref() }, base, hosts, &exists);
    let tag = reload::script_tag(base, &status.build);
    let (code, kind, body): (u16, &str, Vec<u8>) = match route {
        Route::File(path) => {
            match status.site.files.get(&path).cloned().or_else(|| live.heavy(&status).get(&path).cloned()) {
                Some(content) => {
                    let bytes = match &content {
                        Content::Bytes(b) => b.to_vec(),
                        Content::Copy(p) => std::fs::read(p).unwrap_or_default(),
                    };
                    let kind = http::content_type(&path);
                    let bytes = if kind.starts_with("text/html") { reload::inject(&bytes, &tag) } else { bytes };
                    (200, kind, bytes)
                }
                None => (404, "text/plain; charset=utf-8", b"not found\n".to_vec()),
            }
        }
        Route::NotFound => match status.site.files.get(crate::urls::NOT_FOUND) {
            Some(Content::Bytes(b)) => (404, "text/html; charset=utf-8", reload::inject(b, &tag)),
            _ if status.site.files.is_empty() => (200, "text/html; charset=utf-8", reload::placeholder(&tag)),
            _ => (404, "text/plain; charset=utf-8", b"not found\n".to_vec()),
        },
        Route::Poll(seen) => {
            let s = if seen == status.generation { live.wait(seen, POLL_WAIT) } else { status };
            (200, "application/json", reload::poll_json(&s).into_bytes())
        }
        Route::LiveScript => (200, "text/javascript; charset=utf-8", reload::SCRIPT.as_bytes().to_vec()),
        Route::Redirect(to) => {
            let response = Response::from_string(format!("moved to {to}\n"))
                .with_status_code(302)
                .with_header(header("Location", &to));
            let _ = request.respond(response);
            return;
        }
        Route::BadRequest => (400, "text/plain; charset=utf-8", b"bad request\n".to_vec()),
        Route::MethodNotAllowed => {
            let response = Response::from_string("method not allowed\n")
                .with_status_code(405)
                .with_header(header("Allow", "GET, HEAD"));
            let _ = request.respond(response);
            return;
        }
        Route::ForeignHost => (403, "text/plain; charset=utf-8", b"this server answers only to localhost\n".to_vec()),
    };
    let length = body.len();
    let body = if head { Vec::new() } else { body };
    let mut response = Response::from_data(body)
        .with_status_code(code)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    if head {
        response = response.with_header(header("Content-Length", &length.to_string()));
    }
    let _ = request.respond(response);
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("could not open a browser; open {url} yourself");
    }
}
