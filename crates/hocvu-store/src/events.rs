//! Progress events from the API, applied exactly once and committed in groups.
//!
//! Every event's id is claimed and its effect stored in the same transaction, so a replayed
//! batch, or a retry after a crash, changes nothing. One writer task per [`Store`] takes all the
//! batches waiting when it is free and applies them in a single transaction (group commit):
//! SQLite has one writer and commits are its cost, so fifty learners posting at once share one
//! commit instead of queueing for fifty. Each batch is acknowledged only after that commit. If
//! the shared transaction fails, the batches are retried one by one so one bad batch cannot fail
//! the others.

use crate::progress::{Attempt, LessonRef, claim_in};
use crate::{Store, StoreError, now_ms};
use sea_orm::{ConnectionTrait, TransactionTrait};
use tokio::sync::{mpsc, oneshot};

mod writer;
pub(crate) use writer::gather;

/// A lesson as deployed, owned (events outlive the request that carried them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonKey {
    pub course_id: String,
    pub course_version: String,
    pub bundle_hash: String,
    pub slug: String,
    pub lesson_hash: String,
}

impl LessonKey {
    pub fn borrow(&self) -> LessonRef<'_> {
        LessonRef {
            course_id: &self.course_id,
            course_version: &self.course_version,
            bundle_hash: &self.bundle_hash,
            slug: &self.slug,
            lesson_hash: &self.lesson_hash,
        }
    }
}

impl From<LessonRef<'_>> for LessonKey {
    fn from(l: LessonRef<'_>) -> Self {
        LessonKey {
            course_id: l.course_id.to_string(),
            course_version: l.course_version.to_string(),
            bundle_hash: l.bundle_hash.to_string(),
            slug: l.slug.to_string(),
            lesson_hash: l.lesson_hash.to_string(),
        }
    }
}

/// What a client event does.
#[derive(Debug, Clone)]
pub enum EventAction {
    /// `complete` for lessons without a quiz, which are complete once read.
    Opened { lesson: LessonKey, complete: bool },
    /// A quiz answered, as graded by the server.
    Answered {
        lesson: LessonKey,
        answers_json: String,
        right: i32,
        total: i32,
        passed: bool,
    },
}

impl EventAction {
    fn kind(&self) -> &'static str {
        match self {
            EventAction::Opened { .. } => "lesson_opened",
            EventAction::Answered { .. } => "quiz_answered",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventOutcome {
    /// The id was seen before: nothing changed.
    Duplicate,
    Applied {
        /// The lesson became complete with this event (check the course next).
        lesson_completed: bool,
    },
}

pub struct Event {
    /// Client-generated, unique per learner.
    pub id: String,
    /// When it happened (Unix ms, server clock): an answer given offline keeps its time.
    pub at: i64,
    pub action: EventAction,
}

pub(crate) struct Batch {
    pub(crate) learner: i64,
    pub(crate) events: Vec<Event>,
    pub(crate) reply: oneshot::Sender<Result<Vec<EventOutcome>, StoreError>>,
}

/// How many events one transaction takes at most, so a burst cannot hold the writer for long.
pub(crate) const MAX_GROUP_EVENTS: usize = 2_000;

pub(crate) type Queue = mpsc::UnboundedSender<Batch>;

impl Store {
    /// Starts the group-commit writer on the current runtime and returns its queue. The task
    /// holds a store without a queue, so it ends when the last `Store` handle is dropped.
    pub(crate) fn start_event_writer(writer_store: Store) -> Queue {
        let (queue, mut incoming) = mpsc::unbounded_channel::<Batch>();
        tokio::spawn(async move {
            while let Some(first) = incoming.recv().await {
                let group = gather(first, &mut incoming);
                writer_store.commit_group(group).await;
            }
        });
        queue
    }

    /// Applies a learner's events in order, each exactly once; returns after they are committed.
    pub async fn apply_events(
        &self,
        learner: i64,
        events: Vec<Event>,
    ) -> Result<Vec<EventOutcome>, StoreError> {
        if events.is_empty() {
            return Ok(Vec::new());
        }
        let Some(queue) = &self.events else {
            return Err(StoreError::WriterStopped);
        };
        let (reply, answer) = oneshot::channel();
        let batch = Batch {
            learner,
            events,
            reply,
        };
        crate::metrics::queue(queue, batch)?;
        let outcomes = answer.await.map_err(|_| StoreError::WriterStopped)??;
        if outcomes.iter().any(|o| *o != EventOutcome::Duplicate) {
            self.changed(crate::changes::Changed::Progress(learner))
                .await;
        }
        Ok(outcomes)
    }

    async fn commit_group(&self, group: Vec<Batch>) {
        let _turn = self.writer().await;
        match self.apply_group_retrying(&group).await {
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
                    let single = std::slice::from_ref(&batch);
                    let result = self
                        .apply_group(single)
                        .await
                        .map(|mut o| o.pop().unwrap_or_default());
                    let _ = batch.reply.send(result);
                }
            }
        }
    }

