//! Learner accounts and guests. A guest is a learner row without a username: registering
//! turns that row into an account, so the guest's progress simply stays where it is.

use crate::entities::{
    consent_log, course_completions, learners, lesson_progress, progress_events, quiz_attempts,
    session_checkins,
};
use crate::{Store, StoreError, now_ms};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, SqlErr, TransactionTrait,
};

pub mod details;
mod export;
pub mod names;

pub struct NewAccount<'a> {
    /// Already normalised with [`normalise_username`].
    pub username: &'a str,
    pub password_hash: &'a str,
    pub display_name: &'a str,
    pub locale: &'a str,
    pub commune: Option<&'a str>,
    /// A village under `commune` (the caller checked it).
    pub village: Option<&'a str>,
    /// Version of the consent text the learner ticked.
    pub consent_version: &'a str,
}

/// Usernames are case-insensitive `a-z 0-9 . _ -` (3–32); a phone number (+84 or 0, spaces,
/// dots and dashes allowed) is stored as its 10 digits starting with 0.
pub fn normalise_username(input: &str) -> Option<String> {
    let t = input.trim();
    let phone_chars = t
        .chars()
        .all(|c| c.is_ascii_digit() || " .-+()".contains(c));
    // Anything made of digits is a phone number or nothing: "12345" must not become a username.
    if phone_chars {
        let digits: String = t.chars().filter(char::is_ascii_digit).collect();
        let local = match digits.strip_prefix("84") {
            Some(rest) if t.starts_with('+') || digits.len() == 11 => format!("0{rest}"),
            _ => digits,
        };
        return (local.len() == 10 && local.starts_with('0')).then_some(local);
    }
    let lower = t.to_lowercase();
    let ok = (3..=32).contains(&lower.chars().count())
        && lower
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    ok.then_some(lower)
}

fn taken(err: sea_orm::DbErr, username: &str) -> StoreError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            StoreError::UsernameTaken(username.to_string())
        }
        _ => StoreError::Db(err),
    }
}

impl Store {
    pub async fn create_guest(&self, locale: &str) -> Result<i64, StoreError> {
        let now = now_ms();
        let guest = learners::ActiveModel {
            username: Set(None),
            password_hash: Set(None),
            display_name: Set(None),
            locale: Set(locale.to_string()),
            commune: Set(None),
            village: Set(None),
            is_guest: Set(true),
            created_at: Set(now),
            last_seen_at: Set(now),
            session_generation: Set(0),
            ..Default::default()
        }
        .insert(&self.db)
        .await?;
        Ok(guest.id)
    }

    pub async fn learner(&self, id: i64) -> Result<Option<learners::Model>, StoreError> {
        Ok(learners::Entity::find_by_id(id).one(&self.db).await?)
    }

    pub async fn learner_by_username(
        &self,
        username: &str,
    ) -> Result<Option<learners::Model>, StoreError> {
        Ok(learners::Entity::find()
            .filter(learners::Column::Username.eq(username))
            .one(&self.db)
            .await?)
    }

