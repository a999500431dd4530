#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! SCORM 1.2 export (issue 20): `hocvu export scorm` builds the same bytes twice; every file the
//! manifest names is in the package and every package file is named, and nothing a page
//! references is missing; and the package runs in headless Chromium inside a real SCORM 1.2
//! runtime (scorm-again from npm, `HOCVU_SCORM_AGAIN_JS`) playing the LMS: the first lesson's
//! quiz answered right reports `passed` and the score, and a reload resumes the answers.

mod support;

#[allow(dead_code)] // the browser lane's driver; axe and CDP are not used here
#[path = "browser/driver.rs"]
mod driver;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use support::repo;

const COURSE: &str = "vneid";

fn export(args: &[&str]) -> (bool, Vec<u8>, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("package.zip");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_hocvu"))
        .args(["export", "scorm", "--data-dir"])
        .arg(dir.path().join("data"))
        .args(args)
        .arg("--out")
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let bytes = std::fs::read(&out).unwrap_or_default();
    let text = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), bytes, text)
}

fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut files = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        files.insert(entry.name().to_string(), data);
    }
    files
}

/// The values of `attr="…"` in `text`.
fn attributes<'a>(text: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    text.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &text[i + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

#[test]
fn the_package_names_exactly_its_files_and_is_the_same_every_time() {
    let (ok, first, text) = export(&["--course", COURSE]);
    assert!(ok, "{text}");
    let (_, second, _) = export(&["--course", COURSE]);
    assert_eq!(first, second, "two exports of the same bundle differ");
    let files = unzip(&first);
    let manifest = String::from_utf8(files["imsmanifest.xml"].clone()).unwrap();
    assert!(manifest.contains("<schemaversion>1.2</schemaversion>"));
    assert!(manifest.contains("Dùng ứng dụng VNeID"), "{manifest:.600}");
    let listed: BTreeSet<&str> = attributes(&manifest, "href").into_iter().collect();
    let present: BTreeSet<&str> = files
        .keys()
        .map(String::as_str)
        .filter(|f| *f != "imsmanifest.xml")
        .collect();
    assert_eq!(listed, present, "the manifest and the package disagree");
    let scos = manifest.matches("adlcp:scormtype=\"sco\"").count();
    let lessons = files.keys().filter(|f| f.ends_with("/index.html")).count();
    assert_eq!((scos, lessons), (6, 6), "one SCO per lesson");
    assert_eq!(manifest.matches("<adlcp:masteryscore>").count(), 6);
    // Every reference a page makes is inside the package, or a full address elsewhere.
    for (path, data) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8(data.clone()).unwrap();
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        for target in attributes(&html, "href")
            .into_iter()
            .chain(attributes(&html, "src"))
        {
            if target.contains("://") || target.starts_with("tel:") || target.starts_with('#') {
                continue;
            }
            assert!(!target.starts_with('/'), "{path}: {target} is a site path");
            let resolved = match target.strip_prefix("../") {
                Some(rest) => rest.to_string(),
                None => format!("{dir}/{target}"),
            };
            assert!(
                files.contains_key(&resolved),
                "{path}: {target} is not in the package"
            );
        }
    }
}

#[test]
fn a_translation_keeps_its_notices_and_bad_requests_say_why() {
    let (ok, bytes, text) = export(&["--course", COURSE, "--locale", "rad"]);
    assert!(ok, "{text}");
    let files = unzip(&bytes);
    let pages: String = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(_, d)| String::from_utf8_lossy(d).to_string())
        .collect();
    assert!(pages.contains("<html lang=\"rad\">"));
    assert!(
        pages.contains("notice-draft") || pages.contains("notice-fallback"),
        "no translation notice in the Ê Đê package"
    );
    let (ok, _, text) = export(&["--course", "no-such-course"]);
    assert!(!ok && text.contains("no course `no-such-course`"), "{text}");
    let (ok, _, text) = export(&["--course", COURSE, "--locale", "xx"]);
    assert!(!ok && text.contains("`xx` is not a language"), "{text}");
}

/// A tiny static file server on a loopback port for the LMS page, scorm-again and the package
/// (an LMS serves the SCO from its own origin: `file://` frames cannot reach `window.parent`).
fn serve(files: BTreeMap<String, Vec<u8>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) <= 2 {
                    break;
                }
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/");
            let path = path.split('?').next().unwrap_or("").trim_start_matches('/');
            let mut stream = stream;
            match files.get(path) {
                Some(body) => {
                    let kind = match path.rsplit('.').next() {
                        Some("html") => "text/html; charset=utf-8",
                        Some("js") => "text/javascript",
                        Some("css") => "text/css",
                        _ => "application/octet-stream",
                    };
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(body);
                }
                None => {
                    let _ = stream.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                }
            }
        }
    });
    base
}

/// The LMS side: scorm-again's SCORM 1.2 API as `window.API`, the lesson in a frame, and the
/// learner's CMI data kept in localStorage across reloads (as an LMS keeps it on its server).
const LMS_PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="/scorm-again/scorm12.min.js"></script>
<script>
var saved = JSON.parse(localStorage.getItem("cmi") || "null");
window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
if (saved) window.API.loadFromJSON(saved, "");
window.API.on("LMSCommit", function () {
  var core = window.API.cmi.core;
  localStorage.setItem("cmi", JSON.stringify({
    core: { lesson_status: core.lesson_status,
            score: { raw: core.score.raw, min: core.score.min, max: core.score.max } },
    suspend_data: window.API.cmi.suspend_data
  }));
});
</script></head>
<body><iframe id="sco" title="lesson" src="/pkg/LESSON/index.html" style="width:100%;height:700px;border:0"></iframe></body></html>
"#;

