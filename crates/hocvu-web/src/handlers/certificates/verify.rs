//! The public check of a certificate code, for anyone (the QR code links here):
//! GET `/verify/{code}` (page in the visitor's language), GET `/verify?code=…` (the form), and
//! GET `/api/v1/certificates/{code}` (JSON).

use crate::Accounts;
use crate::certificates::{Verification, verification};
use crate::errors::{error_page, html_or_500};
use crate::handlers::api::{ApiError, server_error};
use crate::site::Site;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use hocvu_certs::CertCode;
use serde::Deserialize;

/// Looks the code up; a malformed code is reported as the parse error (typo help).
async fn look_up(
    accounts: &Accounts,
    raw: &str,
) -> Result<Result<Verification, String>, hocvu_store::StoreError> {
    match CertCode::parse(raw) {
        Err(e) => Ok(Err(e.to_string())),
        Ok(code) => {
            let found = accounts.store.certificate(code.as_str()).await?;
            Ok(Ok(verification(code.as_str(), found)))
        }
    }
}

pub async fn page(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    code: web::Path<String>,
) -> HttpResponse {
    let lang = site.negotiate(&req);
    let raw: String = code.chars().take(40).collect();
    let (result, status) = match look_up(&accounts, &raw).await {
        Ok(Ok(v)) => {
            let status = if v.status == "unknown" {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::OK
            };
            (Ok(v), status)
        }
        Ok(Err(reason)) => (Err(reason), StatusCode::NOT_FOUND),
        Err(e) => {
            tracing::error!("verify {raw}: {e}");
            return error_page(&site, &req, 500, None);
        }
    };
    let viewer = crate::viewer::optional(&site, &accounts, &req).await;
    html_or_500(
        &site,
        &req,
        site.theme_for(&req).renderer.verify(
            lang,
            Some(&raw),
            result.as_ref().ok(),
            result.as_ref().err().map(String::as_str),
            viewer.as_ref(),
        ),
        status,
    )
}

#[derive(Deserialize)]
pub struct Form {
    code: Option<String>,
}

pub async fn form(
    site: web::Data<Site>,
    req: HttpRequest,
    query: web::Query<Form>,
) -> HttpResponse {
    match query
        .code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        Some(code) => HttpResponse::SeeOther()
            .insert_header(("Location", format!("/verify/{}", percent_path(code))))
            .finish(),
        None => {
            let lang = site.negotiate(&req);
            html_or_500(
                &site,
                &req,
                site.theme_for(&req)
                    .renderer
                    .verify(lang, None, None, None, None),
                StatusCode::OK,
            )
        }
    }
}

/// Keeps a typed code safe inside a path segment (it is parsed, normalised, on the next page).
fn percent_path(code: &str) -> String {
    code.chars()
        .take(40)
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

#[utoipa::path(get, path = "/api/v1/certificates/{code}",
    params(("code" = String, Path, description = "The code printed on the certificate (case, spaces and hyphens are ignored)")),
    responses((status = 200, body = Verification, description = "valid or revoked"), (status = 404, body = Verification, description = "unknown code"), (status = 400, body = ApiError, description = "not a certificate code")))]
pub async fn api(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    code: web::Path<String>,
) -> HttpResponse {
    match look_up(&accounts, &code).await {
        Ok(Ok(v)) => {
            let status = if v.status == "unknown" {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::OK
            };
            HttpResponse::build(status)
                .insert_header(("Cache-Control", "no-store"))
                .json(v)
        }
        Ok(Err(_)) => crate::handlers::api::error(
            &site,
            &req,
            StatusCode::BAD_REQUEST,
            "bad_code",
            "verify-bad-code-api",
        ),
        Err(e) => server_error(&site, &req, e),
    }
}
