//! Civil servants: imported from their unit's staff list as accounts without a password, then
//! activated by the person themselves with a one-time code from a printed sheet. Nobody else
//! ever sets or sees their password; codes are stored only as hashes and expire.

use crate::entities::{activation_codes, consent_log, learners};
use crate::learners::names::normalise_name;
use crate::orgs::ImportSummary;
use crate::{Store, StoreError, now_ms};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use sha2::{Digest, Sha256};

/// One line of a staff list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRow {
    /// Identifies the person within the unit across imports (staff number, else phone, else
    /// name and position).
    pub key: String,
    pub name: String,
    pub unit_code: String,
    pub position: Option<String>,
    pub contact: Option<String>,
}

/// A code to print for one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedCode {
    pub learner_id: i64,
    pub name: String,
    pub unit_code: String,
    pub position: Option<String>,
    pub code: String,
    pub expires_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Activation {
    Activated(Box<learners::Model>),
    /// Unknown, expired or already used: one answer, so codes cannot be probed.
    Refused,
    UsernameTaken,
}

pub fn code_hash(code: &str) -> String {
    let normal: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_uppercase();
    hex_of(&Sha256::digest(normal.as_bytes()))
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Store {
    /// Adds or updates staff by unit and key. The list may correct a person's position,
    /// contact and (found by phone or e-mail in another unit) unit; their name only until
    /// they activate their account: from then on the name is theirs to correct ("My
    /// details"), and a login is never touched. The units must exist; a name that cannot be
    /// one (see [`normalise_name`]) refuses the whole import.
    pub async fn import_staff(
        &self,
        rows: &[StaffRow],
        actor: Option<i64>,
    ) -> Result<ImportSummary, StoreError> {
        let mut names = Vec::with_capacity(rows.len());
        for r in rows {
            if self.unit(&r.unit_code).await?.is_none() {
                return Err(StoreError::Invalid(format!(
                    "{}: no unit has the code {}",
                    r.name, r.unit_code
                )));
            }
            let name = normalise_name(&r.name)
                .map_err(|p| StoreError::Invalid(format!("{:?}: {p}", r.name)))?;
            names.push(name);
        }
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        let now = now_ms();
        let mut summary = ImportSummary::default();
        for (r, name) in rows.iter().zip(names) {
            let mut found = learners::Entity::find()
                .filter(learners::Column::UnitCode.eq(r.unit_code.as_str()))
                .filter(learners::Column::StaffKey.eq(r.key.as_str()))
                .one(&tx)
                .await?;
            // A phone number or e-mail names one person province-wide: moved to this unit.
            if found.is_none() && (r.key.starts_with("phone:") || r.key.starts_with("email:")) {
                let mut elsewhere = learners::Entity::find()
                    .filter(learners::Column::StaffKey.eq(r.key.as_str()))
                    .all(&tx)
                    .await?;
                if elsewhere.len() == 1 {
                    found = elsewhere.pop();
                }
            }
            match found {
                Some(l) => {
                    // An activated person's name is their own.
                    let name = if l.password_hash.is_some() {
                        l.display_name.clone()
                    } else {
                        Some(name)
                    };
                    if l.display_name == name
                        && l.position == r.position
                        && l.contact == r.contact
                        && l.unit_code.as_deref() == Some(r.unit_code.as_str())
                    {
                        summary.unchanged += 1;
                        continue;
                    }
                    let mut row: learners::ActiveModel = l.into();
                    row.display_name = Set(name);
                    row.position = Set(r.position.clone());
                    row.contact = Set(r.contact.clone());
                    row.unit_code = Set(Some(r.unit_code.clone()));
                    row.update(&tx).await?;
                    summary.updated += 1;
                }
                None => {
                    learners::ActiveModel {
                        display_name: Set(Some(name)),
                        locale: Set("vi".into()),
                        is_guest: Set(false),
                        created_at: Set(now),
                        last_seen_at: Set(now),
                        session_generation: Set(0),
                        unit_code: Set(Some(r.unit_code.clone())),
                        position: Set(r.position.clone()),
                        staff_key: Set(Some(r.key.clone())),
                        contact: Set(r.contact.clone()),
                        ..Default::default()
                    }
                    .insert(&tx)
                    .await?;
                    summary.added += 1;
                }
            }
        }
        self.audit(
            &tx,
            actor,
            "staff.import",
            &format!("{} rows", rows.len()),
            &format!(
                "added {} updated {} unchanged {}",
                summary.added, summary.updated, summary.unchanged
            ),
        )
        .await?;
        tx.commit().await?;
        self.changed(crate::changes::Changed::Everyone).await;
        Ok(summary)
    }

    /// Staff of the unit's subtree, by unit then name.
    pub async fn staff_in(
        &self,
        unit_path: &str,
    ) -> Result<Vec<(learners::Model, String)>, StoreError> {
        let units = self.units().await?;
        let inside: Vec<&crate::orgs::Unit> = units
            .iter()
            .filter(|u| u.path.starts_with(unit_path))
            .collect();
        let codes: Vec<String> = inside.iter().map(|u| u.code.clone()).collect();
        let people = learners::Entity::find()
            .filter(learners::Column::UnitCode.is_in(codes))
            .order_by_asc(learners::Column::UnitCode)
            .order_by_asc(learners::Column::DisplayName)
            .all(&self.db)
            .await?;
        Ok(people
            .into_iter()
            .map(|l| {
                let path = inside
                    .iter()
                    .find(|u| Some(&u.code) == l.unit_code.as_ref())
                    .map_or_else(String::new, |u| u.path.clone());
                (l, path)
            })
            .collect())
    }

    /// New one-time codes for every not-yet-activated person in the subtree (older unused
    /// codes stop working): the printable sheet. `make_code` supplies random codes.
    pub async fn issue_activation_codes(
        &self,
        unit_path: &str,
        valid_ms: i64,
        actor: Option<i64>,
        mut make_code: impl FnMut() -> String,
    ) -> Result<Vec<IssuedCode>, StoreError> {
        let waiting: Vec<_> = self
            .staff_in(unit_path)
            .await?
            .into_iter()
            .filter(|(l, _)| l.password_hash.is_none())
            .collect();
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        let now = now_ms();
        let mut issued = Vec::new();
        for (l, _) in waiting {
            activation_codes::Entity::delete_many()
                .filter(activation_codes::Column::LearnerId.eq(l.id))
                .filter(activation_codes::Column::UsedAt.is_null())
                .exec(&tx)
                .await?;
            let code = make_code();
            activation_codes::ActiveModel {
                code_hash: Set(code_hash(&code)),
                learner_id: Set(l.id),
                created_at: Set(now),
                expires_at: Set(now + valid_ms),
                used_at: Set(None),
            }
            .insert(&tx)
            .await?;
            issued.push(IssuedCode {
                learner_id: l.id,
                name: l.display_name.clone().unwrap_or_default(),
                unit_code: l.unit_code.clone().unwrap_or_default(),
                position: l.position.clone(),
                code,
                expires_at: now + valid_ms,
            });
        }
        self.audit(
            &tx,
            actor,
            "staff.codes",
            unit_path,
            &format!("{} codes", issued.len()),
        )
        .await?;
        tx.commit().await?;
        Ok(issued)
    }

    /// The person behind a valid code chooses their username and password (and may correct
    /// the name their unit's list gave, already normalised); the code is used up.
    pub async fn activate(
        &self,
        code: &str,
        username: &str,
        password_hash: &str,
        locale: &str,
        consent_version: &str,
        corrected_name: Option<&str>,
    ) -> Result<Activation, StoreError> {
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        let now = now_ms();
        let Some(found) = activation_codes::Entity::find_by_id(code_hash(code))
            .one(&tx)
            .await?
        else {
            return Ok(Activation::Refused);
        };
        if found.used_at.is_some() || found.expires_at < now {
            return Ok(Activation::Refused);
        }
        let Some(person) = learners::Entity::find_by_id(found.learner_id)
            .one(&tx)
            .await?
        else {
            return Ok(Activation::Refused);
        };
        if person.password_hash.is_some() {
            return Ok(Activation::Refused);
        }
        if learners::Entity::find()
            .filter(learners::Column::Username.eq(username))
            .one(&tx)
            .await?
            .is_some()
        {
            return Ok(Activation::UsernameTaken);
        }
        let renamed = corrected_name.is_some_and(|n| person.display_name.as_deref() != Some(n));
        let mut row: learners::ActiveModel = person.into();
        if renamed {
            row.display_name = Set(corrected_name.map(str::to_string));
        }
        row.username = Set(Some(username.to_string()));
        row.password_hash = Set(Some(password_hash.to_string()));
        row.locale = Set(locale.to_string());
        row.last_seen_at = Set(now);
        let person = row.update(&tx).await?;
        let mut used: activation_codes::ActiveModel = found.into();
        used.used_at = Set(Some(now));
        used.update(&tx).await?;
        consent_log::ActiveModel {
            learner_id: Set(person.id),
            version: Set(consent_version.to_string()),
            locale: Set(locale.to_string()),
            accepted_at: Set(now),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        self.audit(
            &tx,
            Some(person.id),
            "account.activate",
            &format!("learner:{}", person.id),
            "",
        )
        .await?;
        if renamed {
            let subject = format!("learner:{}", person.id);
            self.audit(&tx, Some(person.id), "account.details.name", &subject, "")
                .await?;
        }
        tx.commit().await?;
        self.changed(crate::changes::Changed::Learner(person.id))
            .await;
        Ok(Activation::Activated(Box::new(person)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orgs::tests::row;
    use crate::testing::stores;

    fn staff(key: &str, name: &str, unit: &str) -> StaffRow {
        StaffRow {
            key: key.into(),
            name: name.into(),
            unit_code: unit.into(),
            position: Some("Chuyên viên".into()),
            contact: None,
        }
    }

    #[tokio::test]
    async fn staff_activate_themselves_once_with_an_unexpired_code() {
        for (store, _dir) in stores().await {
            store
                .import_units(
                    &[
                        row("68", None, "province"),
                        row("SKHCN", Some("68"), "agency"),
                    ],
                    None,
                )
                .await
                .unwrap();
            let rows = vec![
                staff("001", "Y Ƀhăm Êban", "SKHCN"),
                staff("002", "H'Hen Niê", "SKHCN"),
            ];
            assert_eq!(store.import_staff(&rows, None).await.unwrap().added, 2);
            assert_eq!(
                store.import_staff(&rows, None).await.unwrap().unchanged,
                2,
                "idempotent"
            );
            let mut n = 0;
            let codes = store
                .issue_activation_codes("/68/", 3_600_000, None, || {
                    n += 1;
                    format!("CODE{n}")
                })
                .await
                .unwrap();
            assert_eq!(codes.len(), 2);
            // Reprinting replaces the unused codes.
            let again = store
                .issue_activation_codes("/68/SKHCN/", 3_600_000, None, || "NEWCODE1".into())
                .await;
            assert!(
                again.is_err(),
                "the same code twice is refused by the primary key"
            );
            let fresh = store
                .issue_activation_codes("/68/SKHCN/", 3_600_000, None, {
                    let mut k = 0;
                    move || {
                        k += 1;
                        format!("FRESH{k}")
                    }
                })
                .await
                .unwrap();
            assert_eq!(
                store
                    .activate("code1", "u1", "h", "vi", "v", None)
                    .await
                    .unwrap(),
                Activation::Refused,
                "old code"
            );
            let Activation::Activated(p) = store
                .activate("fresh-1", "hhen", "hash", "rad", "v", None)
                .await
                .unwrap()
            else {
                panic!("fresh code works (case and hyphens ignored)")
            };
            assert_eq!(p.display_name.as_deref(), Some(fresh[0].name.as_str()));
            assert_eq!(
                store
                    .activate("FRESH1", "other", "h", "vi", "v", None)
                    .await
                    .unwrap(),
                Activation::Refused,
                "used"
            );
            assert_eq!(
                store
                    .activate("FRESH2", "hhen", "h", "vi", "v", None)
                    .await
                    .unwrap(),
                Activation::UsernameTaken
            );
            // Expired codes are refused.
            let expired = store
                .issue_activation_codes("/68/", -1, None, || "OLD1".into())
                .await
                .unwrap();
            assert_eq!(expired.len(), 1);
            assert_eq!(
                store
                    .activate("OLD1", "late", "h", "vi", "v", None)
                    .await
                    .unwrap(),
                Activation::Refused
            );
            // Re-importing never resets an activated person's login.
            store.import_staff(&rows, None).await.unwrap();
            assert_eq!(
                store
                    .learner(p.id)
                    .await
                    .unwrap()
                    .unwrap()
                    .password_hash
                    .as_deref(),
                Some("hash")
            );
        }
    }
}