    /// Creates an account; with `guest`, that guest row becomes the account (keeping progress).
    pub async fn register(
        &self,
        account: NewAccount<'_>,
        guest: Option<i64>,
    ) -> Result<learners::Model, StoreError> {
        let _turn = self.writer().await;
        let now = now_ms();
        let tx = self.db.begin().await?;
        let existing_guest = match guest {
            Some(id) => learners::Entity::find_by_id(id)
                .one(&tx)
                .await?
                .filter(|l| l.is_guest),
            None => None,
        };
        let upgrading_guest = existing_guest.is_some();
        let mut row = match existing_guest {
            Some(g) => g.into(),
            None => learners::ActiveModel {
                created_at: Set(now),
                session_generation: Set(0),
                ..Default::default()
            },
        };
        row.username = Set(Some(account.username.to_string()));
        row.password_hash = Set(Some(account.password_hash.to_string()));
        // One spelling per name however it was typed (names.rs); the caller checked it.
        let name = names::normalise_name(account.display_name)
            .map_err(|p| StoreError::Invalid(p.to_string()))?;
        row.display_name = Set(Some(name));
        row.locale = Set(account.locale.to_string());
        row.commune = Set(account.commune.map(str::to_string));
        row.village = Set(account.village.map(str::to_string));
        row.is_guest = Set(false);
        row.last_seen_at = Set(now);
        let learner = if upgrading_guest {
            row.update(&tx).await
        } else {
            row.insert(&tx).await
        }
        .map_err(|e| taken(e, account.username))?;
        consent_log::ActiveModel {
            learner_id: Set(learner.id),
            version: Set(account.consent_version.to_string()),
            locale: Set(account.locale.to_string()),
            accepted_at: Set(now),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        self.audit(
            &tx,
            Some(learner.id),
            "account.register",
            &format!("learner:{}", learner.id),
            "",
        )
        .await?;
        tx.commit().await?;
        self.changed(crate::changes::Changed::Learner(learner.id))
            .await;
        if let Some(guest) = guest.filter(|g| *g != learner.id) {
            self.changed(crate::changes::Changed::Learner(guest)).await;
        }
        Ok(learner)
    }

    /// Sets a new password and ends every session issued before: returns the new session
    /// generation, for the session that made the change.
    pub async fn set_password_hash(&self, id: i64, hash: &str) -> Result<i32, StoreError> {
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        let learner = learners::Entity::find_by_id(id)
            .one(&tx)
            .await?
            .ok_or(StoreError::NoLearner)?;
        let generation = learner.session_generation + 1;
        let mut row: learners::ActiveModel = learner.into();
        row.password_hash = Set(Some(hash.to_string()));
        row.session_generation = Set(generation);
        row.update(&tx).await?;
        self.audit(
            &tx,
            Some(id),
            "account.password",
            &format!("learner:{id}"),
            "",
        )
        .await?;
        tx.commit().await?;
        self.changed(crate::changes::Changed::Learner(id)).await;
        Ok(generation)
    }

    /// After a guest logs in to an existing account: their progress joins the account's,
    /// keeping the better result of each lesson, and the guest row goes.
    pub async fn merge_guest_into(&self, guest: i64, account: i64) -> Result<(), StoreError> {
        if guest == account {
            return Ok(());
        }
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        let Some(g) = learners::Entity::find_by_id(guest).one(&tx).await? else {
            return Ok(());
        };
        if !g.is_guest {
            return Ok(());
        }
        for row in lesson_progress::Entity::find()
            .filter(lesson_progress::Column::LearnerId.eq(guest))
            .all(&tx)
            .await?
        {
            let mine = lesson_progress::Entity::find_by_id((
                account,
                row.course_id.clone(),
                row.lesson_slug.clone(),
            ))
            .one(&tx)
            .await?;
            match mine {
                Some(m) if m.lesson_hash == row.lesson_hash => {
                    let mut merged: lesson_progress::ActiveModel = m.clone().into();
                    merged.opened_at = Set(m.opened_at.min(row.opened_at));
                    merged.completed_at = Set(match (m.completed_at, row.completed_at) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    });
                    if row.best_right > m.best_right {
                        merged.best_right = Set(row.best_right);
                        merged.best_total = Set(row.best_total);
                    }
                    merged.update(&tx).await?;
                }
                Some(_) => {}
                None => {
                    let mut moved: lesson_progress::ActiveModel = row.clone().into();
                    moved.learner_id = Set(account);
                    moved.insert(&tx).await?;
                }
            }
        }
        quiz_attempts::Entity::update_many()
            .col_expr(quiz_attempts::Column::LearnerId, Expr::value(account))
            .filter(quiz_attempts::Column::LearnerId.eq(guest))
            .exec(&tx)
            .await?;
        for c in course_completions::Entity::find()
            .filter(course_completions::Column::LearnerId.eq(guest))
            .all(&tx)
            .await?
        {
            if course_completions::Entity::find_by_id((account, c.course_id.clone()))
                .one(&tx)
                .await?
                .is_none()
            {
                let mut moved: course_completions::ActiveModel = c.into();
                moved.learner_id = Set(account);
                moved.insert(&tx).await?;
            }
        }
        for e in progress_events::Entity::find()
            .filter(progress_events::Column::LearnerId.eq(guest))
            .all(&tx)
            .await?
        {
            if progress_events::Entity::find_by_id((account, e.event_id.clone()))
                .one(&tx)
                .await?
                .is_none()
            {
                let mut moved: progress_events::ActiveModel = e.into();
                moved.learner_id = Set(account);
                moved.insert(&tx).await?;
            }
        }
        for c in session_checkins::Entity::find()
            .filter(session_checkins::Column::LearnerId.eq(guest))
            .all(&tx)
            .await?
        {
            if session_checkins::Entity::find_by_id((c.session_id, account))
                .one(&tx)
                .await?
                .is_none()
            {
                let mut moved: session_checkins::ActiveModel = c.into();
                moved.learner_id = Set(account);
                moved.insert(&tx).await?;
            }
        }
        // Cascades remove the guest's now-copied rows.
        learners::Entity::delete_by_id(guest).exec(&tx).await?;
        self.audit(
            &tx,
            Some(account),
            "account.merge_guest",
            &format!("learner:{account}"),
            &format!("guest:{guest}"),
        )
        .await?;
        tx.commit().await?;
        self.changed(crate::changes::Changed::Learner(guest)).await;
        self.changed(crate::changes::Changed::Learner(account))
            .await;
        Ok(())
    }

