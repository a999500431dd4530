//! `learners.session_generation`: sessions carry it; bumping it (password change) ends every
//! other session of the learner.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Learners {
    Table,
    SessionGeneration,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Learners::Table)
                    .add_column(
                        ColumnDef::new(Learners::SessionGeneration)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Learners::Table)
                    .drop_column(Learners::SessionGeneration)
                    .to_owned(),
            )
            .await
    }
}
