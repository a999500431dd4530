//! POST the login form. Unknown user and wrong password get the same message and take the
//! same time; failures are throttled per account and per address. A guest's progress joins
//! the account.

use crate::Accounts;
use crate::auth;
use crate::errors::error_page;
use crate::http::{PRIVATE, Page};
use crate::site::Site;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use hocvu_store::learners::normalise_username;

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
    lang: web::Path<String>,
    form: web::Form<LoginForm>,
) -> HttpResponse {
    let Some(lang) = site.ui_locale(&lang) else {
        return error_page(&site, &req, 404, None);
    };
    if !auth::same_origin(&req) {
        return error_page(&site, &req, 403, None);
    }
    let form = form.into_inner();
    let username =
        normalise_username(&form.username).unwrap_or_else(|| form.username.trim().to_lowercase());
    let keys = vec![
        format!("user:{username}"),
        format!(
            "ip:{}",
            req.peer_addr()
                .map(|a| a.ip().to_string())
                .unwrap_or_default()
        ),
    ];
    let renderer = &site.theme_for(&req).renderer;
    let refuse = |message: &str, status: StatusCode| match renderer.login(
        lang,
        None,
        form.username.trim(),
        &[message],
    ) {
        Ok(html) => Page::dynamic(html).respond_with(&req, PRIVATE, status),
        Err(e) => {
            tracing::error!("{e}");
            error_page(&site, &req, 500, None)
        }
    };
    if accounts.throttle.blocked(&keys) {
        return refuse("account-throttled", StatusCode::TOO_MANY_REQUESTS);
    }
    let learner = match accounts.store.learner_by_username(&username).await {
        Ok(l) => l.filter(|l| !l.is_guest),
        Err(e) => {
            tracing::error!("login: {e}");
            return error_page(&site, &req, 500, None);
        }
    };
    let hash = learner
        .as_ref()
        .and_then(|l| l.password_hash.clone())
        .unwrap_or_else(|| auth::dummy_hash().to_string());
    let password = form.password.clone();
    let verified = web::block(move || auth::verify_password(&password, &hash))
        .await
        .unwrap_or(false);
    let Some(learner) = learner.filter(|_| verified) else {
        accounts.throttle.failed(&keys);
        return refuse("account-login-failed", StatusCode::UNAUTHORIZED);
    };
    accounts.throttle.succeeded(&keys[0]);
    if let Some(guest) = accounts.keys.current(&req).filter(|c| c.guest)
        && let Err(e) = accounts.store.merge_guest_into(guest.sub, learner.id).await
    {
        tracing::error!("merging guest {} into {}: {e}", guest.sub, learner.id);
    }
    HttpResponse::SeeOther()
        .cookie(accounts.keys.cookie(&req, learner.id, false))
        .insert_header(("Location", format!("/{lang}/learning/")))
        .finish()
}
