//! Sessions: an HS256 JWT in an HttpOnly, SameSite=Lax cookie (Secure over HTTPS), valid for
//! `SESSION_DAYS` and renewed when half used. Guests get one too, so their progress is kept.
//! The key is 32 random bytes in a file (mode 0600) created on first start; servers sharing a
//! database must share that file (`session_key_file`).

use actix_web::HttpRequest;
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

pub const COOKIE: &str = "session";
pub const SESSION_DAYS: i64 = 30;

/// The token's claims as signed. JWT requires `sub` to be a string.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct TokenClaims {
    sub: String,
    guest: bool,
    /// The learner's session generation when issued; a password change bumps it.
    #[serde(default, rename = "gen")]
    generation: i32,
    iat: i64,
    exp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    /// Learner id.
    pub sub: i64,
    /// A guest: progress without an account.
    pub guest: bool,
    pub generation: i32,
    pub iat: i64,
    pub exp: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("session key {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "session key {path} must hold 64 hex digits (32 bytes); delete it to make a new one (this logs everyone out)"
    )]
    Malformed { path: PathBuf },
    #[error("no randomness from the operating system: {0}")]
    Random(String),
}

pub struct SessionKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    /// Tokens already verified, with their claims: checking a signature per page view costs
    /// more than the rest of a signed-in page (expiry is still checked on each use).
    verified: quick_cache::sync::Cache<String, Claims>,
}

/// Verified tokens remembered (~300 bytes each).
const VERIFIED_TOKENS: usize = 20_000;

fn now_s() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