#[test]
fn the_package_runs_in_a_scorm_12_runtime_and_resumes() {
    let Some(tools) = driver::tools() else {
        return;
    };
    let runtime = match std::env::var("HOCVU_SCORM_AGAIN_JS") {
        Ok(p) => PathBuf::from(p),
        Err(_) => repo("target/ci-node-scorm/node_modules/scorm-again/dist/scorm12.min.js"),
    };
    let Ok(runtime) = std::fs::read(&runtime) else {
        let required = std::env::var("HOCVU_BROWSER_TESTS").is_ok_and(|v| v == "required");
        assert!(!required, "scorm-again is missing at {}", runtime.display());
        driver::say("skipped: scorm-again missing (npm install scorm-again; HOCVU_SCORM_AGAIN_JS)");
        return;
    };
    let (ok, bytes, text) = export(&["--course", COURSE]);
    assert!(ok, "{text}");
    let package = unzip(&bytes);
    let first = package
        .keys()
        .find(|p| p.ends_with("/index.html"))
        .unwrap()
        .trim_end_matches("/index.html")
        .to_string();
    let html = String::from_utf8(package[&format!("{first}/index.html")].clone()).unwrap();
    let key_json = attributes(&html, "data-quiz")[0]
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let quiz: serde_json::Value = serde_json::from_str(&key_json).unwrap();
    let mut files: BTreeMap<String, Vec<u8>> = package
        .into_iter()
        .map(|(p, d)| (format!("pkg/{p}"), d))
        .collect();
    files.insert("scorm-again/scorm12.min.js".into(), runtime);
    files.insert(
        "lms.html".into(),
        LMS_PAGE.replace("LESSON", &first).into_bytes(),
    );
    let base = serve(files);

    let dir = repo("target/browser-artifacts/scorm");
    std::fs::create_dir_all(&dir).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let driver = driver::Driver::start(&tools.chromedriver, &dir.join("chromedriver.log")).unwrap();
    support::block_on(async {
        let c = driver::open_session(&driver, &tools.chromium, profile.path(), true)
            .await
            .unwrap();
        c.goto(&format!("{base}/lms.html")).await.unwrap();
        let status = async |c: &fantoccini::Client| {
            let v = c
                .execute(
                    "var core = window.API.cmi.core; return [core.lesson_status, String(core.score.raw), String(core.score.min), String(core.score.max), window.API.cmi.suspend_data];",
                    vec![],
                )
                .await
                .unwrap();
            serde_json::from_value::<Vec<String>>(v).unwrap()
        };
        let wait_for = async |c: &fantoccini::Client, want: &str| {
            let started = Instant::now();
            loop {
                let now = status(c).await;
                if now[0] == want {
                    return now;
                }
                assert!(
                    started.elapsed() < Duration::from_secs(15),
                    "lesson_status stayed {:?}, wanted {want}",
                    now
                );
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        };
        wait_for(&c, "incomplete").await;
        // Answer every question right inside the lesson's frame.
        c.enter_frame(0).await.unwrap();
        for (question, options) in quiz["key"].as_object().unwrap() {
            for option in options.as_array().unwrap() {
                let css = format!(
                    r#"input[name="{question}"][value="{}"]"#,
                    option.as_str().unwrap()
                );
                let input = c.find(Locator::Css(&css)).await.unwrap();
                c.execute(
                    "arguments[0].click();",
                    vec![serde_json::to_value(&input).unwrap()],
                )
                .await
                .unwrap();
            }
        }
        let submit = c
            .find(Locator::Css("#quiz button[type=submit]"))
            .await
            .unwrap();
        c.execute(
            "arguments[0].click();",
            vec![serde_json::to_value(&submit).unwrap()],
        )
        .await
        .unwrap();
        let shown = c
            .find(Locator::Css("#result"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let passed_text = quiz["passed"].as_str().unwrap();
        assert!(shown.contains(passed_text), "result: {shown}");
        c.execute(
            "document.getElementById('result').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
        let png = c.screenshot().await.unwrap();
        std::fs::write(dir.join("01-passed.png"), png).unwrap();
        c.enter_parent_frame().await.unwrap();
        let passed = wait_for(&c, "passed").await;
        assert_eq!(&passed[1..4], ["100", "0", "100"], "score raw/min/max");
        assert!(
            passed[4].contains("\"answers\""),
            "suspend_data: {}",
            passed[4]
        );
        // Reload: the LMS gives the SCO its suspend_data back; the answers are as left.
        c.refresh().await.unwrap();
        wait_for(&c, "passed").await;
        c.enter_frame(0).await.unwrap();
        let started = Instant::now();
        loop {
            let checked: usize = c
                .execute(
                    "return document.querySelectorAll('#quiz input:checked').length;",
                    vec![],
                )
                .await
                .unwrap()
                .as_u64()
                .unwrap() as usize;
            let expected: usize = quiz["key"]
                .as_object()
                .unwrap()
                .values()
                .map(|v| v.as_array().unwrap().len())
                .sum();
            if checked == expected {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{checked} of {expected} answers resumed"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let result = c.find(Locator::Css("#result")).await.unwrap();
        assert!(
            result.is_displayed().await.unwrap(),
            "the result is not shown after resuming"
        );
        c.execute(
            "document.getElementById('result').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
        let png = c.screenshot().await.unwrap();
        std::fs::write(dir.join("02-resumed.png"), png).unwrap();
        let _ = c.close().await;
    });
}
