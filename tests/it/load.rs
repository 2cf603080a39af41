//! `teambook serve` under faults and load: a checkout rewriting hundreds of
//! files, a thousand saves with requests in flight, the content deleted and
//! put back, many clients at once, idle and slow connections, malformed
//! HTTP. The real binary on 127.0.0.1; every wait is bounded.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::serve::{Reply, Server, request};
use crate::support::{Site, run_in};

const WAIT: Duration = Duration::from_secs(20);

fn builds(server: &mut Server) -> usize {
    server.drain().iter().filter(|l| l.starts_with("rebuilt") || l.starts_with("build failed")).count()
}

/// Waits until no build has started for `quiet`, then returns the build count.
fn settle(server: &mut Server, quiet: Duration) -> usize {
    let deadline = Instant::now() + WAIT;
    let mut count = builds(server);
    let mut since = Instant::now();
    while Instant::now() < deadline && since.elapsed() < quiet {
        std::thread::sleep(Duration::from_millis(50));
        let now = builds(server);
        if now != count {
            count = now;
            since = Instant::now();
        }
    }
    count
}

/// The served body with the live-reload script taken out again.
fn without_live_reload(bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    let mid = text.find("live.js\" data-poll");
    match (mid.and_then(|m| text[..m].rfind("<script src=\"")), mid) {
        (Some(start), Some(mid)) => {
            let end = mid + text[mid..].find("</script>").expect("end of the tag") + "</script>".len();
            format!("{}{}", &text[..start], &text[end..]).into_bytes()
        }
        _ => bytes.to_vec(),
    }
}

/// Every file of a clean build of `site` (with the server's base URL) must be
/// served byte for byte.
fn assert_serves_a_clean_build(site: &Site, server: &Server) {
    let out = tempfile::tempdir().expect("tmp");
    let url = format!("http://127.0.0.1:{}{}", server.port, server.base);
    let target = out.path().join("site");
    run_in(site.path(), &["build", "-o", target.to_str().expect("utf-8"), "--base-url", &url]).status(0);
    let mut checked = 0;
    let mut differ = Vec::new();
    for entry in walkdir::WalkDir::new(&target).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(&target).expect("prefix").to_string_lossy().into_owned();
        if !entry.file_type().is_file() || rel == ".teambook-manifest" || rel == "404.html" {
            continue;
        }
        let want = fs::read(entry.path()).expect("read");
        let got = server.page(&rel);
        if got.status != 200 || without_live_reload(&got.bytes) != want {
            differ.push(format!("{rel} ({})", got.status));
        }
        checked += 1;
    }
    assert!(checked > 100, "only {checked} files");
    assert!(differ.is_empty(), "{} of {checked} files differ: {:?}", differ.len(), &differ[..differ.len().min(10)]);
}

/// example-team plus `n` extra pages.
fn big_site(n: usize) -> Site {
    let mut site = Site::copy_of("example-team");
    for i in 0..n {
        site = site.file(&format!("pages/bulk/page-{i:03}.md"), &format!("# Page {i}\n\nSee [[people/mitra]].\n"));
    }
    site
}

#[test]
fn a_checkout_of_300_files_is_at_most_two_builds_and_serves_a_clean_build() {
    let site = big_site(300);
    let mut server = Server::start(&site, &[]);
    let before = settle(&mut server, Duration::from_millis(500));
    // Like `git checkout`: every file rewritten as fast as the disk goes.
    for i in 0..300 {
        let text = format!(
            "# Page {i}, on the other branch\n\nSee [[people/nadia]] and [[pages/bulk/page-{:03}]].\n",
            (i + 1) % 300
        );
        fs::write(site.path().join(format!("pages/bulk/page-{i:03}.md")), text).expect("write");
    }
    let after = settle(&mut server, Duration::from_millis(2000));
    assert!((1..=2).contains(&(after - before)), "{} builds: {:?}", after - before, server.lines);
    assert_serves_a_clean_build(&site, &server);
}

