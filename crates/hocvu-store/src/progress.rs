//! Lesson progress, quiz attempts and course completion.
//!
//! The rule across course versions: a completed lesson stays complete while its Vietnamese
//! source hash is unchanged. When a new version changes a lesson, the learner's record of it is
//! reset the next time they open or answer it, and [`completed_lessons`] stops counting it.

use crate::entities::{course_completions, lesson_progress, progress_events, quiz_attempts};
use crate::{Store, StoreError, now_ms};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use std::collections::BTreeSet;

/// A lesson as deployed: which course version and bundle, and the hash of its source text.
#[derive(Debug, Clone, Copy)]
pub struct LessonRef<'a> {
    pub course_id: &'a str,
    pub course_version: &'a str,
    pub bundle_hash: &'a str,
    pub slug: &'a str,
    pub lesson_hash: &'a str,
}

#[derive(Debug, Clone)]
pub struct Attempt<'a> {
    pub lesson: LessonRef<'a>,
    /// JSON object: question id → chosen option ids (as graded by the server).
    pub answers_json: String,
    pub right: i32,
    pub total: i32,
    pub passed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptOutcome {
    pub best_right: i32,
    pub best_total: i32,
    /// The lesson became complete with this attempt.
    pub newly_completed: bool,
}

/// Stores a client event id for the learner; false when it was already there (a replay).
pub(crate) async fn claim_in(
    tx: &impl ConnectionTrait,
    learner: i64,
    event_id: &str,
    kind: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let inserted = progress_events::Entity::insert(progress_events::ActiveModel {
        learner_id: Set(learner),
        event_id: Set(event_id.to_string()),
        kind: Set(kind.to_string()),
        received_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            progress_events::Column::LearnerId,
            progress_events::Column::EventId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(tx)
    .await?;
    Ok(inserted > 0)
}

/// Lessons of `course_id` that count as complete now, given each lesson's current source hash.
pub fn completed_lessons(
    rows: &[lesson_progress::Model],
    course_id: &str,
    current: &[(&str, &str)],
) -> BTreeSet<String> {
    rows.iter()
        .filter(|r| r.course_id == course_id && r.completed_at.is_some())
        .filter(|r| {
            current
                .iter()
                .any(|(slug, hash)| *slug == r.lesson_slug && *hash == r.lesson_hash)
        })
        .map(|r| r.lesson_slug.clone())
        .collect()
}

impl Store {
    /// The learner's row for a lesson, created or reset to the deployed content (inside `tx`).
    async fn lesson_row(
        &self,
        tx: &impl ConnectionTrait,
        learner: i64,
        lesson: &LessonRef<'_>,
        now: i64,
    ) -> Result<lesson_progress::Model, StoreError> {
        let key = (
            learner,
            lesson.course_id.to_string(),
            lesson.slug.to_string(),
        );
        match lesson_progress::Entity::find_by_id(key).one(tx).await? {
            Some(row) if row.lesson_hash == lesson.lesson_hash => Ok(row),
            Some(row) => {
                let mut reset: lesson_progress::ActiveModel = row.into();
                reset.course_version = Set(lesson.course_version.to_string());
                reset.bundle_hash = Set(lesson.bundle_hash.to_string());
                reset.lesson_hash = Set(lesson.lesson_hash.to_string());
                reset.opened_at = Set(now);
                reset.completed_at = Set(None);
                reset.best_right = Set(0);
                reset.best_total = Set(0);
                Ok(reset.update(tx).await?)
            }
            None => Ok(lesson_progress::ActiveModel {
                learner_id: Set(learner),
                course_id: Set(lesson.course_id.to_string()),
                lesson_slug: Set(lesson.slug.to_string()),
                course_version: Set(lesson.course_version.to_string()),
                bundle_hash: Set(lesson.bundle_hash.to_string()),
                lesson_hash: Set(lesson.lesson_hash.to_string()),
                opened_at: Set(now),
                completed_at: Set(None),
                best_right: Set(0),
                best_total: Set(0),
            }
            .insert(tx)
            .await?),
        }
    }

    /// Records that the learner opened a lesson (first time only); `complete` for lessons
    /// without a quiz, which are complete once read.
    pub async fn open_lesson(
        &self,
        learner: i64,
        lesson: LessonRef<'_>,
        complete: bool,
    ) -> Result<(), StoreError> {
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        self.open_lesson_in(&tx, learner, &lesson, complete, now_ms())
            .await?;
        tx.commit().await?;
        self.changed(crate::changes::Changed::Progress(learner))
            .await;
        Ok(())
    }

    /// True when this completed the lesson.
    pub(crate) async fn open_lesson_in(
        &self,
        tx: &impl ConnectionTrait,
        learner: i64,
        lesson: &LessonRef<'_>,
        complete: bool,
        now: i64,
    ) -> Result<bool, StoreError> {
        let row = self.lesson_row(tx, learner, lesson, now).await?;
        if complete && row.completed_at.is_none() {
            let mut done: lesson_progress::ActiveModel = row.into();
            done.completed_at = Set(Some(now));
            done.update(tx).await?;
            let subject = format!("{}/{}", lesson.course_id, lesson.slug);
            self.audit(
                tx,
                Some(learner),
                "lesson.complete",
                &subject,
                lesson.course_version,
            )
            .await?;
            return Ok(true);
        }
        Ok(false)
    }

    /// Stores a graded attempt; a passing one completes the lesson.
    pub async fn record_attempt(
        &self,
        learner: i64,
        attempt: Attempt<'_>,
    ) -> Result<AttemptOutcome, StoreError> {
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        let outcome = self
            .record_attempt_in(&tx, learner, &attempt, now_ms())
            .await?;
        tx.commit().await?;
        self.changed(crate::changes::Changed::Progress(learner))
            .await;
        Ok(outcome)
    }

    pub(crate) async fn record_attempt_in(
        &self,
        tx: &impl ConnectionTrait,
        learner: i64,
        attempt: &Attempt<'_>,
        now: i64,
    ) -> Result<AttemptOutcome, StoreError> {
        let lesson = attempt.lesson;
        quiz_attempts::ActiveModel {
            learner_id: Set(learner),
            course_id: Set(lesson.course_id.to_string()),
            lesson_slug: Set(lesson.slug.to_string()),
            course_version: Set(lesson.course_version.to_string()),
            bundle_hash: Set(lesson.bundle_hash.to_string()),
            lesson_hash: Set(lesson.lesson_hash.to_string()),
            answers: Set(attempt.answers_json.clone()),
            right_count: Set(attempt.right),
            total: Set(attempt.total),
            passed: Set(attempt.passed),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(tx)
        .await?;
        let row = self.lesson_row(tx, learner, &lesson, now).await?;
        let better = attempt.right > row.best_right || row.best_total == 0;
        let newly_completed = attempt.passed && row.completed_at.is_none();
        let (best_right, best_total) = if better {
            (attempt.right, attempt.total)
        } else {
            (row.best_right, row.best_total)
        };
        if better || newly_completed {
            let mut update: lesson_progress::ActiveModel = row.into();
            update.best_right = Set(best_right);
            update.best_total = Set(best_total);
            if newly_completed {
                update.completed_at = Set(Some(now));
            }
            update.update(tx).await?;
        }
        if newly_completed {
            let subject = format!("{}/{}", lesson.course_id, lesson.slug);
            let detail = format!(
                "{} {}/{}",
                lesson.course_version, attempt.right, attempt.total
            );
            self.audit(tx, Some(learner), "lesson.complete", &subject, &detail)
                .await?;
        }
        Ok(AttemptOutcome {
            best_right,
            best_total,
            newly_completed,
        })
    }

    /// Marks the course complete once (the caller checked every lesson); true the first time.
    pub async fn complete_course(
        &self,
        learner: i64,
        course_id: &str,
        version: &str,
        bundle_hash: &str,
    ) -> Result<bool, StoreError> {
        self.complete_course_at(learner, course_id, version, bundle_hash, now_ms())
            .await
    }

    /// As [`Store::complete_course`], completed at `at` (when its last lesson was).
    pub async fn complete_course_at(
        &self,
        learner: i64,
        course_id: &str,
        version: &str,
        bundle_hash: &str,
        at: i64,
    ) -> Result<bool, StoreError> {
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        let inserted = course_completions::Entity::insert(course_completions::ActiveModel {
            learner_id: Set(learner),
            course_id: Set(course_id.to_string()),
            course_version: Set(version.to_string()),
            bundle_hash: Set(bundle_hash.to_string()),
            completed_at: Set(at),
        })
        .on_conflict(
            OnConflict::columns([
                course_completions::Column::LearnerId,
                course_completions::Column::CourseId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&tx)
        .await?;
        let first = inserted > 0;
        if first {
            self.audit(&tx, Some(learner), "course.complete", course_id, version)
                .await?;
        }
        tx.commit().await?;
        self.changed(crate::changes::Changed::Progress(learner))
            .await;
        Ok(first)
    }

    /// The learner's most recent answers to a lesson (by arrival, so a synced offline answer
    /// counts as the latest even when it was given earlier).
    pub async fn latest_attempt(
        &self,
        learner: i64,
        course_id: &str,
        slug: &str,
    ) -> Result<Option<quiz_attempts::Model>, StoreError> {
        Ok(quiz_attempts::Entity::find()
            .filter(quiz_attempts::Column::LearnerId.eq(learner))
            .filter(quiz_attempts::Column::CourseId.eq(course_id))
            .filter(quiz_attempts::Column::LessonSlug.eq(slug))
            .order_by_desc(quiz_attempts::Column::Id)
            .one(&self.db)
            .await?)
    }

    pub async fn progress_of(
        &self,
        learner: i64,
    ) -> Result<Vec<lesson_progress::Model>, StoreError> {
        Ok(lesson_progress::Entity::find()
            .filter(lesson_progress::Column::LearnerId.eq(learner))
            .order_by_asc(lesson_progress::Column::CourseId)
            .order_by_asc(lesson_progress::Column::LessonSlug)
            .all(&self.db)
            .await?)
    }

    pub async fn completions_of(
        &self,
        learner: i64,
    ) -> Result<Vec<course_completions::Model>, StoreError> {
        Ok(course_completions::Entity::find()
            .filter(course_completions::Column::LearnerId.eq(learner))
            .order_by_asc(course_completions::Column::CourseId)
            .all(&self.db)
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learners::NewAccount;
    use crate::testing::stores;

    fn lesson<'a>(slug: &'a str, hash: &'a str, version: &'a str) -> LessonRef<'a> {
        LessonRef {
            course_id: "vneid",
            course_version: version,
            bundle_hash: "b",
            slug,
            lesson_hash: hash,
        }
    }

    fn attempt<'a>(l: LessonRef<'a>, right: i32, total: i32, passed: bool) -> Attempt<'a> {
        Attempt {
            lesson: l,
            answers_json: "{\"q1\":[\"a\"]}".into(),
            right,
            total,
            passed,
        }
    }

    #[tokio::test]
    async fn attempts_keep_the_best_score_and_complete_on_pass() {
        for (store, _dir) in stores().await {
            let me = store.create_guest("vi").await.unwrap();
            let l = lesson("01", "h1", "1.0.0");
            let first = store
                .record_attempt(me, attempt(l, 1, 3, false))
                .await
                .unwrap();
            assert_eq!(
                first,
                AttemptOutcome {
                    best_right: 1,
                    best_total: 3,
                    newly_completed: false
                }
            );
            let pass = store
                .record_attempt(me, attempt(l, 3, 3, true))
                .await
                .unwrap();
            assert!(pass.newly_completed);
            let worse = store
                .record_attempt(me, attempt(l, 2, 3, false))
                .await
                .unwrap();
            assert_eq!((worse.best_right, worse.newly_completed), (3, false));
            let rows = store.progress_of(me).await.unwrap();
            assert_eq!(
                completed_lessons(&rows, "vneid", &[("01", "h1")]),
                BTreeSet::from(["01".to_string()])
            );
        }
    }

    #[tokio::test]
    async fn a_changed_lesson_is_no_longer_complete_an_unchanged_one_stays() {
        for (store, _dir) in stores().await {
            let me = store.create_guest("vi").await.unwrap();
            store
                .record_attempt(me, attempt(lesson("01", "h1", "1.0.0"), 3, 3, true))
                .await
                .unwrap();
            store
                .record_attempt(me, attempt(lesson("02", "h2", "1.0.0"), 3, 3, true))
                .await
                .unwrap();
            // Version 1.1.0 changed lesson 02 only.
            let rows = store.progress_of(me).await.unwrap();
            let now = completed_lessons(&rows, "vneid", &[("01", "h1"), ("02", "h2-new")]);
            assert_eq!(now, BTreeSet::from(["01".to_string()]));
            store
                .open_lesson(me, lesson("02", "h2-new", "1.1.0"), false)
                .await
                .unwrap();
            let row = store
                .progress_of(me)
                .await
                .unwrap()
                .into_iter()
                .find(|r| r.lesson_slug == "02")
                .unwrap();
            assert_eq!(
                (
                    row.completed_at,
                    row.best_right,
                    row.course_version.as_str()
                ),
                (None, 0, "1.1.0")
            );
        }
    }

    #[tokio::test]
    async fn course_completion_is_recorded_once() {
        for (store, _dir) in stores().await {
            let me = store.create_guest("vi").await.unwrap();
            assert!(
                store
                    .complete_course(me, "vneid", "1.0.0", "b")
                    .await
                    .unwrap()
            );
            assert!(
                !store
                    .complete_course(me, "vneid", "1.0.0", "b")
                    .await
                    .unwrap()
            );
            assert_eq!(store.completions_of(me).await.unwrap().len(), 1);
        }
    }

    #[tokio::test]
    async fn a_guest_merges_into_an_existing_account_keeping_the_better_result() {
        for (store, _dir) in stores().await {
            let account = store
                .register(
                    NewAccount {
                        username: "hnie",
                        password_hash: "x",
                        display_name: "H'Nie",
                        locale: "rad",
                        commune: None,
                        village: None,
                        consent_version: "v1",
                    },
                    None,
                )
                .await
                .unwrap();
            store
                .record_attempt(
                    account.id,
                    attempt(lesson("01", "h1", "1.0.0"), 1, 3, false),
                )
                .await
                .unwrap();
            let guest = store.create_guest("rad").await.unwrap();
            store
                .record_attempt(guest, attempt(lesson("01", "h1", "1.0.0"), 3, 3, true))
                .await
                .unwrap();
            store
                .record_attempt(guest, attempt(lesson("02", "h2", "1.0.0"), 3, 3, true))
                .await
                .unwrap();
            store
                .complete_course(guest, "vneid", "1.0.0", "b")
                .await
                .unwrap();
            store.merge_guest_into(guest, account.id).await.unwrap();
            assert!(store.learner(guest).await.unwrap().is_none());
            let rows = store.progress_of(account.id).await.unwrap();
            let done = completed_lessons(&rows, "vneid", &[("01", "h1"), ("02", "h2")]);
            assert_eq!(done.len(), 2);
            assert_eq!(
                rows.iter()
                    .find(|r| r.lesson_slug == "01")
                    .unwrap()
                    .best_right,
                3
            );
            assert_eq!(store.completions_of(account.id).await.unwrap().len(), 1);
            let export = store.export(account.id).await.unwrap();
            assert_eq!(export["quiz_attempts"].as_array().unwrap().len(), 3);
        }
    }
}
