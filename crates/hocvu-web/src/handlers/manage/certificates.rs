//! `/{lang}/manage/certificates/`: province admins look a certificate up by code and revoke it
//! with a reason (the same as `hocvu cert revoke`); audit-logged by the store.

use super::{back_to, failed, page};
use crate::Accounts;
use crate::errors::error_page;
use crate::extract::{SameOrigin, UiLang};
use crate::manage::Access;
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};
use hocvu_certs::CertCode;
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
pub struct Lookup {
    code: Option<String>,
}

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    access: Access,
    query: web::Query<Lookup>,
) -> HttpResponse {
    if !access.admin {
        return error_page(&site, &req, 403, None);
    }
    let typed = query
        .code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let found = match typed.map(CertCode::parse) {
        Some(Ok(code)) => match accounts.store.certificate(code.as_str()).await {
            Ok(c) => Some(crate::certificates::verification(code.as_str(), c)),
            Err(e) => return failed(&site, &req, e),
        },
        _ => None,
    };
    let data = json!({"typed": typed, "bad_code": matches!(typed.map(CertCode::parse), Some(Err(_))), "v": found});
    page(
        &site,
        &req,
        "certificates-admin.html",
        lang,
        "manage/certificates/",
        &data,
    )
}

#[derive(Deserialize)]
pub struct RevokeForm {
    code: String,
    #[serde(default)]
    reason: String,
}

pub async fn revoke(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    access: Access,
    _: SameOrigin,
    form: web::Form<RevokeForm>,
) -> HttpResponse {
    if !access.admin {
        return error_page(&site, &req, 403, None);
    }
    let Ok(code) = CertCode::parse(&form.code) else {
        return error_page(&site, &req, 400, Some("not a certificate code"));
    };
    let reason = form.reason.trim();
    if reason.is_empty() {
        return error_page(
            &site,
            &req,
            400,
            Some("a revocation needs a reason; it is shown on the verification page"),
        );
    }
    match accounts
        .store
        .revoke_certificate(code.as_str(), reason, Some(access.learner.id))
        .await
    {
        Ok(hocvu_store::certificates::Revoked::Unknown) => error_page(&site, &req, 404, None),
        Ok(_) => back_to(format!(
            "/{lang}/manage/certificates/?code={}",
            code.as_str()
        )),
        Err(e) => failed(&site, &req, e),
    }
}
