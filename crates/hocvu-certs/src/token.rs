//! Signed certificate tokens: compact JWS (JWT) with EdDSA / Ed25519.
//!
//! Header: `{"typ":"JWT","alg":"EdDSA","kid":"<RFC 7638 thumbprint>"}`.
//! Certificates do not expire, so neither `exp` nor `nbf` is required or
//! checked. [`verify`] accepts exactly one algorithm, `EdDSA`, and only keys
//! from the given JWKS that are `OKP`/`Ed25519`; the algorithm in the header
//! never chooses how the key is used, which rules out `alg: none` and the
//! HS256-with-the-public-key confusion.
//!
//! Before any cryptography every segment is decoded strictly (base64url, no
//! padding, no stray bits: two different strings never decode to the same
//! bytes) and the signature must be exactly 64 bytes. The signature covers
//! the exact header and payload text, so any changed character fails.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, Header, Validation};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::code::CertCode;
use crate::keys::{Jwks, KeyError, KeyRing};

/// Compact tokens bigger than this are refused unread.
const MAX_TOKEN_LEN: usize = 64 * 1024;
/// RFC 9278 URI form of a JWK thumbprint; Open Badges wants `kid` to be a URI.
pub(crate) const THUMBPRINT_URN: &str = "urn:ietf:params:oauth:jwk-thumbprint:sha-256:";

/// What a completion certificate states, as signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateClaims {
    /// The certificate code, canonical 10-symbol form (see [`CertCode::as_str`]).
    pub jti: String,
    /// Issuer name from configuration, e.g. "Sở Khoa học và Công nghệ tỉnh Đắk Lắk".
    pub iss: String,
    /// Issue time, Unix seconds.
    pub iat: u64,
    /// Learner's display name exactly as given (must be NFC).
    pub name: String,
    pub course_id: String,
    /// Course title in `lang`.
    pub course_title: String,
    /// Course title in Vietnamese.
    pub course_title_vi: String,
    pub course_version: String,
    pub bundle_hash: String,
    /// Completion date, `YYYY-MM-DD`.
    pub completed_on: String,
    /// BCP 47 tag of `course_title`, e.g. "rad", "vi".
    pub lang: String,
}

/// Why a certificate could not be signed.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    #[error("certificate not signed: {0}")]
    InvalidClaims(String),
    #[error("certificate not signed: {0}")]
    Key(#[from] KeyError),
    #[error("certificate not signed: the JWT library failed: {0}")]
    Jwt(String),
}

/// Why a token was not accepted as a certificate of this issuer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("not a valid certificate token: {0}")]
    Malformed(String),
    #[error(
        "token uses signing algorithm {0:?}; certificates are only signed with EdDSA (Ed25519), so it was not issued here"
    )]
    UnsupportedAlgorithm(String),
    #[error(
        "token was signed with key {0:?}, which is not in the key set; it was not issued here, or the key set (JWKS) used for checking is out of date"
    )]
    UnknownKid(String),
    #[error("key {kid:?} in the key set cannot check certificates: {reason}")]
    UnsupportedKey { kid: String, reason: String },
    #[error(
        "the signature does not match: the certificate was altered or was not signed by this issuer"
    )]
    BadSignature,
}

/// Signs `claims` with the ring's active key; returns the compact token.
pub fn sign(ring: &KeyRing, claims: &CertificateClaims) -> Result<String, SignError> {
    check_claims(claims)?;
    let (key, kid) = ring.active_encoding_key()?;
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some(kid);
    jsonwebtoken::encode(&header, claims, &key).map_err(|e| SignError::Jwt(e.to_string()))
}

/// Checks `token` against the public keys in `jwks` and returns its claims.
pub fn verify(token: &str, jwks: &Jwks) -> Result<CertificateClaims, VerifyError> {
    verify_jws(token, jwks)
}

