//! GET `/static/{name}` (theme CSS, icon), `/media/{name}` (lesson images) and `/audio/{name}`
//! (narration): content-hashed names, so cached for a year.

use crate::site::Site;
use crate::site::error::AppError;
use crate::site::page_cache::{IMMUTABLE, Page};
use actix_web::{HttpRequest, HttpResponse, web};
use std::collections::HashMap;

fn serve(
    req: &HttpRequest,
    files: &HashMap<String, Page>,
    name: &str,
) -> Result<HttpResponse, AppError> {
    let page = files.get(name).ok_or_else(AppError::not_found)?;
    Ok(page.respond(req, IMMUTABLE))
}

pub async fn asset(
    site: web::Data<Site>,
    req: HttpRequest,
    name: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    serve(&req, &site.assets, &name)
}

pub async fn media(
    site: web::Data<Site>,
    req: HttpRequest,
    name: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    serve(&req, &site.media, &name)
}

/// GET `/audio/{name}`: narration, with byte ranges.
pub async fn audio(
    site: web::Data<Site>,
    req: HttpRequest,
    name: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let audio = site
        .audio
        .get(name.as_str())
        .ok_or_else(AppError::not_found)?;
    Ok(audio.respond(&req))
}
