use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "learners")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub username: Option<String>,
    pub password_hash: Option<String>,
    pub display_name: Option<String>,
    pub locale: String,
    pub commune: Option<String>,
    /// A village unit under `commune`, if the learner picked one.
    pub village: Option<String>,
    pub is_guest: bool,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub session_generation: i32,
    /// Staff only: the unit they work in, their position, the import's key for them (unique
    /// per unit) and an optional phone or e-mail from the staff list.
    pub unit_code: Option<String>,
    pub position: Option<String>,
    pub staff_key: Option<String>,
    pub contact: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
