use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "roles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub learner_id: i64,
    /// manager, admin, author, facilitator, translator or reviewer.
    #[sea_orm(primary_key, auto_increment = false)]
    pub role: String,
    /// The scope: the unit of a manager or facilitator, the locale of a translator or
    /// reviewer, `""` for province-wide roles.
    #[sea_orm(primary_key, auto_increment = false)]
    pub unit_code: String,
    pub granted_by: Option<i64>,
    pub granted_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
