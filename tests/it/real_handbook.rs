//! A real handbook nobody here wrote: the public-domain 18F handbook (246
//! pages written for Eleventy, YAML front matter, `redirect_from`, template
//! tags), dropped into `pages/` as it is (tests/fixtures/18f-handbook). It
//! must check with only its own genuine defects (listed, with why, in its
//! expected.txt); with the fixes teambook's hints give applied, it must
//! build, use every title, redirect every old address, and validate.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use crate::html::{crawl, parse, texts};
use crate::support::{Site, npm_tool};

const FIXTURE: &str = "tests/fixtures/18f-handbook";

#[test]
fn the_18f_handbook_reports_only_its_own_defects() {
    let expected = fs::read_to_string(crate::support::repo().join(FIXTURE).join("expected.txt")).expect("expected.txt");
    let expected: String =
        expected.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(|l| format!("{l}\n")).collect();
    let site = Site::copy_of(FIXTURE);
    let got = site.run(&["check"]).status(1).stderr();
    if got != expected {
        let (got, want): (Vec<&str>, Vec<&str>) = (got.lines().collect(), expected.lines().collect());
        let extra: Vec<_> = got.iter().filter(|l| !want.contains(l)).take(10).collect();
        let missing: Vec<_> = want.iter().filter(|l| !got.contains(l)).take(10).collect();
        panic!("unexpected: {extra:#?}\nmissing: {missing:#?}");
    }
}

/// One problem as `--format json` prints it.
struct Problem {
    file: String,
    line: usize,
    column: usize,
    hint: String,
}

/// Applies what a migrating team would do with teambook's hints: the old
/// generator's templates go, every link gets the address the hint gives, and
/// a link with no fix to give is left as plain text.
fn apply_hints(root: &Path) -> usize {
    for template in ["index.html", "404.html", "redirect.html", "sitemap.xml.njk"] {
        fs::remove_file(root.join("pages").join(template)).expect("an Eleventy template");
    }
    let run = Command::new(env!("CARGO_BIN_EXE_teambook"))
        .args(["check", "--format", "json"])
        .current_dir(root)
        .output()
        .expect("check");
    let mut by_file: BTreeMap<String, Vec<Problem>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&run.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json line");
        // The warnings are template tags in the text, left for people to rewrite.
        if v["severity"] == "warning" {
            assert_eq!(v["code"], "template-tag", "{v}");
            continue;
        }
        let p = Problem {
            file: v["file"].as_str().expect("file").to_string(),
            line: v["line"].as_u64().expect("line") as usize,
            column: v["column"].as_u64().expect("column") as usize,
            hint: v["hint"].as_str().unwrap_or_default().to_string(),
        };
        by_file.entry(p.file.clone()).or_default().push(p);
    }
    let mut fixed = 0;
    for (file, mut problems) in by_file {
        let path = root.join(&file);
        let mut text = fs::read_to_string(&path).expect("read");
        // From the end, so that earlier offsets stay right.
        problems.sort_by_key(|p| std::cmp::Reverse((p.line, p.column)));
        for p in problems {
            let line_start: usize = text.split_inclusive('\n').take(p.line - 1).map(str::len).sum();
            let at = line_start + text[line_start..].char_indices().nth(p.column - 1).map_or(0, |(i, _)| i);
            text = fix_link(&text, at, &p.hint);
            fixed += 1;
        }
        fs::write(&path, text).expect("write");
    }
    fixed
}

/// Rewrites the link `[text](dest)` that starts at `at` as the hint says.
fn fix_link(text: &str, at: usize, hint: &str) -> String {
    let rest = &text[at..];
    let Some(mid) = rest.find("](") else { return text.to_string() };
    // The address ends at the `)` after any template tag's closing braces.
    let after = &rest[mid + 2..];
    let tag_end = if after.starts_with('{') {
        ["%}", "}}"].iter().filter_map(|c| after.find(c).map(|i| i + c.len())).min().unwrap_or(0)
    } else {
        0
    };
    let Some(close) = after[tag_end..].find(')').map(|i| mid + 2 + tag_end + i) else { return text.to_string() };
    let dest = &rest[mid + 2..close];
    let fixed_dest = hint
        .split("write [..](")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .or_else(|| hint.split("on the old site: write ").nth(1))
        .map(str::to_string)
        .or_else(|| {
            let anchor = hint.strip_prefix("did you mean #")?.strip_suffix('?')?;
            Some(format!("{}#{anchor}", dest.split('#').next().unwrap_or("")))
        });
    let replacement = match fixed_dest {
        Some(d) => format!("{}]({d})", &rest[..mid]),
        // No fix to give: the text stays, the link goes.
        None => rest[1..mid].to_string(),
    };
    format!("{}{replacement}{}", &text[..at], &rest[close + 1..])
}

