//! Passwords (argon2id), login throttling, and the CSRF check for state-changing forms.

use actix_web::HttpRequest;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

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

/// Failed logins per account and per client address within a window; past the limit, logins
/// are refused (with the same message) until the window passes. Per server process: several
/// servers each keep their own count, which still bounds guessing.
pub struct Throttle {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
    pub limit: u32,
    pub window: Duration,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            failures: Mutex::new(HashMap::new()),
            limit: 5,
            window: Duration::from_secs(15 * 60),
        }
    }
}

impl Throttle {
    pub fn blocked(&self, keys: &[String]) -> bool {
        let Ok(map) = self.failures.lock() else {
            return true;
        };
        keys.iter().any(|k| {
            map.get(k)
                .is_some_and(|(n, since)| *n >= self.limit && since.elapsed() < self.window)
        })
    }

    pub fn failed(&self, keys: &[String]) {
        let Ok(mut map) = self.failures.lock() else {
            return;
        };
        if map.len() > 100_000 {
            let window = self.window;
            map.retain(|_, (_, since)| since.elapsed() < window);
        }
        for k in keys {
            let entry = map.entry(k.clone()).or_insert((0, Instant::now()));
            if entry.1.elapsed() >= self.window {
                *entry = (0, Instant::now());
            }
            entry.0 += 1;
        }
    }

    pub fn succeeded(&self, account_key: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(account_key);
        }
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

    #[test]
    fn throttle_blocks_after_the_limit() {
        let t = Throttle::default();
        let keys = vec!["user:a".to_string(), "ip:1".to_string()];
        for _ in 0..5 {
            assert!(!t.blocked(&keys));
            t.failed(&keys);
        }
        assert!(t.blocked(&keys));
        assert!(
            t.blocked(&["ip:1".to_string()]),
            "the address is blocked for other accounts too"
        );
        assert!(!t.blocked(&["user:b".to_string(), "ip:2".to_string()]));
    }
}
