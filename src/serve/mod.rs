//! `teambook serve`: a thin shell around the library. It builds the site
//! into memory, serves it with tiny_http, watches the content directory,
//! rebuilds on every save and tells open pages to reload. Nothing is written
//! to disk, so stopping it (Ctrl-C) leaves every file as it was.

mod guard;
pub mod http;
mod reload;
pub mod watch;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tiny_http::{Header, Response, Server};

use std::collections::BTreeMap;
use std::sync::mpsc;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::Content;
use crate::workspace::Workspace;
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

/// A single save builds after 8 ms of quiet; a burst of more than 4 files
/// (a checkout, a search-and-replace) waits for 100 ms of quiet, up to 1.5 s.
const DEBOUNCE: watch::Debounce = watch::Debounce {
    quiet: Duration::from_millis(8),
    burst_quiet: Duration::from_millis(100),
    burst: 4,
    longest: Duration::from_millis(1500),
};

/// How long a live-reload poll waits for a build before answering anyway.
const POLL_WAIT: Duration = Duration::from_secs(25);

pub fn run(options: Options) -> Result<(), String> {
    // Bind first: a port in use is reported before any work. The public
    // socket is the guard's; tiny_http answers on a private loopback port.
    let public = std::net::TcpListener::bind((options.bind.as_str(), options.port)).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            format!("port {} is already in use on {} (choose another with -p)", options.port, options.bind)
        } else {
            format!("cannot listen on {}:{}: {e}", options.bind, options.port)
        }
    })?;
    let port = public.local_addr().map_or(options.port, |a| a.port());
    let server = Server::http("127.0.0.1:0").map_err(|e| format!("cannot listen on 127.0.0.1: {e}"))?;
    let backend = server.server_addr().to_ip().ok_or("tiny_http has no IP address")?;
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
    let mut workspace = Workspace::new(&root, options.drafts, Some(local_url.clone()));
    let (to_builder, messages) = mpsc::channel();
    let live = Arc::new(match workspace.build(None, crate::now()?) {
        Ok(built) => {
            eprintln!("built in {} ms", started.elapsed().as_millis());
            Live::new(built.site, built.id, None, to_builder.clone())
        }
        Err(errors) => {
            let text = report(&errors);
            eprintln!("{text}");
            Live::new(Default::default(), "none".into(), Some(text), to_builder.clone())
        }
    });
    eprintln!("serving {} at {local_url}  (Ctrl-C to stop)", options.root.display());
    if options.open {
        open_browser(&local_url);
    }

    // The watcher's thread turns bursts of events into rebuild requests.
    let poll = options.poll;
    std::thread::spawn(move || {
        watch::follow(&root, poll, (watcher, events), DEBOUNCE, |paths| {
            to_builder.send(Message::Changes(paths)).is_ok()
        })
    });
    // The builder's thread owns the model: builds never overlap.
    {
        let live = live.clone();
        std::thread::spawn(move || build_loop(&mut workspace, &live, &messages));
    }

    std::thread::spawn(move || guard::run(public, backend, &guard::LIMITS));
    // Each request on a thread of its own, as a live-reload poll may wait:
    // the guard bounds how many there are (one per connection).
    let base = Arc::new(base);
    let hosts = Arc::new(hosts);
    for request in server.incoming_requests() {
        let (live, base, hosts) = (live.clone(), base.clone(), hosts.clone());
        // A thread that cannot start drops the request: tiny_http answers 500.
        let _ = std::thread::Builder::new().spawn(move || answer(request, &live, &base, &hosts));
    }
    Ok(())
}

/// Answers the builder's messages until the server stops. Whatever came in
/// while a rebuild ran is taken together: requests for the heavy files are
/// answered first (a reader waits for one rebuild at most, not for every
/// save queued behind it), and the changes make one rebuild.
fn build_loop(workspace: &mut Workspace, live: &Live, messages: &mpsc::Receiver<Message>) {
    while let Ok(first) = messages.recv() {
        let mut changes: Option<Option<Vec<String>>> = None;
        for message in std::iter::once(first).chain(messages.try_iter()) {
            match message {
                Message::Heavy(reply) => {
                    let files = workspace.handbook().map(crate::render::heavy).unwrap_or_default();
                    let _ = reply.send(Arc::new(files.into_iter().collect()));
                }
                Message::Changes(paths) => changes = Some(together(changes, paths)),
            }
        }
        if let Some(paths) = changes {
            rebuild(workspace, live, paths);
        }
    }
}

/// Two batches of changed paths as one (`None`: anything changed).
fn together(before: Option<Option<Vec<String>>>, paths: Option<Vec<String>>) -> Option<Vec<String>> {
    match (before, paths) {
        (None, paths) => paths,
        (Some(Some(mut all)), Some(more)) => {
            all.extend(more);
            all.sort_unstable();
            all.dedup();
            Some(all)
        }
        (Some(_), _) => None,
    }
}

fn rebuild(workspace: &mut Workspace, live: &Live, paths: Option<Vec<String>>) {
    let started = Instant::now();
    // The clock was checked at start, so this falls back only in theory.
    let now = crate::now().unwrap_or_else(|_| jiff::Timestamp::now());
    let built = workspace.build(paths.as_deref(), now);
    match built {
        Ok(built) => {
            live.publish(built.site, built.id);
            let what = paths.as_deref().map_or_else(|| "everything".to_string(), summary);
            let how = if built.patched { "patched" } else { "rebuilt" };
            eprintln!(
                "rebuilt after changes to {what} in {} ms ({how}, {} pages rendered)",
                started.elapsed().as_millis(),
                built.pages
            );
        }
        Err(errors) => {
            let text = report(&errors);
            // Pages learn of it first: whoever reads the terminal may ask them.
            live.fail(text.clone());
            eprintln!("{text}");
        }
    }
}

/// What the builder thread is asked to do.
pub enum Message {
    /// Rebuild after changes to these paths (`None`: anything).
    Changes(Option<Vec<String>>),
    /// Make the heavy files (JSON export, search index) of the current model.
    Heavy(mpsc::Sender<Arc<BTreeMap<String, Content>>>),
}

fn report(errors: &[Diagnostic]) -> String {
    let lines: Vec<String> = errors.iter().map(|d| d.to_string()).collect();
    format!("{}\nbuild failed: {}", lines.join("\n"), crate::diagnostics::summary(errors))
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
            Some(Content::Bytes(b)) => (404, "text/html; charset=utf-8", reload::inject(&http::based(b, base), &tag)),
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
    // The length is known: say so, rather than let tiny_http chunk large bodies.
    let mut response = Response::from_data(body)
        .with_chunked_threshold(usize::MAX)
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

#[cfg(test)]
mod tests {
    use super::together;

    #[test]
    fn batches_taken_together_name_each_path_once_and_anything_wins() {
        let paths = |p: &[&str]| Some(p.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let one = together(None, paths(&["people/b.md", "people/a.md"]));
        assert_eq!(one, paths(&["people/b.md", "people/a.md"]));
        let two = together(Some(one), paths(&["people/a.md", "roles/c.md"]));
        assert_eq!(two, paths(&["people/a.md", "people/b.md", "roles/c.md"]));
        assert_eq!(together(Some(two.clone()), None), None);
        assert_eq!(together(Some(None), paths(&["x.md"])), None);
    }
}
