//! Who changed: every write that alters what a learner's pages show (their account, progress,
//! completions, certificates, roles, required courses) says so here after it commits, so the
//! web server's in-process caches drop what they hold. Listeners are called synchronously: the
//! next request after a write on this server sees it.
//!
//! Servers sharing a PostgreSQL database hear each other's writes through `NOTIFY` on the
//! channel [`CHANNEL`] ([`Store::listen_for_changes`]); a server that cannot be sure it heard
//! everything (its listening connection dropped) says [`Changed::Unknown`] until it is
//! listening again.

use crate::{Store, StoreError};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::sync::{Arc, RwLock};

/// The PostgreSQL notification channel.
pub const CHANNEL: &str = "hocvu_changed";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// One learner's account (name, password, roles, unit) and everything below.
    Learner(i64),
    /// Only what one learner has done (progress, completions, certificates, required courses).
    Progress(i64),
    /// Many learners' (units, required courses, a staff import).
    Everyone,
    /// Changes on other servers may have been missed (not listening): trust nothing cached
    /// until [`Changed::Listening`].
    Unknown,
    /// Hearing other servers' changes again (after [`Changed::Unknown`]).
    Listening,
}

type Listener = Arc<dyn Fn(Changed) + Send + Sync>;

/// The listeners of one store and its clones.
#[derive(Default)]
pub struct Changes {
    listeners: RwLock<Vec<Listener>>,
    /// Tells this server's own notifications apart from other servers'.
    pub(crate) origin: String,
    /// A server hearing changes (on SQLite it reads the change file; other processes write it).
    listening: std::sync::atomic::AtomicBool,
    /// SQLite: `<database>-changes`.
    file: Option<std::path::PathBuf>,
}

impl Changes {
    pub(crate) fn new(file: Option<std::path::PathBuf>) -> Changes {
        let mut id = [0u8; 8];
        let origin = match getrandom::fill(&mut id) {
            Ok(()) => id.iter().map(|b| format!("{b:02x}")).collect(),
            Err(_) => format!("{}-{}", std::process::id(), crate::now_ms()),
        };
        Changes {
            listeners: RwLock::default(),
            origin,
            listening: Default::default(),
            file,
        }
    }

    fn tell(&self, change: Changed) {
        let listeners = match self.listeners.read() {
            Ok(l) => l.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        for listener in listeners {
            listener(change);
        }
    }
}

/// `L42`, `P42` or `*`.
fn word(change: Changed) -> Option<String> {
    match change {
        Changed::Learner(id) => Some(format!("L{id}")),
        Changed::Progress(id) => Some(format!("P{id}")),
        Changed::Everyone => Some("*".into()),
        Changed::Unknown | Changed::Listening => None,
    }
}

fn from_word(what: &str) -> Option<Changed> {
    match what.split_at_checked(1)? {
        ("*", "") => Some(Changed::Everyone),
        ("L", id) => id.parse().ok().map(Changed::Learner),
        ("P", id) => id.parse().ok().map(Changed::Progress),
        _ => None,
    }
}

/// `ORIGIN L42` or `ORIGIN *`.
fn payload(origin: &str, change: Changed) -> Option<String> {
    word(change).map(|w| format!("{origin} {w}"))
}

/// Another server's notification; `None` for this server's own or a malformed one.
fn parse(own_origin: &str, payload: &str) -> Option<Changed> {
    let (origin, what) = payload.split_once(' ')?;
    if origin == own_origin {
        return None;
    }
    from_word(what)
}

/// A SQLite database's change file as a server reads it: checked (one `stat`) before each use
/// of a cache, so a command run beside the server is seen by the very next request.
#[derive(Debug)]
pub struct ChangeFile {
    path: std::path::PathBuf,
    read_to: std::sync::Mutex<u64>,
}

impl ChangeFile {
    fn new(path: std::path::PathBuf) -> ChangeFile {
        let len = std::fs::metadata(&path).map_or(0, |m| m.len());
        ChangeFile {
            path,
            read_to: std::sync::Mutex::new(len),
        }
    }

