//! GET the account page: change password, download my data, delete my account.

use crate::account::pages;
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SignedIn};
use actix_web::HttpResponse;

pub async fn handle(ctx: Ctx, me: SignedIn) -> Result<HttpResponse, AppError> {
    let username = me.learner.username.clone().unwrap_or_default();
    Ok(ctx.html(pages::account(&ctx, &me.viewer, &username, None, &[])?))
}
