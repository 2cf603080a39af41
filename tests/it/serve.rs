//! `teambook serve`: the real binary, real HTTP on 127.0.0.1 (an ephemeral
//! port), the real file watcher. Every wait is bounded; the server is killed
//! when the test ends.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::{NOW, Site};

pub struct Server {
    child: Child,
    pub port: u16,
    /// The site's path on the server, e.g. `/payments-handbook/`.
    pub base: String,
    log: mpsc::Receiver<String>,
    pub lines: Vec<String>,
}

impl Server {
    pub fn start(site: &Site, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_teambook"))
            .args(["serve", "-p", "0"])
            .args(extra)
            .current_dir(site.path())
            .env("SOURCE_DATE_EPOCH", NOW)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start teambook serve");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, log) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server { child, port: 0, base: String::new(), log, lines: Vec::new() };
        let line = server.wait_line(" at http://", Duration::from_secs(20));
        let url = line.split(" at ").nth(1).and_then(|u| u.split_whitespace().next()).expect("url").to_string();
        let rest = url.strip_prefix("http://127.0.0.1:").expect("loopback url");
        let (port, base) = rest.split_at(rest.find('/').expect("path"));
        server.port = port.parse().expect("port");
        server.base = base.to_string();
        server
    }

    /// Waits for a line of the server's output containing `needle`.
    pub fn wait_line(&mut self, needle: &str, within: Duration) -> String {
        let deadline = Instant::now() + within;
        if let Some(l) = self.lines.iter().find(|l| l.contains(needle)) {
            return l.clone();
        }
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.log.recv_timeout(left) {
                Ok(line) => {
                    self.lines.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => panic!("no {needle:?} within {within:?}; output so far:\n{}", self.lines.join("\n")),
            }
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Output lines so far (non-blocking).
    pub fn drain(&mut self) -> &[String] {
        while let Ok(line) = self.log.try_recv() {
            self.lines.push(line);
        }
        &self.lines
    }

    pub fn get(&self, path: &str) -> Reply {
        request(
            self.port,
            &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n", self.port),
        )
    }

    pub fn page(&self, rel: &str) -> Reply {
        self.get(&format!("{}{rel}", self.base))
    }

    /// Polls until the page's body satisfies `ok` (bounded).
    pub fn until(&self, rel: &str, within: Duration, ok: impl Fn(&Reply) -> bool) -> Reply {
        let deadline = Instant::now() + within;
        loop {
            let r = self.page(rel);
            if ok(&r) || Instant::now() > deadline {
                return r;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: String,
    /// The body as sent.
    pub bytes: Vec<u8>,
}

pub fn request(port: u16, raw: &str) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    s.write_all(raw.as_bytes()).expect("send");
    // Read the head, then as much body as Content-Length says (or to the end).
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let n = s.read(&mut chunk).unwrap_or(0);
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..n]);
        if let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&bytes[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            if length.is_some_and(|len| bytes.len() >= end + 4 + len) {
                break;
            }
        }
    }
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n").map_or(bytes.len(), |e| e + 4);
    let head = String::from_utf8_lossy(&bytes[..end]).trim_end().to_string();
    let body = bytes[end..].to_vec();
    let status = head.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    Reply { status, head, body: String::from_utf8_lossy(&body).into_owned(), bytes: body }
}

const WAIT: Duration = Duration::from_secs(10);

fn example() -> (Site, Server) {
    let site = Site::copy_of("example-team");
    let server = Server::start(&site, &[]);
    (site, server)
}

#[test]
fn serves_the_site_under_its_base_path_with_live_reload() {
    let (_site, server) = example();
    assert_eq!(server.base, "/payments-handbook/");
    let home = server.page("");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("<h1>Payments team handbook</h1>"));
    assert!(home.body.contains("/payments-handbook/__teambook/live.js"), "live reload script injected");
    assert_eq!(server.page("people/mitra.html").status, 200);
    let redirect = server.get("/");
    assert_eq!(redirect.status, 302);
    assert!(redirect.head.contains("Location: /payments-handbook/"));
    let missing = server.page("no/such/page.html");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"));
    assert_eq!(server.page("__teambook/live.js").status, 200);
    let ics = server.page("calendar.ics");
    assert!(ics.head.contains("Content-Type: text/calendar"));
    assert!(!ics.head.to_ascii_lowercase().contains("access-control-allow-origin"));
}

