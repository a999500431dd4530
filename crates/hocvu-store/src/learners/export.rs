//! "Download my data": everything stored about a learner, as one JSON document.

use crate::entities::{consent_log, quiz_attempts, session_checkins};
use crate::{Store, StoreError};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

impl Store {
    /// Everything stored about a learner, for "download my data".
    pub async fn export(&self, id: i64) -> Result<serde_json::Value, StoreError> {
        let learner = self.learner(id).await?.ok_or(StoreError::NoLearner)?;
        let consents = consent_log::Entity::find()
            .filter(consent_log::Column::LearnerId.eq(id))
            .all(&self.db)
            .await?;
        let progress = self.progress_of(id).await?;
        let attempts = quiz_attempts::Entity::find()
            .filter(quiz_attempts::Column::LearnerId.eq(id))
            .all(&self.db)
            .await?;
        let completions = self.completions_of(id).await?;
        let certificates = self.certificates_of(id).await?;
        let checkins = session_checkins::Entity::find()
            .filter(session_checkins::Column::LearnerId.eq(id))
            .all(&self.db)
            .await?;
        let events = self.account_events(id).await?;
        let exemptions = crate::entities::exemptions::Entity::find()
            .filter(crate::entities::exemptions::Column::LearnerId.eq(id))
            .all(&self.db)
            .await?;
        Ok(serde_json::json!({
            "learner": {
                "id": learner.id, "username": learner.username, "display_name": learner.display_name,
                "locale": learner.locale, "commune": learner.commune, "village": learner.village, "created_at": learner.created_at,
                "unit": learner.unit_code, "position": learner.position, "contact": learner.contact,
            },
            "account_events": events.iter().map(|(action, at)| serde_json::json!({
                "action": action, "at": at,
            })).collect::<Vec<_>>(),
            "session_checkins": checkins.iter().map(|c| serde_json::json!({
                "session": c.session_id, "at": c.at, "method": c.method,
            })).collect::<Vec<_>>(),
            "exemptions": exemptions.iter().map(|e| serde_json::json!({
                "assignment": e.assignment_id, "reason": e.reason, "at": e.at,
            })).collect::<Vec<_>>(),
            "consents": consents.iter().map(|c| serde_json::json!({"version": c.version, "locale": c.locale, "accepted_at": c.accepted_at})).collect::<Vec<_>>(),
            "lessons": progress.iter().map(|p| serde_json::json!({
                "course": p.course_id, "lesson": p.lesson_slug, "version": p.course_version,
                "opened_at": p.opened_at, "completed_at": p.completed_at, "best": [p.best_right, p.best_total],
            })).collect::<Vec<_>>(),
            "quiz_attempts": attempts.iter().map(|a| serde_json::json!({
                "course": a.course_id, "lesson": a.lesson_slug, "version": a.course_version,
                "answers": serde_json::from_str::<serde_json::Value>(&a.answers).unwrap_or_default(),
                "right": a.right_count, "total": a.total, "passed": a.passed, "at": a.created_at,
            })).collect::<Vec<_>>(),
            "courses_completed": completions.iter().map(|c| serde_json::json!({
                "course": c.course_id, "version": c.course_version, "completed_at": c.completed_at,
            })).collect::<Vec<_>>(),
            "certificates": certificates.iter().map(|c| serde_json::json!({
                "code": c.code, "course": c.course_id, "version": c.course_version,
                "name": c.display_name, "completed_on": c.completed_on, "issued_at": c.issued_at,
                "revoked_at": c.revoked_at, "revoked_reason": c.revoked_reason,
                "replaced_by": c.replaced_by, "token": c.token,
            })).collect::<Vec<_>>(),
        }))
    }
}
