//! GET `/static/{name}` (theme CSS, icon) and `/media/{name}` (lesson images): content-hashed
//! names, so cached for a year.

use crate::errors::error_page;
use crate::http::{IMMUTABLE, Page};
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};
use std::collections::HashMap;

fn serve(
    site: &Site,
    req: &HttpRequest,
    files: &HashMap<String, Page>,
    name: &str,
) -> HttpResponse {
    match files.get(name) {
        Some(page) => page.respond(req, IMMUTABLE),
        None => error_page(site, req, 404, None),
    }
}

pub async fn asset(
    site: web::Data<Site>,
    req: HttpRequest,
    name: web::Path<String>,
) -> HttpResponse {
    serve(&site, &req, &site.assets, &name)
}

pub async fn media(
    site: web::Data<Site>,
    req: HttpRequest,
    name: web::Path<String>,
) -> HttpResponse {
    serve(&site, &req, &site.media, &name)
}
