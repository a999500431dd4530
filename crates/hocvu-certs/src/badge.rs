//! Open Badges 3.0 export (1EdTech), as a VC-JWT.
//!
//! [`open_badge_json`] builds the unsigned `OpenBadgeCredential` (Verifiable
//! Credentials Data Model 2.0 context + Open Badges context 3.0.3);
//! [`open_badge_jwt`] signs it following the "JSON Web Token Proof Format"
//! section of the Open Badges 3.0 specification:
//!
//! - JOSE header: `alg` `EdDSA`, `typ` `JWT`, `kid` the RFC 9278 URI of the
//!   signing key's thumbprint (`urn:ietf:params:oauth:jwk-thumbprint:sha-256:…`;
//!   the spec wants a URI there) and `jwk` the public key itself, so a
//!   verifier does not need to dereference anything to check the signature
//!   (trust still comes from the issuer's published JWKS).
//! - Payload: `iss` = `issuer.id`, `jti` = credential `id` (the verify URL),
//!   `nbf` = `validFrom`, `sub` = `credentialSubject.id`, and the credential
//!   in the `vc` claim. No `exp`: certificates do not expire.
//!
//! The learner has no account URL or DID to use as `credentialSubject.id`,
//! which the JWT format requires, so the subject gets an opaque
//! `urn:uuid:` derived from the issuer URL and certificate code (stable for
//! one certificate, unlinkable across certificates). The learner's name is
//! given as an `identifier` (`IdentityObject`, `identityType` `name`,
//! not hashed), the spec's way of naming a recipient.

use serde::Serialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::keys::{Jwks, KeyError, KeyRing};
use crate::token::{CertificateClaims, SignError, THUMBPRINT_URN, VerifyError};

/// VC Data Model 2.0 and Open Badges 3.0.3 JSON-LD contexts, in this order.
pub const CONTEXTS: [&str; 2] = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];

/// Per-installation and per-certificate facts a badge needs besides the claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadgeContext {
    /// Issuer profile URL, e.g. `https://hocvu.example/`.
    pub issuer_url: String,
    /// Public verification page of this certificate; also the credential id.
    pub verify_url: String,
    /// Public page describing the course as an achievement.
    pub achievement_url: String,
    /// What the achievement means, for badge viewers.
    pub description: String,
    /// What the learner had to do (criteria narrative, Markdown allowed).
    pub criteria: String,
}

#[derive(Serialize)]
struct BadgePayload<'a> {
    iss: &'a str,
    jti: &'a str,
    nbf: u64,
    sub: &'a str,
    vc: &'a Value,
}

/// The unsigned `OpenBadgeCredential` for `claims`.
pub fn open_badge_json(claims: &CertificateClaims, ctx: &BadgeContext) -> Value {
    json!({
        "@context": CONTEXTS,
        "id": ctx.verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": ctx.issuer_url,
            "type": ["Profile"],
            "name": claims.iss,
        },
        "validFrom": hocvu_dates::rfc3339(claims.iat),
        "name": claims.course_title,
        "credentialSubject": {
            "id": subject_id(claims, ctx),
            "type": ["AchievementSubject"],
            "identifier": [{
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": false,
                "identityHash": claims.name,
            }],
            "achievement": {
                "id": ctx.achievement_url,
                "type": ["Achievement"],
                "name": claims.course_title,
                "description": ctx.description,
                "criteria": { "narrative": ctx.criteria },
                "inLanguage": claims.lang,
                "version": claims.course_version,
            },
        },
    })
}

