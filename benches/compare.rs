//! teambook, Hugo and mdBook building the same content, in one run:
//! `cargo bench --bench compare` (sizes: TEAMBOOK_BENCH_SIZES, default
//! "1000,10000,100000"). Installs Hugo (Debian) and mdBook (crates.io) if
//! they are missing. Works on tmpfs (/dev/shm). Prints the median wall time
//! and peak RSS of each, teambook's ratios to the others, `teambook check`,
//! and in `teambook serve` the time from saving one file to its new page
//! being served (median of 25 saves), with the ratio to the smallest size.

mod corpus;
mod live;

use std::path::Path;
use std::process::Command;

const RUNS: usize = 3;
/// A build slower than this is stopped and reported as such.
const LIMIT_SECS: u64 = 240;

#[derive(Clone, Copy)]
struct Sample {
    secs: f64,
    kib: u64,
}

/// Runs a command under /usr/bin/time; `None` when it failed or ran out of time.
fn measure(program: &str, args: &[&str]) -> Option<Sample> {
    let report = std::env::temp_dir().join(format!("teambook-bench-time-{}", std::process::id()));
    let status = Command::new("timeout")
        .arg(LIMIT_SECS.to_string())
        .arg("/usr/bin/time")
        .args(["-f", "%e %M", "-o"])
        .arg(&report)
        .arg(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .ok()?;
    if !status.success() {
        return None;
    }
    let text = std::fs::read_to_string(&report).ok()?;
    let mut parts = text.split_whitespace();
    Some(Sample { secs: parts.next()?.parse().ok()?, kib: parts.next()?.parse().ok()? })
}

/// A warm-up, then `RUNS` runs; the median time and the largest peak RSS.
/// A tool that takes over a minute is measured once (the warm-up).
fn bench(program: &str, args: &[&str], out: &Path) -> Option<Sample> {
    let mut samples = Vec::new();
    for run in 0..=RUNS {
        let _ = std::fs::remove_dir_all(out);
        let sample = measure(program, args)?;
        if run == 0 && sample.secs > 60.0 {
            return Some(sample);
        }
        if run > 0 {
            samples.push(sample);
        }
    }
    samples.sort_by(|a, b| a.secs.total_cmp(&b.secs));
    let kib = samples.iter().map(|s| s.kib).max()?;
    Some(Sample { secs: samples[samples.len() / 2].secs, kib })
}

fn ensure(tool: &str, version: &str, install: &[&str]) -> String {
    if Command::new(tool).arg(version).output().is_ok_and(|o| o.status.success()) {
        return tool.to_string();
    }
    eprintln!("installing {tool}: {}", install.join(" "));
    let _ = Command::new(install[0]).args(&install[1..]).status();
    let home = std::env::var("HOME").unwrap_or_default();
    let cargo_bin = format!("{home}/.cargo/bin/{tool}");
    if Path::new(&cargo_bin).exists() { cargo_bin } else { tool.to_string() }
}

fn show(s: Option<Sample>) -> String {
    s.map_or_else(|| format!("> {LIMIT_SECS} s"), |s| format!("{:.2} s, {:.0} MiB", s.secs, s.kib as f64 / 1024.0))
}

fn ratio(a: Option<Sample>, b: Option<Sample>) -> String {
    match (a, b) {
        (Some(a), Some(b)) => format!("time {:.3}×, memory {:.3}×", a.secs / b.secs, a.kib as f64 / b.kib as f64),
        (Some(a), None) => format!("time < {:.4}×", a.secs / LIMIT_SECS as f64),
        _ => "n/a".into(),
    }
}

fn main() {
    let hugo = ensure("hugo", "version", &["apt-get", "install", "-y", "-qq", "hugo"]);
    let mdbook = ensure("mdbook", "--version", &["cargo", "install", "mdbook", "--locked"]);
    let teambook = env!("CARGO_BIN_EXE_teambook");
    let sizes: Vec<usize> = std::env::var("TEAMBOOK_BENCH_SIZES")
        .unwrap_or_else(|_| "1000,10000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let root = Path::new("/dev/shm/teambook-bench-compare");
    println!(
        "| pages | teambook | Hugo | mdBook | teambook / Hugo | teambook / mdBook | teambook check | serve: save → served |"
    );
    println!("| ---: | --- | --- | --- | --- | --- | --- | --- |");
    let mut first_save: Option<f64> = None;
    for n in sizes {
        let dir = root.join(format!("n{n}"));
        let (tb, hg, md) = (dir.join("teambook"), dir.join("hugo"), dir.join("mdbook"));
        corpus::teambook(&tb, n);
        corpus::hugo(&hg, n);
        corpus::mdbook(&md, n);
        let out = dir.join("out");
        let out_s = out.to_string_lossy().into_owned();
        let t = bench(teambook, &["build", &tb.to_string_lossy(), "-o", &out_s], &out);
        let h = bench(&hugo, &["--quiet", "-s", &hg.to_string_lossy(), "-d", &out_s], &out);
        let m = bench(&mdbook, &["build", &md.to_string_lossy(), "-d", &out_s], &out);
        let c = bench(teambook, &["check", &tb.to_string_lossy()], &out);
        let (save, _, _) = live::measure(&tb, 25);
        let base = *first_save.get_or_insert(save);
        println!(
            "| {n} | {} | {} | {} | {} | {} | {} | {save:.1} ms ({:.2}×) |",
            show(t),
            show(h),
            show(m),
            ratio(t, h),
            ratio(t, m),
            c.map_or_else(|| "failed".into(), |c| format!("{:.3} s", c.secs)),
            save / base
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
