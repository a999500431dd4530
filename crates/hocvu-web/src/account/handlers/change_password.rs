//! POST a new password: the current one must be given (a borrowed phone is not enough).

use crate::account::account_page;
use crate::site::auth::{self, MIN_PASSWORD_CHARS};
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin, SignedIn};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

#[derive(serde::Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
}

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    me: SignedIn,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let hash = me.learner.password_hash.clone().unwrap_or_default();
    let current = form.current.clone();
    let mut errors = Vec::new();
    if !web::block(move || auth::verify_password(&current, &hash)).await? {
        errors.push("account-error-current-password");
    }
    if form.password.chars().count() < MIN_PASSWORD_CHARS {
        errors.push("account-error-password-short");
    } else if form.password != form.password2 {
        errors.push("account-error-password-mismatch");
    }
    if !errors.is_empty() {
        let html = account_page(&ctx, &me, None, None, 0, &errors, false).await?;
        return Ok(ctx.html_with(html, StatusCode::BAD_REQUEST));
    }
    let password = form.password;
    let new_hash = web::block(move || auth::hash_password(&password))
        .await?
        .ok_or_else(|| AppError::internal("password hashing failed"))?;
    // Every other session ends; this one continues with the new generation.
    let generation = ctx
        .store()
        .set_password_hash(me.learner.id, &new_hash)
        .await?;
    let notice = Some("account-password-changed");
    let mut resp = ctx.html(account_page(&ctx, &me, None, notice, 0, &[], false).await?);
    let cookie = ctx
        .accounts
        .keys
        .cookie(&ctx.req, me.learner.id, false, generation);
    let _ = resp.add_cookie(&cookie);
    Ok(resp)
}
