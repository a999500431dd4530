use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assignments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub course_id: String,
    /// Everyone on the staff of this unit's subtree…
    pub unit_code: String,
    /// …or only those with this position.
    pub position: Option<String>,
    /// `YYYY-MM-DD`: overdue from the next day (Vietnam time).
    pub due_on: String,
    pub created_by: Option<i64>,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