    /// Deletes the learner and everything about them; the audit log keeps only the number.
    pub async fn delete_learner(&self, id: i64) -> Result<(), StoreError> {
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        // Their check-ins stay counted in the sessions' figures, linked to nobody.
        let attended: Vec<i64> = session_checkins::Entity::find()
            .filter(session_checkins::Column::LearnerId.eq(id))
            .all(&tx)
            .await?
            .into_iter()
            .map(|c| c.session_id)
            .collect();
        if !attended.is_empty() {
            use crate::entities::class_sessions;
            class_sessions::Entity::update_many()
                .col_expr(
                    class_sessions::Column::ErasedCheckins,
                    sea_orm::sea_query::ExprTrait::add(
                        Expr::col(class_sessions::Column::ErasedCheckins),
                        1,
                    ),
                )
                .filter(class_sessions::Column::Id.is_in(attended))
                .exec(&tx)
                .await?;
        }
        let gone = learners::Entity::delete_by_id(id).exec(&tx).await?;
        if gone.rows_affected == 0 {
            return Err(StoreError::NoLearner);
        }
        self.audit(
            &tx,
            Some(id),
            "account.delete",
            &format!("learner:{id}"),
            "",
        )
        .await?;
        tx.commit().await?;
        self.changed(crate::changes::Changed::Learner(id)).await;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::stores;

    fn account<'a>(username: &'a str, name: &'a str) -> NewAccount<'a> {
        NewAccount {
            username,
            password_hash: "$argon2id$test",
            display_name: name,
            locale: "rad",
            commune: Some("24100"),
            village: None,
            consent_version: "2026-11-v1",
        }
    }

    #[test]
    fn usernames_and_phone_numbers_normalise() {
        assert_eq!(normalise_username(" H.Nie "), Some("h.nie".into()));
        assert_eq!(
            normalise_username("+84 912 345 678"),
            Some("0912345678".into())
        );
        assert_eq!(
            normalise_username("0912.345.678"),
            Some("0912345678".into())
        );
        assert_eq!(normalise_username("84912345678"), Some("0912345678".into()));
        assert_eq!(
            normalise_username("12345"),
            None,
            "too short for a phone, digits only"
        );
        assert_eq!(normalise_username("ab"), None);
        assert_eq!(
            normalise_username("Y Ƀhăm"),
            None,
            "names are display names, not usernames"
        );
    }

    #[tokio::test]
    async fn ede_names_round_trip_exactly_and_usernames_are_unique() {
        for (store, _dir) in stores().await {
            let name = "Y Ƀhăm Êban H\u{2019}Hen Niê ê̆ ô̆ ơ̆ ư̆ H'Hen H\u{02BC}Ni";
            let learner = store.register(account("yban", name), None).await.unwrap();
            let again = store.learner(learner.id).await.unwrap().unwrap();
            assert_eq!(again.display_name.as_deref(), Some(name));
            assert!(!again.is_guest);
            let err = store
                .register(account("yban", "Other"), None)
                .await
                .unwrap_err();
            assert!(matches!(err, StoreError::UsernameTaken(_)), "{err}");
            let export = store.export(learner.id).await.unwrap();
            assert_eq!(export["learner"]["display_name"], name);
            assert_eq!(export["consents"][0]["version"], "2026-11-v1");
        }
    }

    #[tokio::test]
    async fn names_typed_decomposed_are_stored_in_nfc() {
        for (store, _dir) in stores().await {
            // "Ê" as E + U+0302, "ă" as a + U+0306, "ê̆" as e + U+0302 + U+0306.
            let typed = "Y \u{180}ha\u{306}m E\u{302}ban e\u{302}\u{306}";
            let learner = store
                .register(account("decomposed", typed), None)
                .await
                .unwrap();
            assert_eq!(
                learner.display_name.as_deref(),
                Some("Y ƀhăm Êban ê\u{306}")
            );
        }
    }

    #[tokio::test]
    async fn registering_as_a_guest_keeps_the_same_row() {
        for (store, _dir) in stores().await {
            let guest = store.create_guest("vi").await.unwrap();
            let learner = store
                .register(account("hnie", "H'Nie"), Some(guest))
                .await
                .unwrap();
            assert_eq!(learner.id, guest);
        }
    }

    #[tokio::test]
    async fn deleting_a_learner_removes_their_data_but_not_the_audit_trail() {
        for (store, _dir) in stores().await {
            let learner = store.register(account("xoa", "Xoá"), None).await.unwrap();
            store.delete_learner(learner.id).await.unwrap();
            assert!(store.learner(learner.id).await.unwrap().is_none());
            assert!(matches!(
                store.delete_learner(learner.id).await,
                Err(StoreError::NoLearner)
            ));
            let audit = crate::entities::audit_log::Entity::find()
                .all(&store.db)
                .await
                .unwrap();
            assert!(
                audit
                    .iter()
                    .any(|a| a.action == "account.delete" && a.actor_id == Some(learner.id))
            );
        }
    }
}
