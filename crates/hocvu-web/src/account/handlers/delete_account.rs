//! POST delete: with the confirmation ticked, the account and all its learning are deleted
//! and the session ends.

use crate::account::pages;
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
        let username = me.learner.username.unwrap_or_default();
        let errors = ["account-error-delete-confirm"];
        let html = pages::account(&ctx, &me.viewer, &username, None, &errors)?;
        return Ok(ctx.html_with(html, StatusCode::BAD_REQUEST));
    }
    ctx.store().delete_learner(me.learner.id).await?;
    Ok(HttpResponse::SeeOther()
        .cookie(SessionKeys::removal(&ctx.req))
        .insert_header(("Location", format!("/{}/", ctx.lang)))
        .finish())
}
