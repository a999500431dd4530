//! Commune classes and village guidance sessions. A facilitator or manager creates a session
//! for a unit; participants check themselves in (never on someone's behalf: the store only
//! records the learner who presented the code); the facilitator records how many others came
//! without a phone, as numbers. A session takes check-ins from [`OPENS_BEFORE`] its start until
//! it is closed, or at the latest [`GRACE`] after its end.

use crate::entities::{class_sessions, session_checkins, session_facilitators, units};
use crate::{Store, StoreError, now_ms};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use std::collections::BTreeMap;

pub use class_sessions::Model as Session;

/// Check-in opens this long before the start…
pub const OPENS_BEFORE: i64 = 30 * 60_000;
/// …and closes by itself this long after the end.
pub const GRACE: i64 = 2 * 60 * 60_000;
/// The longest session (a day's class).
pub const MAX_LENGTH: i64 = 12 * 60 * 60_000;
/// A headcount above this is a typing mistake, not a village.
pub const MAX_HEADCOUNT: i32 = 1000;
pub const MAX_COURSES: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A "Bình dân học vụ số" class at a commune or ward.
    Class,
    /// A hands-on guidance session in a village (thôn, buôn, tổ dân phố).
    Guidance,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Class, Kind::Guidance];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Class => "class",
            Kind::Guidance => "guidance",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The unit kinds a session of this kind is held at.
    pub fn unit_kinds(self) -> &'static [&'static str] {
        match self {
            Kind::Class => &["commune", "ward"],
            Kind::Guidance => &["village"],
        }
    }
}

/// What a facilitator fills in.
#[derive(Debug, Clone)]
pub struct Plan {
    pub unit_code: String,
    pub kind: Kind,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: String,
    pub courses: Vec<String>,
}

/// The outcome of a check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckIn {
    Done,
    /// This learner had already checked in: nothing changes.
    Already,
    /// Not open: before it opens, after it closed.
    NotOpen,
}

/// The headcount of people without a phone or account.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Headcount {
    pub others: i32,
    pub women: Option<i32>,
    pub minority: Option<i32>,
}

/// One session with its figures, for reports.
#[derive(Debug, Clone)]
pub struct SessionFigures {
    pub session: Session,
    pub checkins: i64,
    pub facilitators: Vec<i64>,
}

impl SessionFigures {
    pub fn participants(&self) -> i64 {
        self.checkins + i64::from(self.session.others)
    }
}

impl Session {
    pub fn kind(&self) -> Kind {
        Kind::parse(&self.kind).unwrap_or(Kind::Class)
    }

    pub fn course_ids(&self) -> Vec<&str> {
        self.courses.split(',').filter(|c| !c.is_empty()).collect()
    }

    /// When it stops taking check-ins.
    pub fn closes_at(&self) -> i64 {
        self.closed_at.unwrap_or(self.ends_at + GRACE)
    }

    pub fn is_open(&self, now: i64) -> bool {
        now >= self.starts_at - OPENS_BEFORE && now < self.closes_at()
    }

    pub fn is_closed(&self, now: i64) -> bool {
        now >= self.closes_at()
    }

    /// Held: it has started and someone came (a check-in or the headcount).
    pub fn held(&self, now: i64, checkins: i64) -> bool {
        self.starts_at <= now && checkins + i64::from(self.others) > 0
    }
}

fn check_plan(plan: &Plan, unit: &units::Model) -> Result<(), StoreError> {
    let invalid = |m: String| Err(StoreError::Invalid(m));
    if !plan.kind.unit_kinds().contains(&unit.kind.as_str()) {
        return invalid(match plan.kind {
            Kind::Class => format!(
                "a class is held at a commune or ward; {} is a {}",
                unit.name, unit.kind
            ),
            Kind::Guidance => format!(
                "a guidance session is held at a village; {} is a {}",
                unit.name, unit.kind
            ),
        });
    }
    if plan.ends_at <= plan.starts_at {
        return invalid("the end time must be after the start time".into());
    }
    if plan.ends_at + GRACE <= now_ms() {
        return invalid(
            "a session that has already ended cannot be entered: create sessions before they start"
                .into(),
        );
    }
    if plan.ends_at - plan.starts_at > MAX_LENGTH {
        return invalid("a session lasts 12 hours at most".into());
    }
    let place = plan.place.trim();
    if place.is_empty() || place.chars().count() > 200 {
        return invalid("the place is required (200 characters at most)".into());
    }
    if plan.courses.is_empty() || plan.courses.len() > MAX_COURSES {
        return invalid(format!("choose 1 to {MAX_COURSES} courses"));
    }
    Ok(())
}

