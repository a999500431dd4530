//! GET `/{lang}/account/activate`: the form where a civil servant turns the one-time code from
//! their sheet into their own login.

use crate::account::pages;
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::viewer::Viewer;
use actix_web::HttpResponse;

pub async fn handle(ctx: Ctx, viewer: Viewer) -> Result<HttpResponse, AppError> {
    Ok(ctx.html(pages::activate(&ctx, &viewer, "", "", "", &[])?))
}
