//! Rotating check-in codes. The code on the facilitator's screen changes every minute and is
//! derived from the session's secret and the minute, so nothing is stored per code; the
//! previous minute's code stays valid for a short overlap (someone typing slowly), and a photo
//! of the screen sent to someone at home stops working after that. Codes have the same format
//! and check symbol as certificate and activation codes, so typos are caught.

use hocvu_certs::CertCode;
use sha2::{Digest, Sha256};

/// How long one code is shown.
pub const WINDOW_MS: i64 = 60_000;
/// How many earlier windows are still accepted.
pub const OVERLAP_WINDOWS: i64 = 1;

fn window(now_ms: i64) -> i64 {
    now_ms.div_euclid(WINDOW_MS)
}

fn code_for(secret: &str, session: i64, window: i64) -> CertCode {
    let digest = Sha256::new()
        .chain_update(secret.as_bytes())
        .chain_update(session.to_be_bytes())
        .chain_update(window.to_be_bytes())
        .finalize();
    let mut seed = [0u8; 8];
    seed.copy_from_slice(&digest[..8]);
    CertCode::from_seed(u64::from_be_bytes(seed))
}

/// The code to show now, and the milliseconds until it changes.
pub fn current(secret: &str, session: i64, now_ms: i64) -> (CertCode, i64) {
    let w = window(now_ms);
    (code_for(secret, session, w), (w + 1) * WINDOW_MS - now_ms)
}

/// True for this window's code or one of the overlap's.
pub fn accepts(secret: &str, session: i64, typed: &CertCode, now_ms: i64) -> bool {
    let w = window(now_ms);
    (0..=OVERLAP_WINDOWS).any(|back| code_for(secret, session, w - back) == *typed)
}

/// A new session secret: 32 random bytes, hex.
pub fn new_secret() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(hex::encode(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    const T: i64 = 1_795_280_400_000; // a minute boundary

    #[test]
    fn the_code_changes_every_minute_and_the_previous_one_overlaps() {
        let (now, left) = current(SECRET, 7, T + 5_000);
        assert_eq!(left, 55_000);
        assert_eq!(current(SECRET, 7, T + 59_999).0, now, "same window");
        let (next, _) = current(SECRET, 7, T + 60_000);
        assert_ne!(next, now, "a new minute, a new code");
        assert!(accepts(SECRET, 7, &now, T + 5_000));
        assert!(
            accepts(SECRET, 7, &now, T + 60_000 + 59_999),
            "overlap: one minute more"
        );
        assert!(
            !accepts(SECRET, 7, &now, T + 120_000),
            "expired after the overlap"
        );
        assert!(
            !accepts(SECRET, 7, &next, T + 5_000),
            "not before its minute"
        );
    }

    #[test]
    fn codes_belong_to_one_session_and_one_secret() {
        let (code, _) = current(SECRET, 7, T);
        assert!(!accepts(SECRET, 8, &code, T), "another session's code");
        assert!(
            !accepts(&SECRET.replace('0', "1"), 7, &code, T),
            "another secret"
        );
        assert!(
            !accepts(SECRET, 7, &code, T - 5 * 60_000),
            "a code from five minutes ahead"
        );
        let five_minutes_ago = current(SECRET, 7, T - 5 * 60_000).0;
        assert!(!accepts(SECRET, 7, &five_minutes_ago, T));
    }

    #[test]
    fn secrets_are_random() {
        let (a, b) = (new_secret().unwrap(), new_secret().unwrap());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }
}
