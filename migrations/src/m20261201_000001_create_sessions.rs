//! Commune classes and village guidance sessions: the session (unit, kind, time, place, the
//! courses it covers, the secret its rotating check-in codes come from, the headcount of people
//! without a phone), its facilitators, and the participants who checked themselves in.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ClassSessions {
    Table,
    Id,
    UnitCode,
    /// `class` (commune/ward) or `guidance` (village).
    Kind,
    StartsAt,
    EndsAt,
    Place,
    /// Course ids, comma-separated, in the order given.
    Courses,
    /// 32 random bytes (hex): check-in codes are derived from it and the minute.
    CodeSecret,
    CreatedBy,
    CreatedAt,
    ClosedAt,
    /// Participants without a phone or account: a number, never names.
    Others,
    OthersWomen,
    OthersMinority,
    /// Check-ins of accounts deleted since: still counted, no longer linked to anyone.
    ErasedCheckins,
}

#[derive(DeriveIden)]
enum SessionFacilitators {
    Table,
    SessionId,
    LearnerId,
}

#[derive(DeriveIden)]
enum SessionCheckins {
    Table,
    SessionId,
    LearnerId,
    At,
    /// `qr` or `typed`.
    Method,
}

#[derive(DeriveIden)]
enum Learners {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Units {
    Table,
    Code,
}

fn fk(
    name: &str,
    from: impl IntoIden + 'static,
    col: impl IntoIden + 'static,
    to: impl IntoIden + 'static,
    to_col: impl IntoIden + 'static,
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
                    .table(ClassSessions::Table)
                    .col(big_pk_auto(ClassSessions::Id))
                    .col(string_len(ClassSessions::UnitCode, 32))
                    .col(string_len(ClassSessions::Kind, 16))
                    .col(big_integer(ClassSessions::StartsAt))
                    .col(big_integer(ClassSessions::EndsAt))
                    .col(text(ClassSessions::Place))
                    .col(text(ClassSessions::Courses))
                    .col(string_len(ClassSessions::CodeSecret, 64))
                    .col(big_integer_null(ClassSessions::CreatedBy))
                    .col(big_integer(ClassSessions::CreatedAt))
                    .col(big_integer_null(ClassSessions::ClosedAt))
                    .col(integer(ClassSessions::Others).default(0))
                    .col(integer_null(ClassSessions::OthersWomen))
                    .col(integer_null(ClassSessions::OthersMinority))
                    .col(integer(ClassSessions::ErasedCheckins).default(0))
                    .foreign_key(&mut fk(
                        "fk_session_unit",
                        ClassSessions::Table,
                        ClassSessions::UnitCode,
                        Units::Table,
                        Units::Code,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_sessions_unit_start")
                    .table(ClassSessions::Table)
                    .col(ClassSessions::UnitCode)
                    .col(ClassSessions::StartsAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SessionFacilitators::Table)
                    .col(big_integer(SessionFacilitators::SessionId))
                    .col(big_integer(SessionFacilitators::LearnerId))
                    .primary_key(
                        Index::create()
                            .col(SessionFacilitators::SessionId)
                            .col(SessionFacilitators::LearnerId),
                    )
                    .foreign_key(&mut fk(
                        "fk_facilitator_session",
                        SessionFacilitators::Table,
                        SessionFacilitators::SessionId,
                        ClassSessions::Table,
                        ClassSessions::Id,
                    ))
                    .foreign_key(&mut fk(
                        "fk_facilitator_learner",
                        SessionFacilitators::Table,
                        SessionFacilitators::LearnerId,
                        Learners::Table,
                        Learners::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SessionCheckins::Table)
                    .col(big_integer(SessionCheckins::SessionId))
                    .col(big_integer(SessionCheckins::LearnerId))
                    .col(big_integer(SessionCheckins::At))
                    .col(string_len(SessionCheckins::Method, 8))
                    .primary_key(
                        Index::create()
                            .col(SessionCheckins::SessionId)
                            .col(SessionCheckins::LearnerId),
                    )
                    .foreign_key(&mut fk(
                        "fk_checkin_session",
                        SessionCheckins::Table,
                        SessionCheckins::SessionId,
                        ClassSessions::Table,
                        ClassSessions::Id,
                    ))
                    .foreign_key(&mut fk(
                        "fk_checkin_learner",
                        SessionCheckins::Table,
                        SessionCheckins::LearnerId,
                        Learners::Table,
                        Learners::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_checkins_learner")
                    .table(SessionCheckins::Table)
                    .col(SessionCheckins::LearnerId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SessionCheckins::Table.into_iden(),
            SessionFacilitators::Table.into_iden(),
            ClassSessions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
