//! Entities in sea-orm's compact format, one file per table of
//! `migrations/src/` (no relations: queries join by id).

pub mod activation_codes;
pub mod assignments;
pub mod audit_log;
pub mod certificates;
pub mod class_sessions;
pub mod consent_log;
pub mod course_completions;
pub mod exemptions;
pub mod learners;
pub mod lesson_progress;
pub mod narration_work;
pub mod progress_events;
pub mod quiz_attempts;
pub mod roles;
pub mod session_checkins;
pub mod session_facilitators;
pub mod translation_work;
pub mod units;
