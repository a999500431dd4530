//! GET `/{lang}/manage/certificates/?code=…`: province admins look a certificate up by code.

use crate::certificates::verification;
use crate::manage::access::Access;
use crate::manage::page;
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use actix_web::{HttpResponse, web};
use hocvu_certs::CertCode;
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
pub struct Lookup {
    code: Option<String>,
}

pub async fn handle(
    ctx: Ctx,
    access: Access,
    query: web::Query<Lookup>,
) -> Result<HttpResponse, AppError> {
    access.require_admin()?;
    let typed = query
        .code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let parsed = typed.map(CertCode::parse);
    let found = match &parsed {
        Some(Ok(code)) => Some(verification(
            code.as_str(),
            ctx.store().certificate(code.as_str()).await?,
        )),
        _ => None,
    };
    let data = json!({"typed": typed, "bad_code": matches!(parsed, Some(Err(_))), "v": found});
    let here = "manage/certificates/";
    page(&ctx, &access, "certificates-admin.html", here, &data)
}
