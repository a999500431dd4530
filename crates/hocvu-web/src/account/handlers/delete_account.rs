//! POST delete: with the confirmation ticked, the account and all its learning are deleted
//! and the session ends.

use crate::account::account_page;
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin, SignedIn};
use crate::site::session::SessionKeys;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

#[derive(serde::Deserialize)]
pub struct DeleteForm {
    confirm: Option<String>,
}

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    me: SignedIn,
    form: web::Form<DeleteForm>,
) -> Result<HttpResponse, AppError> {
    if form.confirm.as_deref() != Some("yes") {
        let errors = ["account-error-delete-confirm"];
        let html = account_page(&ctx, &me, None, None, 0, &errors, false).await?;
        return Ok(ctx.html_with(html, StatusCode::BAD_REQUEST));
    }
    ctx.store().delete_learner(me.learner.id).await?;
    Ok(HttpResponse::SeeOther()
        .cookie(SessionKeys::removal(&ctx.req))
        .insert_header(("Location", format!("/{}/", ctx.lang)))
        .finish())
}
