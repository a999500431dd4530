//! Certificates: claim (POST from the course page), the holder's page and downloads, and the
//! public verification page. Anyone may verify a code; only the holder gets the pictures and
//! the Open Badges credential.

pub mod badge;
pub mod claim;
pub mod jwks;
pub mod picture;
pub mod show;
pub mod verify;

use crate::Accounts;
use crate::certificates::Issuer;
use crate::errors::error_page;
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse};
use hocvu_certs::CertCode;
use hocvu_store::certificates::Certificate;
use hocvu_store::entities::learners;

/// The certificate named by the URL's `{code}` when the signed-in learner holds it (or is a
/// province admin), with that signed-in learner; otherwise
/// the page to send: 404 for a malformed or unknown code, 403 for someone else's.
pub async fn held(
    site: &Site,
    accounts: &Accounts,
    req: &HttpRequest,
) -> Result<(Certificate, learners::Model), HttpResponse> {
    let code = req
        .match_info()
        .get("code")
        .and_then(|c| CertCode::parse(c).ok())
        .ok_or_else(|| error_page(site, req, 404, None))?;
    let failed = |e: hocvu_store::StoreError| {
        tracing::error!("certificate {code}: {e}");
        error_page(site, req, 500, None)
    };
    let cert = accounts
        .store
        .certificate(code.as_str())
        .await
        .map_err(failed)?
        .ok_or_else(|| error_page(site, req, 404, None))?;
    let holder = accounts.session(req).await.map_err(failed)?;
    match holder {
        Some((claims, learner)) if !claims.guest && learner.id == cert.learner_id => {
            Ok((cert, learner))
        }
        // Province admins may fetch any certificate (to reprint or check a dispute).
        Some((claims, learner)) if !claims.guest => {
            let roles = accounts.store.roles_of(learner.id).await.map_err(failed)?;
            if roles
                .iter()
                .any(|r| r.role == hocvu_store::orgs::Role::Admin.as_str())
            {
                Ok((cert, learner))
            } else {
                Err(error_page(site, req, 403, None))
            }
        }
        _ => Err(error_page(site, req, 403, None)),
    }
}

/// Issuer is app data; a missing one is a wiring bug, answered as a 500 page.
pub fn issuer<'a>(req: &'a HttpRequest, site: &Site) -> Result<&'a Issuer, HttpResponse> {
    req.app_data::<actix_web::web::Data<Issuer>>()
        .map(|d| d.get_ref())
        .ok_or_else(|| error_page(site, req, 500, None))
}
