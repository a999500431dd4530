//! GET `/share/{course}-{lang}-{fingerprint}.png`: the share card of a course (or `_`, the
//! catalogue) in a language, the picture of the pages' `og:image`. Drawn on first request and
//! kept in memory (at most one per course and language: only the current fingerprint is
//! drawn); the fingerprint changes with what it shows, so it is cached for a year.

use crate::site::Site;
use crate::site::error::AppError;
use crate::site::page_cache::{IMMUTABLE, Page};
use crate::site::render::{CARD_PREFIX, CATALOGUE_CARD};
use actix_web::{HttpRequest, HttpResponse, web};
use std::sync::Arc;

pub async fn handle(
    site: web::Data<Site>,
    req: HttpRequest,
    name: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let path = format!("{CARD_PREFIX}{name}");
    let cached = site
        .share_cards
        .lock()
        .ok()
        .and_then(|cards| cards.get(&path).cloned());
    if let Some(page) = cached {
        return Ok(page.respond(&req, IMMUTABLE));
    }
    // Course ids may contain '-', languages and fingerprints do not.
    let mut parts = name.strip_suffix(".png").unwrap_or("").rsplitn(3, '-');
    let (_, lang, id) = (parts.next(), parts.next(), parts.next());
    let lang = lang
        .and_then(|l| site.ui_locale(l))
        .ok_or_else(AppError::not_found)?;
    let id = id.ok_or_else(AppError::not_found)?;
    let bundle = match id {
        CATALOGUE_CARD => None,
        id => Some(&crate::spread::course(&site, id)?.bundle),
    };
    let count = site.bundles_for(false).len();
    let renderer = &site.themes[site.default_theme].renderer;
    // Only the card the pages point to now: an old or made-up name is a 404.
    if renderer.share_card_path(lang, bundle, count).as_deref() != Some(path.as_str()) {
        return Err(AppError::not_found());
    }
    let view = renderer
        .share_card(lang, bundle, count)
        .ok_or_else(AppError::not_found)?;
    let png = web::block(move || hocvu_certs::render_share_card(&view)).await??;
    let page = Arc::new(Page::new("image/png", png, &path));
    if let Ok(mut cards) = site.share_cards.lock() {
        cards.insert(path, page.clone());
    }
    Ok(page.respond(&req, IMMUTABLE))
}
