//! Completion certificates in the web app: claiming (signed with the key ring), the holder's
//! page and downloads, the public verification page, and the localized texts a picture
//! carries. Anyone may verify a code; only the holder gets the pictures and the Open Badges
//! credential. Signing, codes and drawing are hocvu-certs; storage is hocvu-store.

pub mod handlers;
pub mod holder;
pub mod pages;
pub mod pictures;
pub mod reissue;

use crate::site::Site;
use crate::site::error::AppError;
use actix_web::HttpRequest;
use hocvu_certs::{CertCode, CertificateClaims, CertificateView, KeyRing};
use hocvu_content::{Loaded, Locale};
use hocvu_dates as date;
use hocvu_store::certificates::{Certificate, Claimed};
use hocvu_store::entities::learners;
use hocvu_store::{Store, StoreError};
use serde::Serialize;

/// The issuing side: keys, issuer name, and where verification pages live.
pub struct Issuer {
    pub ring: KeyRing,
    /// `/.well-known/jwks.json`, serialised once.
    pub jwks_json: String,
    pub name: String,
    /// e.g. `https://hocvu.daklak.gov.vn`; `None`: the address each request came to.
    pub public_url: Option<String>,
    /// Pictures drawn once and kept (see [`pictures`]).
    pub pictures: pictures::Pictures,
}

#[derive(Debug, thiserror::Error)]
pub enum ClaimError {
    #[error("the course is not completed")]
    NotCompleted,
    #[error("guests have no name to print: register first")]
    Guest,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("signing: {0}")]
    Sign(String),
}

impl Issuer {
    /// Keys from `dir`; pictures kept in `pictures_dir`.
    pub fn load(
        dir: &std::path::Path,
        pictures_dir: std::path::PathBuf,
        name: String,
        public_url: Option<String>,
    ) -> Result<Issuer, hocvu_certs::KeyError> {
        let keep_pictures = public_url.is_some();
        let ring = KeyRing::open_or_create(dir)?;
        let jwks_json = serde_json::to_string(&ring.jwks()).unwrap_or_default();
        Ok(Issuer {
            ring,
            jwks_json,
            name,
            public_url,
            pictures: pictures::Pictures::new(pictures_dir, keep_pictures),
        })
    }

    /// The site's base address: configured, else the scheme and host of this request.
    pub fn base_url(&self, req: &HttpRequest) -> String {
        match &self.public_url {
            Some(url) => url.clone(),
            // Not X-Forwarded-Host: a client could put any site into its own picture's QR.
            None => {
                let host = req
                    .headers()
                    .get(actix_web::http::header::HOST)
                    .and_then(|h| h.to_str().ok())
                    .unwrap_or("localhost");
                format!("{}://{host}", req.connection_info().scheme())
            }
        }
    }

    pub fn verify_url(&self, req: &HttpRequest, code: &str) -> String {
        format!("{}/verify/{code}", self.base_url(req))
    }

    /// The learner's certificate for the course: the one already issued, or a new one if they
    /// completed it. Titles are in `lang` (falling back to Vietnamese) and in Vietnamese.
    pub async fn claim(
        &self,
        store: &Store,
        learner: &learners::Model,
        loaded: &Loaded,
        lang: Locale,
    ) -> Result<Certificate, ClaimError> {
        let course = &loaded.bundle.course;
        if let Some(existing) = store.certificate_of(learner.id, &course.id).await? {
            return Ok(existing);
        }
        let name: String = match (&learner.display_name, learner.is_guest) {
            // Accounts made before names were normalised may hold another spelling.
            (Some(name), false) if !name.trim().is_empty() => {
                unicode_normalization::UnicodeNormalization::nfc(name.as_str()).collect()
            }
            _ => return Err(ClaimError::Guest),
        };
        let completion = store
            .completion(learner.id, &course.id)
            .await?
            .ok_or(ClaimError::NotCompleted)?;
        let (title, title_lang) = course.title_in(lang);
        let (title_vi, _) = course.title_in(Locale::SOURCE);
        let template = Certificate {
            code: String::new(),
            learner_id: learner.id,
            course_id: course.id.clone(),
            display_name: name,
            course_title: title.to_string(),
            course_title_vi: title_vi.to_string(),
            course_version: completion.course_version.clone(),
            bundle_hash: completion.bundle_hash.clone(),
            completed_on: date::vietnam_date(completion.completed_at),
            issuer: self.name.clone(),
            lang: title_lang.as_str().to_string(),
            issued_at: 0,
            token: String::new(),
            revoked_at: None,
            revoked_reason: None,
            replaced_by: None,
        };
        // A fresh code collides with one in ~35 trillion; still, never overwrite.
        for _ in 0..5 {
            match store.claim_certificate(self.signed(&template)?).await? {
                Claimed::Issued(c) | Claimed::Existing(c) => return Ok(c),
                Claimed::CodeTaken => continue,
            }
        }
        Err(ClaimError::Sign(
            "no free certificate code after 5 tries".into(),
        ))
    }

