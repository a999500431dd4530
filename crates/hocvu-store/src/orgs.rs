//! The unit tree and roles. Units come from a CSV the province maintains (`hocvu org import`):
//! importing is an upsert by code, so running the same file twice changes nothing. Every unit
//! stores the path of codes from the root, so "this unit and everything under it" is one
//! prefix match.

use crate::entities::{roles, units};
use crate::{Store, StoreError, now_ms};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::collections::BTreeMap;

pub use units::Model as Unit;

pub const UNIT_KINDS: [&str; 7] = [
    "province",
    "commune",
    "ward",
    // A thôn, buôn or tổ dân phố, under its commune or ward.
    "village",
    "agency",
    "department",
    "other",
];

/// One line of the units file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRow {
    pub code: String,
    pub name: String,
    pub parent_code: Option<String>,
    pub kind: String,
    pub adults: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Sees and assigns within their unit's subtree.
    Manager,
    /// Province-wide: every report, roles, imports.
    Admin,
    /// Sees courses not yet published.
    Author,
    /// Runs classes and guidance sessions within their unit's subtree.
    Facilitator,
    /// Translates lessons and interface strings into one locale (the role's scope).
    Translator,
    /// Accepts or returns translations into one locale, never their own.
    Reviewer,
    /// Records lessons read aloud in one locale (Vietnamese too).
    Narrator,
}

