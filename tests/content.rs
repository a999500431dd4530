//! The `hocvu` binary's content commands, run as an author would run them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn hocvu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hocvu"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("hocvu runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn shipped_content_passes_check_without_warnings() {
    let out = hocvu(&["check", "--content", "content"]);
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("0 error(s), 0 warning(s)"), "{text}");
}

#[test]
fn build_is_byte_identical_twice() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for dir in [&a, &b] {
        let out = hocvu(&["build", "--out", dir.path().to_str().unwrap()]);
        assert!(out.status.success(), "{}", stdout(&out));
    }
    let mut names: Vec<_> = std::fs::read_dir(a.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert!(names.len() >= 2, "index and at least one bundle: {names:?}");
    for name in names {
        let x = std::fs::read(a.path().join(&name)).unwrap();
        let y = std::fs::read(b.path().join(&name)).unwrap();
        assert!(x == y, "{name:?} differs between two builds");
    }
}

#[test]
fn built_bundles_load_back_and_match_the_index() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = hocvu(&["build", "--out", out_dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stdout(&out));
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.path().join("index.json")).unwrap()).unwrap();
    let loaded = hocvu_content::bundle::load_dir(out_dir.path()).unwrap();
    let rows = index["bundles"].as_array().unwrap();
    assert_eq!(rows.len(), loaded.len());
    for (row, l) in rows.iter().zip(&loaded) {
        assert_eq!(row["course"], l.bundle.course.id.as_str());
        assert_eq!(row["lessons"], l.bundle.lessons.len());
        assert_eq!(row["locales"]["vi"]["source"], true);
        for key in ["reviewed", "draft", "stale", "missing"] {
            assert!(row["locales"]["rad"][key].is_u64(), "{row}");
        }
        assert!(row["title"]["vi"].is_string());
        let bytes = std::fs::read(out_dir.path().join(row["file"].as_str().unwrap())).unwrap();
        assert_eq!(row["hash"], hocvu_content::bundle::sha256_hex(&bytes));
    }
}

#[test]
fn damaged_bundle_is_refused_with_the_reason() {
    let out_dir = tempfile::tempdir().unwrap();
    assert!(
        hocvu(&["build", "--out", out_dir.path().to_str().unwrap()])
            .status
            .success()
    );
    let loaded = hocvu_content::bundle::load_dir(out_dir.path()).unwrap();
    let file = out_dir.path().join(&loaded[0].entry.file);
    let mut bytes = std::fs::read(&file).unwrap();
    let last = bytes.len() - 1100;
    bytes[last] ^= 1;
    std::fs::write(&file, bytes).unwrap();
    let err = hocvu_content::bundle::load_dir(out_dir.path())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("sha256") && err.contains("index.json"),
        "{err}"
    );
}

#[test]
fn check_on_broken_content_lists_every_problem_and_fails() {
    let dir = repo("crates/hocvu-content/tests/fixtures/markdown");
    let out = hocvu(&["check", "--content", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert_eq!(text.matches("error[").count(), 7, "{text}");
    assert!(text.contains("c/01-a.md:9:35: error[E014]"), "{text}");
}

#[test]
fn failed_build_writes_nothing() {
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("dist");
    let dir = repo("crates/hocvu-content/tests/fixtures/quiz");
    let out = hocvu(&[
        "build",
        "--content",
        dir.to_str().unwrap(),
        "--out",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("nothing was written"));
    assert!(!target.exists());
}

#[test]
fn missing_content_folder_is_a_clear_error() {
    let out = hocvu(&["check", "--content", "does-not-exist"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot read content folder does-not-exist"),
        "{err}"
    );
}

#[test]
fn i18n_status_json_lists_counts_per_locale() {
    let out = hocvu(&["i18n", "status", "--format", "json"]);
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &report["courses"][0];
    assert!(first["course"].is_string());
    assert!(first["locales"]["rad"]["missing"].is_u64());
}

#[test]
fn i18n_status_reports_missing_interface_strings() {
    let locales = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(locales.path().join("rad")).unwrap();
    // An Ê Đê interface file with a single string: every other key must be reported.
    std::fs::write(
        locales.path().join("rad/main.ftl"),
        "ui-translation-status = draft\nquiz-submit = Mơĭt\n",
    )
    .unwrap();
    let out = hocvu(&[
        "i18n",
        "status",
        "--format",
        "json",
        "--locales",
        locales.path().to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rad = &report["interface"]["rad"];
    assert_eq!(rad["status"], "draft");
    let missing: Vec<&str> = rad["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert!(missing.contains(&"catalogue-title"), "{missing:?}");
    assert!(!missing.contains(&"quiz-submit"));
    assert_eq!(
        report["interface"]["en"]["missing"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let table = stdout(&hocvu(&[
        "i18n",
        "status",
        "--locales",
        locales.path().to_str().unwrap(),
    ]));
    assert!(table.contains("catalogue-title"), "{table}");
}

#[test]
fn i18n_status_reports_stale_lessons_by_name() {
    let dir = repo("crates/hocvu-content/tests/fixtures/translations");
    let out = hocvu(&["i18n", "status", "--content", dir.to_str().unwrap()]);
    let text = stdout(&out);
    let rad = text
        .lines()
        .find(|l| l.starts_with("c ") && l.contains(" rad "))
        .unwrap_or_default();
    assert!(rad.ends_with("02-b"), "{text}");
}

#[test]
fn release_build_records_the_version_once() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let course = content.join("c");
    std::fs::create_dir_all(&course).unwrap();
    let manifest = "id = \"c\"\nversion = \"1.0.0\"\naudience = \"citizen\"\npass_mark = 80\n[title]\nvi = \"K\"\n[[lessons]]\nslug = \"01-a\"\nminutes = 2\n";
    std::fs::write(course.join("course.toml"), manifest).unwrap();
    std::fs::write(course.join("01-a.md"), "+++\ntitle = \"B\"\n+++\nMột.\n").unwrap();
    let (c, d) = (content.to_str().unwrap(), tmp.path().join("dist"));
    let build = |release: bool| {
        let mut args = vec!["build", "--content", c, "--out", d.to_str().unwrap()];
        if release {
            args.push("--release");
        }
        hocvu(&args)
    };
    assert!(build(true).status.success());
    assert!(
        build(true).status.success(),
        "unchanged content may be rebuilt"
    );
    let releases = std::fs::read_to_string(course.join("releases.toml")).unwrap();
    assert_eq!(releases.matches("[[release]]").count(), 1, "{releases}");
    std::fs::write(course.join("01-a.md"), "+++\ntitle = \"B\"\n+++\nHai.\n").unwrap();
    let refused = build(true);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stdout(&refused).contains("error[E025]"),
        "{}",
        stdout(&refused)
    );
    assert!(build(false).status.success(), "a dev build only warns");
    std::fs::write(
        course.join("course.toml"),
        manifest.replace("1.0.0", "1.0.1"),
    )
    .unwrap();
    assert!(build(true).status.success());
    let releases = std::fs::read_to_string(course.join("releases.toml")).unwrap();
    assert_eq!(releases.matches("[[release]]").count(), 2, "{releases}");
}
