//! Report figures: per-person assignment status within a unit subtree, their roll-up to every
//! unit above, citizens by self-declared commune, and monthly completions. One SQL query per
//! figure; roll-ups are done here, over the unit paths.

use crate::assignments::{Status, status};
use crate::orgs::Unit;
use crate::{Store, StoreError};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};
use serde::Serialize;
use std::collections::BTreeMap;

/// One person × one assignment that applies to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonStatus {
    pub learner_id: i64,
    pub name: String,
    pub unit_code: String,
    pub position: Option<String>,
    /// Has chosen a password (used their activation code).
    pub activated: bool,
    pub assignment_id: i64,
    pub course_id: String,
    pub due_on: String,
    pub started: bool,
    pub status: Status,
}

/// Counts over person × assignment pairs; `assigned` excludes exemptions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub people: usize,
    pub assigned: usize,
    pub started: usize,
    pub completed: usize,
    pub overdue: usize,
    pub exempt: usize,
}

impl Tally {
    /// Completed as a share of assigned, in percent (one decimal); `None` with nothing assigned.
    pub fn percent(&self) -> Option<f64> {
        (self.assigned > 0)
            .then(|| (self.completed as f64 * 1000.0 / self.assigned as f64).round() / 10.0)
    }
}

/// Citizens who chose this commune at registration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CommuneTally {
    pub registered: i64,
    /// Completed at least one course.
    pub completed: i64,
    /// Hold at least one certificate that is not revoked.
    pub certified: i64,
}

/// `?` placeholders become `$1, $2…` on PostgreSQL.
pub(crate) fn statement(backend: DbBackend, sql: &str, values: Vec<Value>) -> Statement {
    let sql = if backend == DbBackend::Postgres {
        let mut out = String::with_capacity(sql.len() + 8);
        let mut n = 0;
        for c in sql.chars() {
            if c == '?' {
                n += 1;
                out.push_str(&format!("${n}"));
            } else {
                out.push(c);
            }
        }
        out
    } else {
        sql.to_string()
    };
    Statement::from_sql_and_values(backend, sql, values)
}

/// The unit codes from the root down to `path`'s unit.
pub fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

pub const STATUS_SQL: &str = "SELECT l.id, l.display_name, l.unit_code, l.position, \
    CASE WHEN l.password_hash IS NULL THEN 0 ELSE 1 END AS activated, \
    a.id AS assignment_id, a.course_id, a.due_on, \
    CASE WHEN EXISTS (SELECT 1 FROM course_completions c WHERE c.learner_id = l.id AND c.course_id = a.course_id) THEN 1 ELSE 0 END AS completed, \
    CASE WHEN EXISTS (SELECT 1 FROM lesson_progress p WHERE p.learner_id = l.id AND p.course_id = a.course_id) THEN 1 ELSE 0 END AS started, \
    CASE WHEN EXISTS (SELECT 1 FROM exemptions e WHERE e.assignment_id = a.id AND e.learner_id = l.id) THEN 1 ELSE 0 END AS exempt \
    FROM assignments a \
    JOIN units au ON au.code = a.unit_code \
    JOIN units u ON u.path LIKE au.path || '%' \
    JOIN learners l ON l.unit_code = u.code AND (a.position IS NULL OR l.position = a.position) \
    WHERE u.path LIKE ? \
    ORDER BY u.path, l.display_name, l.id, a.due_on, a.id";

impl Store {
    /// Every staff member of the subtree at `unit_path` with every course assigned to them (once
    /// per course: see [`one_per_course`]).
    pub async fn assignment_statuses(
        &self,
        unit_path: &str,
        today: &str,
    ) -> Result<Vec<PersonStatus>, StoreError> {
        self.statuses(STATUS_SQL, vec![format!("{unit_path}%").into()], today)
            .await
    }