/// Locales a translator or reviewer may hold a role for (every supported one but the source).
pub const TRANSLATION_LOCALES: [&str; 4] = ["rad", "jra", "mng", "en"];
/// Locales a narrator may hold a role for: the source is read aloud too.
pub const NARRATION_LOCALES: [&str; 5] = ["vi", "rad", "jra", "mng", "en"];

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Manager,
        Role::Admin,
        Role::Author,
        Role::Facilitator,
        Role::Translator,
        Role::Reviewer,
        Role::Narrator,
    ];

    /// Roles that hold for one unit's subtree (the others are province-wide).
    pub fn has_unit(self) -> bool {
        matches!(self, Role::Manager | Role::Facilitator)
    }

    /// Roles that hold for one locale, stored in the scope column (`unit_code`).
    pub fn has_locale(self) -> bool {
        matches!(self, Role::Translator | Role::Reviewer | Role::Narrator)
    }

    /// The locales this role may hold.
    pub fn locales(self) -> &'static [&'static str] {
        if self == Role::Narrator {
            &NARRATION_LOCALES
        } else {
            &TRANSLATION_LOCALES
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Manager => "manager",
            Role::Admin => "admin",
            Role::Author => "author",
            Role::Facilitator => "facilitator",
            Role::Translator => "translator",
            Role::Reviewer => "reviewer",
            Role::Narrator => "narrator",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// The `/a/b/c/` path of every unit, from parent links; errors name the unit at fault.
pub fn unit_paths(
    parents: &BTreeMap<String, Option<String>>,
) -> Result<BTreeMap<String, String>, String> {
    let mut paths = BTreeMap::new();
    for code in parents.keys() {
        let mut chain = vec![code.clone()];
        let mut at = code;
        while let Some(Some(parent)) = parents.get(at) {
            if chain.contains(parent) {
                return Err(format!("unit {code}: its parents loop back to {parent}"));
            }
            if !parents.contains_key(parent) {
                return Err(format!("unit {at}: parent {parent} is not a known unit"));
            }
            chain.push(parent.clone());
            at = parent;
        }
        chain.reverse();
        paths.insert(code.clone(), format!("/{}/", chain.join("/")));
    }
    Ok(paths)
}

impl Store {
    pub async fn units(&self) -> Result<Vec<Unit>, StoreError> {
        Ok(units::Entity::find()
            .order_by_asc(units::Column::Path)
            .all(&self.db)
            .await?)
    }

    pub async fn unit(&self, code: &str) -> Result<Option<Unit>, StoreError> {
        Ok(units::Entity::find_by_id(code.to_string())
            .one(&self.db)
            .await?)
    }

    /// Communes and wards, for the registration form's list.
    pub async fn communes(&self) -> Result<Vec<Unit>, StoreError> {
        Ok(units::Entity::find()
            .filter(units::Column::Kind.is_in(["commune", "ward"]))
            .order_by_asc(units::Column::Name)
            .all(&self.db)
            .await?)
    }

    /// Villages (thôn, buôn, tổ dân phố), for the registration form after the commune.
    pub async fn villages(&self) -> Result<Vec<Unit>, StoreError> {
        Ok(units::Entity::find()
            .filter(units::Column::Kind.eq("village"))
            .order_by_asc(units::Column::Name)
            .all(&self.db)
            .await?)
    }

    /// Adds new units and updates changed ones (name, parent, kind, adults); checks the whole
    /// resulting tree (known parents, no loops) before writing anything.
    pub async fn import_units(
        &self,
        rows: &[UnitRow],
        actor: Option<i64>,
    ) -> Result<ImportSummary, StoreError> {
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        let existing: BTreeMap<String, Unit> = units::Entity::find()
            .all(&tx)
            .await?
            .into_iter()
            .map(|u| (u.code.clone(), u))
            .collect();
        let mut parents: BTreeMap<String, Option<String>> = existing
            .iter()
            .map(|(c, u)| (c.clone(), u.parent_code.clone()))
            .collect();
        for row in rows {
            parents.insert(row.code.clone(), row.parent_code.clone());
        }
        // SQLite's LIKE ignores case: `A1` and `a1` would share a subtree there.
        let mut folded = std::collections::BTreeMap::new();
        for code in parents.keys() {
            if let Some(other) = folded.insert(code.to_lowercase(), code) {
                return Err(StoreError::Invalid(format!(
                    "unit codes {other} and {code} differ only in case"
                )));
            }
        }
        let paths = unit_paths(&parents).map_err(StoreError::Invalid)?;
        // A village belongs to a commune or ward (its sessions count towards that commune).
        let kind_of = |code: &str| {
            rows.iter()
                .find(|r| r.code == code)
                .map(|r| r.kind.as_str())
                .or_else(|| existing.get(code).map(|u| u.kind.as_str()))
        };
        for row in rows.iter().filter(|r| r.kind == "village") {
            let parent_kind = row.parent_code.as_deref().and_then(kind_of);
            if !matches!(parent_kind, Some("commune" | "ward")) {
                return Err(StoreError::Invalid(format!(
                    "village {} must have a commune or ward as its parent",
                    row.code
                )));
            }
        }
        let now = now_ms();
        let mut summary = ImportSummary::default();
        let given: BTreeMap<&str, &UnitRow> = rows.iter().map(|r| (r.code.as_str(), r)).collect();
        for (code, path) in &paths {
            let old = existing.get(code);
            let (name, parent, kind, adults) = match (given.get(code.as_str()), old) {
                (Some(r), _) => (
                    r.name.clone(),
                    r.parent_code.clone(),
                    r.kind.clone(),
                    r.adults,
                ),
                (None, Some(u)) => (
                    u.name.clone(),
                    u.parent_code.clone(),
                    u.kind.clone(),
                    u.adults,
                ),
                (None, None) => continue,
            };
            let model = units::ActiveModel {
                code: Set(code.clone()),
                name: Set(name.clone()),
                parent_code: Set(parent.clone()),
                kind: Set(kind.clone()),
                path: Set(path.clone()),
                adults: Set(adults),
                updated_at: Set(now),
            };
            match old {
                None => {
                    model.insert(&tx).await?;
                    summary.added += 1;
                }
                Some(u)
                    if u.name == name
                        && u.parent_code == parent
                        && u.kind == kind
                        && u.adults == adults
                        && &u.path == path =>
                {
                    summary.unchanged += 1;
                }
                Some(_) => {
                    model.update(&tx).await?;
                    if given.contains_key(code.as_str()) {
                        summary.updated += 1;
                    }
                }
            }
        }
        self.audit(
            &tx,
            actor,
            "units.import",
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

    pub async fn roles_of(&self, learner: i64) -> Result<Vec<roles::Model>, StoreError> {
        Ok(roles::Entity::find()
            .filter(roles::Column::LearnerId.eq(learner))
            .all(&self.db)
            .await?)
    }

    pub async fn all_roles(&self) -> Result<Vec<roles::Model>, StoreError> {
        Ok(roles::Entity::find()
            .order_by_asc(roles::Column::Role)
            .order_by_asc(roles::Column::UnitCode)
            .all(&self.db)
            .await?)
    }

    /// Grants a role; a manager or facilitator needs a unit, a translator or reviewer a locale
    /// (`scope`). Granting twice changes nothing. Audit-logged.
    pub async fn grant(
        &self,
        learner: i64,
        role: Role,
        scope: Option<&str>,
        by: Option<i64>,
    ) -> Result<bool, StoreError> {
        if role.has_locale() {
            let locale = scope.unwrap_or("");
            if !role.locales().contains(&locale) {
                return Err(StoreError::Invalid(format!(
                    "a {} needs a locale (--locale {}), not `{locale}`",
                    role.as_str(),
                    role.locales().join(", --locale ")
                )));
            }
            return self
                .insert_role(learner, role, locale.to_string(), by)
                .await;
        }
        let unit = scope;
        let unit = match (role.has_unit(), unit) {
            (true, Some(u)) => u.to_string(),
            (true, None) => {
                return Err(StoreError::Invalid(format!(
                    "a {} needs a unit (--unit CODE)",
                    role.as_str()
                )));
            }
            (false, _) => String::new(),
        };
        if !unit.is_empty() {
            let Some(u) = self.unit(&unit).await? else {
                return Err(StoreError::Invalid(format!("no unit has the code {unit}")));
            };
            if role == Role::Facilitator
                && !matches!(u.kind.as_str(), "commune" | "ward" | "village")
            {
                return Err(StoreError::Invalid(format!(
                    "a facilitator runs sessions at a commune, ward or village; {} is a {}",
                    u.name, u.kind
                )));
            }
        }
        self.insert_role(learner, role, unit, by).await
    }

    async fn insert_role(
        &self,
        learner: i64,
        role: Role,
        unit: String,
        by: Option<i64>,
    ) -> Result<bool, StoreError> {
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        let exists = roles::Entity::find_by_id((learner, role.as_str().to_string(), unit.clone()))
            .one(&tx)
            .await?
            .is_some();
        if !exists {
            roles::ActiveModel {
                learner_id: Set(learner),
                role: Set(role.as_str().to_string()),
                unit_code: Set(unit.clone()),
                granted_by: Set(by),
                granted_at: Set(now_ms()),
            }
            .insert(&tx)
            .await?;
            self.audit(
                &tx,
                by,
                "role.grant",
                &format!("learner:{learner}"),
                &format!("{} {unit}", role.as_str()),
            )
            .await?;
        }
        tx.commit().await?;
        self.changed(crate::changes::Changed::Learner(learner))
            .await;
        Ok(!exists)
    }

    pub async fn revoke_role(
        &self,
        learner: i64,
        role: Role,
        unit: &str,
        by: Option<i64>,
    ) -> Result<bool, StoreError> {
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        let gone =
            roles::Entity::delete_by_id((learner, role.as_str().to_string(), unit.to_string()))
                .exec(&tx)
                .await?
                .rows_affected
                > 0;
        if gone {
            self.audit(
                &tx,
                by,
                "role.revoke",
                &format!("learner:{learner}"),
                &format!("{} {unit}", role.as_str()),
            )
            .await?;
        }
        tx.commit().await?;
        self.changed(crate::changes::Changed::Learner(learner))
            .await;
        Ok(gone)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::testing::stores;

    pub(crate) fn row(code: &str, parent: Option<&str>, kind: &str) -> UnitRow {
        UnitRow {
            code: code.into(),
            name: format!("Unit {code}"),
            parent_code: parent.map(str::to_string),
            kind: kind.into(),
            adults: None,
        }
    }

    #[test]
    fn paths_follow_parents_and_loops_are_named() {
        let parents = BTreeMap::from([
            ("P".to_string(), None),
            ("C".to_string(), Some("P".to_string())),
            ("D".to_string(), Some("C".to_string())),
        ]);
        let paths = unit_paths(&parents).unwrap();
        assert_eq!(paths["D"], "/P/C/D/");
        let looped = BTreeMap::from([
            ("A".to_string(), Some("B".to_string())),
            ("B".to_string(), Some("A".to_string())),
        ]);
        assert!(unit_paths(&looped).unwrap_err().contains("loop"));
        let orphan = BTreeMap::from([("A".to_string(), Some("Z".to_string()))]);
        assert!(unit_paths(&orphan).unwrap_err().contains("parent Z"));
    }

    #[tokio::test]
    async fn importing_twice_changes_nothing_and_updates_are_counted() {
        for (store, _dir) in stores().await {
            let rows = vec![
                row("68", None, "province"),
                row("24100", Some("68"), "commune"),
                row("SKHCN", Some("68"), "agency"),
            ];
            let first = store.import_units(&rows, None).await.unwrap();
            assert_eq!(
                first,
                ImportSummary {
                    added: 3,
                    updated: 0,
                    unchanged: 0
                }
            );
            let again = store.import_units(&rows, None).await.unwrap();
            assert_eq!(
                again,
                ImportSummary {
                    added: 0,
                    updated: 0,
                    unchanged: 3
                }
            );
            let mut renamed = rows.clone();
            renamed[1].name = "Xã Ea Kao".into();
            let third = store.import_units(&renamed[1..2], None).await.unwrap();
            assert_eq!(
                third,
                ImportSummary {
                    added: 0,
                    updated: 1,
                    unchanged: 2
                }
            );
            assert_eq!(
                store.unit("24100").await.unwrap().unwrap().path,
                "/68/24100/"
            );
            assert_eq!(store.communes().await.unwrap().len(), 1);
            let bad = store
                .import_units(&[row("X", Some("nowhere"), "other")], None)
                .await;
            assert!(matches!(bad, Err(StoreError::Invalid(m)) if m.contains("nowhere")));
            assert_eq!(store.units().await.unwrap().len(), 3, "nothing written");
        }
    }

    #[tokio::test]
    async fn roles_are_granted_once_and_managers_need_a_unit() {
        for (store, _dir) in stores().await {
            store
                .import_units(&[row("68", None, "province")], None)
                .await
                .unwrap();
            let me = store.create_guest("vi").await.unwrap();
            assert!(store.grant(me, Role::Admin, None, None).await.unwrap());
            assert!(!store.grant(me, Role::Admin, None, None).await.unwrap());
            assert!(store.grant(me, Role::Manager, None, None).await.is_err());
            assert!(
                store
                    .grant(me, Role::Manager, Some("nowhere"), None)
                    .await
                    .is_err()
            );
            assert!(
                store
                    .grant(me, Role::Manager, Some("68"), None)
                    .await
                    .unwrap()
            );
            assert_eq!(store.roles_of(me).await.unwrap().len(), 2);
            assert!(
                store
                    .grant(me, Role::Translator, Some("rad"), None)
                    .await
                    .unwrap()
            );
            assert!(
                store
                    .grant(me, Role::Reviewer, Some("vi"), None)
                    .await
                    .is_err()
            );
            assert!(store.grant(me, Role::Reviewer, None, None).await.is_err());
            assert!(
                store
                    .revoke_role(me, Role::Translator, "rad", None)
                    .await
                    .unwrap()
            );
            assert!(
                store
                    .revoke_role(me, Role::Manager, "68", None)
                    .await
                    .unwrap()
            );
            assert_eq!(store.roles_of(me).await.unwrap().len(), 1);
        }
    }
}
