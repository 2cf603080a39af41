//! No input makes teambook panic: every file of example-team, cut at many
//! points and with bytes flipped, still loads with diagnostics.

use std::fs;

use teambook::load::Options;

use crate::support::{NOW, Site, repo};

#[test]
fn truncated_and_corrupted_files_never_panic() {
    let now = jiff::Timestamp::from_second(NOW.parse().expect("epoch")).expect("timestamp");
    let options = Options { drafts: true, now };
    let example = repo().join("example-team");
    let mut files: Vec<_> = walkdir::WalkDir::new(&example)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&example).expect("prefix").to_path_buf())
        .collect();
    files.sort();
    let site = Site::copy_of("example-team");
    let mut runs = 0;
    for rel in files {
        let original = fs::read(example.join(&rel)).expect("read");
        let step = (original.len() / 12).max(1);
        for cut in (0..original.len()).step_by(step) {
            let mut variants = vec![original[..cut].to_vec()];
            let mut flipped = original.clone();
            flipped[cut] ^= 0x80;
            variants.push(flipped);
            for bytes in variants {
                fs::write(site.path().join(&rel), &bytes).expect("write");
                let (_hb, _diags) = teambook::open(site.path(), &options);
                runs += 1;
            }
        }
        fs::write(site.path().join(&rel), &original).expect("restore");
    }
    assert!(runs > 500, "{runs}");
}
