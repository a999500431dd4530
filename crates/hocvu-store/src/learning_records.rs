//! The stored learning records from a time on, for xAPI statements made from them later (the
//! web crate's `interop::xapi`): nothing is written for them on the learner's request path.

use crate::entities::{
    certificates, consent_log, course_completions, lesson_progress, quiz_attempts,
};
use crate::{Store, StoreError};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// Every record at or after `since` (Unix ms), oldest first within each kind.
#[derive(Debug, Default)]
pub struct LearningRecords {
    /// Each learner's first consent: when they registered (guests never consent).
    pub registrations: Vec<consent_log::Model>,
    pub attempts: Vec<quiz_attempts::Model>,
    /// Lessons completed (`completed_at` set).
    pub lessons: Vec<lesson_progress::Model>,
    pub courses: Vec<course_completions::Model>,
    pub certificates: Vec<certificates::Model>,
}

impl Store {
    pub async fn learning_records(&self, since: i64) -> Result<LearningRecords, StoreError> {
        let consents = consent_log::Entity::find()
            .order_by_asc(consent_log::Column::AcceptedAt)
            .order_by_asc(consent_log::Column::Id)
            .all(&self.db)
            .await?;
        let mut seen = std::collections::BTreeSet::new();
        let registrations = consents
            .into_iter()
            .filter(|c| seen.insert(c.learner_id))
            .filter(|c| c.accepted_at >= since)
            .collect();
        let attempts = quiz_attempts::Entity::find()
            .filter(quiz_attempts::Column::CreatedAt.gte(since))
            .order_by_asc(quiz_attempts::Column::CreatedAt)
            .order_by_asc(quiz_attempts::Column::Id)
            .all(&self.db)
            .await?;
        let lessons = lesson_progress::Entity::find()
            .filter(lesson_progress::Column::CompletedAt.gte(since))
            .order_by_asc(lesson_progress::Column::CompletedAt)
            .all(&self.db)
            .await?;
        let courses = course_completions::Entity::find()
            .filter(course_completions::Column::CompletedAt.gte(since))
            .order_by_asc(course_completions::Column::CompletedAt)
            .all(&self.db)
            .await?;
        let certificates = certificates::Entity::find()
            .filter(certificates::Column::IssuedAt.gte(since))
            .order_by_asc(certificates::Column::IssuedAt)
            .all(&self.db)
            .await?;
        Ok(LearningRecords {
            registrations,
            attempts,
            lessons,
            courses,
            certificates,
        })
    }
}
