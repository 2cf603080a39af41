//! Save → new page served, with `teambook serve` on generated handbooks of
//! 1,000 and 10,000 pages (on tmpfs). Run: `cargo bench --bench serve`.

#[allow(dead_code)] // the other generators serve the comparison benchmark
mod corpus;

mod live;

use std::path::Path;

fn main() {
    let root = Path::new("/dev/shm/teambook-bench-serve");
    let mut rows = Vec::new();
    for n in [1_000, 10_000] {
        let dir = root.join(format!("n{n}"));
        corpus::teambook(&dir, n);
        let (median, p90, first) = live::measure(&dir, 25);
        println!("{n:>6} pages: first build {first} ms; save → page served: median {median:.1} ms, p90 {p90:.1} ms");
        rows.push(median);
    }
    println!("ratio 10,000 / 1,000 pages: {:.2}", rows[1] / rows[0]);
    let _ = std::fs::remove_dir_all(root);
}
