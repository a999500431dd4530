//! Completion certificates as issued: one current per learner and course, found by code,
//! revocable, and replaceable when the holder corrects their name (the old code then says
//! "revoked: name corrected" and names its successor). Signing and codes live in hocvu-certs;
//! this module only stores what the caller made.

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

/// Reason stored on a certificate replaced after a name correction.
pub const NAME_CORRECTED: &str = "name corrected";

/// What `replace_certificate` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replaced {
    Now(Box<Certificate>),
    /// The old certificate is unknown, revoked or already replaced: nothing changed.
    NotCurrent,
    /// The new certificate's code is taken: make another and retry.
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

    /// The learner's current certificate of the course (not one replaced by another).
    pub async fn certificate_of(
        &self,
        learner: i64,
        course_id: &str,
    ) -> Result<Option<Certificate>, StoreError> {
        Ok(certificates::Entity::find()
            .filter(certificates::Column::LearnerId.eq(learner))
            .filter(certificates::Column::CourseId.eq(course_id))
            .filter(certificates::Column::ReplacedBy.is_null())
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
            .filter(certificates::Column::ReplacedBy.is_null())
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
        self.changed(crate::changes::Changed::Progress(model.learner_id))
            .await;
        Ok(Claimed::Issued(model))
    }

    /// Re-issues `old` as `new` (the caller signed it with the corrected name, keeping the
    /// completion): `new` is stored and `old` revoked with [`NAME_CORRECTED`], pointing to it.
    /// Only a current, unrevoked certificate of the same holder and course is replaced.
    pub async fn replace_certificate(
        &self,
        old: &str,
        new: Certificate,
    ) -> Result<Replaced, StoreError> {
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        let Some(found) = certificates::Entity::find_by_id(old.to_string())
            .one(&tx)
            .await?
        else {
            return Ok(Replaced::NotCurrent);
        };
        if found.revoked_at.is_some()
            || found.replaced_by.is_some()
            || found.learner_id != new.learner_id
            || found.course_id != new.course_id
        {
            return Ok(Replaced::NotCurrent);
        }
        if certificates::Entity::find_by_id(new.code.clone())
            .one(&tx)
            .await?
            .is_some()
        {
            return Ok(Replaced::CodeTaken);
        }
        // The old one first: the index allows one current certificate per course.
        let mut update: certificates::ActiveModel = found.into();
        update.revoked_at = Set(Some(now_ms()));
        update.revoked_reason = Set(Some(NAME_CORRECTED.to_string()));
        update.replaced_by = Set(Some(new.code.clone()));
        update.update(&tx).await?;
        let model = certificates::ActiveModel::from(new.clone())
            .insert(&tx)
            .await?;
        self.audit(
            &tx,
            Some(new.learner_id),
            "certificate.reissue",
            &new.code,
            &format!("replaces {old}"),
        )
        .await?;
        tx.commit().await?;
        self.changed(crate::changes::Changed::Progress(new.learner_id))
            .await;
        Ok(Replaced::Now(Box::new(model)))
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
        self.changed(crate::changes::Changed::Progress(updated.learner_id))
            .await;
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
            replaced_by: None,
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

    #[tokio::test]
    async fn a_replaced_certificate_points_to_its_successor_which_is_the_current_one() {
        for (store, _dir) in stores().await {
            let me = store.create_guest("vi").await.unwrap();
            store
                .claim_certificate(cert("AAAAAAAAAA", me))
                .await
                .unwrap();
            let mut new = cert("CCCCCCCCCC", me);
            new.display_name = "H\u{2019}Ngơ\u{306} Êñuôl Ƀuôn".into();
            let Replaced::Now(stored) = store
                .replace_certificate("AAAAAAAAAA", new.clone())
                .await
                .unwrap()
            else {
                panic!("not replaced");
            };
            assert_eq!(stored.completed_on, "2026-11-22");
            let old = store.certificate("AAAAAAAAAA").await.unwrap().unwrap();
            assert_eq!(old.replaced_by.as_deref(), Some("CCCCCCCCCC"));
            assert_eq!(old.revoked_reason.as_deref(), Some(NAME_CORRECTED));
            let current = store.certificate_of(me, "vneid").await.unwrap().unwrap();
            assert_eq!(current.code, "CCCCCCCCCC");
            // Claiming again gives the successor; replacing the old one again changes nothing.
            assert!(matches!(
                store.claim_certificate(cert("DDDDDDDDDD", me)).await.unwrap(),
                Claimed::Existing(c) if c.code == "CCCCCCCCCC"
            ));
            assert_eq!(
                store
                    .replace_certificate("AAAAAAAAAA", cert("EEEEEEEEEE", me))
                    .await
                    .unwrap(),
                Replaced::NotCurrent
            );
            // Someone else's certificate cannot be replaced in their name.
            let other = store.create_guest("vi").await.unwrap();
            assert_eq!(
                store
                    .replace_certificate("CCCCCCCCCC", cert("FFFFFFFFFF", other))
                    .await
                    .unwrap(),
                Replaced::NotCurrent
            );
            assert_eq!(store.certificates_of(me).await.unwrap().len(), 2);
        }
    }
}
