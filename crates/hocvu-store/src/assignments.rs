//! Mandatory courses: a manager assigns a course to the staff of a unit's subtree (or one
//! position in it) with a due date; each person's status follows from their own progress
//! only. Nothing here can mark anything complete: exemptions remove a person from an
//! assignment, with the reason recorded.

use crate::entities::{assignments, exemptions};
use crate::{Store, StoreError, now_ms};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde::Serialize;

pub use assignments::Model as Assignment;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotStarted,
    InProgress,
    Completed,
    /// Not completed and the due date has passed.
    Overdue,
    Exempt,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Completed => "completed",
            Status::Overdue => "overdue",
            Status::Exempt => "exempt",
        }
    }
}

/// A person's status for an assignment on `today` (`YYYY-MM-DD`, Vietnam time): due on the
/// due date itself, overdue from the next day. Completing late still counts as completed.
pub fn status(completed: bool, started: bool, exempt: bool, due_on: &str, today: &str) -> Status {
    match (exempt, completed, started) {
        (true, _, _) => Status::Exempt,
        (_, true, _) => Status::Completed,
        _ if today > due_on => Status::Overdue,
        (_, _, true) => Status::InProgress,
        _ => Status::NotStarted,
    }
}

/// True for a real calendar date written `YYYY-MM-DD`, from 2000 on.
pub fn is_date(s: &str) -> bool {
    hocvu_dates::parse_iso(s).is_some_and(|d| d.year() >= 2000)
}

impl Store {
    pub async fn create_assignment(
        &self,
        course_id: &str,
        unit_code: &str,
        position: Option<&str>,
        due_on: &str,
        by: Option<i64>,
    ) -> Result<Assignment, StoreError> {
        if !is_date(due_on) {
            return Err(StoreError::Invalid(format!(
                "due date `{due_on}` is not a date (YYYY-MM-DD)"
            )));
        }
        if self.unit(unit_code).await?.is_none() {
            return Err(StoreError::Invalid(format!(
                "no unit has the code {unit_code}"
            )));
        }
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        let created = assignments::ActiveModel {
            course_id: Set(course_id.to_string()),
            unit_code: Set(unit_code.to_string()),
            position: Set(position.map(str::to_string)),
            due_on: Set(due_on.to_string()),
            created_by: Set(by),
            created_at: Set(now_ms()),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        self.audit(
            &tx,
            by,
            "assignment.create",
            &format!("assignment:{}", created.id),
            &format!(
                "{course_id} {unit_code} {} due {due_on}",
                position.unwrap_or("*")
            ),
        )
        .await?;
        tx.commit().await?;
        self.changed(crate::changes::Changed::Everyone).await;
        Ok(created)
    }

    pub async fn assignment(&self, id: i64) -> Result<Option<Assignment>, StoreError> {
        Ok(assignments::Entity::find_by_id(id).one(&self.db).await?)
    }

    /// Assignments made to units inside `unit_path`, and those made above it (which apply to
    /// it too), soonest due first.
    pub async fn assignments_touching(
        &self,
        unit_path: &str,
    ) -> Result<Vec<Assignment>, StoreError> {
        let units = self.units().await?;
        let codes: Vec<String> = units
            .iter()
            .filter(|u| u.path.starts_with(unit_path) || unit_path.starts_with(&u.path))
            .map(|u| u.code.clone())
            .collect();
        Ok(assignments::Entity::find()
            .filter(assignments::Column::UnitCode.is_in(codes))
            .order_by_asc(assignments::Column::DueOn)
            .order_by_asc(assignments::Column::Id)
            .all(&self.db)
            .await?)
    }

    /// Exempts a person from an assignment; the reason is required and kept.
    pub async fn exempt(
        &self,
        assignment: i64,
        learner: i64,
        reason: &str,
        by: Option<i64>,
    ) -> Result<(), StoreError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::Invalid("an exemption needs a reason".into()));
        }
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        exemptions::Entity::delete_by_id((assignment, learner))
            .exec(&tx)
            .await?;
        exemptions::ActiveModel {
            assignment_id: Set(assignment),
            learner_id: Set(learner),
            reason: Set(reason.to_string()),
            exempted_by: Set(by),
            at: Set(now_ms()),
        }
        .insert(&tx)
        .await?;
        // The reason may be personal (illness, leave): it stays with the exemption, which goes
        // when the person's account does, not in the audit log, which outlives it.
        self.audit(
            &tx,
            by,
            "assignment.exempt",
            &format!("assignment:{assignment}"),
            &format!("learner:{learner}"),
        )
        .await?;
        tx.commit().await?;
        self.changed(crate::changes::Changed::Progress(learner))
            .await;
        Ok(())
    }

    pub async fn exemption(
        &self,
        assignment: i64,
        learner: i64,
    ) -> Result<Option<exemptions::Model>, StoreError> {
        Ok(exemptions::Entity::find_by_id((assignment, learner))
            .one(&self.db)
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_on_the_day_overdue_the_day_after_and_late_completion_counts() {
        let due = "2026-11-30";
        assert_eq!(
            status(false, false, false, due, "2026-11-30"),
            Status::NotStarted
        );
        assert_eq!(
            status(false, true, false, due, "2026-11-30"),
            Status::InProgress
        );
        assert_eq!(
            status(false, true, false, due, "2026-12-01"),
            Status::Overdue
        );
        assert_eq!(
            status(false, false, false, due, "2026-12-01"),
            Status::Overdue
        );
        assert_eq!(
            status(true, true, false, due, "2027-01-01"),
            Status::Completed
        );
        assert_eq!(
            status(false, false, true, due, "2027-01-01"),
            Status::Exempt
        );
        assert_eq!(
            status(false, false, false, due, "2026-11-29"),
            Status::NotStarted
        );
    }

    #[test]
    fn dates_are_checked() {
        assert!(is_date("2026-11-30") && is_date("2028-02-29"));
        assert!(
            !is_date("2026-02-29")
                && !is_date("30/11/2026")
                && !is_date("2026-13-01")
                && !is_date("2026-1-01")
        );
    }
}
