//! GET the account page: my details, change password, download my data, delete my account.

use crate::account::account_page;
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SignedIn};
use actix_web::HttpResponse;

pub async fn handle(ctx: Ctx, me: SignedIn) -> Result<HttpResponse, AppError> {
    Ok(ctx.html(account_page(&ctx, &me, None, None, 0, &[], false).await?))
}
