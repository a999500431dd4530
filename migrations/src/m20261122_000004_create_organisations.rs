//! Organisations: the unit tree (province → communes/wards and agencies → departments), staff
//! fields on learners, roles with a unit scope, one-time activation codes, course assignments
//! with due dates, and exemptions with their reason.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Units {
    Table,
    Code,
    Name,
    ParentCode,
    Kind,
    /// `/68/68001/…/`: every ancestor's code, so a subtree is one `LIKE 'prefix%'`.
    Path,
    /// Adult population (for the "80% of adults certified" target), when known.
    Adults,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Learners {
    Table,
    Id,
    UnitCode,
    Position,
    StaffKey,
    Contact,
}

#[derive(DeriveIden)]
enum Roles {
    Table,
    LearnerId,
    Role,
    /// `''` for province-wide roles (admin, author).
    UnitCode,
    GrantedBy,
    GrantedAt,
}

#[derive(DeriveIden)]
enum ActivationCodes {
    Table,
    CodeHash,
    LearnerId,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum Assignments {
    Table,
    Id,
    CourseId,
    UnitCode,
    Position,
    DueOn,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Exemptions {
    Table,
    AssignmentId,
    LearnerId,
    Reason,
    ExemptedBy,
    At,
}

fn cascade(
    from: impl IntoIden + 'static,
    col: impl IntoIden + 'static,
    to: impl IntoIden + 'static,
    to_col: impl IntoIden + 'static,
    name: &str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from_tbl(from)
        .from_col(col)
        .to_tbl(to)
        .to_col(to_col)
        .on_delete(ForeignKeyAction::Cascade)
        .on_update(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Units::Table)
                    .col(string_len(Units::Code, 32).primary_key())
                    .col(text(Units::Name))
                    .col(string_len_null(Units::ParentCode, 32))
                    .col(string_len(Units::Kind, 16))
                    .col(text(Units::Path))
                    .col(big_integer_null(Units::Adults))
                    .col(big_integer(Units::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_units_path")
                    .table(Units::Table)
                    .col(Units::Path)
                    .to_owned(),
            )
            .await?;
        for column in [
            ColumnDef::new(Learners::UnitCode)
                .string_len(32)
                .null()
                .to_owned(),
            ColumnDef::new(Learners::Position).text().null().to_owned(),
            ColumnDef::new(Learners::StaffKey)
                .string_len(128)
                .null()
                .to_owned(),
            ColumnDef::new(Learners::Contact).text().null().to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Learners::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ux_learners_unit_staff_key")
                    .table(Learners::Table)
                    .col(Learners::UnitCode)
                    .col(Learners::StaffKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Roles::Table)
                    .col(big_integer(Roles::LearnerId))
                    .col(string_len(Roles::Role, 16))
                    .col(string_len(Roles::UnitCode, 32))
                    .col(big_integer_null(Roles::GrantedBy))
                    .col(big_integer(Roles::GrantedAt))
                    .primary_key(
                        Index::create()
                            .col(Roles::LearnerId)
                            .col(Roles::Role)
                            .col(Roles::UnitCode),
                    )
                    .foreign_key(&mut cascade(
                        Roles::Table,
                        Roles::LearnerId,
                        Learners::Table,
                        Learners::Id,
                        "fk_role_learner",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ActivationCodes::Table)
                    .col(string_len(ActivationCodes::CodeHash, 64).primary_key())
                    .col(big_integer(ActivationCodes::LearnerId))
                    .col(big_integer(ActivationCodes::CreatedAt))
                    .col(big_integer(ActivationCodes::ExpiresAt))
                    .col(big_integer_null(ActivationCodes::UsedAt))
                    .foreign_key(&mut cascade(
                        ActivationCodes::Table,
                        ActivationCodes::LearnerId,
                        Learners::Table,
                        Learners::Id,
                        "fk_activation_learner",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Assignments::Table)
                    .col(big_integer(Assignments::Id).auto_increment().primary_key())
                    .col(string_len(Assignments::CourseId, 64))
                    .col(string_len(Assignments::UnitCode, 32))
                    .col(text_null(Assignments::Position))
                    .col(string_len(Assignments::DueOn, 10))
                    .col(big_integer_null(Assignments::CreatedBy))
                    .col(big_integer(Assignments::CreatedAt))
                    .foreign_key(&mut cascade(
                        Assignments::Table,
                        Assignments::UnitCode,
                        Units::Table,
                        Units::Code,
                        "fk_assignment_unit",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Exemptions::Table)
                    .col(big_integer(Exemptions::AssignmentId))
                    .col(big_integer(Exemptions::LearnerId))
                    .col(text(Exemptions::Reason))
                    .col(big_integer_null(Exemptions::ExemptedBy))
                    .col(big_integer(Exemptions::At))
                    .primary_key(
                        Index::create()
                            .col(Exemptions::AssignmentId)
                            .col(Exemptions::LearnerId),
                    )
                    .foreign_key(&mut cascade(
                        Exemptions::Table,
                        Exemptions::AssignmentId,
                        Assignments::Table,
                        Assignments::Id,
                        "fk_exemption_assignment",
                    ))
                    .foreign_key(&mut cascade(
                        Exemptions::Table,
                        Exemptions::LearnerId,
                        Learners::Table,
                        Learners::Id,
                        "fk_exemption_learner",
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Exemptions::Table.into_iden(),
            Assignments::Table.into_iden(),
            ActivationCodes::Table.into_iden(),
            Roles::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("ux_learners_unit_staff_key")
                    .table(Learners::Table)
                    .to_owned(),
            )
            .await?;
        for column in [
            Learners::UnitCode,
            Learners::Position,
            Learners::StaffKey,
            Learners::Contact,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Learners::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(Units::Table).to_owned())
            .await
    }
}
