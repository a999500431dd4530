//! Throttling counts shared by every server on the database: failures per key within a
//! window (logins per account and address, activation and check-in codes per address). Keys
//! are stored as SHA-256 hashes, so the table holds no usernames or addresses.

use crate::reports::statement;
use crate::{Store, StoreError};
use sea_orm::{ConnectionTrait, Value};
use sha2::{Digest, Sha256};

/// The longest window any caller uses; rows older than this are forgotten by maintenance.
pub const LONGEST_WINDOW_MS: i64 = 60 * 60 * 1000;

fn hash(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

impl Store {
    /// Whether any of `keys` has `limit` failures or more in the window ending `now`.
    pub async fn throttled(
        &self,
        keys: &[String],
        limit: u32,
        window_ms: i64,
        now: i64,
    ) -> Result<bool, StoreError> {
        for key in keys {
            let row = self
                .db
                .query_one_raw(statement(
                    self.backend(),
                    "SELECT failures FROM throttle_counts WHERE key_hash = ? AND window_start > ?",
                    vec![hash(key).into(), (now - window_ms).into()],
                ))
                .await?;
            if let Some(row) = row
                && row.try_get::<i32>("", "failures")? >= limit as i32
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Counts one failure against each key (a new window once the old one has passed). One
    /// statement per key, atomic on both databases, so servers counting at once add up.
    pub async fn count_failure(
        &self,
        keys: &[String],
        window_ms: i64,
        now: i64,
    ) -> Result<(), StoreError> {
        let since = now - window_ms;
        for key in keys {
            let values: Vec<Value> = vec![
                hash(key).into(),
                now.into(),
                since.into(),
                since.into(),
                now.into(),
            ];
            self.db
                .execute_raw(statement(
                    self.backend(),
                    "INSERT INTO throttle_counts (key_hash, failures, window_start) VALUES (?, 1, ?) \
                     ON CONFLICT (key_hash) DO UPDATE SET \
                     failures = CASE WHEN throttle_counts.window_start <= ? THEN 1 \
                                ELSE throttle_counts.failures + 1 END, \
                     window_start = CASE WHEN throttle_counts.window_start <= ? THEN ? \
                                ELSE throttle_counts.window_start END",
                    values,
                ))
                .await?;
        }
        Ok(())
    }

    /// Clears a key (a successful login clears its account's count).
    pub async fn clear_failures(&self, key: &str) -> Result<(), StoreError> {
        self.db
            .execute_raw(statement(
                self.backend(),
                "DELETE FROM throttle_counts WHERE key_hash = ?",
                vec![hash(key).into()],
            ))
            .await?;
        Ok(())
    }

    /// Deletes counts whose window is long over; returns how many.
    pub async fn forget_old_failures(&self, now: i64) -> Result<u64, StoreError> {
        Ok(self
            .db
            .execute_raw(statement(
                self.backend(),
                "DELETE FROM throttle_counts WHERE window_start < ?",
                vec![(now - LONGEST_WINDOW_MS).into()],
            ))
            .await?
            .rows_affected())
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::stores;

    #[tokio::test]
    async fn failures_block_at_the_limit_until_the_window_passes() {
        for (store, _dir) in stores().await {
            let keys = vec!["user:a".to_string(), "ip:1".to_string()];
            let window = 15 * 60 * 1000;
            let t0 = 1_000_000_000;
            for i in 0..5 {
                assert!(!store.throttled(&keys, 5, window, t0 + i).await.unwrap());
                store.count_failure(&keys, window, t0 + i).await.unwrap();
            }
            assert!(store.throttled(&keys, 5, window, t0 + 10).await.unwrap());
            let other_account = ["user:b".to_string(), "ip:1".to_string()];
            assert!(
                store
                    .throttled(&other_account, 5, window, t0 + 10)
                    .await
                    .unwrap()
            );
            assert!(
                !store
                    .throttled(&["ip:2".to_string()], 5, window, t0)
                    .await
                    .unwrap()
            );
            // The window passes: unblocked, and the next failure starts a new count.
            let later = t0 + window + 10;
            assert!(!store.throttled(&keys, 5, window, later).await.unwrap());
            store.count_failure(&keys, window, later).await.unwrap();
            assert!(!store.throttled(&keys, 2, window, later).await.unwrap());
            store.clear_failures("user:a").await.unwrap();
            assert_eq!(
                store
                    .forget_old_failures(later + 2 * window + 3_600_000)
                    .await
                    .unwrap(),
                1
            );
        }
    }
}
