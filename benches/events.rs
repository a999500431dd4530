//! Write-path benchmark: acknowledged progress events per second through `hocvu serve` (release
//! build, SQLite) at 50 connections, beside the raw commit rate of the same rows through rusqlite
//! in the same run. Run: `cargo build --release && cargo bench --bench events`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark should stop loudly at the first failure

use serde_json::json;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const CONNECTIONS: usize = 50;
const SECONDS: u64 = 8;
const RAW_ROWS: usize = 20_000;

/// The rows one `quiz_answered` event writes, committed one event per transaction.
fn raw_rate(db: &std::path::Path, per_commit: usize) -> f64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    )
    .unwrap();
    conn.execute(
        "INSERT INTO learners (locale, is_guest, created_at, last_seen_at) VALUES ('vi', 1, 0, 0)",
        [],
    )
    .unwrap();
    let learner = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO lesson_progress VALUES (?1, 'c', 'l', '1', 'h', 'h', 0, NULL, 0, 0)",
        [learner],
    )
    .unwrap();
    let start = Instant::now();
    let mut n = 0;
    while n < RAW_ROWS {
        let tx = conn.unchecked_transaction().unwrap();
        for _ in 0..per_commit {
            tx.execute(
                "INSERT INTO progress_events (learner_id, event_id, kind, received_at) VALUES (?1, ?2, 'quiz_answered', 0) ON CONFLICT DO NOTHING",
                rusqlite::params![learner, format!("raw-{per_commit}-{n}")],
            )
            .unwrap();
            tx.execute(
                "INSERT INTO quiz_attempts (learner_id, course_id, lesson_slug, course_version, bundle_hash, lesson_hash, answers, right_count, total, passed, created_at) VALUES (?1, 'c', 'l', '1', 'h', 'h', '{}', 3, 3, 1, 0)",
                [learner],
            )
            .unwrap();
            tx.execute(
                "UPDATE lesson_progress SET best_right = 3, best_total = 3 WHERE learner_id = ?1 AND course_id = 'c' AND lesson_slug = 'l'",
                [learner],
            )
            .unwrap();
            n += 1;
        }
        tx.commit().unwrap();
    }
    n as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = root.join("target/release/hocvu");
    assert!(
        bin.exists(),
        "build the server first: cargo build --release"
    );
    let tmp = tempfile::tempdir().unwrap();
    // Raw reference on a database with hocvu's schema.
    let raw_db = tmp.path().join("raw");
    std::fs::create_dir_all(&raw_db).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let store = hocvu_store::Store::connect(&hocvu_store::Store::sqlite_url(&raw_db))
            .await
            .unwrap();
        store.migrate().await.unwrap();
    });
    let raw_single = raw_rate(&raw_db.join("hocvu.db"), 1);
    let raw_batch = raw_rate(&raw_db.join("hocvu.db"), 100);

    let mut child = Command::new(&bin)
        .args(["serve", "--bind", "127.0.0.1:0", "--data-dir"])
        .arg(tmp.path().join("data"))
        .current_dir(root)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .split("listening on ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let courses: serde_json::Value = serde_json::from_slice(
        &agent
            .get(format!("{base}/api/v1/courses"))
            .call()
            .unwrap()
            .body_mut()
            .read_to_vec()
            .unwrap(),
    )
    .unwrap();
    let vneid = courses
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "vneid")
        .unwrap();
    let lesson = vneid["lessons"][0]["slug"].as_str().unwrap().to_string();
    let tokens: Vec<String> = (0..CONNECTIONS)
        .map(|i| {
            let body = json!({"username": format!("bench{i}"), "password": "Lan#2024ab", "display_name": "B", "consent_version": hocvu_web::CONSENT_VERSION});
            let mut r = agent.post(format!("{base}/api/v1/register")).header("Content-Type", "application/json").send(body.to_string()).unwrap();
            let v: serde_json::Value = serde_json::from_slice(&r.body_mut().read_to_vec().unwrap()).unwrap();
            v["token"].as_str().unwrap().to_string()
        })
        .collect();
    let mut results = Vec::new();
    for batch in [1usize, 20] {
        let acknowledged = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let start = Instant::now();
        std::thread::scope(|s| {
            for (i, token) in tokens.iter().enumerate() {
                let (acknowledged, stop, base, lesson) = (&acknowledged, &stop, &base, &lesson);
                s.spawn(move || {
                    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
                    let mut n = 0;
                    while !stop.load(Ordering::Relaxed) {
                        let events: Vec<_> = (0..batch)
                            .map(|_| {
                                n += 1;
                                json!({"id": format!("b{batch}-{i}-{n}"), "kind": "quiz_answered", "course": "vneid", "lesson": lesson, "answers": {"q1": ["a"]}})
                            })
                            .collect();
                        let mut r = agent
                            .post(format!("{base}/api/v1/me/events"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", format!("Bearer {token}"))
                            .send(json!({"events": events}).to_string())
                            .unwrap();
                        let v: serde_json::Value = serde_json::from_slice(&r.body_mut().read_to_vec().unwrap()).unwrap();
                        let applied = v["results"].as_array().map_or(0, |r| r.iter().filter(|x| x["status"] == "applied").count());
                        acknowledged.fetch_add(applied, Ordering::Relaxed);
                    }
                });
            }
            std::thread::sleep(Duration::from_secs(SECONDS));
            stop.store(true, Ordering::Relaxed);
        });
        let rate = acknowledged.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64();
        results.push((batch, rate));
    }
    let _ = child.kill();
    let _ = child.wait();
    println!("raw rusqlite, one event per commit     {raw_single:>10.0} events/s (reference)");
    println!("raw rusqlite, 100 events per commit    {raw_batch:>10.0} events/s");
    for (batch, rate) in results {
        println!(
            "hocvu API, {CONNECTIONS} connections, batch {batch:>3}  {rate:>10.0} events/s  = {:.2}x raw single-commit",
            rate / raw_single
        );
    }
}