#[test]
fn an_edit_is_served_and_announced() {
    let (site, mut server) = example();
    let before = server.page("__teambook/poll?generation=0").body;
    let generation: u64 = before
        .split("\"generation\":")
        .nth(1)
        .and_then(|s| s.split(',').next())
        .and_then(|s| s.parse().ok())
        .expect("generation");
    let path = site.path().join("people/mitra.md");
    let text = fs::read_to_string(&path).expect("read").replace("Mitra joined Acme", "Mitra joined ACME Corp");
    let poller = {
        let port = server.port;
        let base = server.base.clone();
        std::thread::spawn(move || {
            request(
                port,
                &format!("GET {base}__teambook/poll?generation={generation} HTTP/1.1\r\nHost: localhost\r\n\r\n"),
            )
        })
    };
    std::thread::sleep(Duration::from_millis(200));
    fs::write(&path, text).expect("write");
    let answer = poller.join().expect("poll");
    assert!(answer.body.contains(&format!("\"generation\":{}", generation + 1)), "{}", answer.body);
    // A save may arrive as a truncation and a write: the last one wins.
    let page = server.until("people/mitra.html", WAIT, |r| r.body.contains("ACME Corp"));
    assert!(page.body.contains("ACME Corp"));
    server.wait_line("rebuilt after changes to people/mitra.md", WAIT);
}

/// An edited decision is patched in: its page, the log, the changes log
/// and the area it changed show the edit; a new one appears in the log.
#[test]
fn an_edited_decision_is_served_everywhere_it_shows() {
    let (site, mut server) = example();
    let path = site.path().join("decisions/release-train-to-tech-lead.md");
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, text.replace("goes back to the tech lead\"", "returns to the tech lead\"")).expect("write");
    let title = "The release train returns to the tech lead";
    for page in [
        "decisions/release-train-to-tech-lead.html",
        "decisions/index.html",
        "ownership/changes.html",
        "areas/release-management.html",
        "people/mitra.html",
    ] {
        assert!(server.until(page, WAIT, |r| r.body.contains(title)).body.contains(title), "{page}");
    }
    let line = server.wait_line("rebuilt after changes to decisions/release-train-to-tech-lead.md", WAIT);
    assert!(line.contains("(patched,"), "an edit of a decision is patched in: {line}");
    fs::write(
        site.path().join("decisions/demo-cadence.md"),
        "+++\ntitle = \"Demos move to the first Friday\"\ndate = 2026-11-20\nstatus = \"proposed\"\n+++\n",
    )
    .expect("write");
    let log = server.until("decisions/index.html", WAIT, |r| r.body.contains("Demos move to the first Friday"));
    assert!(log.body.contains("2 proposed"), "{}", log.body);
    assert_eq!(server.page("decisions/demo-cadence.html").status, 200);
}