/// Threads and resident memory of a process, from /proc.
fn threads_and_rss(pid: u32) -> (usize, usize) {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .expect("field")
    };
    (field("Threads:"), field("VmRSS:"))
}

#[test]
fn a_thousand_saves_with_requests_in_flight() {
    let site = Site::copy_of("example-team");
    let mut server = Server::start(&site, &[]);
    let path = site.path().join("people/mitra.md");
    let original = fs::read_to_string(&path).expect("read");
    let stop = Arc::new(AtomicBool::new(false));
    let errors = Arc::new(Mutex::new(Vec::new()));
    let served = Arc::new(AtomicUsize::new(0));
    let clients: Vec<_> = (0..4)
        .map(|c| {
            let (stop, errors, served, port, base) =
                (stop.clone(), errors.clone(), served.clone(), server.port, server.base.clone());
            std::thread::spawn(move || {
                let pages = ["people/mitra.html", "index.html", "people/index.html", "search/index.js"];
                let mut i = c;
                while !stop.load(Ordering::Relaxed) {
                    let page = pages[i % pages.len()];
                    let host = format!("127.0.0.1:{port}");
                    let r = request(port, &format!("GET {base}{page} HTTP/1.1\r\nHost: {host}\r\n\r\n"));
                    if r.status != 200 && !(r.status == 404 && page.ends_with(".js")) {
                        errors.lock().expect("lock").push(format!("{page}: {}", r.status));
                    }
                    served.fetch_add(1, Ordering::Relaxed);
                    i += 1;
                }
            })
        })
        .collect();
    let save = |i: usize| {
        let text = original.replace("Mitra joined Acme", &format!("Mitra joined Acme (save {i})"));
        fs::write(&path, text).expect("write");
    };
    for i in 0..100 {
        save(i);
        std::thread::sleep(Duration::from_millis(10));
    }
    settle(&mut server, Duration::from_millis(500));
    let warm = threads_and_rss(server.pid());
    for i in 100..1000 {
        save(i);
        std::thread::sleep(Duration::from_millis(10));
    }
    let last = server.until("people/mitra.html", WAIT, |r| r.body.contains("(save 999)"));
    assert!(last.body.contains("(save 999)"), "the last save is not served");
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().expect("client");
    }
    let errors = errors.lock().expect("lock");
    assert!(errors.is_empty(), "{} errors, e.g. {:?}", errors.len(), &errors[..errors.len().min(5)]);
    // Idle threads of tiny_http's pool end after 5 s: allow them that.
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut end = threads_and_rss(server.pid());
    while end.0 > warm.0 + 4 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(250));
        end = threads_and_rss(server.pid());
    }
    let n = builds(&mut server);
    eprintln!(
        "1000 saves: {n} builds, {} requests served; threads {} -> {}, RSS {} -> {} KiB",
        served.load(Ordering::Relaxed),
        warm.0,
        end.0,
        warm.1,
        end.1
    );
    assert!(end.0 <= warm.0 + 4, "threads grew from {} to {}", warm.0, end.0);
    assert!(end.1 < warm.1 + warm.1 / 2, "memory grew from {} to {} KiB", warm.1, end.1);
}

