//! GET `/api/v1/certificates/{code}`: the public check of a certificate code, as JSON.

use crate::certificates::{Verification, look_up};
use crate::site::accounts::Accounts;
use crate::site::error::{ApiError, AppError};
use crate::site::respond;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

#[utoipa::path(get, path = "/api/v1/certificates/{code}",
    params(("code" = String, Path, description = "The code printed on the certificate (case, spaces and hyphens are ignored)")),
    responses((status = 200, body = Verification, description = "valid or revoked"), (status = 404, body = Verification, description = "unknown code"), (status = 400, body = ApiError, description = "not a certificate code")))]
pub async fn handle(
    accounts: web::Data<Accounts>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
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
