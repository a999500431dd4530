//! hocvu's database schema as sea-orm migrations. Append-only once landed: a change is a new
//! `mYYYYMMDD_NNNNNN_verb_noun.rs` file with a working `down`. Knows nothing but sea-orm-migration.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_create_learning_tables;
mod m20261122_000002_add_session_generation;
mod m20261122_000003_create_certificates;
mod m20261122_000004_create_organisations;
mod m20261201_000001_create_sessions;
mod m20261201_000002_add_learner_village;
mod m20261201_000003_add_certificate_replacement;
mod m20261201_000004_create_translation_work;
mod m20261202_000100_create_narration_work;
// Operations (issue 19): m20261202_0002xx
mod m20261202_000200_create_throttle_counts;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_create_learning_tables::Migration),
            Box::new(m20261122_000002_add_session_generation::Migration),
            Box::new(m20261122_000003_create_certificates::Migration),
            Box::new(m20261122_000004_create_organisations::Migration),
            Box::new(m20261201_000001_create_sessions::Migration),
            Box::new(m20261201_000002_add_learner_village::Migration),
            Box::new(m20261201_000003_add_certificate_replacement::Migration),
            Box::new(m20261201_000004_create_translation_work::Migration),
            Box::new(m20261202_000100_create_narration_work::Migration),
            // Operations (issue 19)
            Box::new(m20261202_000200_create_throttle_counts::Migration),
        ]
    }
}