#[test]
fn the_content_deleted_and_put_back_is_followed() {
    let site = Site::copy_of("example-team");
    let mut server = Server::start(&site, &[]);
    let root = site.path();
    let pages = root.join("pages");
    let saved = tempfile::tempdir().expect("tmp");
    crate::support::copy_tree(&pages, &saved.path().join("pages"));
    // A folder deleted (a checkout of a branch without it) breaks links:
    // the last good site stays up and the error is reported.
    fs::remove_dir_all(&pages).expect("rm");
    server.wait_line("build failed", WAIT);
    assert_eq!(server.page("glossary.html").status, 200);
    crate::support::copy_tree(&saved.path().join("pages"), &pages);
    server.wait_line("rebuilt after", WAIT);
    // Then the whole handbook, root folder included.
    let whole = tempfile::tempdir().expect("tmp");
    crate::support::copy_tree(root, &whole.path().join("hb"));
    fs::remove_dir_all(root).expect("rm root");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(server.page("people/mitra.html").status, 200, "the last good site is still served");
    crate::support::copy_tree(&whole.path().join("hb"), root);
    fs::write(root.join("pages/glossary.md"), "# Glossary, back\n").expect("write");
    let r = server.until("glossary.html", WAIT, |r| r.body.contains("Glossary, back"));
    assert!(r.body.contains("Glossary, back"), "the recreated handbook is not followed: {:?}", server.lines);
    assert_serves_a_clean_build(&site, &server);
}

#[test]
fn saves_during_a_slow_build_end_with_the_last_one() {
    let site = big_site(600);
    let mut server = Server::start(&site, &[]);
    settle(&mut server, Duration::from_millis(300));
    let config = site.path().join("teambook.toml");
    let text = fs::read_to_string(&config).expect("read");
    // A configuration change rebuilds everything; saves land while it runs.
    fs::write(&config, format!("{text}\n# touched\n")).expect("write");
    for i in 0..20 {
        std::thread::sleep(Duration::from_millis(15));
        fs::write(site.path().join("pages/glossary.md"), format!("# Glossary, save {i}\n")).expect("write");
    }
    let r = server.until("glossary.html", WAIT, |r| r.body.contains("Glossary, save 19"));
    assert!(r.body.contains("Glossary, save 19"));
    settle(&mut server, Duration::from_millis(500));
    assert_serves_a_clean_build(&site, &server);
}

