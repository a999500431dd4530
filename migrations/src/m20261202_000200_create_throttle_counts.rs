//! Failed attempts (logins, activation codes, check-in codes) counted in the database, so all
//! servers share one count: a key's hash, how many failures, and when its window began.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ThrottleCounts {
    Table,
    /// SHA-256 (hex) of `kind:subject`, e.g. of `user:lan` or `ip:203.0.113.9`: no names or
    /// addresses are stored.
    KeyHash,
    Failures,
    /// Unix ms when the current window began.
    WindowStart,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ThrottleCounts::Table)
                    .col(string_len(ThrottleCounts::KeyHash, 64).primary_key())
                    .col(integer(ThrottleCounts::Failures))
                    .col(big_integer(ThrottleCounts::WindowStart))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ThrottleCounts::Table).to_owned())
            .await
    }
}
