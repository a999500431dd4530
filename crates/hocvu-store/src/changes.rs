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
    /// One learner's state.
    Learner(i64),
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
}

impl Changes {
    pub(crate) fn new() -> Changes {
        let mut id = [0u8; 8];
        let origin = match getrandom::fill(&mut id) {
            Ok(()) => id.iter().map(|b| format!("{b:02x}")).collect(),
            Err(_) => format!("{}-{}", std::process::id(), crate::now_ms()),
        };
        Changes {
            listeners: RwLock::default(),
            origin,
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

/// `ORIGIN L42` or `ORIGIN *`.
fn payload(origin: &str, change: Changed) -> Option<String> {
    match change {
        Changed::Learner(id) => Some(format!("{origin} L{id}")),
        Changed::Everyone => Some(format!("{origin} *")),
        Changed::Unknown | Changed::Listening => None,
    }
}

/// Another server's notification; `None` for this server's own or a malformed one.
fn parse(own_origin: &str, payload: &str) -> Option<Changed> {
    let (origin, what) = payload.split_once(' ')?;
    if origin == own_origin {
        return None;
    }
    match what {
        "*" => Some(Changed::Everyone),
        _ => what.strip_prefix('L')?.parse().ok().map(Changed::Learner),
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

    /// Whether another process can change this database without telling this one: on SQLite the
    /// command line writes straight to the file (callers bound how long they trust a cache).
    pub fn hears_every_change(&self) -> bool {
        self.backend() == DbBackend::Postgres
    }

    /// On PostgreSQL, listens for other servers' changes until the store is dropped, passing
    /// them to the listeners; after a lost connection it says [`Changed::Unknown`], reconnects
    /// (every second) and says [`Changed::Listening`] once it hears again. Nothing on SQLite.
    pub async fn listen_for_changes(&self) -> Result<(), StoreError> {
        if self.backend() != DbBackend::Postgres {
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
        a.changed(Changed::Everyone).await;
        let mut waited = 0;
        while heard_b.lock().unwrap().len() < 2 && waited < 100 {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            waited += 1;
        }
        assert_eq!(
            *heard_b.lock().unwrap(),
            vec![Changed::Learner(-77), Changed::Everyone],
            "the other server heard both"
        );
        assert_eq!(
            *heard_a.lock().unwrap(),
            vec![Changed::Learner(-77), Changed::Everyone],
            "and the writer only its own, once"
        );
    }
}
