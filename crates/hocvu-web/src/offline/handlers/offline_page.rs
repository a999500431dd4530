//! GET `/{lang}/offline`: what the service worker shows for a page that was not saved when
//! there is no network; the offline script lists the courses saved on this phone.

use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::page_cache::REVALIDATE;
use actix_web::HttpResponse;

pub async fn handle(ctx: Ctx) -> Result<HttpResponse, AppError> {
    let path = format!("/{}/offline", ctx.lang);
    let page = ctx
        .site
        .theme_for(&ctx.req)
        .cache
        .page(&path)
        .ok_or_else(AppError::not_found)?;
    Ok(page.respond(&ctx.req, REVALIDATE))
}
