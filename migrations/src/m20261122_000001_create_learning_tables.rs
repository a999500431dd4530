//! Learners (accounts and guests), consent log, lesson progress, quiz attempts, course
//! completions, idempotency keys of client progress events, and the audit log.
//! Times are Unix milliseconds (BIGINT): the same on SQLite and PostgreSQL.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Learners {
    Table,
    Id,
    Username,
    PasswordHash,
    DisplayName,
    Locale,
    Commune,
    IsGuest,
    CreatedAt,
    LastSeenAt,
}

#[derive(DeriveIden)]
enum ConsentLog {
    Table,
    Id,
    LearnerId,
    Version,
    Locale,
    AcceptedAt,
}

#[derive(DeriveIden)]
enum LessonProgress {
    Table,
    LearnerId,
    CourseId,
    LessonSlug,
    CourseVersion,
    BundleHash,
    LessonHash,
    OpenedAt,
    CompletedAt,
    BestRight,
    BestTotal,
}

#[derive(DeriveIden)]
enum QuizAttempts {
    Table,
    Id,
    LearnerId,
    CourseId,
    LessonSlug,
    CourseVersion,
    BundleHash,
    LessonHash,
    Answers,
    RightCount,
    Total,
    Passed,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CourseCompletions {
    Table,
    LearnerId,
    CourseId,
    CourseVersion,
    BundleHash,
    CompletedAt,
}

#[derive(DeriveIden)]
enum ProgressEvents {
    Table,
    LearnerId,
    EventId,
    Kind,
    ReceivedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    Action,
    Subject,
    Detail,
}

fn learner_fk(table: impl IntoIden + 'static, name: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from_tbl(table)
        .from_col(Alias::new("learner_id"))
        .to_tbl(Learners::Table)
        .to_col(Learners::Id)
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
                    .table(Learners::Table)
                    .col(big_pk_auto(Learners::Id))
                    // Lower-cased username or normalised phone number; NULL for guests.
                    .col(string_len_null(Learners::Username, 64).unique_key())
                    .col(string_null(Learners::PasswordHash))
                    .col(string_len_null(Learners::DisplayName, 120))
                    .col(string_len(Learners::Locale, 8))
                    .col(string_len_null(Learners::Commune, 32))
                    .col(boolean(Learners::IsGuest))
                    .col(big_integer(Learners::CreatedAt))
                    .col(big_integer(Learners::LastSeenAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ConsentLog::Table)
                    .col(big_pk_auto(ConsentLog::Id))
                    .col(big_integer(ConsentLog::LearnerId))
                    .col(string_len(ConsentLog::Version, 32))
                    .col(string_len(ConsentLog::Locale, 8))
                    .col(big_integer(ConsentLog::AcceptedAt))
                    .foreign_key(&mut learner_fk(ConsentLog::Table, "fk_consent_learner"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LessonProgress::Table)
                    .col(big_integer(LessonProgress::LearnerId))
                    .col(string_len(LessonProgress::CourseId, 64))
                    .col(string_len(LessonProgress::LessonSlug, 96))
                    .col(string_len(LessonProgress::CourseVersion, 32))
                    .col(string_len(LessonProgress::BundleHash, 64))
                    .col(string_len(LessonProgress::LessonHash, 16))
                    .col(big_integer(LessonProgress::OpenedAt))
                    .col(big_integer_null(LessonProgress::CompletedAt))
                    .col(integer(LessonProgress::BestRight))
                    .col(integer(LessonProgress::BestTotal))
                    .primary_key(
                        Index::create()
                            .col(LessonProgress::LearnerId)
                            .col(LessonProgress::CourseId)
                            .col(LessonProgress::LessonSlug),
                    )
                    .foreign_key(&mut learner_fk(
                        LessonProgress::Table,
                        "fk_progress_learner",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(QuizAttempts::Table)
                    .col(big_pk_auto(QuizAttempts::Id))
                    .col(big_integer(QuizAttempts::LearnerId))
                    .col(string_len(QuizAttempts::CourseId, 64))
                    .col(string_len(QuizAttempts::LessonSlug, 96))
                    .col(string_len(QuizAttempts::CourseVersion, 32))
                    .col(string_len(QuizAttempts::BundleHash, 64))
                    .col(string_len(QuizAttempts::LessonHash, 16))
                    // JSON object: question id → chosen option ids.
                    .col(text(QuizAttempts::Answers))
                    .col(integer(QuizAttempts::RightCount))
                    .col(integer(QuizAttempts::Total))
                    .col(boolean(QuizAttempts::Passed))
                    .col(big_integer(QuizAttempts::CreatedAt))
                    .foreign_key(&mut learner_fk(QuizAttempts::Table, "fk_attempt_learner"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attempts_learner_course")
                    .table(QuizAttempts::Table)
                    .col(QuizAttempts::LearnerId)
                    .col(QuizAttempts::CourseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CourseCompletions::Table)
                    .col(big_integer(CourseCompletions::LearnerId))
                    .col(string_len(CourseCompletions::CourseId, 64))
                    .col(string_len(CourseCompletions::CourseVersion, 32))
                    .col(string_len(CourseCompletions::BundleHash, 64))
                    .col(big_integer(CourseCompletions::CompletedAt))
                    .primary_key(
                        Index::create()
                            .col(CourseCompletions::LearnerId)
                            .col(CourseCompletions::CourseId),
                    )
                    .foreign_key(&mut learner_fk(
                        CourseCompletions::Table,
                        "fk_completion_learner",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProgressEvents::Table)
                    .col(big_integer(ProgressEvents::LearnerId))
                    // Client-generated id: replaying a batch finds the ids already stored.
                    .col(string_len(ProgressEvents::EventId, 64))
                    .col(string_len(ProgressEvents::Kind, 32))
                    .col(big_integer(ProgressEvents::ReceivedAt))
                    .primary_key(
                        Index::create()
                            .col(ProgressEvents::LearnerId)
                            .col(ProgressEvents::EventId),
                    )
                    .foreign_key(&mut learner_fk(ProgressEvents::Table, "fk_event_learner"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Id))
                    .col(big_integer(AuditLog::At))
                    // No foreign key: entries outlive a deleted account, naming only its number.
                    .col(big_integer_null(AuditLog::ActorId))
                    .col(string_len(AuditLog::Action, 48))
                    .col(string_len(AuditLog::Subject, 200))
                    .col(text(AuditLog::Detail))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            ProgressEvents::Table.into_iden(),
            CourseCompletions::Table.into_iden(),
            QuizAttempts::Table.into_iden(),
            LessonProgress::Table.into_iden(),
            ConsentLog::Table.into_iden(),
            Learners::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
