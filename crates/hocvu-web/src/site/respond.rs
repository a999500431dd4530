//! The few kinds of successful answer handlers give, each made one way.

use crate::site::page_cache::{PRIVATE, Page};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;

/// A page rendered for this request (it shows one person's state): compressed, never stored.
pub fn html(req: &HttpRequest, html: String) -> HttpResponse {
    html_with(req, html, StatusCode::OK)
}

/// [`html`] with another status (a form shown again with its errors).
pub fn html_with(req: &HttpRequest, html: String, status: StatusCode) -> HttpResponse {
    Page::dynamic(html).respond_with(req, PRIVATE, status)
}

/// After a form: go to `location` (303, so the browser GETs it).
pub fn see_other(location: impl Into<String>) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", location.into()))
        .finish()
}

/// A JSON answer that no cache keeps.
pub fn json(status: StatusCode, body: &impl Serialize) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header(("Cache-Control", "no-store"))
        .json(body)
}

/// A file to download (`name`), private to the person asking.
pub fn download(
    content_type: &str,
    name: &str,
    body: impl Into<actix_web::web::Bytes>,
) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("Cache-Control", PRIVATE))
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ))
        .body(body.into())
}