/// The credential signed as a VC-JWT with the ring's active key.
pub fn open_badge_jwt(
    ring: &KeyRing,
    claims: &CertificateClaims,
    ctx: &BadgeContext,
) -> Result<String, SignError> {
    crate::token::check_claims(claims)?;
    for (what, url) in [
        ("issuer_url", &ctx.issuer_url),
        ("verify_url", &ctx.verify_url),
        ("achievement_url", &ctx.achievement_url),
    ] {
        if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(' ') {
            return Err(SignError::InvalidClaims(format!(
                "badge {what} {url:?} must be an absolute http(s) URL"
            )));
        }
    }
    let credential = open_badge_json(claims, ctx);
    let subject = subject_id(claims, ctx);
    let payload = BadgePayload {
        iss: &ctx.issuer_url,
        jti: &ctx.verify_url,
        nbf: claims.iat,
        sub: &subject,
        vc: &credential,
    };
    let (key, kid) = ring.active_encoding_key()?;
    let jwk = ring.active_jwk().ok_or(KeyError::NoKeys {
        dir: std::path::PathBuf::new(),
    })?;
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::EdDSA);
    header.kid = Some(format!("{THUMBPRINT_URN}{kid}"));
    header.jwk = Some(
        serde_json::to_value(&jwk)
            .and_then(serde_json::from_value)
            .map_err(|e| SignError::Jwt(e.to_string()))?,
    );
    jsonwebtoken::encode(&header, &payload, &key).map_err(|e| SignError::Jwt(e.to_string()))
}

/// Checks a badge VC-JWT against `jwks` and the spec's claim/credential
/// consistency rules; returns the payload (`vc` holds the credential).
pub fn verify_open_badge(token: &str, jwks: &Jwks) -> Result<Value, VerifyError> {
    let payload: Value = crate::token::verify_jws(token, jwks)?;
    let vc = &payload["vc"];
    let inconsistent = |what: &str| {
        Err(VerifyError::Malformed(format!(
            "the badge's {what} claim does not match its credential"
        )))
    };
    if !payload["iss"].is_string() || payload["iss"] != vc["issuer"]["id"] {
        return inconsistent("iss");
    }
    if !payload["jti"].is_string() || payload["jti"] != vc["id"] {
        return inconsistent("jti");
    }
    if !payload["sub"].is_string() || payload["sub"] != vc["credentialSubject"]["id"] {
        return inconsistent("sub");
    }
    match (payload["nbf"].as_u64(), vc["validFrom"].as_str()) {
        (Some(nbf), Some(from)) if hocvu_dates::rfc3339(nbf) == from => {}
        _ => return inconsistent("nbf"),
    }
    Ok(payload)
}

