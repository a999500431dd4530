//! The group-commit writer's side: gathering a group off the queue, and committing it
//! through a database outage (a PostgreSQL restart): a group commit that failed because the
//! database went away is tried again, for a while, before any batch is answered.

use super::{Batch, EventOutcome, MAX_GROUP_EVENTS};
use crate::{Store, StoreError};
use tokio::sync::mpsc;

/// `first` and the batches already waiting behind it: one transaction's worth.
pub(crate) fn gather(first: Batch, incoming: &mut mpsc::UnboundedReceiver<Batch>) -> Vec<Batch> {
    let mut events = first.events.len();
    let mut group = vec![first];
    while events < MAX_GROUP_EVENTS {
        match incoming.try_recv() {
            Ok(batch) => {
                events += batch.events.len();
                group.push(batch);
            }
            Err(_) => break,
        }
    }
    crate::metrics::gathered(group.len(), events);
    group
}

/// How long the writer keeps retrying a batch while the database is unreachable; past it the
/// clients get an error (and keep their events to send again).
const RETRY_FOR: std::time::Duration = std::time::Duration::from_secs(15);

impl Store {
    /// `apply_group`, tried again while the database is away (a PostgreSQL restart): nothing
    /// was acknowledged yet, and a commit that did land before the connection broke makes the
    /// retry find its ids claimed, so no event is stored or acknowledged twice.
    pub(super) async fn apply_group_retrying(
        &self,
        group: &[Batch],
    ) -> Result<Vec<Vec<EventOutcome>>, StoreError> {
        let deadline = std::time::Instant::now() + RETRY_FOR;
        let mut pause = std::time::Duration::from_millis(50);
        loop {
            match self.apply_group(group).await {
                Err(StoreError::Db(e))
                    if crate::is_transient(&e) && std::time::Instant::now() < deadline =>
                {
                    tracing::warn!("database unavailable ({e}); retrying the event batch");
                    crate::metrics::COMMIT_RETRIES.inc();
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(std::time::Duration::from_secs(1));
                }
                other => return other,
            }
        }
    }
}
