//! A certificate re-issued after its holder corrected their name: the old row stays (revoked,
//! `replaced_by` the new code) so `/verify` of the old code points to the new one. A learner
//! then has one *current* certificate per course (`replaced_by` empty), not one in all.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Certificates {
    Table,
    LearnerId,
    CourseId,
    ReplacedBy,
}

const OLD_INDEX: &str = "ux_certificate_learner_course";
const CURRENT_INDEX: &str = "ux_certificate_current";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Certificates::Table)
                    .add_column(
                        ColumnDef::new(Certificates::ReplacedBy)
                            .string_len(10)
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(OLD_INDEX)
                    .table(Certificates::Table)
                    .to_owned(),
            )
            .await?;
        // A partial index (same syntax in SQLite and PostgreSQL; sea-query has no builder for it).
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "CREATE UNIQUE INDEX {CURRENT_INDEX} ON certificates (learner_id, course_id) \
                 WHERE replaced_by IS NULL"
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The replaced certificates go (their successors carry the same completion), so
        // one certificate per learner and course holds again.
        manager
            .get_connection()
            .execute_unprepared("DELETE FROM certificates WHERE replaced_by IS NOT NULL")
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(CURRENT_INDEX)
                    .table(Certificates::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Certificates::Table)
                    .drop_column(Certificates::ReplacedBy)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(OLD_INDEX)
                    .table(Certificates::Table)
                    .col(Certificates::LearnerId)
                    .col(Certificates::CourseId)
                    .unique()
                    .to_owned(),
            )
            .await
    }
}
