//! Province roll-up report on SQLite with 100,000 learners and 1,000,000 progress events:
//! time of `Store::assignment_statuses` + `roll_up` for the whole province (what the admin's
//! report page and its CSV run), beside the same SQL run straight through rusqlite in the same
//! run, and the query plan SQLite chose. Run: `cargo bench --bench reports`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark should stop loudly

use rusqlite::params;
use std::time::Instant;

const STAFF: i64 = 40_000;
const CITIZENS: i64 = 60_000;
const EVENTS: i64 = 1_000_000;
const RUNS: usize = 7;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let url = hocvu_store::Store::sqlite_url(dir.path());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let store = rt.block_on(async {
        let s = hocvu_store::Store::connect(&url).await.unwrap();
        s.migrate().await.unwrap();
        s
    });
    let db = dir.path().join("hocvu.db");
    let started = Instant::now();
    {
        let mut conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
            .unwrap();
        let tx = conn.transaction().unwrap();
        let mut unit = tx.prepare("INSERT INTO units (code, name, parent_code, kind, path, adults, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)").unwrap();
        unit.execute(params![
            "P",
            "Province",
            None::<String>,
            "province",
            "/P/",
            None::<i64>
        ])
        .unwrap();
        let mut leaves = Vec::new();
        for c in 0..102 {
            let code = format!("C{c:03}");
            unit.execute(params![
                code,
                format!("Commune {c}"),
                "P",
                "commune",
                format!("/P/{code}/"),
                5_000
            ])
            .unwrap();
            leaves.push((code.clone(), format!("/P/{code}/")));
        }
        for a in 0..30 {
            let code = format!("A{a:02}");
            unit.execute(params![
                code,
                format!("Agency {a}"),
                "P",
                "agency",
                format!("/P/{code}/"),
                None::<i64>
            ])
            .unwrap();
            for d in 0..4 {
                let dept = format!("{code}D{d}");
                unit.execute(params![
                    dept,
                    format!("Dept {d}"),
                    code,
                    "department",
                    format!("/P/{code}/{dept}/"),
                    None::<i64>
                ])
                .unwrap();
                leaves.push((dept.clone(), format!("/P/{code}/{dept}/")));
            }
        }
        drop(unit);
        let mut learner = tx.prepare("INSERT INTO learners (id, username, display_name, locale, commune, is_guest, created_at, last_seen_at, session_generation, unit_code, position, staff_key) VALUES (?1, ?2, ?3, 'vi', ?4, 0, 0, 0, 0, ?5, ?6, ?7)").unwrap();
        for id in 1..=STAFF {
            let (code, _) = &leaves[(id as usize) % leaves.len()];
            let position = if id % 10 == 0 { "lead" } else { "staff" };
            learner
                .execute(params![
                    id,
                    format!("s{id}"),
                    format!("Staff {id}"),
                    None::<String>,
                    code,
                    position,
                    format!("id:{id}")
                ])
                .unwrap();
        }
        for id in STAFF + 1..=STAFF + CITIZENS {
            learner
                .execute(params![
                    id,
                    format!("c{id}"),
                    format!("Citizen {id}"),
                    format!("C{:03}", id % 102),
                    None::<String>,
                    None::<String>,
                    None::<String>
                ])
                .unwrap();
        }
        drop(learner);
        tx.execute("INSERT INTO assignments (course_id, unit_code, position, due_on, created_at) VALUES ('ai-cong-vu', 'P', NULL, '2026-11-30', 0), ('ai-lanh-dao', 'P', 'lead', '2026-11-30', 0), ('an-toan-zalo', 'A03', NULL, '2026-12-31', 0)", []).unwrap();
        let mut progress = tx
            .prepare(
                "INSERT INTO lesson_progress VALUES (?1, ?2, ?3, '1.0.0', 'b', 'h', 0, ?4, 3, 3)",
            )
            .unwrap();
        let mut completion = tx
            .prepare("INSERT INTO course_completions VALUES (?1, ?2, '1.0.0', 'b', ?3)")
            .unwrap();
        for id in 1..=STAFF + CITIZENS {
            let course = if id <= STAFF { "ai-cong-vu" } else { "vneid" };
            if id % 5 < 3 {
                for lesson in 0..5 {
                    progress
                        .execute(params![
                            id,
                            course,
                            format!("0{lesson}"),
                            (id % 5 == 0).then_some(1_790_000_000_000_i64)
                        ])
                        .unwrap();
                }
            }
            if id % 5 == 0 {
                completion
                    .execute(params![id, course, 1_780_000_000_000_i64 + id * 60_000])
                    .unwrap();
            }
        }
        drop(progress);
        drop(completion);
        let mut event = tx.prepare("INSERT INTO progress_events (learner_id, event_id, kind, received_at) VALUES (?1, ?2, 'lesson_opened', 0)").unwrap();
        for n in 0..EVENTS {
            event
                .execute(params![1 + n % (STAFF + CITIZENS), format!("e{n}")])
                .unwrap();
        }
        drop(event);
        tx.commit().unwrap();
        conn.execute_batch("ANALYZE;").unwrap();
    }
    println!(
        "dataset: {} learners ({STAFF} staff), {EVENTS} progress events, built in {:.1} s",
        STAFF + CITIZENS,
        started.elapsed().as_secs_f64()
    );

    let today = "2026-12-01";
    let raw = rusqlite::Connection::open(&db).unwrap();
    let plan: Vec<String> = raw
        .prepare(&format!(
            "EXPLAIN QUERY PLAN {}",
            hocvu_store::reports::STATUS_SQL
        ))
        .unwrap()
        .query_map(["/P/%"], |r| {
            Ok(format!(
                "{} {}",
                r.get::<_, i64>(1)?,
                r.get::<_, String>(3)?
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut raw_times = Vec::new();
    let mut rows_seen = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        let mut stmt = raw
            .prepare_cached(hocvu_store::reports::STATUS_SQL)
            .unwrap();
        rows_seen = stmt
            .query_map(["/P/%"], |r| r.get::<_, i64>(0))
            .unwrap()
            .count();
        raw_times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let mut ours = Vec::new();
    let mut summary = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        let (rows, tally) = rt.block_on(async {
            let rows = store.assignment_statuses("/P/", today).await.unwrap();
            let units = store.units().await.unwrap();
            let tally = hocvu_store::reports::roll_up(&units, &rows);
            (rows.len(), tally)
        });
        ours.push(t.elapsed().as_secs_f64() * 1000.0);
        summary = Some((rows, tally["P"].clone()));
    }
    let mut communes = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        rt.block_on(store.commune_tallies()).unwrap();
        communes.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let (rows, p) = summary.unwrap();
    assert_eq!(rows, rows_seen);
    let (raw_ms, our_ms) = (median(raw_times), median(ours));
    println!("province roll-up: {rows} person×assignment rows; P = {p:?}");
    println!("raw rusqlite, same SQL (reference)      {raw_ms:>8.1} ms median of {RUNS}");
    println!(
        "hocvu assignment_statuses + roll_up     {our_ms:>8.1} ms median of {RUNS}  = {:.2}x the reference",
        our_ms / raw_ms
    );
    println!(
        "hocvu commune_tallies (citizens)        {:>8.1} ms median of {RUNS}",
        median(communes)
    );
    println!("query plan:");
    for line in plan {
        println!("  {line}");
    }
}
