//! "My details": a learner corrects their own name, commune and village (Law 91/2025 gives
//! everyone that right). Each change is audit-logged by field only, never with the values.

use super::names::normalise_name;
use crate::entities::{audit_log, learners};
use crate::{Store, StoreError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

/// The details as the learner wants them; the caller checked the commune and village
/// against the province's lists. `None` clears a choice.
pub struct Details<'a> {
    /// As typed: normalised here with [`normalise_name`].
    pub display_name: &'a str,
    pub commune: Option<&'a str>,
    pub village: Option<&'a str>,
}

/// Which fields changed, and the learner as now stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailsChanged {
    pub name: bool,
    pub commune: bool,
    pub village: bool,
    pub learner: learners::Model,
}

impl Store {
    /// Stores the learner's own corrections (an account only, not a guest). Nothing is
    /// written when nothing changed; a refused name changes nothing at all.
    pub async fn update_details(
        &self,
        id: i64,
        details: Details<'_>,
    ) -> Result<DetailsChanged, StoreError> {
        let name =
            normalise_name(details.display_name).map_err(|p| StoreError::Invalid(p.to_string()))?;
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        let learner = learners::Entity::find_by_id(id)
            .one(&tx)
            .await?
            .filter(|l| !l.is_guest)
            .ok_or(StoreError::NoLearner)?;
        let commune = details.commune.map(str::to_string);
        let village = details.village.map(str::to_string);
        let changed = DetailsChanged {
            name: learner.display_name.as_deref() != Some(name.as_str()),
            commune: learner.commune != commune,
            village: learner.village != village,
            learner: learner.clone(),
        };
        if !(changed.name || changed.commune || changed.village) {
            return Ok(changed);
        }
        let mut row: learners::ActiveModel = learner.into();
        row.display_name = Set(Some(name));
        row.commune = Set(commune);
        row.village = Set(village);
        let learner = row.update(&tx).await?;
        let subject = format!("learner:{id}");
        for (field, did) in [
            ("name", changed.name),
            ("commune", changed.commune),
            ("village", changed.village),
        ] {
            if did {
                let action = format!("account.details.{field}");
                self.audit(&tx, Some(id), &action, &subject, "").await?;
            }
        }
        tx.commit().await?;
        self.changed(crate::changes::Changed::Learner(id)).await;
        Ok(DetailsChanged { learner, ..changed })
    }

    /// The learner's own account events (registered, password or details changed…), oldest
    /// first, for "download my data": what happened and when, as the audit log has it.
    pub async fn account_events(&self, id: i64) -> Result<Vec<(String, i64)>, StoreError> {
        Ok(audit_log::Entity::find()
            .filter(audit_log::Column::ActorId.eq(id))
            .filter(audit_log::Column::Action.starts_with("account."))
            .order_by_asc(audit_log::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| (a.action, a.at))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learners::NewAccount;
    use crate::orgs::tests::row;
    use crate::staff::{Activation, StaffRow};
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
    async fn corrections_are_stored_normalised_and_logged_without_values() {
        for (store, _dir) in stores().await {
            let account = NewAccount {
                username: "hhen",
                password_hash: "h",
                display_name: "H'Hen Nie",
                locale: "rad",
                commune: Some("24100"),
                village: None,
                consent_version: "v",
            };
            let me = store.register(account, None).await.unwrap();
            let typed = "H'E\u{306}\u{302} Niê";
            let details = || Details {
                display_name: typed,
                commune: Some("24100"),
                village: Some("2410001"),
            };
            let changed = store.update_details(me.id, details()).await.unwrap();
            assert!(changed.name && !changed.commune && changed.village);
            assert_eq!(
                changed.learner.display_name.as_deref(),
                Some("H'Ê\u{306} Niê")
            );
            let again = store.update_details(me.id, details()).await.unwrap();
            assert!(
                !(again.name || again.commune || again.village),
                "nothing new"
            );
            // A refused name changes nothing, not even the commune sent with it.
            let bad = Details {
                display_name: "H'Hen \u{202E}Niê",
                commune: None,
                village: None,
            };
            assert!(matches!(
                store.update_details(me.id, bad).await,
                Err(StoreError::Invalid(_))
            ));
            let stored = store.learner(me.id).await.unwrap().unwrap();
            assert_eq!(stored.display_name.as_deref(), Some("H'Ê\u{306} Niê"));
            assert_eq!(stored.commune.as_deref(), Some("24100"));
            let events = store.account_events(me.id).await.unwrap();
            let actions: Vec<&str> = events.iter().map(|(a, _)| a.as_str()).collect();
            assert_eq!(
                actions,
                [
                    "account.register",
                    "account.details.name",
                    "account.details.village"
                ]
            );
            let log = audit_log::Entity::find().all(&store.db).await.unwrap();
            assert!(
                log.iter()
                    .all(|a| !a.detail.contains("Hen") && !a.subject.contains("Hen")),
                "no names in the log: {log:?}"
            );
            // Guests have no details to correct.
            let guest = store.create_guest("vi").await.unwrap();
            assert!(matches!(
                store.update_details(guest, details()).await,
                Err(StoreError::NoLearner)
            ));
        }
    }

    /// The unit's list may correct where a person works, never the name they gave.
    #[tokio::test]
    async fn the_list_corrects_position_and_unit_but_never_an_activated_persons_name() {
        for (store, _dir) in stores().await {
            store
                .import_units(
                    &[
                        row("68", None, "province"),
                        row("SKHCN", Some("68"), "agency"),
                        row("STTTT", Some("68"), "agency"),
                    ],
                    None,
                )
                .await
                .unwrap();
            let mut hhen = staff("phone:0912345678", "H'Hen Nie", "SKHCN");
            store.import_staff(&[hhen.clone()], None).await.unwrap();
            store
                .issue_activation_codes("/68/", 3_600_000, None, || "CODE1".into())
                .await
                .unwrap();
            let Activation::Activated(me) = store
                .activate("CODE1", "hhen", "hash", "rad", "v", Some("H'Hen Niê"))
                .await
                .unwrap()
            else {
                panic!("activated")
            };
            assert_eq!(
                me.display_name.as_deref(),
                Some("H'Hen Niê"),
                "corrected at activation"
            );
            // The unit's list still has the old spelling, a new position and a new unit.
            hhen.position = Some("Trưởng phòng".into());
            hhen.unit_code = "STTTT".into();
            assert_eq!(
                store
                    .import_staff(&[hhen.clone()], None)
                    .await
                    .unwrap()
                    .updated,
                1
            );
            let now = store.learner(me.id).await.unwrap().unwrap();
            assert_eq!(now.display_name.as_deref(), Some("H'Hen Niê"));
            assert_eq!(now.position.as_deref(), Some("Trưởng phòng"));
            assert_eq!(now.unit_code.as_deref(), Some("STTTT"));
            assert_eq!(now.password_hash.as_deref(), Some("hash"));
            // A name that cannot be one refuses the import and changes nothing.
            let bad = staff("002", "Y\u{202E}Ƀhăm", "SKHCN");
            assert!(matches!(
                store.import_staff(&[bad], None).await,
                Err(StoreError::Invalid(m)) if m.contains("direction")
            ));
            assert_eq!(store.staff_in("/68/").await.unwrap().len(), 1);
        }
    }
}
