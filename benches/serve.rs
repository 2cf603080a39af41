//! Save → page served, with `teambook serve` on generated handbooks (on
//! tmpfs): for an edit of a person, a role, an update and a free page, in
//! every shape (TEAMBOOK_BENCH_SHAPES) and size (TEAMBOOK_BENCH_SIZES,
//! default 1,000 and 10,000 pages), with the ratio of the largest size to the
//! smallest, and for each kind of edit the shape where it is slowest. The
//! handbooks are left in /dev/shm/teambook-bench-serve when
//! TEAMBOOK_BENCH_KEEP is set.
//! Run: `cargo bench --bench serve`.

// Each benchmark uses part of what the two modules share.
#[allow(dead_code, unused_imports)]
mod corpus;
mod live;

use std::path::Path;

use corpus::{Corpus, Edit, Shape};
use live::{Live, Times};

/// Saves timed per kind of edit, per handbook (TEAMBOOK_BENCH_EDITS).
fn edits() -> usize {
    std::env::var("TEAMBOOK_BENCH_EDITS").ok().and_then(|s| s.parse().ok()).unwrap_or(25)
}

fn main() {
    let root = Path::new("/dev/shm/teambook-bench-serve");
    let sizes = corpus::sizes_from_env();
    let shapes = Shape::from_env();
    // (kind, shape) → one figure per size.
    let mut rows: Vec<(Edit, Shape, Vec<Times>)> = Vec::new();
    for &shape in &shapes {
        for &n in &sizes {
            let dir = root.join(format!("{}-{n}", shape.name()));
            let corpus = Corpus::new(shape, n);
            corpus::teambook(&dir, &corpus);
            let live = Live::start(&dir);
            eprintln!("{} {n}: first build (in memory) {} ms", shape.name(), live.first_build_ms);
            for kind in Edit::ALL {
                let times = live.edits(&corpus.edit_targets(kind), edits());
                match rows.iter_mut().find(|(k, s, _)| *k == kind && *s == shape) {
                    Some((_, _, list)) => list.push(times),
                    None => rows.push((kind, shape, vec![times])),
                }
            }
            drop(live);
            if std::env::var_os("TEAMBOOK_BENCH_KEEP").is_none() {
                let _ = std::fs::remove_dir_all(&dir);
            }
        }
    }
    print!("| edit | shape |");
    for n in &sizes {
        print!(" {n} pages: median (p90) |");
    }
    println!(" ratio |");
    println!("| --- | --- |{} ---: |", " ---: |".repeat(sizes.len()));
    rows.sort_by_key(|(kind, _, _)| Edit::ALL.iter().position(|k| k == kind));
    for (kind, shape, times) in &rows {
        print!("| {} | {} |", kind.name(), shape.name());
        for t in times {
            print!(" {:.1} ms ({:.1}) |", t.median, t.p90);
        }
        println!(" {:.2}× |", ratio(times));
    }
    println!();
    for kind in Edit::ALL {
        let worst = rows.iter().filter(|(k, _, _)| *k == kind).max_by(|a, b| last(&a.2).total_cmp(&last(&b.2)));
        if let Some((_, shape, times)) = worst {
            let verdict = if last(times) < 30.0 && ratio(times) <= 1.5 { "meets" } else { "misses" };
            println!(
                "{}: slowest in the {} shape, {:.1} ms at {} pages, {:.2}× the {}-page figure ({verdict} < 30 ms and ≤ 1.5×)",
                kind.name(),
                shape.name(),
                last(times),
                sizes.last().expect("a size"),
                ratio(times),
                sizes[0]
            );
        }
    }
}

fn last(times: &[Times]) -> f64 {
    times.last().map_or(0.0, |t| t.median)
}

/// The largest size's median over the smallest's.
fn ratio(times: &[Times]) -> f64 {
    last(times) / times[0].median
}