#[test]
fn renames_deletes_and_new_folders_are_followed() {
    let (site, server) = example();
    let root = site.path();
    // Save by rename, as vim and JetBrains do: write a temp file, move it over.
    fs::write(root.join("pages/.glossary.md.tmp"), "+++\ntitle = \"Words\"\n+++\nRenamed save.\n").expect("write");
    fs::rename(root.join("pages/.glossary.md.tmp"), root.join("pages/glossary.md")).expect("rename");
    assert!(server.until("glossary.html", WAIT, |r| r.body.contains("Renamed save.")).body.contains("Renamed save."));
    // A rename moves the page.
    fs::rename(root.join("pages/glossary.md"), root.join("pages/words.md")).expect("rename");
    assert_eq!(server.until("words.html", WAIT, |r| r.status == 200).status, 200);
    assert_eq!(server.until("glossary.html", WAIT, |r| r.status == 404).status, 404);
    // A new folder with a page.
    fs::create_dir_all(root.join("pages/crew/rituals")).expect("mkdir");
    fs::write(root.join("pages/crew/rituals/friday.md"), "# Friday demos\n").expect("write");
    assert_eq!(server.until("crew/rituals/friday.html", WAIT, |r| r.status == 200).status, 200);
    // A deletion removes it.
    fs::remove_file(root.join("pages/crew/rituals/friday.md")).expect("rm");
    assert_eq!(server.until("crew/rituals/friday.html", WAIT, |r| r.status == 404).status, 404);
    // teambook.toml and static files count too.
    fs::write(root.join("static/notes.txt"), "hello").expect("write");
    assert_eq!(server.until("notes.txt", WAIT, |r| r.status == 200).body, "hello");
    // So does static/.well-known/, the one hidden folder published.
    fs::create_dir_all(root.join("static/.well-known")).expect("mkdir");
    fs::write(root.join("static/.well-known/security.txt"), "Contact: x").expect("write");
    assert_eq!(server.until(".well-known/security.txt", WAIT, |r| r.status == 200).body, "Contact: x");
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_and_reports_the_error() {
    let (site, mut server) = example();
    let path = site.path().join("people/mitra.md");
    let good = fs::read_to_string(&path).expect("read");
    fs::write(&path, good.replace("roles = [\"engineering-manager\"]", "roles = [\"enginering-manager\"]"))
        .expect("write");
    server.wait_line("error: people/mitra.md:3:10", WAIT);
    let poll = server.page("__teambook/poll?generation=0");
    assert!(poll.body.contains("people/mitra.md:3:10: unknown role"), "{}", poll.body);
    let page = server.page("people/mitra.html");
    assert_eq!(page.status, 200, "the last good page is still served");
    assert!(page.body.contains("Engineering Manager"));
    assert!(server.lines.iter().any(|l| l.contains("error: people/mitra.md:3:10")), "the terminal shows it too");
    fs::write(&path, good.replace("Mitra joined Acme", "Mitra, fixed,")).expect("write");
    let fixed = server.until("people/mitra.html", WAIT, |r| r.body.contains("Mitra, fixed,"));
    assert!(fixed.body.contains("Mitra, fixed,"));
    assert!(server.page("__teambook/poll?generation=0").body.contains("\"error\":null"));
}

#[test]
fn a_burst_of_saves_is_one_or_two_builds() {
    let (site, mut server) = example();
    let before = server.drain().iter().filter(|l| l.starts_with("rebuilt")).count();
    for i in 0..150 {
        fs::write(site.path().join(format!("pages/burst-{i:03}.md")), format!("# Burst {i}\n")).expect("write");
    }
    let last = server.until("burst-149.html", WAIT, |r| r.status == 200);
    assert_eq!(last.status, 200);
    std::thread::sleep(Duration::from_millis(800));
    let builds = server.drain().iter().filter(|l| l.starts_with("rebuilt")).count() - before;
    assert!((1..=2).contains(&builds), "{builds} builds: {:?}", server.lines);
    for i in [0, 75, 149] {
        assert_eq!(server.page(&format!("burst-{i:03}.html")).status, 200);
    }
}

#[test]
fn refuses_traversal_foreign_hosts_and_other_methods() {
    let (_site, server) = example();
    let raw =
        |line: &str, host: &str| request(server.port, &format!("{line}\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
    let local = format!("127.0.0.1:{}", server.port);
    for path in [
        "/payments-handbook/../../../etc/passwd",
        "/payments-handbook/%2e%2e/%2e%2e/etc/passwd",
        "/payments-handbook/..%2f..%2fetc%2fpasswd",
        "/payments-handbook/..\\..\\etc\\passwd",
        "/payments-handbook/%00",
    ] {
        let r = raw(&format!("GET {path} HTTP/1.1"), &local);
        assert!(r.status == 400 || r.status == 404, "{path}: {}", r.status);
        assert!(!r.body.contains("root:"), "{path} leaked a file");
    }
    let absolute = raw("GET http://127.0.0.1/payments-handbook/ HTTP/1.1", &local);
    assert!(absolute.status == 400 || absolute.status == 404, "{}", absolute.status);
    assert_eq!(raw("GET /payments-handbook/ HTTP/1.1", "evil.example").status, 403);
    assert_eq!(raw("GET /payments-handbook/ HTTP/1.1", &format!("localhost:{}", server.port)).status, 200);
    let post = raw("POST /payments-handbook/ HTTP/1.1", &local);
    assert_eq!(post.status, 405);
    assert!(post.head.contains("Allow: GET, HEAD"));
    let head = raw("HEAD /payments-handbook/ HTTP/1.1", &local);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    // No error page shows a path of this machine.
    for r in [raw("GET /payments-handbook/%zz HTTP/1.1", &local), raw("GET /nowhere HTTP/1.1", &local)] {
        assert!(!r.body.contains(env!("CARGO_MANIFEST_DIR")) && !r.body.contains("/tmp/"), "{}", r.body);
    }
}

#[test]
fn a_port_in_use_is_a_clear_error_before_building() {
    let holder = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = holder.local_addr().expect("addr").port().to_string();
    let site = Site::copy_of("example-team");
    let run = site.run(&["serve", "-p", &port]);
    assert_eq!(run.code(), 2);
    let err = run.stderr();
    assert!(err.contains(&format!("port {port} is already in use")), "{err}");
    assert!(!err.contains("built in"), "nothing was built: {err}");
}

#[test]
fn binding_every_interface_warns() {
    let site = Site::copy_of("example-team");
    let mut server = Server::start(&site, &["--bind", "0.0.0.0"]);
    server.wait_line("warning: serving on every network interface", WAIT);
    assert_eq!(server.page("").status, 200);
}

/// A real browser: the open page reloads by itself after an edit, shows a
/// broken build as an overlay, and recovers when it is fixed.
#[test]
fn an_open_page_reloads_by_itself_in_a_browser() {
    let (site, server) = example();
    let url = format!("http://127.0.0.1:{}{}people/mitra.html", server.port, server.base);
    let Some(mut browser) = crate::cdp::Browser::open(&url) else { return };
    assert!(
        browser.wait_for(
            "document.readyState === 'complete' && document.body.innerText.includes('Mitra joined Acme')",
            WAIT
        )
    );
    // Mark this page: after a reload the mark is gone.
    browser.eval("window.__teambookMark = 1");
    let path = site.path().join("people/mitra.md");
    let good = fs::read_to_string(&path).expect("read");
    fs::write(&path, good.replace("Mitra joined Acme", "Mitra joined ACME, reloaded")).expect("write");
    assert!(
        browser.wait_for(
            "window.__teambookMark === undefined && document.body.innerText.includes('ACME, reloaded')",
            WAIT
        ),
        "the page did not reload"
    );
    // A broken save: the overlay names the file and line; the page stays.
    browser.eval("window.__teambookMark = 2");
    fs::write(&path, good.replace("roles = [\"engineering-manager\"]", "roles = [\"nope\"]")).expect("write");
    assert!(browser.wait_for(
        "(document.getElementById('teambook-build-error')||{}).innerText?.includes('people/mitra.md:3:10')",
        WAIT
    ));
    assert_eq!(browser.eval("window.__teambookMark"), serde_json::json!(2), "no reload for a failed build");
    // Fixed: the overlay goes and the page reloads once.
    fs::write(&path, good.replace("Mitra joined Acme", "Mitra joined, fixed")).expect("write");
    assert!(browser.wait_for("window.__teambookMark === undefined && document.body.innerText.includes('Mitra joined, fixed') && !document.getElementById('teambook-build-error')", WAIT));
    // No reload loop: the page stays put while nothing changes.
    browser.eval("window.__teambookMark = 3");
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(browser.eval("window.__teambookMark"), serde_json::json!(3));
}
