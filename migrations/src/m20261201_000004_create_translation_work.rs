//! The translators' workspace: one row per text being translated (a lesson, or an interface
//! message) and locale, with its review state, the file text as last saved (what
//! `hocvu i18n export` writes), who translated and who reviewed it, and a returned text's comment.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TranslationWork {
    Table,
    /// A course id, or `_locales` for interface strings.
    CourseId,
    /// A lesson slug, or a Fluent message id.
    Item,
    Locale,
    /// `draft`, `submitted`, `returned` or `reviewed`.
    State,
    /// The whole file (a lesson translation) or message (Fluent) as last saved.
    Body,
    /// The Vietnamese lesson file it was made from (empty for interface strings).
    Source,
    TranslatorId,
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
                    .table(TranslationWork::Table)
                    .col(string_len(TranslationWork::CourseId, 64))
                    .col(string_len(TranslationWork::Item, 128))
                    .col(string_len(TranslationWork::Locale, 8))
                    .col(string_len(TranslationWork::State, 16))
                    .col(text(TranslationWork::Body))
                    .col(text(TranslationWork::Source))
                    .col(big_integer_null(TranslationWork::TranslatorId))
                    .col(big_integer_null(TranslationWork::ReviewerId))
                    .col(text_null(TranslationWork::Comment))
                    .col(big_integer(TranslationWork::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(TranslationWork::CourseId)
                            .col(TranslationWork::Item)
                            .col(TranslationWork::Locale),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TranslationWork::Table).to_owned())
            .await
    }
}
