use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "translation_work")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub course_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub item: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub locale: String,
    pub state: String,
    pub body: String,
    pub source: String,
    pub translator_id: Option<i64>,
    pub reviewer_id: Option<i64>,
    pub comment: Option<String>,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