#[test]
fn with_its_hints_applied_the_18f_handbook_builds_and_every_link_resolves() {
    let site = Site::copy_of(FIXTURE);
    let fixed = apply_hints(site.path());
    assert!(fixed > 600, "only {fixed} problems fixed");
    site.run(&["check"]).status(0).stderr_has("check passed: 0 errors, 113 warnings");
    site.run(&["build", "-o", "public", "--base-url", "https://handbook.tts.gsa.gov/"]).status(0);
    let out = site.path().join("public");
    let (problems, followed) = crawl(&out);
    assert!(problems.is_empty(), "{} broken: {}", problems.len(), problems[..problems.len().min(20)].join("\n"));
    assert!(followed > 10_000, "followed only {followed} links");

    // Every YAML title is the title of its page; every old address redirects.
    let mut titles = 0;
    let mut redirects = 0;
    for entry in walkdir::WalkDir::new(site.path().join("pages")).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(site.path().join("pages")).expect("prefix").to_string_lossy().into_owned();
        let Some(stem) = rel.strip_suffix(".md") else { continue };
        let source = fs::read_to_string(entry.path()).expect("read");
        let front = source.split("---\n").nth(1).unwrap_or("");
        let page = match stem.strip_suffix("/index").or(if stem == "index" { Some("") } else { None }) {
            Some(dir) => format!("{dir}/index.html"),
            None => format!("{stem}.html"),
        }
        // Its address is the slug of its name (CONTRIBUTING.md at contributing.html).
        .to_lowercase();
        if let Some(title) = front.lines().find_map(|l| l.strip_prefix("title: ")) {
            let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            let title = words(&title.trim().trim_matches(['"', '\'']).replace("\\\"", "\""));
            let doc = parse(&out.join(&page));
            let shown = words(&texts(&doc, "title").join(""));
            assert!(shown.starts_with(&title), "{page}: <title> {shown:?} is not {title:?}");
            titles += 1;
        }
        let mut in_redirects = false;
        for line in front.lines() {
            if line.starts_with("redirect_from:") {
                in_redirects = true;
                continue;
            }
            match line.trim().strip_prefix("- ") {
                Some(old) if in_redirects && line.starts_with(' ') => {
                    let old = old.trim().trim_matches(['"', '\'']).trim_matches('/');
                    let file = if old.ends_with(".html") { old.to_string() } else { format!("{old}/index.html") };
                    let redirect =
                        fs::read_to_string(out.join(&file)).unwrap_or_else(|_| panic!("no redirect at {file}"));
                    let own = page.rsplit('/').next().unwrap_or(&page);
                    assert!(
                        redirect.contains("http-equiv=\"refresh\"") && redirect.contains(own),
                        "{file}: {redirect}"
                    );
                    redirects += 1;
                }
                _ => in_redirects = false,
            }
        }
    }
    assert!(titles >= 240, "only {titles} titles checked");
    assert!(redirects > 150, "only {redirects} redirects checked");

    let Some(vnu) = npm_tool("vnu-jar/build/dist/vnu.jar") else { return };
    let run = Command::new("java")
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--skip-non-html"])
        .arg(&out)
        .output()
        .expect("java (.ci/run installs it)");
    // Each error as "page: message", without positions (they follow the theme).
    let mut found: Vec<String> = String::from_utf8_lossy(&run.stderr)
        .lines()
        .filter_map(|l| {
            let (place, message) = l.split_once(": error: ")?;
            let page = place.split("/public/").nth(1)?.split('"').next()?;
            Some(format!("{page}: {message}"))
        })
        .collect();
    found.sort();
    let expected =
        fs::read_to_string(crate::support::repo().join(FIXTURE).join("expected-html.txt")).expect("expected-html.txt");
    let expected: Vec<&str> = expected.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect();
    let unexpected: Vec<&String> = found.iter().filter(|f| !expected.contains(&f.as_str())).collect();
    let gone: Vec<&&str> = expected.iter().filter(|e| !found.iter().any(|f| f == *e)).collect();
    assert!(
        unexpected.is_empty() && gone.is_empty(),
        "Nu HTML Checker: unexpected {unexpected:#?}\nno longer found {gone:#?}"
    );
}