pub(crate) fn check_claims(c: &CertificateClaims) -> Result<(), SignError> {
    let bad = |m: String| Err(SignError::InvalidClaims(m));
    match CertCode::parse(&c.jti) {
        Ok(code) if code.as_str() == c.jti => {}
        _ => {
            return bad(format!(
                "jti {:?} is not a canonical certificate code; use CertCode::as_str()",
                c.jti
            ));
        }
    }
    if c.name.trim().is_empty() {
        return bad("the learner name is empty".to_owned());
    }
    if !unicode_normalization::is_nfc(&c.name) {
        return bad(
            "the learner name is not in Unicode NFC; normalise names when they are entered"
                .to_owned(),
        );
    }
    if c.iss.trim().is_empty() {
        return bad("the issuer name is empty; set it in the configuration".to_owned());
    }
    if c.course_id.trim().is_empty() {
        return bad("the course id is empty".to_owned());
    }
    if !hocvu_dates::is_iso_date(&c.completed_on) {
        return bad(format!(
            "completed_on {:?} is not a date written YYYY-MM-DD",
            c.completed_on
        ));
    }
    let lang_ok = (2..=35).contains(&c.lang.len())
        && c.lang
            .split('-')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !lang_ok {
        return bad(format!("lang {:?} is not a BCP 47 language tag", c.lang));
    }
    Ok(())
}

/// Strict base64url (no padding, canonical trailing bits).
fn b64(segment: &str, what: &str) -> Result<Vec<u8>, VerifyError> {
    URL_SAFE_NO_PAD
        .decode(segment)
        .map_err(|_| VerifyError::Malformed(format!("the {what} is not base64url")))
}

