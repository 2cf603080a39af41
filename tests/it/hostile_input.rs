//! Hostile input, round 3 (issue 29): addresses that are not paths, names
//! that would break the manifest, numbers that overflow, text that leaks.
//! The located errors themselves are fixtures under tests/fixtures/bad; these
//! are the cases that need a build, a file name a fixture cannot hold, or
//! the published page.

use std::fs;

use crate::support::Site;

/// An alias that is the page's own address writes no redirect over the page.
#[test]
fn an_alias_equal_to_its_own_page_is_ignored() {
    let site = Site::new().file(
        "pages/revert.md",
        "+++\ntitle = \"Revert\"\naliases = [\"revert.html\", \"/revert.html\"]\n+++\nThe real text.\n",
    );
    site.run(&["build", "--strict"]).status(0);
    let page = fs::read_to_string(site.path().join("public/revert.html")).expect("page");
    assert!(page.contains("The real text."), "{page}");
    assert!(!page.contains("http-equiv=\"refresh\""), "{page}");
}
