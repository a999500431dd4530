//! hocvu-store: learners, progress, quiz attempts, completions and the audit log, through
//! sea-orm on SQLite (default, a file in the data directory) or PostgreSQL (several servers).
//!
//! It knows nothing of HTTP, templates or course files: callers pass course ids, versions and
//! hashes; the rule for which lessons count as complete is here ([`progress::completed_lessons`]).

pub mod assignments;
pub mod backup;
pub mod certificates;
pub mod changes;
pub mod csv;
pub mod entities;
pub mod events;
mod events_sqlite;
pub mod learners;
pub mod learning_records;
pub mod maintenance;
pub mod metrics;
pub mod narrations;
pub mod orgs;
pub mod progress;
pub mod reports;
pub mod sessions;
pub mod staff;
pub mod throttle;
pub mod translations;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};
use std::path::Path;
use std::time::Duration;

pub use sea_orm;
pub use sea_orm::DbErr as DatabaseError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Db(#[from] DbErr),
    #[error("the username `{0}` is already taken")]
    UsernameTaken(String),
    #[error("no such learner")]
    NoLearner,
    #[error("no such {0}")]
    NotFound(&'static str),
    #[error("{0}")]
    Invalid(String),
    #[error("the event writer has stopped (the server is shutting down)")]
    WriterStopped,
    #[error("unsupported database URL `{0}`: use sqlite://FILE or postgres://…")]
    BadUrl(String),
}

#[derive(Clone)]
pub struct Store {
    pub db: DatabaseConnection,
    /// SQLite allows one writer: transactions that read then write take turns here, since a
    /// deferred transaction racing another writer fails at once (SQLITE_BUSY_SNAPSHOT) rather
    /// than waiting. Unused on PostgreSQL.
    write_lock: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// The group-commit writer's queue (see [`events`]); `None` inside the writer itself.
    events: Option<events::Queue>,
    /// Who hears of writes (the web server's caches); shared by every clone.
    changes: std::sync::Arc<changes::Changes>,
}

/// Key of the PostgreSQL advisory lock that serialises migrations across servers starting at once.
const MIGRATION_LOCK: i64 = 0x686f_6376_7500;

/// Whether `e` says the database went away (a restart, a dropped connection) rather than that
/// the statement was wrong: worth retrying on a new connection.
pub fn is_transient(e: &DbErr) -> bool {
    if matches!(e, DbErr::ConnectionAcquire(_) | DbErr::Conn(_)) {
        return true;
    }
    let text = e.to_string().to_lowercase();
    [
        "connection",
        "communicating with database",
        "shutting down",
        "starting up",
        "administrator command",
        "pool timed out",
        "broken pipe",
    ]
    .iter()
    .any(|k| text.contains(k))
}

/// Unix milliseconds: how every time is stored.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

impl Store {
    /// The default database: `hocvu.db` in the data directory.
    pub fn sqlite_url(data_dir: &Path) -> String {
        format!("sqlite://{}?mode=rwc", data_dir.join("hocvu.db").display())
    }

    /// Connects to `sqlite://FILE?mode=rwc` (WAL, foreign keys on, synchronous=NORMAL, waits
    /// up to 5 s on a locked database) or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        Store::connect_with(url, true).await
    }

    /// `fast_sqlite_writer: false` applies events through sea-orm on SQLite too (tests compare).
    pub(crate) async fn connect_with(
        url: &str,
        fast_sqlite_writer: bool,
    ) -> Result<Store, StoreError> {
        let mut options = ConnectOptions::new(url.to_string());
        options
            .sqlx_logging(false)
            .connect_timeout(Duration::from_secs(10));
        if url.starts_with("sqlite:") {
            options.max_connections(8).map_sqlx_sqlite_opts(|o| {
                use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
                o.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5))
            });
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            options.max_connections(16);
        } else {
            return Err(StoreError::BadUrl(url.chars().take(40).collect()));
        }
        let db = if url.starts_with("sqlite:") {
            // Servers opening one new file at once race to switch it to WAL, and SQLite answers
            // "database is locked" at once rather than waiting: retry for up to 5 s.
            let mut attempt = 0;
            loop {
                match Database::connect(options.clone()).await {
                    Err(e) if attempt < 50 && e.to_string().contains("database is locked") => {
                        attempt += 1;
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    other => break other?,
                }
            }
        } else {
            Database::connect(options).await?
        };
        let core = Store {
            db,
            write_lock: Default::default(),
            events: None,
            changes: std::sync::Arc::new(changes::Changes::new(
                url.strip_prefix("sqlite://")
                    .or_else(|| url.strip_prefix("sqlite:"))
                    .map(|rest| rest.split('?').next().unwrap_or(rest))
                    .map(|db| std::path::PathBuf::from(format!("{db}-changes"))),
            )),
        };
        let queue = match url.strip_prefix("sqlite://") {
            Some(rest) if fast_sqlite_writer => {
                let path = rest.split('?').next().unwrap_or(rest);
                events_sqlite::start(Path::new(path), core.write_lock.clone())
                    .map_err(|e| StoreError::Db(DbErr::Custom(format!("{path}: {e}"))))?
            }
            _ => Store::start_event_writer(core.clone()),
        };
        Ok(Store {
            events: Some(queue),
            ..core
        })
    }

    /// Held for the duration of a read-then-write transaction (SQLite only).
    pub(crate) async fn writer(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self.backend() {
            DbBackend::Sqlite => Some(self.write_lock.lock().await),
            _ => None,
        }
    }

    pub async fn audit(
        &self,
        db: &impl ConnectionTrait,
        actor: Option<i64>,
        action: &str,
        subject: &str,
        detail: &str,
    ) -> Result<(), StoreError> {
        use sea_orm::{ActiveModelTrait, Set};
        entities::audit_log::ActiveModel {
            at: Set(now_ms()),
            actor_id: Set(actor),
            action: Set(action.to_string()),
            subject: Set(subject.chars().take(200).collect()),
            detail: Set(detail.to_string()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        Ok(())
    }

    /// The connection pool: (open connections, of which idle), for `/metrics`.
    pub fn pool_state(&self) -> (u32, usize) {
        match self.backend() {
            DbBackend::Postgres => {
                let pool = self.db.get_postgres_connection_pool();
                (pool.size(), pool.num_idle())
            }
            DbBackend::Sqlite => {
                let pool = self.db.get_sqlite_connection_pool();
                (pool.size(), pool.num_idle())
            }
            _ => (0, 0),
        }
    }

    /// One round trip to the database (health checks).
    pub async fn ping(&self) -> Result<(), StoreError> {
        Ok(self.db.ping().await?)
    }

    pub fn backend(&self) -> DbBackend {
        self.db.get_database_backend()
    }

    /// Applies pending migrations inside one transaction that first takes a database-wide
    /// lock, so servers starting together take turns: PostgreSQL's advisory lock, or on SQLite
    /// a write (SQLite has one writer; the others wait on the busy timeout).
    pub async fn migrate(&self) -> Result<(), StoreError> {
        if self.backend() != DbBackend::Postgres {
            // Outside the transaction: inside, this read would come before the write below, and
            // SQLite cannot upgrade a read to a write once another writer has committed.
            self.db
                .execute_unprepared("CREATE TABLE IF NOT EXISTS hocvu_migration_lock (id INTEGER)")
                .await?;
        }
        let tx = self.db.begin().await?;
        match self.backend() {
            DbBackend::Postgres => {
                tx.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
                    .await?;
            }
            // The first statement writes, so it waits (busy timeout) for the write lock.
            _ => {
                tx.execute_unprepared("DELETE FROM hocvu_migration_lock")
                    .await?;
            }
        }
        Migrator::up(&tx, None).await?;
        tx.commit().await?;
        Ok(())
    }
}

use sea_orm::TransactionTrait;

#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn servers_starting_together_migrate_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut urls = vec![Store::sqlite_url(dir.path())];
        if let Ok(url) = std::env::var("HOCVU_TEST_POSTGRES_URL") {
            urls.push(fresh_schema(&url).await);
        }
        for url in urls {
            let mut tasks = Vec::new();
            for _ in 0..4 {
                let url = url.clone();
                tasks.push(tokio::spawn(async move {
                    let store = Store::connect(&url).await.unwrap();
                    store.migrate().await
                }));
            }
            for t in tasks {
                t.await.unwrap().unwrap();
            }
            let store = Store::connect(&url).await.unwrap();
            assert!(store.create_guest("vi").await.is_ok());
        }
    }

    #[tokio::test]
    async fn every_migration_goes_down_and_up_again() {
        for (store, _dir) in stores().await {
            store.create_guest("vi").await.unwrap();
            Migrator::down(&store.db, None).await.unwrap();
            assert!(store.create_guest("vi").await.is_err(), "tables are gone");
            store.migrate().await.unwrap();
            assert!(store.create_guest("vi").await.is_ok());
        }
    }

    #[tokio::test]
    async fn bad_urls_are_refused_with_the_reason() {
        let err = Store::connect("mysql://x").await.err().unwrap().to_string();
        assert!(
            err.contains("sqlite://") && err.contains("postgres://"),
            "{err}"
        );
    }

    /// A URL whose connections use a new, empty schema of the test database.
    async fn fresh_schema(url: &str) -> String {
        let schema = format!(
            "t{}",
            (now_ms() ^ i64::from(std::process::id()) ^ rand_suffix()).unsigned_abs()
        );
        let admin = Store::connect(url).await.unwrap();
        admin
            .db
            .execute_unprepared(&format!("CREATE SCHEMA {schema}"))
            .await
            .unwrap();
        let sep = if url.contains('?') { '&' } else { '?' };
        format!("{url}{sep}options=-c%20search_path%3D{schema}")
    }

    /// A migrated store on a fresh SQLite file, or on the PostgreSQL database named by
    /// `HOCVU_TEST_POSTGRES_URL` (each test in its own schema) when `postgres` is true.
    pub async fn stores() -> Vec<(Store, Option<tempfile::TempDir>)> {
        let dir = tempfile::tempdir().unwrap();
        let sqlite = Store::connect(&Store::sqlite_url(dir.path()))
            .await
            .unwrap();
        sqlite.migrate().await.unwrap();
        let mut out = vec![(sqlite, Some(dir))];
        if let Ok(url) = std::env::var("HOCVU_TEST_POSTGRES_URL") {
            let store = Store::connect(&fresh_schema(&url).await).await.unwrap();
            store.migrate().await.unwrap();
            out.push((store, None));
        }
        out
    }

    fn rand_suffix() -> i64 {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u8(0);
        (h.finish() >> 8) as i64
    }
}