/// Shared by certificate and badge verification: checks header, key and
/// signature, then deserialises the payload.
pub(crate) fn verify_jws<T: DeserializeOwned>(token: &str, jwks: &Jwks) -> Result<T, VerifyError> {
    let token = token.trim();
    if token.len() > MAX_TOKEN_LEN {
        return Err(VerifyError::Malformed(
            "the token is far too long".to_owned(),
        ));
    }
    let parts: Vec<&str> = token.split('.').collect();
    let [header_b64, payload_b64, signature_b64] = parts.as_slice() else {
        return Err(VerifyError::Malformed(
            "a token has three parts separated by dots".to_owned(),
        ));
    };

    let header_bytes = b64(header_b64, "header")?;
    let header: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(&header_bytes)
        .map_err(|_| VerifyError::Malformed("the header is not a JSON object".to_owned()))?;
    let alg = match header.get("alg") {
        Some(serde_json::Value::String(alg)) => alg,
        Some(_) => {
            return Err(VerifyError::Malformed(
                "the header's alg is not a string".into(),
            ));
        }
        None => {
            return Err(VerifyError::Malformed(
                "the header names no algorithm".into(),
            ));
        }
    };
    if alg != "EdDSA" {
        return Err(VerifyError::UnsupportedAlgorithm(alg.clone()));
    }
    if header.contains_key("crit") {
        // RFC 7515 §4.1.11: extensions we do not implement must be rejected.
        return Err(VerifyError::Malformed(
            "the header lists critical extensions (crit), which are not supported".into(),
        ));
    }
    let kid = match header.get("kid") {
        Some(serde_json::Value::String(kid)) => kid.as_str(),
        Some(_) => {
            return Err(VerifyError::Malformed(
                "the header's kid is not a string".into(),
            ));
        }
        None => {
            return Err(VerifyError::Malformed(
                "the header names no signing key (kid)".into(),
            ));
        }
    };
    let lookup = kid.strip_prefix(THUMBPRINT_URN).unwrap_or(kid);

    let payload_bytes = b64(payload_b64, "payload")?;
    if serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&payload_bytes).is_err()
    {
        return Err(VerifyError::Malformed(
            "the payload is not a JSON object".into(),
        ));
    }
    if b64(signature_b64, "signature")?.len() != 64 {
        return Err(VerifyError::Malformed(
            "an Ed25519 signature is 64 bytes".into(),
        ));
    }

    let jwk = jwks
        .find(lookup)
        .ok_or_else(|| VerifyError::UnknownKid(kid.to_owned()))?;
    let unsupported = |reason: &str| VerifyError::UnsupportedKey {
        kid: lookup.to_owned(),
        reason: reason.to_owned(),
    };
    if jwk.kty != "OKP" || jwk.crv.as_deref() != Some("Ed25519") {
        return Err(unsupported("not an OKP/Ed25519 key"));
    }
    if jwk.alg.as_deref().is_some_and(|a| a != "EdDSA") {
        return Err(unsupported("its alg is not EdDSA"));
    }
    if jwk.use_.as_deref().is_some_and(|u| u != "sig") {
        return Err(unsupported("it is not a signing key (use != sig)"));
    }
    let x = jwk.x.as_deref().ok_or_else(|| unsupported("it has no x"))?;
    let x_bytes = URL_SAFE_NO_PAD
        .decode(x)
        .map_err(|_| unsupported("its x is not base64url"))?;
    // jsonwebtoken slices the key to 32 bytes and would panic on less.
    let x_arr: [u8; 32] = x_bytes
        .as_slice()
        .try_into()
        .map_err(|_| unsupported("its x is not 32 bytes"))?;
    ed25519_dalek::VerifyingKey::from_bytes(&x_arr)
        .map_err(|_| unsupported("its x is not a valid Ed25519 point"))?;
    let key =
        DecodingKey::from_ed_components(x).map_err(|_| unsupported("its x is not base64url"))?;

    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.required_spec_claims.clear();
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    validation.leeway = 0;

    match jsonwebtoken::decode::<T>(token, &key, &validation) {
        Ok(data) => Ok(data.claims),
        Err(e) => match e.kind() {
            jsonwebtoken::errors::ErrorKind::InvalidSignature => Err(VerifyError::BadSignature),
            jsonwebtoken::errors::ErrorKind::Json(_) => Err(VerifyError::Malformed(
                "the signed content is not a certificate of the expected form".into(),
            )),
            _ => Err(VerifyError::Malformed(e.to_string())),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Jwk;

    pub(crate) fn sample_claims() -> CertificateClaims {
        CertificateClaims {
            jti: CertCode::generate().unwrap().as_str().to_owned(),
            iss: "Sở Khoa học và Công nghệ tỉnh Đắk Lắk".to_owned(),
            iat: 1_795_345_200,
            name: "H’Ngơ̆ Êñuôl".to_owned(),
            course_id: "dien-thoai-thong-minh".to_owned(),
            course_title: "Mblang klei yua điện thoại".to_owned(),
            course_title_vi: "Sử dụng điện thoại thông minh".to_owned(),
            course_version: "2026.11".to_owned(),
            bundle_hash: "3f5a0c".repeat(10),
            completed_on: "2026-11-22".to_owned(),
            lang: "rad".to_owned(),
        }
    }

    fn ring() -> (tempfile::TempDir, KeyRing) {
        let tmp = tempfile::tempdir().unwrap();
        let ring = KeyRing::open_or_create(tmp.path()).unwrap();
        (tmp, ring)
    }

    fn b64json(v: &serde_json::Value) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap())
    }

    #[test]
    fn signed_token_verifies_and_carries_the_exact_name() {
        let (_t, ring) = ring();
        for name in ["H'Hen Niê", "Y Ƀhăm Êban", "H’Ngơ̆ Êñuôl", "Hʼ Băng Ƀyă"] {
            let mut claims = sample_claims();
            claims.name = name.to_owned();
            let token = sign(&ring, &claims).unwrap();
            assert_eq!(verify(&token, &ring.jwks()).unwrap(), claims);
            let header: serde_json::Value = serde_json::from_slice(
                &URL_SAFE_NO_PAD
                    .decode(token.split('.').next().unwrap())
                    .unwrap(),
            )
            .unwrap();
            assert_eq!(
                header,
                serde_json::json!({"typ": "JWT", "alg": "EdDSA", "kid": ring.active_kid()})
            );
        }
    }

    #[test]
    fn refuses_to_sign_bad_claims() {
        let (_t, ring) = ring();
        type Change = Box<dyn Fn(&mut CertificateClaims)>;
        let cases: Vec<Change> = vec![
            Box::new(|c| c.jti = c.jti.to_ascii_lowercase() + "x"),
            Box::new(|c| c.jti = format!("{}-{}", &c.jti[..5], &c.jti[5..])),
            Box::new(|c| c.name = "  ".into()),
            // e + U+0302 is not NFC (NFC is ê).
            Box::new(|c| c.name = "H'Hen Nie\u{302}".into()),
            Box::new(|c| c.iss = String::new()),
            Box::new(|c| c.completed_on = "22/11/2026".into()),
            Box::new(|c| c.lang = "r d".into()),
            Box::new(|c| c.course_id = String::new()),
        ];
        for change in cases {
            let mut claims = sample_claims();
            change(&mut claims);
            let err = sign(&ring, &claims).unwrap_err();
            assert!(matches!(err, SignError::InvalidClaims(_)), "{err}");
        }
    }

    #[test]
    fn any_changed_byte_fails() {
        let (_t, ring) = ring();
        let jwks = ring.jwks();
        let token = sign(&ring, &sample_claims()).unwrap();
        let bytes = token.as_bytes();
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut checked = 0;
        for i in 0..bytes.len() {
            if bytes[i] == b'.' {
                continue;
            }
            let pos = alphabet.iter().position(|&c| c == bytes[i]).unwrap();
            // Neighbouring symbol (differs in the lowest bits, the ones a
            // non-canonical decoder would ignore), a far symbol, and a bit flip.
            for replacement in [
                alphabet[pos ^ 1],
                alphabet[(pos + 32) % 64],
                bytes[i] ^ 0x01,
            ] {
                let mut changed = bytes.to_vec();
                changed[i] = replacement;
                let Ok(changed) = String::from_utf8(changed) else {
                    continue;
                };
                assert!(
                    verify(&changed, &jwks).is_err(),
                    "changing byte {i} to {:?} was not detected",
                    replacement as char
                );
                checked += 1;
            }
        }
        assert!(checked > 3 * 300, "{checked}");
    }

    #[test]
    fn unknown_kid_fails() {
        let (_t, ring) = ring();
        let (_t2, other) = self::ring();
        let token = sign(&ring, &sample_claims()).unwrap();
        assert_eq!(
            verify(&token, &other.jwks()),
            Err(VerifyError::UnknownKid(ring.active_kid().to_owned()))
        );
        assert!(matches!(
            verify(&token, &Jwks { keys: vec![] }),
            Err(VerifyError::UnknownKid(_))
        ));
    }

    #[test]
    fn other_key_with_same_kid_fails() {
        let (_t, ring) = ring();
        let (_t2, attacker) = self::ring();
        let (key, _) = attacker.active_encoding_key().unwrap();
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(ring.active_kid().to_owned());
        let forged = jsonwebtoken::encode(&header, &sample_claims(), &key).unwrap();
        assert_eq!(
            verify(&forged, &ring.jwks()),
            Err(VerifyError::BadSignature)
        );

        // Same when the key set itself lists the attacker's key under our kid
        // second: the first listed key decides.
        let mut jwks = ring.jwks();
        let mut evil = attacker.jwks().keys[0].clone();
        evil.kid = Some(ring.active_kid().to_owned());
        jwks.keys.push(evil);
        assert_eq!(verify(&forged, &jwks), Err(VerifyError::BadSignature));
    }

    #[test]
    fn alg_none_fails() {
        let (_t, ring) = ring();
        let payload = b64json(&serde_json::to_value(sample_claims()).unwrap());
        for alg in ["none", "None", "NONE", ""] {
            let header =
                b64json(&serde_json::json!({"alg": alg, "typ": "JWT", "kid": ring.active_kid()}));
            for sig in ["", "AAAA"] {
                let token = format!("{header}.{payload}.{sig}");
                assert_eq!(
                    verify(&token, &ring.jwks()),
                    Err(VerifyError::UnsupportedAlgorithm(alg.to_owned()))
                );
            }
        }
        let header = b64json(&serde_json::json!({"typ": "JWT", "kid": ring.active_kid()}));
        assert!(matches!(
            verify(&format!("{header}.{payload}."), &ring.jwks()),
            Err(VerifyError::Malformed(_))
        ));
    }

    #[test]
    fn hmac_with_public_material_as_secret_fails() {
        let (_t, ring) = ring();
        let jwks = ring.jwks();
        let jwk = &jwks.keys[0];
        let x = jwk.x.clone().unwrap();
        let raw = URL_SAFE_NO_PAD.decode(&x).unwrap();
        let jwks_json = serde_json::to_string(&jwks).unwrap();
        let jwk_json = serde_json::to_string(jwk).unwrap();
        for secret in [
            raw.clone(),
            x.as_bytes().to_vec(),
            jwks_json.as_bytes().to_vec(),
            jwk_json.as_bytes().to_vec(),
        ] {
            for alg in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
                let mut header = Header::new(alg);
                header.kid = Some(ring.active_kid().to_owned());
                let token = jsonwebtoken::encode(
                    &header,
                    &sample_claims(),
                    &jsonwebtoken::EncodingKey::from_secret(&secret),
                )
                .unwrap();
                assert_eq!(
                    verify(&token, &jwks),
                    Err(VerifyError::UnsupportedAlgorithm(format!("{alg:?}")))
                );
            }
        }
    }

    #[test]
    fn other_asymmetric_algorithms_fail() {
        let (_t, ring) = ring();
        let good = sign(&ring, &sample_claims()).unwrap();
        let mut parts = good.split('.');
        let (_, payload, sig) = (parts.next(), parts.next().unwrap(), parts.next().unwrap());
        for alg in ["RS256", "ES256", "PS256", "ES384", "EdDSA2", "Ed25519"] {
            let header =
                b64json(&serde_json::json!({"alg": alg, "typ": "JWT", "kid": ring.active_kid()}));
            assert_eq!(
                verify(&format!("{header}.{payload}.{sig}"), &ring.jwks()),
                Err(VerifyError::UnsupportedAlgorithm(alg.to_owned()))
            );
        }
    }

    #[test]
    fn unsuitable_keys_in_the_set_fail_cleanly() {
        let (_t, ring) = ring();
        let token = sign(&ring, &sample_claims()).unwrap();
        let kid = ring.active_kid().to_owned();
        let good = ring.jwks().keys[0].clone();
        let variants: Vec<Jwk> = vec![
            Jwk {
                kty: "RSA".into(),
                ..good.clone()
            },
            Jwk {
                crv: Some("X25519".into()),
                ..good.clone()
            },
            Jwk {
                alg: Some("HS256".into()),
                ..good.clone()
            },
            Jwk {
                use_: Some("enc".into()),
                ..good.clone()
            },
            Jwk {
                x: None,
                ..good.clone()
            },
            Jwk {
                x: Some("AAAA".into()),
                ..good.clone()
            },
            Jwk {
                x: Some(String::new()),
                ..good.clone()
            },
            Jwk {
                x: Some("!!".into()),
                ..good.clone()
            },
        ];
        for jwk in variants {
            let jwks = Jwks { keys: vec![jwk] };
            assert!(
                matches!(verify(&token, &jwks), Err(VerifyError::UnsupportedKey { kid: k, .. }) if k == kid)
            );
        }
    }

    #[test]
    fn malformed_tokens_fail_without_panicking() {
        let (_t, ring) = ring();
        let jwks = ring.jwks();
        let good = sign(&ring, &sample_claims()).unwrap();
        let crit = {
            let mut parts = good.splitn(2, '.');
            let _ = parts.next();
            let header = b64json(
                &serde_json::json!({"alg": "EdDSA", "kid": ring.active_kid(), "crit": ["b64"], "b64": false}),
            );
            format!("{header}.{}", parts.next().unwrap())
        };
        let cases = [
            String::new(),
            ".".into(),
            "..".into(),
            "a.b".into(),
            "a.b.c.d".into(),
            format!("{good}.x"),
            format!("{good}="),
            format!("{good}A"),
            good.replacen('.', "..", 1),
            "x".repeat(100_000),
            "é.é.é".into(),
            crit,
        ];
        for case in cases {
            assert!(verify(&case, &jwks).is_err(), "{case:.80}");
        }
    }

    #[test]
    fn old_tokens_verify_after_rotation() {
        let tmp = tempfile::tempdir().unwrap();
        let ring = KeyRing::open_or_create(tmp.path()).unwrap();
        let old = sign(&ring, &sample_claims()).unwrap();
        KeyRing::rotate(tmp.path()).unwrap();
        let rotated = KeyRing::open_or_create(tmp.path()).unwrap();
        assert_ne!(rotated.active_kid(), ring.active_kid());
        let new = sign(&rotated, &sample_claims()).unwrap();
        let jwks = rotated.jwks();
        assert!(verify(&old, &jwks).is_ok());
        assert!(verify(&new, &jwks).is_ok());
        // New tokens are signed with the new key.
        assert!(matches!(
            verify(&new, &ring.jwks()),
            Err(VerifyError::UnknownKid(_))
        ));
        // A JWKS read back from its JSON works the same (offline checks).
        let offline = Jwks::from_json(&serde_json::to_string_pretty(&jwks).unwrap()).unwrap();
        assert!(verify(&old, &offline).is_ok());
    }
}
