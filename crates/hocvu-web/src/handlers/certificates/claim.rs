//! POST `/{lang}/certificates/{course}`: the signed-in learner claims the certificate of a
//! course they completed; claiming again returns the same one. Redirects to its page.

use super::issuer;
use crate::Accounts;
use crate::certificates::ClaimError;
use crate::errors::error_page;
use crate::extract::{SameOrigin, UiLang};
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    _same_origin: SameOrigin,
    path: web::Path<(String, String)>,
) -> HttpResponse {
    let issuer = match issuer(&req, &site) {
        Ok(i) => i,
        Err(resp) => return resp,
    };
    let Some(loaded) = site.loaded(&path.1) else {
        return error_page(&site, &req, 404, None);
    };
    let learner = match accounts.session(&req).await {
        Ok(Some((claims, learner))) if !claims.guest => learner,
        Ok(_) => {
            return HttpResponse::SeeOther()
                .insert_header(("Location", format!("/{lang}/account/register")))
                .finish();
        }
        Err(e) => {
            tracing::error!("claim: {e}");
            return error_page(&site, &req, 500, None);
        }
    };
    match issuer.claim(&accounts.store, &learner, loaded, lang).await {
        Ok(cert) => HttpResponse::SeeOther()
            .insert_header(("Location", format!("/{lang}/certificates/{}/", cert.code)))
            .finish(),
        Err(ClaimError::NotCompleted | ClaimError::Guest) => {
            let detail = site.i18n.tr(lang, "cert-not-completed", None);
            error_page(&site, &req, 403, Some(&detail))
        }
        Err(e) => {
            tracing::error!("claim {} by {}: {e}", loaded.bundle.course.id, learner.id);
            error_page(&site, &req, 500, None)
        }
    }
}
