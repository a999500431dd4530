//! GET `/static/{name}` (theme CSS, icon) and `/media/{name}` (lesson images): content-hashed
//! names, so cached for a year.

use crate::errors::error_page;
use crate::http::IMMUTABLE;
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn asset(
    site: web::Data<Site>,
    req: HttpRequest,
    name: web::Path<String>,
) -> HttpResponse {
    match site.assets.get(name.as_str()) {
        Some(page) => page.respond(&req, IMMUTABLE),
        None => error_page(&site, &req, 404, None),
    }
}

pub async fn media(
    site: web::Data<Site>,
    req: HttpRequest,
    name: web::Path<String>,
) -> HttpResponse {
    match site.media.get(name.as_str()) {
        Some(page) => page.respond(&req, IMMUTABLE),
        None => error_page(&site, &req, 404, None),
    }
}
