//! POST a new password: the current one must be given (a borrowed phone is not enough).

use super::signed_in;
use crate::Accounts;
use crate::auth::{self, MIN_PASSWORD_CHARS};
use crate::errors::error_page;
use crate::extract::{SameOrigin, UiLang};
use crate::http::{PRIVATE, Page};
use crate::site::Site;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

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
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    _: SameOrigin,
    form: web::Form<PasswordForm>,
) -> HttpResponse {
    let (learner, viewer) = match signed_in(&site, &accounts, &req, lang).await {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    let form = form.into_inner();
    let hash = learner.password_hash.clone().unwrap_or_default();
    let current = form.current.clone();
    let mut errors = Vec::new();
    if !web::block(move || auth::verify_password(&current, &hash))
        .await
        .unwrap_or(false)
    {
        errors.push("account-error-current-password");
    }
    if form.password.chars().count() < MIN_PASSWORD_CHARS {
        errors.push("account-error-password-short");
    } else if form.password != form.password2 {
        errors.push("account-error-password-mismatch");
    }
    let username = learner.username.clone().unwrap_or_default();
    let renderer = &site.theme_for(&req).renderer;
    let page = |notice: Option<&str>, errors: &[&str], status| match renderer
        .account(lang, &viewer, &username, notice, errors)
    {
        Ok(html) => Page::dynamic(html).respond_with(&req, PRIVATE, status),
        Err(e) => {
            tracing::error!("{e}");
            error_page(&site, &req, 500, None)
        }
    };
    if !errors.is_empty() {
        return page(None, &errors, StatusCode::BAD_REQUEST);
    }
    let password = form.password;
    let Ok(Some(new_hash)) = web::block(move || auth::hash_password(&password)).await else {
        return error_page(&site, &req, 500, None);
    };
    match accounts
        .store
        .set_password_hash(learner.id, &new_hash)
        .await
    {
        // Every other session ends; this one continues with the new generation.
        Ok(generation) => {
            let mut resp = page(Some("account-password-changed"), &[], StatusCode::OK);
            let _ = resp.add_cookie(&accounts.keys.cookie(&req, learner.id, false, generation));
            resp
        }
        Err(e) => {
            tracing::error!("password change {}: {e}", learner.id);
            error_page(&site, &req, 500, None)
        }
    }
}
