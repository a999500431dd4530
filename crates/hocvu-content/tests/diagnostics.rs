//! `check` on each broken fixture in `tests/fixtures/<scenario>/` must print exactly the lines in
//! its `expected.txt` (paths relative to the scenario). Set HOCVU_BLESS=1 to rewrite them, then
//! review the diff line by line.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

use hocvu_content::CompileOptions;
use std::path::Path;

/// Diagnostics in `check` order (file, line, column), paths relative to `dir`.
fn check_lines(dir: &Path, options: &CompileOptions) -> (Vec<String>, bool) {
    let (_, diags) = hocvu_content::compile_all(dir, options).unwrap();
    let has_errors = diags.has_errors();
    let prefix = format!("{}/", dir.display());
    let lines = diags
        .into_sorted()
        .iter()
        .map(|d| d.to_string().replace(&prefix, ""))
        .collect();
    (lines, has_errors)
}

fn scenario(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let (lines, _) = check_lines(&dir, &CompileOptions::default());
    let expected_path = dir.join("expected.txt");
    let actual = lines.join("\n") + "\n";
    if std::env::var_os("HOCVU_BLESS").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    assert_eq!(
        actual, expected,
        "scenario {name}: check output differs from expected.txt"
    );
}

#[test]
fn invalid_utf8() {
    scenario("invalid-utf8");
}

#[test]
fn front_matter() {
    scenario("front-matter");
}

#[test]
fn manifest() {
    scenario("manifest");
}

#[test]
fn duplicates() {
    scenario("duplicates");
}

#[test]
fn translations() {
    scenario("translations");
}

#[test]
fn markdown() {
    scenario("markdown");
}

#[test]
fn quiz() {
    scenario("quiz");
}

#[test]
fn release() {
    scenario("release");
}

#[test]
fn letters() {
    scenario("letters");
}

#[test]
fn release_build_refuses_changed_content_under_released_version() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/release");
    let (lines, has_errors) = check_lines(
        &dir,
        &CompileOptions {
            release: true,
            ..CompileOptions::default()
        },
    );
    assert!(has_errors);
    assert_eq!(
        lines,
        vec![
            "c/course.toml:2:11: error[E025]: content changed since version 1.0.0 was released: bump `version` before a release build"
        ]
    );
}

#[test]
fn freshness_and_pass_mark() {
    scenario("freshness");
}

#[test]
fn freshness_is_judged_against_the_date_of_the_build() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/freshness");
    let today = jiff::civil::Date::constant(2026, 12, 1);
    let options = CompileOptions {
        today: Some(today),
        ..CompileOptions::default()
    };
    let (with_today, _) = check_lines(&dir, &options);
    let (without, _) = check_lines(&dir, &CompileOptions::default());
    let added: Vec<&String> = with_today.iter().filter(|l| !without.contains(l)).collect();
    assert_eq!(
        added,
        vec![
            "c/03-c.md:3:11: warning[W109]: facts last checked on 2020-01-15, more than 12 months ago: check them again and update `checked`"
        ]
    );
}

#[test]
fn glossary() {
    scenario("glossary");
}
