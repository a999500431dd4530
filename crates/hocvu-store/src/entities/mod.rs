//! Entities in sea-orm's compact format, one file per table of
//! `migrations/src/m20261122_000001_create_learning_tables.rs` (no relations: queries join by id).

pub mod audit_log;
pub mod consent_log;
pub mod course_completions;
pub mod learners;
pub mod lesson_progress;
pub mod progress_events;
pub mod quiz_attempts;
