//! GET `/verify/{code}`: the public check of a certificate code (the QR code links here), in
//! the visitor's language. An unknown or malformed code is a 404 page that says why.

use crate::certificates::{look_up, pages};
use crate::site::Site;
use crate::site::accounts::Accounts;
use crate::site::error::AppError;
use crate::site::respond;
use crate::site::viewer::Viewer;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    code: web::Path<String>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let lang = site.negotiate(&req);
    let raw: String = code.chars().take(40).collect();
    let result = look_up(&accounts.store, &raw).await?;
    let status = match &result {
        Ok(v) if v.status != "unknown" => StatusCode::OK,
        _ => StatusCode::NOT_FOUND,
    };
    let html = pages::verify(
        site.renderer(&req),
        lang,
        &viewer,
        Some(&raw),
        result.as_ref().ok(),
        result.as_ref().err().map(String::as_str),
    )?;
    Ok(respond::html_with(&req, html, status))
}