/// Opaque, stable subject id: a UUID (RFC 9562 version 8) from a hash.
fn subject_id(claims: &CertificateClaims, ctx: &BadgeContext) -> String {
    let digest = Sha256::digest(
        format!(
            "hocvu-certificate-subject\n{}\n{}",
            ctx.issuer_url, claims.jti
        )
        .as_bytes(),
    );
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x80; // version 8
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 9562 variant
    let h = hex::encode(b);
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    fn ctx(code: &str) -> BadgeContext {
        BadgeContext {
            issuer_url: "https://hocvu.example/".into(),
            verify_url: format!("https://hocvu.example/verify/{code}"),
            achievement_url: "https://hocvu.example/courses/dien-thoai-thong-minh".into(),
            description: "Biết dùng điện thoại thông minh an toàn.".into(),
            criteria: "Hoàn thành tất cả các bài học và bài kiểm tra.".into(),
        }
    }

    fn claims() -> CertificateClaims {
        CertificateClaims {
            jti: crate::CertCode::generate().unwrap().as_str().to_owned(),
            iss: "Sở Khoa học và Công nghệ tỉnh Đắk Lắk".into(),
            iat: 1_795_345_200,
            name: "Y Ƀhăm Êban".into(),
            course_id: "dien-thoai-thong-minh".into(),
            course_title: "Mblang klei yua điện thoại".into(),
            course_title_vi: "Sử dụng điện thoại thông minh".into(),
            course_version: "2026.11".into(),
            bundle_hash: "ab".repeat(32),
            completed_on: "2026-11-22".into(),
            lang: "rad".into(),
        }
    }

    #[test]
    fn badge_jwt_verifies_and_has_the_required_fields() {
        let tmp = tempfile::tempdir().unwrap();
        let ring = KeyRing::open_or_create(tmp.path()).unwrap();
        let claims = claims();
        let ctx = ctx(&claims.jti);
        let token = open_badge_jwt(&ring, &claims, &ctx).unwrap();
        let payload = verify_open_badge(&token, &ring.jwks()).unwrap();

        let header: Value = serde_json::from_slice(
            &URL_SAFE_NO_PAD
                .decode(token.split('.').next().unwrap())
                .unwrap(),
        )
        .unwrap();
        assert_eq!(header["alg"], "EdDSA");
        assert_eq!(header["typ"], "JWT");
        assert_eq!(
            header["kid"],
            format!("{THUMBPRINT_URN}{}", ring.active_kid())
        );
        assert_eq!(header["jwk"]["x"], ring.jwks().keys[0].x.clone().unwrap());
        assert!(header["jwk"].get("d").is_none());
        let mut members: Vec<&String> = header.as_object().unwrap().keys().collect();
        members.sort();
        assert_eq!(members, ["alg", "jwk", "kid", "typ"]);

        assert_eq!(payload["iss"], "https://hocvu.example/");
        assert_eq!(payload["jti"], ctx.verify_url);
        assert_eq!(payload["nbf"], 1_795_345_200u64);
        assert!(payload.get("exp").is_none());
        let sub = payload["sub"].as_str().unwrap();
        assert!(sub.starts_with("urn:uuid:") && sub.len() == 45, "{sub}");

        let vc = &payload["vc"];
        assert_eq!(vc, &open_badge_json(&claims, &ctx));
        assert_eq!(vc["@context"], json!(CONTEXTS));
        assert_eq!(
            vc["type"],
            json!(["VerifiableCredential", "OpenBadgeCredential"])
        );
        assert_eq!(vc["id"], ctx.verify_url);
        assert_eq!(vc["issuer"]["id"], "https://hocvu.example/");
        assert_eq!(vc["issuer"]["type"], json!(["Profile"]));
        assert_eq!(vc["issuer"]["name"], claims.iss);
        assert_eq!(vc["validFrom"], "2026-11-22T11:00:00Z");
        assert_eq!(vc["name"], claims.course_title);
        let subject = &vc["credentialSubject"];
        assert_eq!(subject["id"], sub);
        assert_eq!(subject["type"], json!(["AchievementSubject"]));
        assert_eq!(subject["identifier"][0]["identityHash"], "Y Ƀhăm Êban");
        assert_eq!(subject["identifier"][0]["identityType"], "name");
        assert_eq!(subject["identifier"][0]["hashed"], false);
        let achievement = &subject["achievement"];
        assert_eq!(achievement["id"], ctx.achievement_url);
        assert_eq!(achievement["type"], json!(["Achievement"]));
        assert_eq!(achievement["name"], claims.course_title);
        assert_eq!(achievement["description"], ctx.description);
        assert_eq!(achievement["criteria"]["narrative"], ctx.criteria);

        // A different code gives a different, stable subject.
        assert_eq!(subject_id(&claims, &ctx), sub);
        let mut other = claims.clone();
        other.jti = crate::CertCode::generate().unwrap().as_str().to_owned();
        assert_ne!(subject_id(&other, &ctx), sub);

        // Tampering and foreign keys fail.
        let other_dir = tempfile::tempdir().unwrap();
        let other_ring = KeyRing::open_or_create(other_dir.path()).unwrap();
        assert!(verify_open_badge(&token, &other_ring.jwks()).is_err());
        // A certificate token is not a badge.
        let cert = crate::sign(&ring, &claims).unwrap();
        assert!(verify_open_badge(&cert, &ring.jwks()).is_err());
    }

    #[test]
    fn relative_urls_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let ring = KeyRing::open_or_create(tmp.path()).unwrap();
        let claims = claims();
        let mut ctx = ctx(&claims.jti);
        ctx.verify_url = "/verify/x".into();
        assert!(matches!(
            open_badge_jwt(&ring, &claims, &ctx),
            Err(SignError::InvalidClaims(_))
        ));
    }
}
