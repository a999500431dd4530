//! The narrators' workspace: one row per recorded part (a lesson, or one of its questions) and
//! locale, with the uploaded audio itself (so every server of a PostgreSQL deployment can play
//! it back to a reviewer), its probe figures, the hash of the text read, who recorded and who
//! reviewed it, and a returned recording's comment.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum NarrationWork {
    Table,
    CourseId,
    /// The lesson slug.
    Item,
    /// `lesson` or a question id (`q1`, …).
    Part,
    Locale,
    /// `submitted`, `returned` or `accepted`.
    State,
    Audio,
    /// The file extension its content calls for (`opus`, `webm`, `m4a`, `ogg`, `mp3`).
    Extension,
    DurationMs,
    /// Hash of the text that was read aloud, at the time of recording.
    SourceHash,
    NarratorId,
    ReviewerId,
    Comment,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(NarrationWork::Table)
                    .col(string_len(NarrationWork::CourseId, 64))
                    .col(string_len(NarrationWork::Item, 128))
                    .col(string_len(NarrationWork::Part, 16))
                    .col(string_len(NarrationWork::Locale, 8))
                    .col(string_len(NarrationWork::State, 16))
                    .col(blob(NarrationWork::Audio))
                    .col(string_len(NarrationWork::Extension, 8))
                    .col(big_integer(NarrationWork::DurationMs))
                    .col(string_len(NarrationWork::SourceHash, 64))
                    .col(big_integer_null(NarrationWork::NarratorId))
                    .col(big_integer_null(NarrationWork::ReviewerId))
                    .col(text_null(NarrationWork::Comment))
                    .col(big_integer(NarrationWork::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(NarrationWork::CourseId)
                            .col(NarrationWork::Item)
                            .col(NarrationWork::Part)
                            .col(NarrationWork::Locale),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(NarrationWork::Table).to_owned())
            .await
    }
}