    /// `template` (everything but code, token and issue time) with a new code, signed now by
    /// this issuer.
    pub fn signed(&self, template: &Certificate) -> Result<Certificate, ClaimError> {
        let code = CertCode::generate().map_err(|e| ClaimError::Sign(e.to_string()))?;
        let claims = CertificateClaims {
            jti: code.as_str().to_string(),
            iss: self.name.clone(),
            iat: u64::try_from(hocvu_store::now_ms() / 1000).unwrap_or_default(),
            name: template.display_name.clone(),
            course_id: template.course_id.clone(),
            course_title: template.course_title.clone(),
            course_title_vi: template.course_title_vi.clone(),
            course_version: template.course_version.clone(),
            bundle_hash: template.bundle_hash.clone(),
            completed_on: template.completed_on.clone(),
            lang: template.lang.clone(),
        };
        let token =
            hocvu_certs::sign(&self.ring, &claims).map_err(|e| ClaimError::Sign(e.to_string()))?;
        Ok(Certificate {
            code: claims.jti,
            issuer: claims.iss,
            issued_at: hocvu_store::now_ms(),
            token,
            revoked_at: None,
            revoked_reason: None,
            replaced_by: None,
            ..template.clone()
        })
    }

    /// The texts drawn on the certificate picture, in the interface language `lang`.
    pub fn view(
        &self,
        site: &Site,
        req: &HttpRequest,
        cert: &Certificate,
        lang: Locale,
    ) -> CertificateView {
        let tr = |key: &str, arg: Option<(&str, String)>| {
            let mut args = hocvu_i18n::FluentArgs::new();
            if let Some((name, value)) = arg {
                args.set(name, value);
            }
            site.i18n.tr(lang, key, Some(&args))
        };
        let grouped =
            CertCode::parse(&cert.code).map_or_else(|_| cert.code.clone(), |c| c.grouped());
        CertificateView {
            heading: tr("cert-heading", None),
            name: cert.display_name.clone(),
            completed_label: tr("cert-completed-label", None),
            course_title: cert.course_title.clone(),
            course_title_vi: (cert.lang != Locale::SOURCE.as_str()
                && cert.course_title != cert.course_title_vi)
                .then(|| cert.course_title_vi.clone()),
            date_line: tr(
                "cert-date-line",
                Some(("date", date::day_month_year(&cert.completed_on))),
            ),
            code_line: tr("cert-code-line", Some(("code", grouped))),
            issuer: cert.issuer.clone(),
            verify_label: tr("cert-verify-label", None),
            verify_url: self.verify_url(req, &cert.code),
        }
    }
}

/// What anyone may learn from a code: the public answer of `/verify` and the JSON API.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Verification {
    /// `valid`, `revoked`, `unknown` or (the API only) `mistyped`.
    pub status: String,
    /// The code in its canonical form (what was looked up).
    pub code: String,
    /// Absent (null) for an unknown code.
    pub certificate: Option<PublicCertificate>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PublicCertificate {
    pub name: String,
    pub course_id: String,
    pub course_title: String,
    pub course_title_vi: String,
    pub course_version: String,
    /// `YYYY-MM-DD` (Vietnam time).
    pub completed_on: String,
    pub issuer: String,
    /// When revoked: the date (`YYYY-MM-DD`) and the reason.
    pub revoked_on: Option<String>,
    pub revoked_reason: Option<String>,
    /// When its holder corrected their name: the code of the certificate issued in its place
    /// (same course and completion date, the corrected name).
    pub replaced_by: Option<String>,
    /// The signed claims (compact JWS, EdDSA): verify offline against `/.well-known/jwks.json`.
    pub token: String,
}

impl From<ClaimError> for AppError {
    fn from(e: ClaimError) -> Self {
        match e {
            ClaimError::NotCompleted | ClaimError::Guest => {
                AppError::forbidden().because("cert-not-completed")
            }
            ClaimError::Store(e) => e.into(),
            other => AppError::internal(other),
        }
    }
}

/// Looks a typed code up; `Err` with the parse error (typo help) for a malformed code.
pub async fn look_up(store: &Store, raw: &str) -> Result<Result<Verification, String>, StoreError> {
    match CertCode::parse(raw) {
        Err(e) => Ok(Err(e.to_string())),
        Ok(code) => {
            let found = store.certificate(code.as_str()).await?;
            Ok(Ok(verification(code.as_str(), found)))
        }
    }
}

pub fn verification(code: &str, found: Option<Certificate>) -> Verification {
    match found {
        None => Verification {
            status: "unknown".into(),
            code: code.to_string(),
            certificate: None,
        },
        Some(c) => Verification {
            status: if c.revoked_at.is_some() {
                "revoked"
            } else {
                "valid"
            }
            .into(),
            code: c.code.clone(),
            certificate: Some(PublicCertificate {
                name: c.display_name,
                course_id: c.course_id,
                course_title: c.course_title,
                course_title_vi: c.course_title_vi,
                course_version: c.course_version,
                completed_on: c.completed_on,
                issuer: c.issuer,
                revoked_on: c.revoked_at.map(date::vietnam_date),
                revoked_reason: c.revoked_reason,
                replaced_by: c.replaced_by,
                token: c.token,
            }),
        },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_certificate_font_draws_every_interface_string_printed_on_it() {
        let i18n = hocvu_i18n::I18n::load(None).unwrap();
        for lang in i18n.locales() {
            for key in [
                "cert-heading",
                "cert-completed-label",
                "cert-date-line",
                "cert-code-line",
                "cert-verify-label",
            ] {
                let text = i18n.tr(lang, key, None);
                assert_eq!(
                    hocvu_certs::missing_glyphs(&text),
                    Vec::<char>::new(),
                    "{lang:?} {key}: {text}"
                );
            }
        }
    }
}