impl SessionKeys {
    /// Reads the key file, creating it (0600) if absent. Two servers starting at once on the same
    /// file cannot both create it: `create_new` lets exactly one win, the other reads its key.
    pub fn load_or_create(path: &Path) -> Result<SessionKeys, KeyError> {
        let io = |source| KeyError::Io {
            path: path.to_path_buf(),
            source,
        };
        if !path.exists() {
            let mut key = [0u8; 32];
            getrandom::fill(&mut key).map_err(|e| KeyError::Random(e.to_string()))?;
            // Written whole under a private name, then linked into place: a server starting at
            // the same moment sees either no file or the complete key, never a half-written one.
            let mut suffix = [0u8; 6];
            getrandom::fill(&mut suffix).map_err(|e| KeyError::Random(e.to_string()))?;
            let tmp = path.with_extension(format!("tmp-{}", hex::encode(suffix)));
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let written = options.open(&tmp).and_then(|mut f| {
                f.write_all(hex::encode(key).as_bytes())?;
                f.sync_all()
            });
            let linked = written.and_then(|()| std::fs::hard_link(&tmp, path));
            let _ = std::fs::remove_file(&tmp);
            match linked {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io(e)),
            }
        }
        let text = std::fs::read_to_string(path).map_err(io)?;
        let key = hex::decode(text.trim())
            .ok()
            .filter(|k| k.len() == 32)
            .ok_or_else(|| KeyError::Malformed {
                path: path.to_path_buf(),
            })?;
        Ok(Self::from_secret(&key))
    }

    pub fn from_secret(key: &[u8]) -> SessionKeys {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 30;
        validation.set_required_spec_claims(&["exp", "iat", "sub"]);
        SessionKeys {
            encoding: EncodingKey::from_secret(key),
            decoding: DecodingKey::from_secret(key),
            validation,
            verified: quick_cache::sync::Cache::new(VERIFIED_TOKENS),
        }
    }

    pub fn issue(&self, learner: i64, guest: bool, generation: i32) -> String {
        let iat = now_s();
        let claims = TokenClaims {
            sub: learner.to_string(),
            guest,
            generation,
            iat,
            exp: iat + SESSION_DAYS * 86_400,
        };
        // HS256 over our own claims cannot fail; an empty token would simply not verify.
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .unwrap_or_default()
    }

    /// Verifies signature, algorithm (only HS256: `alg: none` and others are refused) and expiry.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        if let Some(claims) = self.verified.get(token) {
            return (now_s() <= claims.exp + self.validation.leeway as i64).then_some(claims);
        }
        let claims = self.verify_signature(token)?;
        self.verified.insert(token.to_string(), claims.clone());
        Some(claims)
    }

    fn verify_signature(&self, token: &str) -> Option<Claims> {
        let c = jsonwebtoken::decode::<TokenClaims>(token, &self.decoding, &self.validation)
            .ok()?
            .claims;
        Some(Claims {
            sub: c.sub.parse().ok()?,
            guest: c.guest,
            generation: c.generation,
            iat: c.iat,
            exp: c.exp,
        })
    }

    /// The request's session, if its cookie holds a valid token.
    pub fn current(&self, req: &HttpRequest) -> Option<Claims> {
        self.verify(req.cookie(COOKIE)?.value())
    }

    /// Past half its life, a session is re-issued on the next request (sliding expiry).
    pub fn needs_renewal(claims: &Claims) -> bool {
        now_s() - claims.iat > SESSION_DAYS * 86_400 / 2
    }

    pub fn cookie(
        &self,
        req: &HttpRequest,
        learner: i64,
        guest: bool,
        generation: i32,
    ) -> Cookie<'static> {
        Cookie::build(COOKIE, self.issue(learner, guest, generation))
            .path("/")
            .max_age(CookieDuration::days(SESSION_DAYS))
            .same_site(SameSite::Lax)
            .http_only(true)
            .secure(req.connection_info().scheme() == "https")
            .finish()
    }

    pub fn removal(req: &HttpRequest) -> Cookie<'static> {
        let mut c = Cookie::build(COOKIE, "")
            .path("/")
            .same_site(SameSite::Lax)
            .http_only(true)
            .secure(req.connection_info().scheme() == "https")
            .finish();
        c.make_removal();
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64_test::b64;

    mod base64_test {
        /// Unpadded URL-safe base64, enough to forge test tokens by hand.
        pub fn b64(data: &[u8]) -> String {
            const T: &[u8; 64] =
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            let mut out = String::new();
            for chunk in data.chunks(3) {
                let b = [
                    chunk[0],
                    *chunk.get(1).unwrap_or(&0),
                    *chunk.get(2).unwrap_or(&0),
                ];
                let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
                for i in 0..=chunk.len() {
                    out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
                }
            }
            out
        }
    }

    #[test]
    fn issued_tokens_verify_and_forgeries_do_not() {
        let keys = SessionKeys::from_secret(&[7u8; 32]);
        let token = keys.issue(42, false, 0);
        assert_eq!(keys.verify(&token).unwrap().sub, 42);
        // Another key.
        assert!(
            SessionKeys::from_secret(&[8u8; 32])
                .verify(&token)
                .is_none()
        );
        // A changed payload with the old signature.
        let parts: Vec<&str> = token.split('.').collect();
        let now = now_s();
        let evil = b64(format!(
            "{{\"sub\":\"1\",\"guest\":false,\"iat\":{now},\"exp\":{}}}",
            now + 999
        )
        .as_bytes());
        assert!(
            keys.verify(&format!("{}.{evil}.{}", parts[0], parts[2]))
                .is_none()
        );
        // alg: none.
        let none = b64(br#"{"alg":"none","typ":"JWT"}"#);
        assert!(keys.verify(&format!("{none}.{evil}.")).is_none());
        // Expired.
        let old = TokenClaims {
            sub: "1".into(),
            guest: false,
            generation: 0,
            iat: now - 100_000,
            exp: now - 50_000,
        };
        let expired = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &old,
            &EncodingKey::from_secret(&[7u8; 32]),
        )
        .unwrap();
        assert!(keys.verify(&expired).is_none());
        assert!(keys.verify("garbage").is_none());
        // Remembered tokens still expire.
        let soon = TokenClaims {
            sub: "3".into(),
            guest: false,
            generation: 0,
            iat: now,
            exp: now + 1,
        };
        let soon = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &soon,
            &EncodingKey::from_secret(&[7u8; 32]),
        )
        .unwrap();
        assert!(keys.verify(&soon).is_some());
        assert!(keys.verify(&soon).is_some(), "from memory");
        let mut remembered = keys.verified.get(soon.as_str()).unwrap();
        remembered.exp = now - 100;
        keys.verified.insert(soon.clone(), remembered);
        assert!(keys.verify(&soon).is_none(), "expired while remembered");
    }

    #[test]
    fn key_file_is_created_once_with_owner_only_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("session.key");
        let a = SessionKeys::load_or_create(&path).unwrap();
        let b = SessionKeys::load_or_create(&path).unwrap();
        assert_eq!(
            b.verify(&a.issue(5, true, 0)).unwrap().sub,
            5,
            "same key on the second start"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        std::fs::write(&path, "short").unwrap();
        assert!(
            SessionKeys::load_or_create(&path)
                .err()
                .unwrap()
                .to_string()
                .contains("64 hex digits")
        );
    }
}
