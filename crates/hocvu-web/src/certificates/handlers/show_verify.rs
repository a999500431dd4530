//! GET `/verify/{code}`: the public check of a certificate code (the QR code links here), in
//! the visitor's language. An unknown or malformed code is a 404 page that says why.

use crate::certificates::{look_up, pages};
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::viewer::Viewer;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

pub async fn handle(
    ctx: Ctx,
    code: web::Path<String>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let raw: String = code.chars().take(40).collect();
    let result = look_up(ctx.store(), &raw).await?;
    let status = match &result {
        Ok(v) if v.status != "unknown" => StatusCode::OK,
        _ => StatusCode::NOT_FOUND,
    };
    let (found, bad) = (result.as_ref().ok(), result.as_ref().err());
    let html = pages::verify(&ctx, &viewer, Some(&raw), found, bad.map(String::as_str))?;
    Ok(ctx.html_with(html, status))
}
