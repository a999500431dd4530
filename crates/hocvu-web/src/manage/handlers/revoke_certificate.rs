//! POST `/{lang}/manage/certificates/revoke`: a province admin revokes a certificate with a
//! reason (the same as `hocvu cert revoke`); audit-logged by the store.

use crate::manage::access::Access;
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin};
use crate::site::respond;
use actix_web::{HttpResponse, web};
use hocvu_certs::CertCode;
use hocvu_store::certificates::Revoked;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct RevokeForm {
    code: String,
    #[serde(default)]
    reason: String,
}

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    access: Access,
    form: web::Form<RevokeForm>,
) -> Result<HttpResponse, AppError> {
    access.require_admin()?;
    let code = CertCode::parse(&form.code)
        .map_err(|_| AppError::bad_request().detail("not a certificate code"))?;
    let reason = form.reason.trim();
    if reason.is_empty() {
        return Err(AppError::bad_request()
            .detail("a revocation needs a reason; it is shown on the verification page"));
    }
    let revoked = ctx
        .store()
        .revoke_certificate(code.as_str(), reason, Some(access.learner.id))
        .await?;
    if let Revoked::Unknown = revoked {
        return Err(AppError::not_found());
    }
    Ok(respond::see_other(format!(
        "/{}/manage/certificates/?code={}",
        access.lang,
        code.as_str()
    )))
}
