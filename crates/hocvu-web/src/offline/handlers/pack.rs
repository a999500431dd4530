//! GET `/{lang}/courses/{course}/offline.json`: the files the offline script keeps to learn
//! this course without a network, their download size and hash (`site::packs`).

use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::page_cache::REVALIDATE;
use actix_web::{HttpResponse, web};

pub async fn handle(ctx: Ctx, path: web::Path<(String, String)>) -> Result<HttpResponse, AppError> {
    let pack = ctx
        .site
        .offline_pack(&ctx.req, ctx.lang, &path.1)
        .ok_or_else(AppError::not_found)?;
    Ok(pack.respond(&ctx.req, REVALIDATE))
}
