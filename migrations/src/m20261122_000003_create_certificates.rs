//! `certificates`: one per learner and course, with the signed token as issued and, once
//! revoked, when and why. Deleting the learner deletes them (verification then says unknown).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Certificates {
    Table,
    Code,
    LearnerId,
    CourseId,
    DisplayName,
    CourseTitle,
    CourseTitleVi,
    CourseVersion,
    BundleHash,
    CompletedOn,
    Issuer,
    Lang,
    IssuedAt,
    Token,
    RevokedAt,
    RevokedReason,
}

#[derive(DeriveIden)]
enum Learners {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Certificates::Table)
                    .col(string_len(Certificates::Code, 10).primary_key())
                    .col(big_integer(Certificates::LearnerId))
                    .col(string_len(Certificates::CourseId, 64))
                    .col(text(Certificates::DisplayName))
                    .col(text(Certificates::CourseTitle))
                    .col(text(Certificates::CourseTitleVi))
                    .col(string_len(Certificates::CourseVersion, 32))
                    .col(string_len(Certificates::BundleHash, 64))
                    .col(string_len(Certificates::CompletedOn, 10))
                    .col(text(Certificates::Issuer))
                    .col(string_len(Certificates::Lang, 16))
                    .col(big_integer(Certificates::IssuedAt))
                    .col(text(Certificates::Token))
                    .col(big_integer_null(Certificates::RevokedAt))
                    .col(text_null(Certificates::RevokedReason))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_certificate_learner")
                            .from_col(Certificates::LearnerId)
                            .to_tbl(Learners::Table)
                            .to_col(Learners::Id)
                            .on_delete(ForeignKeyAction::Cascade)
                            .on_update(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_certificate_learner_course")
                    .table(Certificates::Table)
                    .col(Certificates::LearnerId)
                    .col(Certificates::CourseId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Certificates::Table).to_owned())
            .await
    }
}
