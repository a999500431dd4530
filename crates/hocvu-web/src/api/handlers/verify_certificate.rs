//! GET `/api/v1/certificates/{code}`: the public check of a certificate code, as JSON.

use crate::certificates::{Verification, look_up};
use crate::site::accounts::Accounts;
use crate::site::error::{ApiError, AppError};
use crate::site::respond;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

#[utoipa::path(get, path = "/api/v1/certificates/{code}",
    params(("code" = String, Path, pattern = "^[ -]*([0-9A-TV-Za-tv-z][ -]*){10}$",
        description = "The code printed on the certificate: 10 of 0-9 and A-Z without U (I and L read as 1, O as 0; case, spaces and hyphens are ignored), the last a check letter")),
    responses((status = 200, body = Verification, description = "valid or revoked"),
        (status = 404, body = Verification, description = "`unknown` (no such certificate) or `mistyped` (the check letter does not match: compare it with the certificate)"),
        (status = 400, body = ApiError, description = "not a certificate code (`bad_code`)")))]
pub async fn handle(
    accounts: web::Data<Accounts>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    if let Err(hocvu_certs::CodeError::CheckMismatch) = hocvu_certs::CertCode::parse(&code) {
        let mistyped = Verification {
            status: "mistyped".into(),
            code: code.to_string(),
            certificate: None,
        };
        return Ok(respond::json(StatusCode::NOT_FOUND, &mistyped));
    }
    let v = look_up(&accounts.store, &code)
        .await?
        .map_err(|_| AppError::bad_request().api("bad_code", "verify-bad-code-api"))?;
    let status = if v.status == "unknown" {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    Ok(respond::json(status, &v))
}
