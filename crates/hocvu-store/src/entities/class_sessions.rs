use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "class_sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub unit_code: String,
    /// `class` or `guidance`.
    pub kind: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: String,
    /// Course ids, comma-separated.
    pub courses: String,
    pub code_secret: String,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub closed_at: Option<i64>,
    pub others: i32,
    pub others_women: Option<i32>,
    pub others_minority: Option<i32>,
    pub erased_checkins: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
