//! Periodic clean-up: guest learners (made by a visitor's first answer) idle for the retention
//! period and holding no certificate are removed with their progress, audit-logged as a count;
//! old throttling counts are forgotten.

use crate::changes::Changed;
use crate::reports::statement;
use crate::{Store, StoreError};
use sea_orm::{ConnectionTrait, TransactionTrait, Value};

/// The documented default (README, personal data).
pub const GUEST_RETENTION_DAYS: u32 = 90;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Guests with no sign of life since `cutoff`: not created, seen, answering, opening a
/// lesson, sending events or checking in after it, and with no certificate.
const IDLE_GUESTS_SQL: &str = "SELECT l.id FROM learners l WHERE l.is_guest = ? \
    AND l.created_at < ? AND l.last_seen_at < ? \
    AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.learner_id = l.id) \
    AND NOT EXISTS (SELECT 1 FROM quiz_attempts q WHERE q.learner_id = l.id AND q.created_at >= ?) \
    AND NOT EXISTS (SELECT 1 FROM lesson_progress p WHERE p.learner_id = l.id \
        AND (p.opened_at >= ? OR p.completed_at >= ?)) \
    AND NOT EXISTS (SELECT 1 FROM progress_events e WHERE e.learner_id = l.id AND e.received_at >= ?) \
    AND NOT EXISTS (SELECT 1 FROM session_checkins s WHERE s.learner_id = l.id AND s.at >= ?) \
    ORDER BY l.id LIMIT 500";

impl Store {
    /// Removes guests idle for `days` days before `now` (Unix ms); returns how many. Their
    /// check-ins stay counted in the sessions' figures (as when a learner deletes an account).
    pub async fn remove_idle_guests(&self, now: i64, days: u32) -> Result<u64, StoreError> {
        let cutoff = now - i64::from(days) * DAY_MS;
        let mut removed = 0u64;
        loop {
            let _turn = self.writer().await;
            let tx = self.db.begin().await?;
            let mut values: Vec<Value> = vec![true.into()];
            values.extend(std::iter::repeat_n(Value::from(cutoff), 7));
            let ids: Vec<i64> = tx
                .query_all_raw(statement(self.backend(), IDLE_GUESTS_SQL, values))
                .await?
                .iter()
                .map(|r| r.try_get_by_index::<i64>(0))
                .collect::<Result<_, _>>()?;
            if ids.is_empty() {
                break;
            }
            let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
            tx.execute_unprepared(&format!(
                "UPDATE class_sessions SET erased_checkins = erased_checkins + \
                 (SELECT COUNT(*) FROM session_checkins s WHERE s.session_id = class_sessions.id \
                  AND s.learner_id IN ({list})) \
                 WHERE id IN (SELECT session_id FROM session_checkins WHERE learner_id IN ({list}))"
            ))
            .await?;
            tx.execute_unprepared(&format!("DELETE FROM learners WHERE id IN ({list})"))
                .await?;
            tx.commit().await?;
            drop(_turn);
            removed += ids.len() as u64;
            for id in ids {
                self.changed(Changed::Learner(id)).await;
            }
        }
        if removed > 0 {
            self.audit(
                &self.db,
                None,
                "maintenance.remove_guests",
                "guests",
                &format!("{removed} guests idle {days} days removed"),
            )
            .await?;
        }
        Ok(removed)
    }

    /// The whole clean-up, as `hocvu maintenance` and the server's daily task run it.
    pub async fn maintain(&self, now: i64, guest_days: u32) -> Result<u64, StoreError> {
        let removed = match guest_days {
            0 => 0,
            days => self.remove_idle_guests(now, days).await?,
        };
        self.forget_old_failures(now).await?;
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use crate::entities::{audit_log, learners, quiz_attempts};
    use crate::testing::stores;
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

    #[tokio::test]
    async fn idle_guests_go_active_ones_and_accounts_stay() {
        for (store, _dir) in stores().await {
            let now = crate::now_ms();
            let idle = store.create_guest("vi").await.unwrap();
            let answering = store.create_guest("vi").await.unwrap();
            let fresh = store.create_guest("vi").await.unwrap();
            let account = store.create_guest("vi").await.unwrap();
            // Backdate: created 100 days ago; one answered a quiz 10 days ago.
            let old = now - 100 * super::DAY_MS;
            for id in [idle, answering, account] {
                let mut row = learners::Entity::find_by_id(id)
                    .one(&store.db)
                    .await
                    .unwrap()
                    .unwrap()
                    .into_active_model();
                row.created_at = Set(old);
                row.last_seen_at = Set(old);
                if id == account {
                    row.is_guest = Set(false);
                }
                row.update(&store.db).await.unwrap();
            }
            for (who, at) in [(idle, old), (answering, now - 10 * super::DAY_MS)] {
                quiz_attempts::ActiveModel {
                    learner_id: Set(who),
                    course_id: Set("c".into()),
                    lesson_slug: Set("l".into()),
                    course_version: Set("1".into()),
                    bundle_hash: Set("b".into()),
                    lesson_hash: Set("h".into()),
                    answers: Set("{}".into()),
                    right_count: Set(0),
                    total: Set(1),
                    passed: Set(false),
                    created_at: Set(at),
                    ..Default::default()
                }
                .insert(&store.db)
                .await
                .unwrap();
            }
            assert_eq!(store.maintain(now, 90).await.unwrap(), 1);
            assert!(store.learner(idle).await.unwrap().is_none());
            for kept in [answering, fresh, account] {
                assert!(store.learner(kept).await.unwrap().is_some());
            }
            let attempts = quiz_attempts::Entity::find().all(&store.db).await.unwrap();
            assert!(
                attempts.iter().all(|a| a.learner_id != idle),
                "progress goes too"
            );
            let audit = audit_log::Entity::find().all(&store.db).await.unwrap();
            let entry = audit
                .iter()
                .find(|a| a.action == "maintenance.remove_guests")
                .unwrap();
            assert_eq!(entry.detail, "1 guests idle 90 days removed");
            assert_eq!(entry.actor_id, None);
            // A later clock: the one answering 10 days ago is idle 90 days at +81 days.
            assert_eq!(
                store.maintain(now + 81 * super::DAY_MS, 90).await.unwrap(),
                1
            );
            assert_eq!(store.maintain(now, 0).await.unwrap(), 0, "0 days = never");
        }
    }
}
