//! Completion certificates as issued: one per learner and course, found by code, revocable.
//! Signing and codes live in hocvu-certs; this module only stores what the caller made.

use crate::entities::{certificates, course_completions};
use crate::{Store, StoreError, now_ms};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

pub use certificates::Model as Certificate;

/// What `claim` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claimed {
    Issued(Certificate),
    /// The learner already had this course's certificate: the same one again.
    Existing(Certificate),
    /// The new certificate's code is taken (vanishingly rare): make another and retry.
    CodeTaken,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revoked {
    Now(Certificate),
    Already(Certificate),
    Unknown,
}

impl Store {
    /// The learner's completion record for a course, if they completed it.
    pub async fn completion(
        &self,
        learner: i64,
        course_id: &str,
    ) -> Result<Option<course_completions::Model>, StoreError> {
        Ok(
            course_completions::Entity::find_by_id((learner, course_id.to_string()))
                .one(&self.db)
                .await?,
        )
    }

    pub async fn certificate_of(
        &self,
        learner: i64,
        course_id: &str,
    ) -> Result<Option<Certificate>, StoreError> {
        Ok(certificates::Entity::find()
            .filter(certificates::Column::LearnerId.eq(learner))
            .filter(certificates::Column::CourseId.eq(course_id))
            .one(&self.db)
            .await?)
    }

    pub async fn certificates_of(&self, learner: i64) -> Result<Vec<Certificate>, StoreError> {
        Ok(certificates::Entity::find()
            .filter(certificates::Column::LearnerId.eq(learner))
            .order_by_asc(certificates::Column::IssuedAt)
            .all(&self.db)
            .await?)
    }

    pub async fn certificate(&self, code: &str) -> Result<Option<Certificate>, StoreError> {
        Ok(certificates::Entity::find_by_id(code.to_string())
            .one(&self.db)
            .await?)
    }

    /// Stores `new` unless the learner already has this course's certificate (then returns
    /// that one). The caller checked the completion and signed `new.token`. Audit-logged.
    pub async fn claim_certificate(&self, new: Certificate) -> Result<Claimed, StoreError> {
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        let existing = certificates::Entity::find()
            .filter(certificates::Column::LearnerId.eq(new.learner_id))
            .filter(certificates::Column::CourseId.eq(new.course_id.as_str()))
            .one(&tx)
            .await?;
        if let Some(existing) = existing {
            return Ok(Claimed::Existing(existing));
        }
        if certificates::Entity::find_by_id(new.code.clone())
            .one(&tx)
            .await?
            .is_some()
        {
            return Ok(Claimed::CodeTaken);
        }
        let model = certificates::ActiveModel::from(new.clone())
            .insert(&tx)
            .await?;
        self.audit(
            &tx,
            Some(new.learner_id),
            "certificate.issue",
            &new.code,
            &format!("{} {}", new.course_id, new.course_version),
        )
        .await?;
        tx.commit().await?;
        Ok(Claimed::Issued(model))
    }

    /// Marks a certificate revoked (once; the first reason stands). `actor` is the admin's
    /// learner id, or `None` from the command line.
    pub async fn revoke_certificate(
        &self,
        code: &str,
        reason: &str,
        actor: Option<i64>,
    ) -> Result<Revoked, StoreError> {
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        let Some(found) = certificates::Entity::find_by_id(code.to_string())
            .one(&tx)
            .await?
        else {
            return Ok(Revoked::Unknown);
        };
        if found.revoked_at.is_some() {
            return Ok(Revoked::Already(found));
        }
        let mut update: certificates::ActiveModel = found.into();
        update.revoked_at = Set(Some(now_ms()));
        update.revoked_reason = Set(Some(reason.to_string()));
        let updated = update.update(&tx).await?;
        self.audit(&tx, actor, "certificate.revoke", code, reason)
            .await?;
        tx.commit().await?;
        Ok(Revoked::Now(updated))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::stores;

    fn cert(code: &str, learner: i64) -> Certificate {
        Certificate {
            code: code.into(),
            learner_id: learner,
            course_id: "vneid".into(),
            display_name: "H\u{2019}Ngơ\u{306} Êñuôl".into(),
            course_title: "VNeID".into(),
            course_title_vi: "VNeID".into(),
            course_version: "1.0.0".into(),
            bundle_hash: "b".into(),
            completed_on: "2026-11-22".into(),
            issuer: "Test issuer".into(),
            lang: "rad".into(),
            issued_at: 1,
            token: "t".into(),
            revoked_at: None,
            revoked_reason: None,
        }
    }

    #[tokio::test]
    async fn claiming_twice_gives_the_same_certificate_and_revoking_is_recorded() {
        for (store, _dir) in stores().await {
            let me = store.create_guest("vi").await.unwrap();
            let first = store
                .claim_certificate(cert("AAAAAAAAAA", me))
                .await
                .unwrap();
            assert!(
                matches!(&first, Claimed::Issued(c) if c.display_name == "H\u{2019}Ngơ\u{306} Êñuôl")
            );
            let again = store
                .claim_certificate(cert("BBBBBBBBBB", me))
                .await
                .unwrap();
            assert!(matches!(&again, Claimed::Existing(c) if c.code == "AAAAAAAAAA"));
            let other = store.create_guest("vi").await.unwrap();
            assert_eq!(
                store
                    .claim_certificate(cert("AAAAAAAAAA", other))
                    .await
                    .unwrap(),
                Claimed::CodeTaken
            );
            assert!(matches!(
                store.revoke_certificate("AAAAAAAAAA", "issued in error", None).await.unwrap(),
                Revoked::Now(c) if c.revoked_reason.as_deref() == Some("issued in error")
            ));
            assert!(matches!(
                store.revoke_certificate("AAAAAAAAAA", "again", None).await.unwrap(),
                Revoked::Already(c) if c.revoked_reason.as_deref() == Some("issued in error")
            ));
            assert_eq!(
                store
                    .revoke_certificate("ZZZZZZZZZZ", "x", None)
                    .await
                    .unwrap(),
                Revoked::Unknown
            );
            let actions: Vec<String> = crate::entities::audit_log::Entity::find()
                .all(&store.db)
                .await
                .unwrap()
                .into_iter()
                .map(|a| a.action)
                .collect();
            assert_eq!(actions, ["certificate.issue", "certificate.revoke"]);
        }
    }
}
