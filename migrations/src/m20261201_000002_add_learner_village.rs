//! The village (thôn, buôn, tổ dân phố) a citizen may pick after their commune.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Learners {
    Table,
    Village,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Learners::Table)
                    .add_column(ColumnDef::new(Learners::Village).string_len(32).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Learners::Table)
                    .drop_column(Learners::Village)
                    .to_owned(),
            )
            .await
    }
}
