//! Save → new page served, with the real `teambook serve` on a generated
//! handbook: shared by the `serve` and `compare` benchmarks.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `teambook serve` on 127.0.0.1; stopped when dropped.
pub struct Live {
    child: Child,
    dir: PathBuf,
    port: u16,
    /// The site's path on the server (`/` or `/handbook/`).
    base: String,
    started: Instant,
    /// From the start to the server answering, in milliseconds (the first
    /// build, in memory).
    pub first_build_ms: u128,
}

/// The median and 90th percentile of save → served, in milliseconds.
#[derive(Clone, Copy)]
pub struct Times {
    pub median: f64,
    pub p90: f64,
}

impl Live {
    pub fn start(dir: &Path) -> Live {
        let mut child = Command::new(env!("CARGO_BIN_EXE_teambook"))
            .args(["serve", "-p", "0"])
            .arg(dir)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("serve");
        let started = Instant::now();
        let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
        let url = loop {
            let line = lines.next().expect("output").expect("line");
            if let Some(rest) = line.split(" at http://127.0.0.1:").nth(1) {
                break rest.split_whitespace().next().expect("url").to_string();
            }
        };
        let first_build_ms = started.elapsed().as_millis();
        std::thread::spawn(move || for _ in lines {});
        let (port, base) = url.split_at(url.find('/').expect("path"));
        Live {
            child,
            dir: dir.to_path_buf(),
            port: port.parse().expect("port"),
            base: base.to_string(),
            started,
            first_build_ms,
        }
    }

    /// Appends a paragraph to one of `targets` (file, page: relative to the
    /// handbook and to the site), `edits` times in turn, and times each save
    /// until its page is served with the new paragraph.
    pub fn edits(&self, targets: &[(String, String)], edits: usize) -> Times {
        assert!(!targets.is_empty(), "nothing to edit");
        let mut samples = Vec::new();
        for i in 0..edits {
            let (file, page) = &targets[i * 37 % targets.len()];
            let file = self.dir.join(file);
            let text = std::fs::read_to_string(&file).expect("read");
            let marker = format!("edit-marker-{i}-{}", self.started.elapsed().as_nanos());
            let page = format!("{}{page}", self.base);
            let t = Instant::now();
            std::fs::write(&file, format!("{text}\n{marker}\n")).expect("write");
            while !self.get(&page).contains(&marker) {
                assert!(t.elapsed() < Duration::from_secs(30), "{page} never served the edit of {}", file.display());
                std::thread::sleep(Duration::from_millis(1));
            }
            samples.push(t.elapsed().as_secs_f64() * 1000.0);
            std::thread::sleep(Duration::from_millis(150));
        }
        samples.sort_by(f64::total_cmp);
        Times { median: samples[samples.len() / 2], p90: samples[samples.len() * 9 / 10] }
    }

    fn get(&self, path: &str) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").expect("send");
        let mut body = String::new();
        let _ = s.read_to_string(&mut body);
        body
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