    async fn apply_group(&self, group: &[Batch]) -> Result<Vec<Vec<EventOutcome>>, StoreError> {
        let tx = self.db.begin().await?;
        let mut outcomes = Vec::with_capacity(group.len());
        for batch in group {
            let mut results = Vec::with_capacity(batch.events.len());
            for event in &batch.events {
                results.push(self.apply_in(&tx, batch.learner, event).await?);
            }
            outcomes.push(results);
        }
        tx.commit().await?;
        Ok(outcomes)
    }

    async fn apply_in(
        &self,
        tx: &impl ConnectionTrait,
        learner: i64,
        event: &Event,
    ) -> Result<EventOutcome, StoreError> {
        if !claim_in(tx, learner, &event.id, event.action.kind(), now_ms()).await? {
            return Ok(EventOutcome::Duplicate);
        }
        let lesson_completed = match &event.action {
            EventAction::Opened { lesson, complete } => {
                self.open_lesson_in(tx, learner, &lesson.borrow(), *complete, event.at)
                    .await?
            }
            EventAction::Answered {
                lesson,
                answers_json,
                right,
                total,
                passed,
            } => {
                let attempt = Attempt {
                    lesson: lesson.borrow(),
                    answers_json: answers_json.clone(),
                    right: *right,
                    total: *total,
                    passed: *passed,
                };
                self.record_attempt_in(tx, learner, &attempt, event.at)
                    .await?
                    .newly_completed
            }
        };
        Ok(EventOutcome::Applied { lesson_completed })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{progress_events, quiz_attempts};
    use crate::testing::stores;
    use sea_orm::EntityTrait;

    fn key(slug: &str) -> LessonKey {
        LessonKey {
            course_id: "vneid".into(),
            course_version: "1.0.0".into(),
            bundle_hash: "b".into(),
            slug: slug.into(),
            lesson_hash: "h1".into(),
        }
    }

    fn answered(id: &str, right: i32, passed: bool) -> Event {
        Event {
            id: id.into(),
            at: now_ms(),
            action: EventAction::Answered {
                lesson: key("01"),
                answers_json: "{}".into(),
                right,
                total: 3,
                passed,
            },
        }
    }

    fn opened(id: &str, complete: bool) -> Event {
        Event {
            id: id.into(),
            at: now_ms(),
            action: EventAction::Opened {
                lesson: key("02"),
                complete,
            },
        }
    }

    #[tokio::test]
    async fn an_event_is_applied_once_however_often_it_is_sent() {
        for (store, _dir) in stores().await {
            let me = store.create_guest("vi").await.unwrap();
            for round in 0..3 {
                let out = store
                    .apply_events(me, vec![answered("ev-1", 3, true), opened("ev-2", true)])
                    .await
                    .unwrap();
                let expected = if round == 0 {
                    vec![
                        EventOutcome::Applied {
                            lesson_completed: true,
                        },
                        EventOutcome::Applied {
                            lesson_completed: true,
                        },
                    ]
                } else {
                    vec![EventOutcome::Duplicate; 2]
                };
                assert_eq!(out, expected, "round {round}");
            }
            let attempts = quiz_attempts::Entity::find().all(&store.db).await.unwrap();
            assert_eq!(attempts.len(), 1);
            let other = store.create_guest("vi").await.unwrap();
            assert_eq!(
                store
                    .apply_events(other, vec![opened("ev-2", false)])
                    .await
                    .unwrap(),
                vec![EventOutcome::Applied {
                    lesson_completed: false
                }],
                "ids are per learner"
            );
        }
    }

    #[tokio::test]
    async fn the_same_id_twice_in_one_batch_counts_once() {
        for (store, _dir) in stores().await {
            let me = store.create_guest("vi").await.unwrap();
            let out = store
                .apply_events(me, vec![answered("x", 1, false), answered("x", 3, true)])
                .await
                .unwrap();
            assert_eq!(
                out,
                vec![
                    EventOutcome::Applied {
                        lesson_completed: false
                    },
                    EventOutcome::Duplicate
                ]
            );
        }
    }

    #[tokio::test]
    async fn a_failing_batch_does_not_fail_the_others_in_its_group() {
        for (store, _dir) in stores().await {
            let me = store.create_guest("vi").await.unwrap();
            // A learner id that does not exist breaks the foreign key; sent together with a
            // good batch so both can land in one group.
            let bad = store.apply_events(i64::MAX, vec![opened("bad", false)]);
            let good = store.apply_events(me, vec![opened("good", false)]);
            let (bad, good) = tokio::join!(bad, good);
            assert!(bad.is_err());
            assert_eq!(
                good.unwrap(),
                vec![EventOutcome::Applied {
                    lesson_completed: false
                }]
            );
            let ids: Vec<String> = progress_events::Entity::find()
                .all(&store.db)
                .await
                .unwrap()
                .into_iter()
                .map(|e| e.event_id)
                .collect();
            assert_eq!(ids, vec!["good".to_string()]);
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_writers_lose_nothing() {
        for (store, _dir) in stores().await {
            let mut learners = Vec::new();
            for _ in 0..20 {
                learners.push(store.create_guest("vi").await.unwrap());
            }
            let mut tasks = Vec::new();
            for (i, me) in learners.iter().copied().enumerate() {
                let store = store.clone();
                tasks.push(tokio::spawn(async move {
                    for n in 0..10 {
                        let ev = answered(&format!("e{i}-{n}"), n, n == 9);
                        store.apply_events(me, vec![ev]).await.unwrap();
                        // Direct writes (the HTML pages) interleave with the group writer.
                        store
                            .open_lesson(me, key("03").borrow(), false)
                            .await
                            .unwrap();
                    }
                }));
            }
            for t in tasks {
                t.await.unwrap();
            }
            let events = progress_events::Entity::find()
                .all(&store.db)
                .await
                .unwrap();
            let attempts = quiz_attempts::Entity::find().all(&store.db).await.unwrap();
            assert_eq!((events.len(), attempts.len()), (200, 200));
        }
    }

    /// Every table the writers touch, without times and generated ids.
    async fn tables(store: &Store) -> Vec<String> {
        use crate::entities::{audit_log, lesson_progress};
        let mut out = Vec::new();
        for r in lesson_progress::Entity::find()
            .all(&store.db)
            .await
            .unwrap()
        {
            out.push(format!(
                "progress {} {} {} {} {} {} {} {}",
                r.learner_id,
                r.course_id,
                r.lesson_slug,
                r.course_version,
                r.lesson_hash,
                r.completed_at.is_some(),
                r.best_right,
                r.best_total
            ));
        }
        for r in quiz_attempts::Entity::find().all(&store.db).await.unwrap() {
            out.push(format!(
                "attempt {} {} {} {} {} {}/{} {}",
                r.learner_id,
                r.course_id,
                r.lesson_slug,
                r.lesson_hash,
                r.answers,
                r.right_count,
                r.total,
                r.passed
            ));
        }
        for r in progress_events::Entity::find()
            .all(&store.db)
            .await
            .unwrap()
        {
            out.push(format!("event {} {} {}", r.learner_id, r.event_id, r.kind));
        }
        for r in audit_log::Entity::find().all(&store.db).await.unwrap() {
            out.push(format!(
                "audit {:?} {} {} {}",
                r.actor_id, r.action, r.subject, r.detail
            ));
        }
        out.sort();
        out
    }

    #[tokio::test]
    async fn the_sqlite_writer_and_the_sea_orm_writer_store_the_same_rows() {
        let mut seen = Vec::new();
        for fast in [true, false] {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::connect_with(&Store::sqlite_url(dir.path()), fast)
                .await
                .unwrap();
            store.migrate().await.unwrap();
            let me = store.create_guest("vi").await.unwrap();
            let changed = |id: &str| Event {
                id: id.into(),
                at: now_ms(),
                action: EventAction::Answered {
                    lesson: LessonKey {
                        lesson_hash: "h2".into(),
                        course_version: "1.1.0".into(),
                        ..key("01")
                    },
                    answers_json: "{\"q\":[\"b\"]}".into(),
                    right: 2,
                    total: 3,
                    passed: false,
                },
            };
            let rounds = vec![
                vec![answered("a1", 1, false), opened("o1", false)],
                vec![answered("a2", 3, true), answered("a3", 2, false)],
                vec![
                    opened("o2", true),
                    opened("o3", true),
                    answered("a2", 0, false),
                ],
                vec![changed("a4")],
            ];
            let mut outcomes = Vec::new();
            for events in rounds {
                outcomes.push(store.apply_events(me, events).await.unwrap());
            }
            seen.push((outcomes, tables(&store).await));
        }
        assert_eq!(seen[0], seen[1]);
        assert!(
            seen[0]
                .1
                .iter()
                .any(|r| r.starts_with("audit") && r.contains("1.0.0 3/3"))
        );
    }
}
