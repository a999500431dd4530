//! The API's view of classes and guidance sessions (shared by its handlers).

use crate::classes::Facilitation;
use crate::site::Site;
use crate::site::accounts::Accounts;
use crate::site::error::AppError;
use hocvu_store::entities::learners;
use hocvu_store::sessions::Session;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct SessionReport {
    pub id: i64,
    /// `class` (commune/ward) or `guidance` (village).
    pub kind: String,
    pub unit: String,
    /// Unix milliseconds.
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: String,
    pub courses: Vec<String>,
    /// Taking check-ins now.
    pub open: bool,
    pub closed: bool,
    /// Participants who checked themselves in.
    pub checked_in: i64,
    /// Counted without a phone or account (numbers, no names).
    pub others: i32,
    /// Of whom women / ethnic-minority participants, when known and 5 or more (small groups
    /// are never shown).
    pub others_women: Option<i32>,
    pub others_minority: Option<i32>,
    pub participants: i64,
}

impl SessionReport {
    pub fn new(s: &Session, checked_in: i64) -> SessionReport {
        let now = hocvu_store::now_ms();
        SessionReport {
            id: s.id,
            kind: s.kind.clone(),
            unit: s.unit_code.clone(),
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            place: s.place.clone(),
            courses: s.course_ids().into_iter().map(str::to_string).collect(),
            open: s.is_open(now),
            closed: s.is_closed(now),
            checked_in,
            others: s.others,
            others_women: s
                .others_women
                .filter(|n| i64::from(*n) >= crate::manage::MIN_GROUP),
            others_minority: s
                .others_minority
                .filter(|n| i64::from(*n) >= crate::manage::MIN_GROUP),
            participants: checked_in + i64::from(s.others),
        }
    }
}

/// The caller as a facilitator (403 for anyone who runs no sessions).
pub async fn facilitation(
    site: &Site,
    accounts: &Accounts,
    learner: learners::Model,
) -> Result<Facilitation, AppError> {
    let lang = hocvu_content::Locale::SOURCE;
    Facilitation::of(site, accounts, learner, lang).await
}