impl Store {
    /// Creates a session with its facilitators. `code_secret` is random (the caller draws it).
    pub async fn create_session(
        &self,
        plan: &Plan,
        code_secret: &str,
        facilitators: &[i64],
        by: Option<i64>,
    ) -> Result<Session, StoreError> {
        let unit = self.unit(&plan.unit_code).await?.ok_or_else(|| {
            StoreError::Invalid(format!("no unit has the code {}", plan.unit_code))
        })?;
        check_plan(plan, &unit)?;
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        let session = class_sessions::ActiveModel {
            unit_code: Set(plan.unit_code.clone()),
            kind: Set(plan.kind.as_str().to_string()),
            starts_at: Set(plan.starts_at),
            ends_at: Set(plan.ends_at),
            place: Set(plan.place.trim().to_string()),
            courses: Set(plan.courses.join(",")),
            code_secret: Set(code_secret.to_string()),
            created_by: Set(by),
            created_at: Set(now_ms()),
            closed_at: Set(None),
            others: Set(0),
            others_women: Set(None),
            others_minority: Set(None),
            erased_checkins: Set(0),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        let mut people: Vec<i64> = facilitators.to_vec();
        people.sort_unstable();
        people.dedup();
        for learner in people {
            session_facilitators::ActiveModel {
                session_id: Set(session.id),
                learner_id: Set(learner),
            }
            .insert(&tx)
            .await?;
        }
        self.audit(
            &tx,
            by,
            "session.create",
            &format!("session:{}", session.id),
            &format!("{} {}", plan.kind.as_str(), plan.unit_code),
        )
        .await?;
        tx.commit().await?;
        Ok(session)
    }

    /// Changes time, place and courses of a session that is not closed yet.
    pub async fn update_session(
        &self,
        id: i64,
        plan: &Plan,
        by: Option<i64>,
    ) -> Result<Session, StoreError> {
        let session = self
            .session(id)
            .await?
            .ok_or(StoreError::NotFound("session"))?;
        if session.is_closed(now_ms()) {
            return Err(StoreError::Invalid(
                "a closed session cannot be changed".into(),
            ));
        }
        let unit = self
            .unit(&session.unit_code)
            .await?
            .ok_or_else(|| StoreError::Invalid("the session's unit is gone".into()))?;
        let plan = Plan {
            unit_code: session.unit_code.clone(),
            kind: session.kind(),
            ..plan.clone()
        };
        check_plan(&plan, &unit)?;
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        let mut model: class_sessions::ActiveModel = session.into();
        model.starts_at = Set(plan.starts_at);
        model.ends_at = Set(plan.ends_at);
        model.place = Set(plan.place.trim().to_string());
        model.courses = Set(plan.courses.join(","));
        let updated = model.update(&tx).await?;
        self.audit(&tx, by, "session.update", &format!("session:{id}"), "")
            .await?;
        tx.commit().await?;
        // Shown on its participants' "My learning".
        self.changed(crate::changes::Changed::Everyone).await;
        Ok(updated)
    }

    pub async fn session(&self, id: i64) -> Result<Option<Session>, StoreError> {
        Ok(class_sessions::Entity::find_by_id(id).one(&self.db).await?)
    }

    pub async fn facilitators_of(&self, session: i64) -> Result<Vec<i64>, StoreError> {
        Ok(session_facilitators::Entity::find()
            .filter(session_facilitators::Column::SessionId.eq(session))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|f| f.learner_id)
            .collect())
    }

