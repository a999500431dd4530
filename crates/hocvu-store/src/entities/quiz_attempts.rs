use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "quiz_attempts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub learner_id: i64,
    pub course_id: String,
    pub lesson_slug: String,
    pub course_version: String,
    pub bundle_hash: String,
    pub lesson_hash: String,
    pub answers: String,
    pub right_count: i32,
    pub total: i32,
    pub passed: bool,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
