#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! xAPI statements pulled with `hocvu export xapi --since DATE` (issue 20), on SQLite and
//! PostgreSQL: a learner registers through the API and finishes a course; the export has the
//! registered, answered, passed/failed and completed (lesson and course) statements with an
//! opaque account actor, stable activity IRIs and stable ids (the same on a second export);
//! each statement is checked by an independent xAPI library (PyPI `tincan`) where
//! `HOCVU_XAPI_PYTHON` names a Python that has it (CI: always).

mod support;

use serde_json::{Value, json};
use support::{Server, shipped_courses};

on_both_databases!(statements_of_a_finished_course_are_complete_private_and_stable);

const PUBLIC: &str = "https://hocvu.example.vn";
const COURSE: &str = "vneid";

fn export(server: &Server, since: &str) -> (bool, String) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_hocvu"));
    cmd.args(["export", "xapi", "--since", since, "--data-dir"])
        .arg(server.data.path())
        .env("HOCVU_PUBLIC_URL", PUBLIC)
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    if let Some(db) = &server.database {
        cmd.args(["--database", db]);
    }
    let out = cmd.output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

fn post_json(server: &Server, path: &str, token: Option<&str>, body: &Value) -> Value {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(a) = &auth {
        headers.push(("Authorization", a.as_str()));
    }
    let r = server.request("POST", path, &headers, Some(&body.to_string()));
    assert!(r.status < 300, "{path}: {} {}", r.status, r.text());
    serde_json::from_slice(&r.body).unwrap()
}

fn statements_of_a_finished_course_are_complete_private_and_stable(server: Server) {
    let registered = post_json(
        &server,
        "/api/v1/register",
        None,
        &json!({"username": "0912345678", "password": "Lan#2024ab", "display_name": "H'Hen Niê",
            "consent_version": hocvu_web::CONSENT_VERSION}),
    );
    let token = registered["token"].as_str().unwrap();
    let course = shipped_courses()
        .into_iter()
        .find(|c| c.bundle.course.id == COURSE)
        .unwrap();
    for (i, lesson) in course.bundle.lessons.iter().enumerate() {
        // The first lesson wrong once, then right.
        for right in if i == 0 {
            vec![false, true]
        } else {
            vec![true]
        } {
            let quiz = &lesson.source().unwrap().quiz;
            let answers: serde_json::Map<String, Value> = support::chosen_options(quiz, right)
                .into_iter()
                .map(|(q, o)| (q, json!(o)))
                .collect();
            let path = format!("/api/v1/courses/{COURSE}/lessons/{}/quiz", lesson.slug);
            post_json(&server, &path, Some(token), &json!({"answers": answers}));
        }
    }
    let today = hocvu_dates::today();
    let (ok, text) = export(&server, &today);
    assert!(ok, "{text}");
    let statements: Vec<Value> = serde_json::from_str(&text).unwrap();
    let lessons = course.bundle.lessons.len();
    let count = |verb: &str, kind: &str| {
        statements
            .iter()
            .filter(|s| s["verb"]["id"].as_str().unwrap().ends_with(verb))
            .filter(|s| {
                s["object"]["definition"]["type"]
                    .as_str()
                    .unwrap()
                    .ends_with(kind)
            })
            .count()
    };
    assert_eq!(count("/registered", "/product"), 1);
    assert_eq!(count("/answered", "/assessment"), lessons + 1);
    assert_eq!(count("/passed", "/assessment"), lessons);
    assert_eq!(count("/failed", "/assessment"), 1);
    assert_eq!(count("/completed", "/lesson"), lessons);
    assert_eq!(count("/completed", "/course"), 1);
    let version = &course.bundle.course.version;
    let first = &course.bundle.lessons[0].slug;
    let quiz_iri = format!("{PUBLIC}/xapi/courses/{COURSE}/{version}/lessons/{first}/quiz");
    let passed = statements
        .iter()
        .find(|s| {
            s["verb"]["id"].as_str().unwrap().ends_with("/passed")
                && s["object"]["id"] == quiz_iri.as_str()
        })
        .unwrap_or_else(|| panic!("no passed statement for {quiz_iri}"));
    assert_eq!(passed["result"]["success"], true);
    assert_eq!(
        passed["result"]["score"]["raw"],
        passed["result"]["score"]["max"]
    );
    assert_eq!(passed["version"], "1.0.3");
    // One opaque account for the learner: never the phone number or the name.
    let actors: std::collections::BTreeSet<String> =
        statements.iter().map(|s| s["actor"].to_string()).collect();
    assert_eq!(actors.len(), 1, "{actors:?}");
    let actor = actors.iter().next().unwrap();
    assert!(
        actor.contains(&format!("\"homePage\":\"{PUBLIC}/\"")),
        "{actor}"
    );
    for secret in ["0912345678", "912345678", "H'Hen", "Niê"] {
        assert!(!text.contains(secret), "the export contains {secret}");
    }
    let ids: std::collections::BTreeSet<&str> = statements
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), statements.len(), "statement ids repeat");
    // A second export gives the same statements (same ids: an LRS stores them once).
    let (_, again) = export(&server, &today);
    assert_eq!(text, again);
    // Nothing from tomorrow on; a bad day is refused with a reason.
    let (ok, later) = export(&server, "2999-01-01");
    assert!(ok && later.trim() == "[]", "{later}");
    let (ok, bad) = export(&server, "01/12/2026");
    assert!(!ok && bad.contains("YYYY-MM-DD"), "{bad}");
    validate_with_tincan(&text);
}

/// Every statement through PyPI `tincan`'s Statement model (an independent xAPI library).
fn validate_with_tincan(json: &str) {
    let Ok(python) = std::env::var("HOCVU_XAPI_PYTHON") else {
        assert!(
            std::env::var("CI").is_err(),
            "HOCVU_XAPI_PYTHON is not set in CI"
        );
        eprintln!("note: tincan check skipped (set HOCVU_XAPI_PYTHON to a Python with tincan)");
        return;
    };
    let script = r#"
import json, sys, uuid
from tincan import Statement
statements = json.load(sys.stdin)
for raw in statements:
    s = Statement(raw)
    assert str(s.id) == raw["id"] and uuid.UUID(raw["id"]).version == 5, raw["id"]
    assert s.actor.account.home_page and s.actor.account.name, raw["actor"]
    assert s.verb.id.startswith("http"), raw["verb"]
    assert s.object.id.startswith("https://"), raw["object"]
    back = json.loads(s.to_json())
    assert back["verb"]["id"] == raw["verb"]["id"] and back["object"]["id"] == raw["object"]["id"]
print(len(statements), "statements valid")
"#;
    let mut child = std::process::Command::new(python)
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), json.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "tincan refused a statement: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
