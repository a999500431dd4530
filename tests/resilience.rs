#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! A server on PostgreSQL while the database restarts: `/healthz` turns 503 (a load balancer
//! drops the server), the pool reconnects by itself, and offline event batches sent during
//! the outage are stored exactly once — each client retries until acknowledged, as phones do.

mod support;

use serde_json::{Value, json};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use support::{Server, pg::PrivatePostgres, shipped_courses};

fn health(server: &Server) -> (u16, Value) {
    let r = server.get("/healthz");
    (r.status, serde_json::from_slice(&r.body).unwrap())
}

fn wait_for_health(server: &Server, status: u16) -> Duration {
    let start = Instant::now();
    while health(server).0 != status {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "healthz never {status}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    start.elapsed()
}

#[test]
fn a_postgresql_restart_loses_no_acknowledged_event_and_healthz_reports_it() {
    let Some(pg) = PrivatePostgres::start() else {
        return;
    };
    let server = Server::start(&["--database", &pg.url]);
    let (status, body) = health(&server);
    assert_eq!((status, body["database"].as_str()), (200, Some("ok")));
    let r = server.request(
        "POST",
        "/api/v1/register",
        &[("Content-Type", "application/json")],
        Some(&json!({"username": "lan-mat-dien", "password": "Lan#2024ab", "display_name": "Lan", "consent_version": hocvu_web::CONSENT_VERSION}).to_string()),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let token: Value = serde_json::from_slice(&r.body).unwrap();
    let auth = format!("Bearer {}", token["token"].as_str().unwrap());
    let course = shipped_courses()
        .into_iter()
        .find(|c| c.bundle.course.id == "hoc-voi-hocvu")
        .unwrap();
    let lesson = &course.bundle.lessons[0];
    let answers: serde_json::Map<String, Value> =
        support::chosen_options(&lesson.source().unwrap().quiz, false)
            .into_iter()
            .map(|(q, o)| (q, json!(o)))
            .collect();
    let stop = AtomicBool::new(false);
    let (sent, failures) = std::thread::scope(|s| {
        let client = s.spawn(|| {
            let (mut sent, mut failures) = (0usize, 0usize);
            while !stop.load(Ordering::Relaxed) {
                let id = format!("ev-{sent}");
                let batch = json!({"events": [{"id": id, "kind": "quiz_answered",
                    "course": "hoc-voi-hocvu", "lesson": lesson.slug, "answers": answers}]});
                // Until acknowledged, the same id again (a phone keeps its queue).
                loop {
                    let r = server.try_post_json("/api/v1/me/events", &auth, &batch.to_string());
                    match r {
                        Some((200, body)) => {
                            let v: Value = serde_json::from_slice(&body).unwrap();
                            let st = v["results"][0]["status"].as_str().unwrap().to_string();
                            assert!(st == "applied" || st == "duplicate", "{v}");
                            break;
                        }
                        _ => {
                            failures += 1;
                            std::thread::sleep(Duration::from_millis(100));
                        }
                    }
                }
                sent += 1;
            }
            (sent, failures)
        });
        std::thread::sleep(Duration::from_millis(800));
        pg.down();
        let noticed = wait_for_health(&server, 503);
        let (_, body) = health(&server);
        assert_eq!(body["database"], "unreachable", "{body}");
        eprintln!("healthz 503 after {noticed:?}");
        std::thread::sleep(Duration::from_secs(2));
        pg.up();
        let back = wait_for_health(&server, 200);
        eprintln!("healthz 200 again {back:?} after the restart");
        std::thread::sleep(Duration::from_millis(1500));
        stop.store(true, Ordering::Relaxed);
        client.join().unwrap()
    });
    eprintln!("{sent} batches acknowledged, {failures} failed attempts retried");
    assert!(sent > 10, "the load ran");
    // Every event id is stored once, and each applied exactly one attempt.
    let (events, attempts) = support::block_on(async {
        use hocvu_store::sea_orm::{ConnectionTrait, Statement};
        let store = hocvu_store::Store::connect(&pg.url).await.unwrap();
        let count = |sql: &str| {
            let sql = sql.to_string();
            let db = &store.db;
            async move {
                let row = db
                    .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
                    .await
                    .unwrap()
                    .unwrap();
                row.try_get_by_index::<i64>(0).unwrap()
            }
        };
        (
            count("SELECT COUNT(*) FROM progress_events WHERE event_id LIKE 'ev-%'").await,
            count("SELECT COUNT(*) FROM quiz_attempts").await,
        )
    });
    assert_eq!(events as usize, sent, "every acknowledged event is stored");
    assert_eq!(attempts as usize, sent, "and applied exactly once");
    // Pages that read the database work again too.
    assert_eq!(
        server
            .get_with("/api/v1/me", &[("Authorization", &auth)])
            .status,
        200
    );
}
