//! The SQLite event writer: the same rules as [`crate::events`] (sea-orm, used on PostgreSQL),
//! run on one thread with its own rusqlite connection. sqlx's SQLite driver hands every
//! statement to a worker thread and back; at five statements per event those thread switches,
//! not SQLite, were the cost (perf: ~75% of server time in futex/scheduler, <2% in SQLite).
//! A test applies the same events through both writers and compares every table.

use crate::events::{Batch, Event, EventAction, EventOutcome, Queue, gather};
use crate::now_ms;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

/// Opens the file and starts the writer thread; it ends when every sender is dropped.
pub(crate) fn start(
    path: &Path,
    write_lock: Arc<tokio::sync::Mutex<()>>,
) -> Result<Queue, rusqlite::Error> {
    let mut conn = Connection::open(path)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")?;
    let (queue, mut incoming) = mpsc::unbounded_channel::<Batch>();
    let spawned = std::thread::Builder::new()
        .name("hocvu-events".into())
        .spawn(move || {
            while let Some(first) = incoming.blocking_recv() {
                let group = gather(first, &mut incoming);
                let _turn = write_lock.blocking_lock();
                commit_group(&mut conn, group);
            }
        });
    spawned.map_err(|e| {
        rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
            Some(format!("cannot start the event writer thread: {e}")),
        )
    })?;
    Ok(queue)
}

fn commit_group(conn: &mut Connection, group: Vec<Batch>) {
    match apply_group(conn, &group) {
        Ok(outcomes) => {
            for (batch, outcome) in group.into_iter().zip(outcomes) {
                let _ = batch.reply.send(Ok(outcome));
            }
        }
        Err(e) => {
            tracing::warn!(
                "group commit of {} batches failed ({e}); retrying one by one",
                group.len()
            );
            for batch in group {
                let result = apply_group(conn, std::slice::from_ref(&batch))
                    .map(|mut o| o.pop().unwrap_or_default())
                    .map_err(|e| crate::StoreError::Db(sea_orm::DbErr::Custom(e.to_string())));
                let _ = batch.reply.send(result);
            }
        }
    }
}

fn apply_group(
    conn: &mut Connection,
    group: &[Batch],
) -> Result<Vec<Vec<EventOutcome>>, rusqlite::Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut outcomes = Vec::with_capacity(group.len());
    for batch in group {
        let mut results = Vec::with_capacity(batch.events.len());
        for event in &batch.events {
            results.push(apply_one(&tx, batch.learner, event)?);
        }
        outcomes.push(results);
    }
    tx.commit()?;
    Ok(outcomes)
}

struct Row {
    lesson_hash: String,
    completed_at: Option<i64>,
    best_right: i32,
    best_total: i32,
}