    /// Changes appended since the last call; [`Changed::Everyone`] if the file cannot be read
    /// as expected (replaced, truncated).
    pub fn news(&self) -> Vec<Changed> {
        use std::io::{Read, Seek, SeekFrom};
        let Ok(mut read_to) = self.read_to.lock() else {
            return vec![Changed::Everyone];
        };
        let len = std::fs::metadata(&self.path).map_or(0, |m| m.len());
        if len == *read_to {
            return Vec::new();
        }
        let from = *read_to;
        *read_to = len;
        if len < from {
            return vec![Changed::Everyone];
        }
        let mut text = String::new();
        let read = std::fs::File::open(&self.path).and_then(|mut f| {
            f.seek(SeekFrom::Start(from))?;
            f.take(len - from).read_to_string(&mut text)
        });
        if read.is_err() {
            return vec![Changed::Everyone];
        }
        text.lines()
            .map(|l| from_word(l).unwrap_or(Changed::Everyone))
            .collect()
    }
}

impl Store {
    /// Calls `listener` after every change (this server's, and other servers' while listening).
    pub fn on_change(&self, listener: impl Fn(Changed) + Send + Sync + 'static) {
        let mut all = match self.changes.listeners.write() {
            Ok(l) => l,
            Err(poisoned) => poisoned.into_inner(),
        };
        all.push(Arc::new(listener));
    }

    /// Says a write committed: this server's listeners now, other servers' by `NOTIFY`.
    /// A failed notification is logged, not returned: the write itself has committed, and a
    /// server that misses notifications because the database went away stops trusting its cache.
    pub(crate) async fn changed(&self, change: Changed) {
        self.changes.tell(change);
        if self.backend() != DbBackend::Postgres {
            self.log_change(change).await;
            return;
        }
        let Some(payload) = payload(&self.changes.origin, change) else {
            return;
        };
        let notify = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            [CHANNEL.into(), payload.into()],
        );
        if let Err(e) = self.db.execute_raw(notify).await {
            tracing::warn!("could not tell other servers of a change ({e})");
        }
    }

