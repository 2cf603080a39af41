//! One content file of any kind, as arbitrary bytes: decoding, the front
//! matter splitter, the TOML reader and every kind's field parser (dates,
//! times, zones, durations, recurrence rules). The first byte picks the
//! kind, so one corpus exercises them all. Must never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use teambook::load::Cache;

const PLACES: [&str; 13] = [
    "teambook.toml",
    "ownership.toml",
    "roles/em.md",
    "people/ada.md",
    "ceremonies/standup.md",
    "projects/ledger.md",
    "updates/2026/2026-11-02.md",
    "pages/guide.md",
    "pages/guide/_index.md",
    "people/nested/x.md",
    "decisions/rotate.md",
    "goals/2026-q4-fast.md",
    "duties/on-call.md",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let rel = PLACES[pick as usize % PLACES.len()];
    let diags = Cache::default().read_bytes(rel, bytes.to_vec());
    // Every problem is located inside the file it came from and says something.
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    for d in &diags {
        assert_eq!(d.file, rel);
        assert!((1..=lines).contains(&d.line) && d.col >= 1, "{d} is outside the file ({lines} lines)");
        assert!(!d.message.is_empty());
    }
});