fn apply_one(
    tx: &Connection,
    learner: i64,
    event: &Event,
) -> Result<EventOutcome, rusqlite::Error> {
    let now = now_ms();
    // Progress keeps the time the learner acted; the claim and the audit log, when it arrived.
    let at = event.at;
    let kind = match event.action {
        EventAction::Opened { .. } => "lesson_opened",
        EventAction::Answered { .. } => "quiz_answered",
    };
    let claimed = tx
        .prepare_cached(
            "INSERT INTO progress_events (learner_id, event_id, kind, received_at) \
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
        )?
        .execute(params![learner, event.id, kind, now])?;
    if claimed == 0 {
        return Ok(EventOutcome::Duplicate);
    }
    let lesson = match &event.action {
        EventAction::Opened { lesson, .. } | EventAction::Answered { lesson, .. } => lesson,
    };
    // The learner's row for the lesson, created or reset to the deployed content.
    let found = tx
        .prepare_cached(
            "SELECT lesson_hash, completed_at, best_right, best_total FROM lesson_progress \
             WHERE learner_id = ?1 AND course_id = ?2 AND lesson_slug = ?3",
        )?
        .query_row(params![learner, lesson.course_id, lesson.slug], |r| {
            Ok(Row {
                lesson_hash: r.get(0)?,
                completed_at: r.get(1)?,
                best_right: r.get(2)?,
                best_total: r.get(3)?,
            })
        })
        .optional()?;
    let row = match found {
        Some(row) if row.lesson_hash == lesson.lesson_hash => row,
        Some(_) => {
            tx.prepare_cached(
                "UPDATE lesson_progress SET course_version = ?4, bundle_hash = ?5, lesson_hash = ?6, \
                 opened_at = ?7, completed_at = NULL, best_right = 0, best_total = 0 \
                 WHERE learner_id = ?1 AND course_id = ?2 AND lesson_slug = ?3",
            )?
            .execute(params![
                learner,
                lesson.course_id,
                lesson.slug,
                lesson.course_version,
                lesson.bundle_hash,
                lesson.lesson_hash,
                at
            ])?;
            fresh_row(lesson.lesson_hash.clone())
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO lesson_progress (learner_id, course_id, lesson_slug, course_version, \
                 bundle_hash, lesson_hash, opened_at, completed_at, best_right, best_total) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, 0, 0)",
            )?
            .execute(params![
                learner,
                lesson.course_id,
                lesson.slug,
                lesson.course_version,
                lesson.bundle_hash,
                lesson.lesson_hash,
                at
            ])?;
            fresh_row(lesson.lesson_hash.clone())
        }
    };
    let subject = format!("{}/{}", lesson.course_id, lesson.slug);
    let lesson_completed = match &event.action {
        EventAction::Opened { complete, .. } => {
            let newly = *complete && row.completed_at.is_none();
            if newly {
                set_best(
                    tx,
                    learner,
                    lesson,
                    row.best_right,
                    row.best_total,
                    Some(at),
                )?;
                audit(tx, learner, &subject, &lesson.course_version, now)?;
            }
            newly
        }
        EventAction::Answered {
            answers_json,
            right,
            total,
            passed,
            ..
        } => {
            tx.prepare_cached(
                "INSERT INTO quiz_attempts (learner_id, course_id, lesson_slug, course_version, \
                 bundle_hash, lesson_hash, answers, right_count, total, passed, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                learner,
                lesson.course_id,
                lesson.slug,
                lesson.course_version,
                lesson.bundle_hash,
                lesson.lesson_hash,
                answers_json,
                right,
                total,
                passed,
                at
            ])?;
            let better = *right > row.best_right || row.best_total == 0;
            let newly = *passed && row.completed_at.is_none();
            if better || newly {
                let (best_right, best_total) = if better {
                    (*right, *total)
                } else {
                    (row.best_right, row.best_total)
                };
                let completed_at = if newly { Some(at) } else { row.completed_at };
                set_best(tx, learner, lesson, best_right, best_total, completed_at)?;
            }
            if newly {
                let detail = format!("{} {right}/{total}", lesson.course_version);
                audit(tx, learner, &subject, &detail, now)?;
            }
            newly
        }
    };
    Ok(EventOutcome::Applied { lesson_completed })
}

fn fresh_row(lesson_hash: String) -> Row {
    Row {
        lesson_hash,
        completed_at: None,
        best_right: 0,
        best_total: 0,
    }
}

fn set_best(
    tx: &Connection,
    learner: i64,
    lesson: &crate::events::LessonKey,
    best_right: i32,
    best_total: i32,
    completed_at: Option<i64>,
) -> Result<(), rusqlite::Error> {
    tx.prepare_cached(
        "UPDATE lesson_progress SET best_right = ?4, best_total = ?5, completed_at = ?6 \
         WHERE learner_id = ?1 AND course_id = ?2 AND lesson_slug = ?3",
    )?
    .execute(params![
        learner,
        lesson.course_id,
        lesson.slug,
        best_right,
        best_total,
        completed_at
    ])?;
    Ok(())
}

fn audit(
    tx: &Connection,
    learner: i64,
    subject: &str,
    detail: &str,
    now: i64,
) -> Result<(), rusqlite::Error> {
    tx.prepare_cached(
        "INSERT INTO audit_log (at, actor_id, action, subject, detail) \
         VALUES (?1, ?2, 'lesson.complete', ?3, ?4)",
    )?
    .execute(params![
        now,
        learner,
        subject.chars().take(200).collect::<String>(),
        detail
    ])?;
    Ok(())
}
