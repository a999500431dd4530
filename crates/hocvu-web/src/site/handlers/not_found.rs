//! Every unmatched request: a missing trailing slash is redirected, the rest is a localized 404.

use crate::site::Site;
use crate::site::error::AppError;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(site: web::Data<Site>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let with_slash = format!("{}/", req.path());
    if req.method() == actix_web::http::Method::GET
        && !req.path().ends_with('/')
        && site.theme_for(&req).cache.page(&with_slash).is_some()
    {
        return Ok(HttpResponse::PermanentRedirect()
            .insert_header(("Location", with_slash))
            .finish());
    }
    Err(AppError::not_found())
}
