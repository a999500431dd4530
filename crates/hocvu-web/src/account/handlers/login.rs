//! POST the login form. Unknown user and wrong password get the same message and take the
//! same time; failures are throttled per account and per address. A guest's progress joins
//! the account.

use crate::account::pages;
use crate::site::accounts::{LoginError, check_login};
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin};
use crate::site::viewer::Viewer;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

#[derive(serde::Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    viewer: Viewer,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let form = form.into_inner();
    let refuse = |message: &str, status: StatusCode| -> Result<HttpResponse, AppError> {
        let html = pages::login(&ctx, &viewer, form.username.trim(), &[message])?;
        Ok(ctx.html_with(html, status))
    };
    let learner = match check_login(&ctx.accounts, &ctx.req, &form.username, &form.password).await {
        Ok(l) => l,
        Err(LoginError::Throttled) => {
            return refuse("account-throttled", StatusCode::TOO_MANY_REQUESTS);
        }
        Err(LoginError::Failed) => return refuse("account-login-failed", StatusCode::UNAUTHORIZED),
        Err(LoginError::Store(e)) => return Err(e.into()),
    };
    if viewer.guest
        && let Some(guest) = viewer.learner
        && let Err(e) = ctx.store().merge_guest_into(guest, learner.id).await
    {
        tracing::error!("merging guest {guest} into {}: {e}", learner.id);
    }
    Ok(HttpResponse::SeeOther()
        .cookie(
            ctx.accounts
                .keys
                .cookie(&ctx.req, learner.id, false, learner.session_generation),
        )
        .insert_header(("Location", format!("/{lang}/learning/")))
        .finish())
}