    /// One learner's assigned courses (their home page), without scanning their unit's staff.
    pub async fn required_of(
        &self,
        learner: i64,
        unit_path: &str,
        today: &str,
    ) -> Result<Vec<PersonStatus>, StoreError> {
        let sql = STATUS_SQL.replace("WHERE u.path LIKE ?", "WHERE u.path LIKE ? AND l.id = ?");
        self.statuses(
            &sql,
            vec![format!("{unit_path}%").into(), learner.into()],
            today,
        )
        .await
    }

    async fn statuses(
        &self,
        sql: &str,
        values: Vec<Value>,
        today: &str,
    ) -> Result<Vec<PersonStatus>, StoreError> {
        let rows = self
            .db
            .query_all_raw(statement(self.backend(), sql, values))
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let flag = |col: &str| r.try_get::<i32>("", col).map(|v| v != 0);
            let (completed, started, exempt) =
                (flag("completed")?, flag("started")?, flag("exempt")?);
            let due_on: String = r.try_get("", "due_on")?;
            out.push(PersonStatus {
                learner_id: r.try_get("", "id")?,
                name: r
                    .try_get::<Option<String>>("", "display_name")?
                    .unwrap_or_default(),
                unit_code: r
                    .try_get::<Option<String>>("", "unit_code")?
                    .unwrap_or_default(),
                position: r.try_get("", "position")?,
                activated: flag("activated")?,
                assignment_id: r.try_get("", "assignment_id")?,
                course_id: r.try_get("", "course_id")?,
                status: status(completed, started, exempt, &due_on, today),
                due_on,
                started,
            });
        }
        Ok(one_per_course(out))
    }

    /// Citizens (not staff, not guests) by the commune code they chose.
    pub async fn commune_tallies(&self) -> Result<BTreeMap<String, CommuneTally>, StoreError> {
        let backend = self.backend();
        let mut out: BTreeMap<String, CommuneTally> = BTreeMap::new();
        let registered = self
            .db
            .query_all_raw(statement(
                backend,
                "SELECT l.commune, COUNT(*) AS n, \
                 SUM(CASE WHEN EXISTS (SELECT 1 FROM course_completions c WHERE c.learner_id = l.id) THEN 1 ELSE 0 END) AS done \
                 FROM learners l WHERE l.is_guest = ? AND l.unit_code IS NULL AND l.commune IS NOT NULL GROUP BY l.commune",
                vec![false.into()],
            ))
            .await?;
        for r in registered {
            let t = out.entry(r.try_get("", "commune")?).or_default();
            t.registered = r.try_get("", "n")?;
            t.completed = r.try_get::<Option<i64>>("", "done")?.unwrap_or_default();
        }
        let certified = self
            .db
            .query_all_raw(statement(
                backend,
                "SELECT l.commune, COUNT(DISTINCT l.id) AS n FROM certificates ce JOIN learners l ON l.id = ce.learner_id \
                 WHERE ce.revoked_at IS NULL AND l.unit_code IS NULL AND l.commune IS NOT NULL GROUP BY l.commune",
                vec![],
            ))
            .await?;
        for r in certified {
            out.entry(r.try_get("", "commune")?).or_default().certified = r.try_get("", "n")?;
        }
        Ok(out)
    }

    /// Times (Unix ms) of course completions by staff in the subtree and by citizens of
    /// communes in it, and of certificates issued to either: the monthly trend's raw points.
    pub async fn completion_times(&self, unit_path: &str) -> Result<Trend, StoreError> {
        let backend = self.backend();
        let scope: Value = format!("{unit_path}%").into();
        let times = |sql: &'static str| {
            let scope = scope.clone();
            async move {
                let rows = self
                    .db
                    .query_all_raw(statement(backend, sql, vec![scope]))
                    .await?;
                rows.iter()
                    .map(|r| r.try_get::<i64>("", "t"))
                    .collect::<Result<Vec<i64>, _>>()
            }
        };
        Ok(Trend {
            staff: times(
                "SELECT c.completed_at AS t FROM course_completions c JOIN learners l ON l.id = c.learner_id \
                 JOIN units u ON u.code = l.unit_code WHERE u.path LIKE ?",
            )
            .await?,
            citizens: times(
                "SELECT c.completed_at AS t FROM course_completions c JOIN learners l ON l.id = c.learner_id \
                 JOIN units u ON u.code = l.commune WHERE l.unit_code IS NULL AND u.path LIKE ?",
            )
            .await?,
            certificates: times(
                "SELECT ce.issued_at AS t FROM certificates ce JOIN learners l ON l.id = ce.learner_id \
                 JOIN units u ON u.code = COALESCE(l.unit_code, l.commune) WHERE u.path LIKE ?",
            )
            .await?,
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trend {
    pub staff: Vec<i64>,
    pub citizens: Vec<i64>,
    pub certificates: Vec<i64>,
}

/// A course assigned twice to someone (by the province and by their department, say) counts
/// once, under the earliest due date they are not exempt from; exempt only if exempt from all.
pub fn one_per_course(rows: Vec<PersonStatus>) -> Vec<PersonStatus> {
    let mut out: Vec<PersonStatus> = Vec::with_capacity(rows.len());
    let mut at: std::collections::HashMap<(i64, String), usize> = std::collections::HashMap::new();
    for r in rows {
        match at.get(&(r.learner_id, r.course_id.clone())) {
            None => {
                at.insert((r.learner_id, r.course_id.clone()), out.len());
                out.push(r);
            }
            Some(&i) => {
                let kept = &out[i];
                let better = (kept.status == Status::Exempt && r.status != Status::Exempt)
                    || ((kept.status != Status::Exempt) == (r.status != Status::Exempt)
                        && r.due_on < kept.due_on);
                if better {
                    out[i] = r;
                }
            }
        }
    }
    out
}

/// Each unit's tally over its whole subtree (a person counts in their unit and every unit above).
pub fn roll_up(units: &[Unit], rows: &[PersonStatus]) -> BTreeMap<String, Tally> {
    let paths: BTreeMap<&str, &str> = units
        .iter()
        .map(|u| (u.code.as_str(), u.path.as_str()))
        .collect();
    let mut out: BTreeMap<String, Tally> = BTreeMap::new();
    let mut seen: BTreeMap<String, std::collections::BTreeSet<i64>> = BTreeMap::new();
    for r in rows {
        let Some(path) = paths.get(r.unit_code.as_str()) else {
            continue;
        };
        for code in ancestors(path) {
            let t = out.entry(code.to_string()).or_default();
            if seen
                .entry(code.to_string())
                .or_default()
                .insert(r.learner_id)
            {
                t.people += 1;
            }
            if r.status == Status::Exempt {
                t.exempt += 1;
                continue;
            }
            t.assigned += 1;
            t.started += usize::from(r.started || r.status == Status::Completed);
            t.completed += usize::from(r.status == Status::Completed);
            t.overdue += usize::from(r.status == Status::Overdue);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orgs::tests::row;
    use crate::progress::LessonRef;
    use crate::staff::StaffRow;
    use crate::testing::stores;

    #[test]
    fn a_course_assigned_twice_counts_once_under_the_earliest_due_date_not_exempted() {
        let row = |assignment: i64, due: &str, status: Status| PersonStatus {
            learner_id: 1,
            name: "A".into(),
            unit_code: "U".into(),
            position: None,
            activated: true,
            assignment_id: assignment,
            course_id: "ai-cong-vu".into(),
            due_on: due.into(),
            started: false,
            status,
        };
        let kept = one_per_course(vec![
            row(1, "2026-11-30", Status::Exempt),
            row(2, "2026-12-31", Status::NotStarted),
            row(3, "2027-01-31", Status::NotStarted),
        ]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].assignment_id, 2);
        let all_exempt = one_per_course(vec![
            row(1, "2026-11-30", Status::Exempt),
            row(2, "2026-12-31", Status::Exempt),
        ]);
        assert_eq!(
            (all_exempt.len(), all_exempt[0].status),
            (1, Status::Exempt)
        );
    }

    #[tokio::test]
    async fn statuses_and_roll_up_follow_the_tree_positions_and_exemptions() {
        for (store, _dir) in stores().await {
            store
                .import_units(
                    &[
                        row("68", None, "province"),
                        row("A", Some("68"), "agency"),
                        row("A1", Some("A"), "department"),
                        row("B", Some("68"), "agency"),
                    ],
                    None,
                )
                .await
                .unwrap();
            let person = |key: &str, unit: &str, position: &str| StaffRow {
                key: key.into(),
                name: format!("Person {key}"),
                unit_code: unit.into(),
                position: Some(position.into()),
                contact: None,
            };
            store
                .import_staff(
                    &[
                        person("1", "A", "lead"),
                        person("2", "A1", "staff"),
                        person("3", "A1", "staff"),
                        person("4", "B", "staff"),
                    ],
                    None,
                )
                .await
                .unwrap();
            let ids: BTreeMap<String, i64> = store
                .staff_in("/68/")
                .await
                .unwrap()
                .into_iter()
                .map(|(l, _)| (l.staff_key.unwrap(), l.id))
                .collect();
            let all = store
                .create_assignment("ai-cong-vu", "A", None, "2026-11-30", None)
                .await
                .unwrap();
            let leads = store
                .create_assignment("ai-lanh-dao", "68", Some("lead"), "2026-12-15", None)
                .await
                .unwrap();
            // Person 2 completed, person 3 started, person 1 exempt from the first.
            let lesson = LessonRef {
                course_id: "ai-cong-vu",
                course_version: "1",
                bundle_hash: "b",
                slug: "01",
                lesson_hash: "h",
            };
            store.open_lesson(ids["2"], lesson, false).await.unwrap();
            store.open_lesson(ids["3"], lesson, false).await.unwrap();
            store
                .complete_course(ids["2"], "ai-cong-vu", "1", "b")
                .await
                .unwrap();
            store
                .exempt(all.id, ids["1"], "nghỉ thai sản", None)
                .await
                .unwrap();
            let rows = store
                .assignment_statuses("/68/", "2026-12-01")
                .await
                .unwrap();
            let find = |key: &str, a: i64| {
                rows.iter()
                    .find(|r| r.learner_id == ids[key] && r.assignment_id == a)
                    .map(|r| r.status)
            };
            assert_eq!(find("1", all.id), Some(Status::Exempt));
            assert_eq!(find("1", leads.id), Some(Status::NotStarted), "due 15/12");
            assert_eq!(find("2", all.id), Some(Status::Completed));
            assert_eq!(find("3", all.id), Some(Status::Overdue));
            assert_eq!(find("4", all.id), None, "B is outside A");
            assert_eq!(find("2", leads.id), None, "not a lead");
            assert_eq!(rows.len(), 4);
            let tally = roll_up(&store.units().await.unwrap(), &rows);
            assert_eq!(
                tally["68"],
                Tally {
                    people: 3,
                    assigned: 3,
                    started: 2,
                    completed: 1,
                    overdue: 1,
                    exempt: 1
                }
            );
            assert_eq!(
                tally["A1"],
                Tally {
                    people: 2,
                    assigned: 2,
                    started: 2,
                    completed: 1,
                    overdue: 1,
                    exempt: 0
                }
            );
            assert_eq!(tally["A1"].percent(), Some(50.0));
            assert!(!tally.contains_key("B"));
            // A manager of A1 sees only A1's people.
            assert_eq!(
                store
                    .assignment_statuses("/68/A/A1/", "2026-12-01")
                    .await
                    .unwrap()
                    .len(),
                2
            );
        }
    }
}
