//! The certificate of the URL's `{code}` for its holder (or a province admin).

use crate::site::accounts::Accounts;
use crate::site::error::AppError;
use crate::site::extract::{app_data, async_extractor};
use actix_web::HttpRequest;
use hocvu_certs::CertCode;
use hocvu_store::certificates::Certificate;
use hocvu_store::entities::learners;
use hocvu_store::orgs::Role;

/// A handler taking `Holder` runs only for the certificate's holder or a province admin (to
/// reprint or check a dispute): 404 for a malformed or unknown code, 403 for anyone else.
pub struct Holder {
    pub certificate: Certificate,
    /// Who is asking (the holder, or the admin).
    pub learner: learners::Model,
}

impl Holder {
    async fn extract(req: HttpRequest) -> Result<Self, AppError> {
        let accounts = app_data::<Accounts>(&req)?;
        let code = req
            .match_info()
            .get("code")
            .and_then(|c| CertCode::parse(c).ok())
            .ok_or_else(AppError::not_found)?;
        let certificate = accounts
            .store
            .certificate(code.as_str())
            .await?
            .ok_or_else(AppError::not_found)?;
        let Some((claims, learner)) = accounts.session(&req).await? else {
            return Err(AppError::forbidden());
        };
        let allowed = !claims.guest
            && (learner.id == certificate.learner_id
                || accounts
                    .store
                    .roles_of(learner.id)
                    .await?
                    .iter()
                    .any(|r| r.role == Role::Admin.as_str()));
        if !allowed {
            return Err(AppError::forbidden());
        }
        Ok(Holder {
            certificate,
            learner,
        })
    }
}

async_extractor!(Holder);