#[test]
fn fifty_clients_at_once_all_get_answers() {
    let site = Site::copy_of("example-team");
    let server = Server::start(&site, &[]);
    let (port, base) = (server.port, server.base.clone());
    let started = Instant::now();
    let clients: Vec<_> = (0..50)
        .map(|c| {
            let base = base.clone();
            std::thread::spawn(move || {
                let pages = ["index.html", "people/mitra.html", "ownership/index.html", "assets/style.css"];
                (0..40)
                    .map(|i| {
                        let t = Instant::now();
                        let page = pages[(c + i) % pages.len()];
                        let r = request(port, &format!("GET {base}{page} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"));
                        (r.status, t.elapsed())
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut all: Vec<(u16, Duration)> = clients.into_iter().flat_map(|c| c.join().expect("client")).collect();
    let wall = started.elapsed();
    let statuses: BTreeMap<u16, usize> = all.iter().fold(BTreeMap::new(), |mut m, (s, _)| {
        *m.entry(*s).or_default() += 1;
        m
    });
    all.sort_by_key(|(_, t)| *t);
    let pct = |p: usize| all[(all.len() * p / 100).min(all.len() - 1)].1;
    eprintln!(
        "50 clients x 40 requests: {statuses:?} in {wall:?}; median {:?}, p99 {:?}, max {:?}",
        pct(50),
        pct(99),
        all[all.len() - 1].1
    );
    assert_eq!(statuses.get(&200), Some(&2000), "{statuses:?}");
}

#[test]
fn five_hundred_idle_connections_do_not_starve_a_request() {
    let site = Site::copy_of("example-team");
    let server = Server::start(&site, &[]);
    let idle: Vec<TcpStream> =
        (0..500).map(|_| TcpStream::connect(("127.0.0.1", server.port)).expect("connect")).collect();
    // Half of them have started a request and stopped.
    for s in idle.iter().step_by(2) {
        (&*s).write_all(b"GET / HTTP/1.1\r\nHost: local").expect("send");
    }
    let started = Instant::now();
    let r = server.page("people/mitra.html");
    assert_eq!(r.status, 200);
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    drop(idle);
}

#[test]
fn a_slow_client_is_cut_off_and_others_are_served() {
    let site = Site::copy_of("example-team");
    let server = Server::start(&site, &[]);
    let mut slow = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    slow.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    let started = Instant::now();
    let mut answer = Vec::new();
    // One byte every half second, forever: the server gives up after 10 s.
    for b in b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".iter().chain(b"a".repeat(100).iter()) {
        if slow.write_all(&[*b]).is_err() {
            break;
        }
        assert_eq!(server.page("index.html").status, 200);
        std::thread::sleep(Duration::from_millis(500));
        let _ = slow.set_nonblocking(true);
        let mut chunk = [0u8; 512];
        if let Ok(n) = slow.read(&mut chunk)
            && n > 0
        {
            answer.extend_from_slice(&chunk[..n]);
            break;
        }
        let _ = slow.set_nonblocking(false);
        if started.elapsed() > Duration::from_secs(15) {
            break;
        }
    }
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?} after {:?}", started.elapsed());
    assert!(started.elapsed() < Duration::from_secs(13), "{:?}", started.elapsed());
}

#[test]
fn malformed_http_gets_4xx_and_the_server_keeps_serving() {
    let site = Site::copy_of("example-team");
    let server = Server::start(&site, &[]);
    let port = server.port;
    let host = format!("127.0.0.1:{port}");
    let base = &server.base;
    let huge_header = format!("GET {base} HTTP/1.1\r\nHost: {host}\r\nX-Big: {}\r\n\r\n", "a".repeat(1 << 20));
    let many_headers = format!("GET {base} HTTP/1.1\r\nHost: {host}\r\n{}\r\n", "X-A: b\r\n".repeat(500));
    let mut cases: Vec<(String, &[u16])> = vec![
        (huge_header, &[431]),
        (many_headers, &[431]),
        ("GARBAGE\r\n\r\n".into(), &[400]),
        ("GET\r\n\r\n".into(), &[400]),
        (format!("GET {base} HTTP/9.9\r\nHost: {host}\r\n\r\n"), &[505]),
        (format!("GET  {base} HTTP/1.1\r\nHost: {host}\r\n\r\n"), &[400]),
        (format!("GET {base}\u{e9} HTTP/1.1\r\nHost: {host}\r\n\r\n"), &[400]),
        (format!("GET {base} HTTP/1.1\r\nHost {host}\r\n\r\n"), &[400]),
        (format!("GET http://{host}{base} HTTP/1.1\r\nHost: {host}\r\n\r\n"), &[400]),
        (format!("GET //etc/passwd HTTP/1.1\r\nHost: {host}\r\n\r\n"), &[400, 404]),
        (format!("GET * HTTP/1.1\r\nHost: {host}\r\n\r\n"), &[400]),
        (format!("CONNECT {host} HTTP/1.1\r\nHost: {host}\r\n\r\n"), &[400, 405]),
        (format!("POST {base} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 5\r\n\r\nhello"), &[405]),
        (format!("GET {base} HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"), &[200]),
    ];
    // `..` in every encoding.
    for dots in [
        "..",
        "%2e%2e",
        "%2E%2E",
        ".%2e",
        "%2e.",
        "..%2f..",
        "..%5c..",
        "..\\..",
        "%252e%252e",
        "%c0%ae%c0%ae",
        "..%00",
        "....//....",
        ".%00.",
        "%2e%2e%2f%2e%2e",
    ] {
        cases
            .push((format!("GET {base}{dots}/{dots}/{dots}/etc/passwd HTTP/1.1\r\nHost: {host}\r\n\r\n"), &[400, 404]));
    }
    for (raw, allowed) in &cases {
        let r: Reply = request(port, raw);
        assert!(allowed.contains(&r.status), "{:?} -> {} {:?}", &raw[..raw.len().min(80)], r.status, r.head);
        assert!(!r.body.contains("root:"), "leaked a file");
    }
    assert_eq!(server.page("people/mitra.html").status, 200, "the server stopped serving");
}
