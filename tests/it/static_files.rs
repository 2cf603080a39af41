//! A static file server on 127.0.0.1, as GitHub Pages or a release download
//! host serves files: a folder under a URL prefix, 404 (with an optional
//! page) for anything else. It stops when dropped, or after two minutes.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub struct Server {
    pub port: u16,
    stop: Arc<AtomicBool>,
}

impl Server {
    /// Serves `root` at `prefix` (which starts and ends with `/`); a missing
    /// file gets `not_found` (a file of `root`) as its body, or nothing.
    pub fn start(root: PathBuf, prefix: &'static str, not_found: Option<&'static str>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let port = listener.local_addr().expect("addr").port();
        listener.set_nonblocking(true).expect("nonblocking");
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(120);
            while !flag.load(Ordering::Relaxed) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => serve(stream, &root, prefix, not_found),
                    Err(_) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Server { port, stop }
    }

    /// The address of `prefix` on this server, without its final `/`.
    pub fn url(&self, prefix: &str) -> String {
        format!("http://127.0.0.1:{}{}", self.port, prefix.trim_end_matches('/'))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn serve(mut stream: TcpStream, root: &Path, prefix: &str, not_found: Option<&str>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut line = String::new();
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    if reader.read_line(&mut line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).map_or(true, |n| n == 0) || header == "\r\n" {
            break;
        }
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/");
    let file =
        path.strip_prefix(prefix).map(|p| if p.is_empty() { "index.html" } else { p }).filter(|p| !p.contains(".."));
    let (status, body) = match file.map(|f| root.join(f)).filter(|p| p.is_file()) {
        Some(p) => ("200 OK", fs::read(p).unwrap_or_default()),
        None => ("404 Not Found", not_found.and_then(|page| fs::read(root.join(page)).ok()).unwrap_or_default()),
    };
    let _ = write!(stream, "HTTP/1.0 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
    let _ = stream.write_all(&body);
}
