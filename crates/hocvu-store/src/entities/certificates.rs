use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "certificates")]
pub struct Model {
    /// The short code people type (canonical form, 10 characters).
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub learner_id: i64,
    pub course_id: String,
    /// As printed, exactly as the learner gave it.
    pub display_name: String,
    /// In `lang`; `course_title_vi` is the Vietnamese title.
    pub course_title: String,
    pub course_title_vi: String,
    pub course_version: String,
    pub bundle_hash: String,
    /// `YYYY-MM-DD`, in Vietnam's time zone.
    pub completed_on: String,
    pub issuer: String,
    pub lang: String,
    pub issued_at: i64,
    /// The signed claims (compact JWS) as issued.
    pub token: String,
    pub revoked_at: Option<i64>,
    pub revoked_reason: Option<String>,
    /// The certificate re-issued in its place (the holder corrected their name).
    pub replaced_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
