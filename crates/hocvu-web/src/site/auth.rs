//! Passwords (argon2id), login throttling, and the CSRF check for state-changing forms.

use actix_web::HttpRequest;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use hocvu_store::{Store, StoreError, now_ms};
use std::time::Duration;

pub const MIN_PASSWORD_CHARS: usize = 8;

pub fn hash_password(password: &str) -> Option<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .ok()
        .map(|h| h.to_string())
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            argon2::Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to verify against when the username does not exist, so both cases take as long.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not a real password").unwrap_or_default())
}

/// Failed attempts per key (account, client address) within a window; past the limit,
/// attempts are refused (with the same message) until the window passes. Counted in the
/// database, so several servers share one count (an attacker gets no more guesses from two).
pub struct Throttle {
    pub limit: u32,
    pub window: Duration,
    /// The `/metrics` label of its refusals: `login`, `activation`, `checkin`.
    pub kind: &'static str,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            limit: 5,
            window: Duration::from_secs(15 * 60),
            kind: "login",
        }
    }
}

impl Throttle {
    fn window_ms(&self) -> i64 {
        self.window.as_millis() as i64
    }

    /// Whether one of `keys` is over the limit (counted as a refusal in `/metrics`).
    pub async fn blocked(&self, store: &Store, keys: &[String]) -> Result<bool, StoreError> {
        let blocked = store
            .throttled(keys, self.limit, self.window_ms(), now_ms())
            .await?;
        if blocked {
            crate::site::metrics::throttled(self.kind);
        }
        Ok(blocked)
    }

    pub async fn failed(&self, store: &Store, keys: &[String]) -> Result<(), StoreError> {
        store.count_failure(keys, self.window_ms(), now_ms()).await
    }

    pub async fn succeeded(&self, store: &Store, key: &str) -> Result<(), StoreError> {
        store.clear_failures(key).await
    }
}

/// The client's address, for throttling.
pub fn client_address(req: &HttpRequest) -> String {
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default()
}

/// CSRF defence for every POST: the browser's Origin (or, failing that, Referer) must be this
/// site. With SameSite=Lax cookies this stops forms posted from other sites.
pub fn same_origin(req: &HttpRequest) -> bool {
    let info = req.connection_info();
    let host = info.host();
    let from = req
        .headers()
        .get("origin")
        .or_else(|| req.headers().get("referer"))
        .and_then(|v| v.to_str().ok());
    match from {
        Some(url) => {
            let rest = url.split_once("://").map_or("", |(_, r)| r);
            rest.split('/').next() == Some(host)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_verify() {
        let h = hash_password("Lan#2024ab").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("Lan#2024ab", &h));
        assert!(!verify_password("lan#2024ab", &h));
        assert!(!verify_password("x", "not a hash"));
    }
}
