use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lesson_progress")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub learner_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub course_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub lesson_slug: String,
    pub course_version: String,
    pub bundle_hash: String,
    pub lesson_hash: String,
    pub opened_at: i64,
    pub completed_at: Option<i64>,
    pub best_right: i32,
    pub best_total: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
