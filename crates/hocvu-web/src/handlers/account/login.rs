//! POST the login form. Unknown user and wrong password get the same message and take the
//! same time; failures are throttled per account and per address. A guest's progress joins
//! the account.

use crate::Accounts;
use crate::auth::{self, LoginError};
use crate::errors::{error_page, html_or_500};
use crate::extract::{SameOrigin, UiLang};
use crate::site::Site;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

#[derive(serde::Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    _: SameOrigin,
    form: web::Form<LoginForm>,
) -> HttpResponse {
    let form = form.into_inner();
    let renderer = &site.theme_for(&req).renderer;
    let refuse = |message: &str, status: StatusCode| {
        html_or_500(
            &site,
            &req,
            renderer.login(lang, None, form.username.trim(), &[message]),
            status,
        )
    };
    let learner = match auth::check_login(&accounts, &req, &form.username, &form.password).await {
        Ok(l) => l,
        Err(LoginError::Throttled) => {
            return refuse("account-throttled", StatusCode::TOO_MANY_REQUESTS);
        }
        Err(LoginError::Failed) => return refuse("account-login-failed", StatusCode::UNAUTHORIZED),
        Err(LoginError::Store(e)) => {
            tracing::error!("login: {e}");
            return error_page(&site, &req, 500, None);
        }
    };
    if let Ok(Some((guest, _))) = accounts.session(&req).await
        && guest.guest
        && let Err(e) = accounts.store.merge_guest_into(guest.sub, learner.id).await
    {
        tracing::error!("merging guest {} into {}: {e}", guest.sub, learner.id);
    }
    HttpResponse::SeeOther()
        .cookie(
            accounts
                .keys
                .cookie(&req, learner.id, false, learner.session_generation),
        )
        .insert_header(("Location", format!("/{lang}/learning/")))
        .finish()
}
