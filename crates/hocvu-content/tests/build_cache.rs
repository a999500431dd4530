//! `build` reuses unchanged courses; it must never reuse a stale or missing result.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

use hocvu_content::{BuildError, CompileOptions};
use std::path::Path;

fn course(root: &Path, id: &str, body: &str) {
    let dir = root.join(id);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("course.toml"),
        format!("id = \"{id}\"\nversion = \"1.0.0\"\naudience = \"citizen\"\npass_mark = 80\n[title]\nvi = \"K\"\n[[lessons]]\nslug = \"01-a\"\nminutes = 2\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("01-a.md"),
        format!("+++\ntitle = \"B\"\nchecked = 2026-12-01\n+++\n{body}\n"),
    )
    .unwrap();
}

fn names(paths: &[std::path::PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn only_the_changed_course_is_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let (content, out) = (tmp.path().join("content"), tmp.path().join("dist"));
    course(&content, "a", "Một.");
    course(&content, "b", "Hai.");
    let options = CompileOptions::default();
    let first = hocvu_content::build(&content, &out, &options).unwrap();
    assert_eq!(names(&first.written), ["a-1.0.0.hocvu", "b-1.0.0.hocvu"]);
    let again = hocvu_content::build(&content, &out, &options).unwrap();
    assert!(again.written.is_empty());
    assert_eq!(again.index, first.index);
    course(&content, "b", "Hai, đã sửa.");
    let third = hocvu_content::build(&content, &out, &options).unwrap();
    assert_eq!(names(&third.written), ["b-1.0.0.hocvu"]);
    assert_ne!(third.index.bundles[1].hash, first.index.bundles[1].hash);
    assert_eq!(third.index.bundles[0].hash, first.index.bundles[0].hash);
}

#[test]
fn warnings_of_reused_courses_are_still_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let (content, out) = (tmp.path().join("content"), tmp.path().join("dist"));
    course(&content, "a", "# Cấp một\n\nMột.");
    let options = CompileOptions::default();
    let first = hocvu_content::build(&content, &out, &options).unwrap();
    let second = hocvu_content::build(&content, &out, &options).unwrap();
    assert_eq!(first.diagnostics.len(), 1);
    assert_eq!(first.diagnostics, second.diagnostics);
}

#[test]
fn a_deleted_bundle_is_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let (content, out) = (tmp.path().join("content"), tmp.path().join("dist"));
    course(&content, "a", "Một.");
    let options = CompileOptions::default();
    hocvu_content::build(&content, &out, &options).unwrap();
    std::fs::remove_file(out.join("a-1.0.0.hocvu")).unwrap();
    let again = hocvu_content::build(&content, &out, &options).unwrap();
    assert_eq!(names(&again.written), ["a-1.0.0.hocvu"]);
    assert_eq!(hocvu_content::bundle::load_dir(&out).unwrap().len(), 1);
}

#[test]
fn a_duplicate_id_is_caught_even_when_one_course_is_cached() {
    let tmp = tempfile::tempdir().unwrap();
    let (content, out) = (tmp.path().join("content"), tmp.path().join("dist"));
    course(&content, "a", "Một.");
    let options = CompileOptions::default();
    hocvu_content::build(&content, &out, &options).unwrap();
    // A second folder declaring the same id as the cached one.
    course(&content, "z", "Hai.");
    let manifest = std::fs::read_to_string(content.join("z/course.toml")).unwrap();
    std::fs::write(
        content.join("z/course.toml"),
        manifest.replace("id = \"z\"", "id = \"a\""),
    )
    .unwrap();
    let err = hocvu_content::build(&content, &out, &options).unwrap_err();
    assert!(matches!(err, BuildError::Invalid { errors: 1 }), "{err}");
}

fn codes(report: &hocvu_content::BuildReport) -> Vec<&'static str> {
    report.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

#[test]
fn a_changed_glossary_checks_cached_translations_again() {
    let tmp = tempfile::tempdir().unwrap();
    let (content, out) = (tmp.path().join("content"), tmp.path().join("dist"));
    course(&content, "a", "Đừng tin kẻ lừa đảo.");
    let source = std::fs::read_to_string(content.join("a/01-a.md")).unwrap();
    let hash = hocvu_content::source::text_hash(&source);
    std::fs::write(
        content.join("a/01-a.rad.md"),
        format!("+++\ntitle = \"K\"\nstatus = \"draft\"\nsource_hash = \"{hash}\"\n+++\nĐăm đăo kơ mnuih lừa đảo.\n"),
    )
    .unwrap();
    let glossary = content.join("_glossary");
    std::fs::create_dir_all(&glossary).unwrap();
    std::fs::write(
        glossary.join("rad.toml"),
        "[terms.a]\nvi = \"kẻ gian\"\nrad = \"mnuih jhat\"\n",
    )
    .unwrap();
    let options = CompileOptions::default();
    let first = hocvu_content::build(&content, &out, &options).unwrap();
    assert!(first.diagnostics.is_empty(), "{:?}", first.diagnostics);
    std::fs::write(
        glossary.join("rad.toml"),
        "[terms.a]\nvi = \"kẻ gian\"\nrad = \"mnuih jhat\"\n\n[terms.b]\nvi = \"lừa đảo\"\nrad = \"mplư\"\n",
    )
    .unwrap();
    let second = hocvu_content::build(&content, &out, &options).unwrap();
    assert_eq!(codes(&second), ["W111"]);
}

#[test]
fn a_later_date_of_the_build_checks_freshness_again() {
    let tmp = tempfile::tempdir().unwrap();
    let (content, out) = (tmp.path().join("content"), tmp.path().join("dist"));
    course(&content, "a", "Một.");
    let on = |y, m, d| CompileOptions {
        today: Some(jiff::civil::Date::constant(y, m, d)),
        ..CompileOptions::default()
    };
    // The lesson says `checked = 2026-12-01`.
    let fresh = hocvu_content::build(&content, &out, &on(2027, 12, 1)).unwrap();
    assert!(fresh.diagnostics.is_empty(), "{:?}", fresh.diagnostics);
    let old = hocvu_content::build(&content, &out, &on(2027, 12, 2)).unwrap();
    assert_eq!(codes(&old), ["W109"]);
    assert!(
        old.written.is_empty(),
        "the bundle itself does not depend on the date"
    );
}