    /// On SQLite, a process that is not a listening server (the command line) appends its
    /// change to the database's change file (`hocvu.db-changes`, one line each, `O_APPEND`):
    /// the server reads the new lines before it next trusts its cache ([`ChangeFile`]).
    async fn log_change(&self, change: Changed) {
        use std::io::Write;
        use std::sync::atomic::Ordering;
        let (Some(word), Some(path)) = (word(change), self.changes.file.as_ref()) else {
            return;
        };
        if self.changes.listening.load(Ordering::SeqCst) {
            return;
        }
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut f| f.write_all(format!("{word}\n").as_bytes()));
        if let Err(e) = appended {
            tracing::warn!(
                "could not tell a running server of a change ({}: {e})",
                path.display()
            );
        }
    }

    /// The change file a SQLite server reads (see [`ChangeFile`]); `None` on PostgreSQL.
    pub fn change_file(&self) -> Option<ChangeFile> {
        self.changes.file.clone().map(ChangeFile::new)
    }

    /// Hears other processes' changes until the store is dropped, passing them to the
    /// listeners. PostgreSQL: other servers' `NOTIFY`; after a lost connection it says
    /// [`Changed::Unknown`], reconnects (every second) and says [`Changed::Listening`] once it
    /// hears again. SQLite: marks this store as the server, so its own changes are not written
    /// to the change file (the caller reads that file: [`Store::change_file`]).
    pub async fn listen_for_changes(&self) -> Result<(), StoreError> {
        if self.backend() != DbBackend::Postgres {
            self.changes
                .listening
                .store(true, std::sync::atomic::Ordering::SeqCst);
            return Ok(());
        }
        let pool = self.db.get_postgres_connection_pool().clone();
        let mut listener = sea_orm::sqlx::postgres::PgListener::connect_with(&pool)
            .await
            .map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
        listener
            .listen(CHANNEL)
            .await
            .map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
        let weak = Arc::downgrade(&self.changes);
        tokio::spawn(async move {
            loop {
                let received = listener.try_recv().await;
                let Some(changes) = weak.upgrade() else {
                    return;
                };
                match received {
                    Ok(Some(note)) => {
                        if let Some(change) = parse(&changes.origin, note.payload()) {
                            changes.tell(change);
                        }
                    }
                    // The connection was lost: whatever other servers wrote until we listen
                    // again is unheard, so nothing cached is trusted meanwhile.
                    Ok(None) | Err(_) => {
                        tracing::warn!("lost the database notifications; caches bypassed");
                        changes.tell(Changed::Unknown);
                        drop(changes);
                        loop {
                            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                            // `listen` reconnects and listens again.
                            if listener.listen(CHANNEL).await.is_ok() {
                                break;
                            }
                        }
                        let Some(changes) = weak.upgrade() else {
                            return;
                        };
                        tracing::info!("hearing database notifications again");
                        changes.tell(Changed::Everyone);
                        changes.tell(Changed::Listening);
                    }
                }
            }
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notifications_name_their_origin_and_skip_our_own() {
        let p = payload("abc", Changed::Learner(42)).unwrap();
        assert_eq!(p, "abc L42");
        assert_eq!(parse("abc", &p), None, "our own");
        assert_eq!(parse("xyz", &p), Some(Changed::Learner(42)));
        assert_eq!(
            parse("xyz", &payload("abc", Changed::Everyone).unwrap()),
            Some(Changed::Everyone)
        );
        assert_eq!(parse("xyz", "abc Lnope"), None);
        assert_eq!(parse("xyz", "abc P7"), Some(Changed::Progress(7)));
        assert_eq!(parse("xyz", "abc *x"), None);
        assert_eq!(parse("xyz", "garbage"), None);
        assert_eq!(payload("abc", Changed::Unknown), None);
    }

    fn recorder(store: &Store) -> Arc<std::sync::Mutex<Vec<Changed>>> {
        let heard = Arc::new(std::sync::Mutex::new(Vec::new()));
        let h = heard.clone();
        store.on_change(move |c| h.lock().unwrap().push(c));
        heard
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn writes_are_heard_at_once_here_and_soon_on_other_servers() {
        for (store, _dir) in crate::testing::stores().await {
            let heard = recorder(&store);
            let id = store.create_guest("vi").await.unwrap();
            store.delete_learner(id).await.unwrap();
            assert!(
                heard.lock().unwrap().contains(&Changed::Learner(id)),
                "told before the write returned"
            );
        }
        // SQLite: the command line (a store not listening) tells the server through the file.
        let dir = tempfile::tempdir().unwrap();
        let url = Store::sqlite_url(dir.path());
        let server = Store::connect(&url).await.unwrap();
        server.migrate().await.unwrap();
        server.listen_for_changes().await.unwrap();
        let file = server.change_file().unwrap();
        let command_line = Store::connect(&url).await.unwrap();
        command_line.changed(Changed::Learner(5)).await;
        command_line.changed(Changed::Everyone).await;
        server.changed(Changed::Progress(6)).await;
        assert_eq!(file.news(), vec![Changed::Learner(5), Changed::Everyone]);
        assert_eq!(file.news(), vec![], "each once");
        command_line.changed(Changed::Progress(7)).await;
        assert_eq!(file.news(), vec![Changed::Progress(7)]);
        let Ok(url) = std::env::var("HOCVU_TEST_POSTGRES_URL") else {
            return;
        };
        let (a, b) = (
            Store::connect(&url).await.unwrap(),
            Store::connect(&url).await.unwrap(),
        );
        b.listen_for_changes().await.unwrap();
        let (heard_a, heard_b) = (recorder(&a), recorder(&b));
        a.changed(Changed::Learner(-77)).await;
        a.changed(Changed::Progress(-78)).await;
        // Other tests share this database (in other schemas) and notify too: look for ours.
        let ours = |heard: &Arc<std::sync::Mutex<Vec<Changed>>>| {
            heard
                .lock()
                .unwrap()
                .iter()
                .copied()
                .filter(|c| matches!(c, Changed::Learner(-77) | Changed::Progress(-78)))
                .collect::<Vec<_>>()
        };
        let mut waited = 0;
        while ours(&heard_b).len() < 2 && waited < 100 {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            waited += 1;
        }
        let expected = vec![Changed::Learner(-77), Changed::Progress(-78)];
        assert_eq!(ours(&heard_b), expected, "the other server heard both");
        assert_eq!(
            ours(&heard_a),
            expected,
            "and the writer only its own, once"
        );
    }
}