    /// Records that `learner` presented a valid code for the session (the caller checked the
    /// code). A second check-in changes nothing.
    pub async fn check_in(
        &self,
        session: &Session,
        learner: i64,
        method: &str,
        now: i64,
    ) -> Result<CheckIn, StoreError> {
        if !session.is_open(now) {
            return Ok(CheckIn::NotOpen);
        }
        let key = (session.id, learner);
        if session_checkins::Entity::find_by_id(key)
            .one(&self.db)
            .await?
            .is_some()
        {
            return Ok(CheckIn::Already);
        }
        let inserted = session_checkins::ActiveModel {
            session_id: Set(session.id),
            learner_id: Set(learner),
            at: Set(now),
            method: Set(method.to_string()),
        }
        .insert(&self.db)
        .await;
        match inserted {
            Ok(_) => {
                self.changed(crate::changes::Changed::Progress(learner))
                    .await;
                Ok(CheckIn::Done)
            }
            // Two taps at once: the other insert won.
            Err(_)
                if session_checkins::Entity::find_by_id(key)
                    .one(&self.db)
                    .await?
                    .is_some() =>
            {
                Ok(CheckIn::Already)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Sessions taking check-ins at `now` (typed codes are matched against these).
    pub async fn open_sessions(&self, now: i64) -> Result<Vec<Session>, StoreError> {
        Ok(class_sessions::Entity::find()
            .filter(class_sessions::Column::StartsAt.lte(now + OPENS_BEFORE))
            .filter(class_sessions::Column::EndsAt.gt(now - GRACE))
            .filter(class_sessions::Column::ClosedAt.is_null())
            .all(&self.db)
            .await?
            .into_iter()
            .filter(|s| s.is_open(now))
            .collect())
    }

    /// Check-ins of the session, those of accounts deleted since included.
    pub async fn checkin_count(&self, session: i64) -> Result<i64, StoreError> {
        let erased = self
            .session(session)
            .await?
            .map_or(0, |s| i64::from(s.erased_checkins));
        let live = session_checkins::Entity::find()
            .filter(session_checkins::Column::SessionId.eq(session))
            .count(&self.db)
            .await? as i64;
        Ok(live + erased)
    }

    pub async fn has_checked_in(&self, session: i64, learner: i64) -> Result<bool, StoreError> {
        Ok(session_checkins::Entity::find_by_id((session, learner))
            .one(&self.db)
            .await?
            .is_some())
    }

    /// The sessions a learner checked in to, newest first.
    pub async fn sessions_attended(&self, learner: i64) -> Result<Vec<Session>, StoreError> {
        let ids: Vec<i64> = session_checkins::Entity::find()
            .filter(session_checkins::Column::LearnerId.eq(learner))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|c| c.session_id)
            .collect();
        Ok(class_sessions::Entity::find()
            .filter(class_sessions::Column::Id.is_in(ids))
            .order_by_desc(class_sessions::Column::StartsAt)
            .all(&self.db)
            .await?)
    }

    /// Every session of the units under `path`, oldest first, with its check-ins and facilitators.
    pub async fn sessions_under(&self, path: &str) -> Result<Vec<SessionFigures>, StoreError> {
        let codes: Vec<String> = units::Entity::find()
            .filter(units::Column::Path.starts_with(path))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|u| u.code)
            .collect();
        let sessions = class_sessions::Entity::find()
            .filter(class_sessions::Column::UnitCode.is_in(codes))
            .order_by_asc(class_sessions::Column::StartsAt)
            .all(&self.db)
            .await?;
        let ids: Vec<i64> = sessions.iter().map(|s| s.id).collect();
        let mut checkins: BTreeMap<i64, i64> = BTreeMap::new();
        for c in session_checkins::Entity::find()
            .filter(session_checkins::Column::SessionId.is_in(ids.clone()))
            .all(&self.db)
            .await?
        {
            *checkins.entry(c.session_id).or_default() += 1;
        }
        let mut facilitators: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
        for f in session_facilitators::Entity::find()
            .filter(session_facilitators::Column::SessionId.is_in(ids))
            .all(&self.db)
            .await?
        {
            facilitators
                .entry(f.session_id)
                .or_default()
                .push(f.learner_id);
        }
        Ok(sessions
            .into_iter()
            .map(|s| SessionFigures {
                checkins: checkins.get(&s.id).copied().unwrap_or(0) + i64::from(s.erased_checkins),
                facilitators: facilitators.remove(&s.id).unwrap_or_default(),
                session: s,
            })
            .collect())
    }

    /// Records how many came without a phone or account (numbers only); audit-logged.
    pub async fn set_headcount(
        &self,
        id: i64,
        count: Headcount,
        by: Option<i64>,
    ) -> Result<(), StoreError> {
        let within = |n: i32| (0..=MAX_HEADCOUNT).contains(&n);
        if !within(count.others)
            || !count.women.is_none_or(within)
            || !count.minority.is_none_or(within)
        {
            return Err(StoreError::Invalid(format!(
                "a headcount is a whole number from 0 to {MAX_HEADCOUNT}"
            )));
        }
        if count.women.is_some_and(|w| w > count.others)
            || count.minority.is_some_and(|m| m > count.others)
        {
            return Err(StoreError::Invalid(
                "women and ethnic-minority participants are part of the others counted".into(),
            ));
        }
        let session = self
            .session(id)
            .await?
            .ok_or(StoreError::NotFound("session"))?;
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        let mut model: class_sessions::ActiveModel = session.into();
        model.others = Set(count.others);
        model.others_women = Set(count.women);
        model.others_minority = Set(count.minority);
        model.update(&tx).await?;
        self.audit(
            &tx,
            by,
            "session.headcount",
            &format!("session:{id}"),
            &count.others.to_string(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ends check-in now (or leaves a closed session as it is).
    pub async fn close_session(&self, id: i64, by: Option<i64>) -> Result<Session, StoreError> {
        let session = self
            .session(id)
            .await?
            .ok_or(StoreError::NotFound("session"))?;
        let now = now_ms();
        if session.is_closed(now) {
            return Ok(session);
        }
        let _turn = self.writer().await;
        let tx = self.db.begin().await?;
        let mut model: class_sessions::ActiveModel = session.into();
        model.closed_at = Set(Some(now));
        let closed = model.update(&tx).await?;
        self.audit(&tx, by, "session.close", &format!("session:{id}"), "")
            .await?;
        tx.commit().await?;
        self.changed(crate::changes::Changed::Everyone).await;
        Ok(closed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(starts_at: i64, ends_at: i64, closed_at: Option<i64>) -> Session {
        Session {
            id: 1,
            unit_code: "C1".into(),
            kind: "class".into(),
            starts_at,
            ends_at,
            place: "Nhà văn hoá".into(),
            courses: "vneid,an-toan-zalo".into(),
            code_secret: String::new(),
            created_by: None,
            created_at: 0,
            closed_at,
            others: 0,
            others_women: None,
            others_minority: None,
            erased_checkins: 0,
        }
    }

    #[test]
    fn a_session_is_open_from_half_an_hour_before_until_closed_or_the_grace_ends() {
        let h = 3_600_000;
        let s = session(10 * h, 12 * h, None);
        assert!(!s.is_open(10 * h - OPENS_BEFORE - 1));
        assert!(s.is_open(10 * h - OPENS_BEFORE));
        assert!(s.is_open(12 * h + GRACE - 1));
        assert!(!s.is_open(12 * h + GRACE) && s.is_closed(12 * h + GRACE));
        let closed = session(10 * h, 12 * h, Some(11 * h));
        assert!(closed.is_open(11 * h - 1) && !closed.is_open(11 * h));
        assert_eq!(s.course_ids(), ["vneid", "an-toan-zalo"]);
    }

    #[test]
    fn a_session_is_held_once_started_with_someone_there() {
        let mut s = session(100, 200, None);
        assert!(!s.held(99, 3), "not started");
        assert!(!s.held(150, 0), "nobody came");
        assert!(s.held(150, 1));
        s.others = 4;
        assert!(s.held(150, 0), "the headcount counts");
    }
}
