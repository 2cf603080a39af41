//! Save → new page served, with the real `teambook serve` on a generated
//! handbook: shared by the `serve` and `compare` benchmarks.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").expect("send");
    let mut body = String::new();
    let _ = s.read_to_string(&mut body);
    body
}

/// Median and 90th percentile of save → served, in milliseconds, and the
/// first build (in memory) in milliseconds.
pub fn measure(dir: &Path, edits: usize) -> (f64, f64, u128) {
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
    let first_build = started.elapsed().as_millis();
    std::thread::spawn(move || for _ in lines {});
    let (port, base) = url.split_at(url.find('/').expect("path"));
    let port: u16 = port.parse().expect("port");
    let mut samples = Vec::new();
    for i in 0..edits {
        let u = i * 37 % 50;
        let file = std::fs::read_dir(dir.join("updates/2000"))
            .expect("dir")
            .filter_map(Result::ok)
            .nth(u)
            .expect("update")
            .path();
        let stem = file.file_stem().expect("stem").to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&file).expect("read");
        let marker = format!("edit-marker-{i}-{}", started.elapsed().as_nanos());
        let t = Instant::now();
        std::fs::write(&file, format!("{text}\n{marker}\n")).expect("write");
        let page = format!("{base}updates/2000/{stem}.html");
        loop {
            if get(port, &page).contains(&marker) {
                break;
            }
            assert!(t.elapsed() < Duration::from_secs(30), "never served");
            std::thread::sleep(Duration::from_millis(1));
        }
        samples.push(t.elapsed().as_secs_f64() * 1000.0);
        std::thread::sleep(Duration::from_millis(150));
    }
    let _ = child.kill();
    let _ = child.wait();
    samples.sort_by(f64::total_cmp);
    (samples[samples.len() / 2], samples[samples.len() * 9 / 10], first_build)
}
