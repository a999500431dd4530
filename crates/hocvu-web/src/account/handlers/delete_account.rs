//! POST delete: with the confirmation ticked, the account and all its learning are deleted
//! and the session ends.

use crate::account::pages;
use crate::site::Site;
use crate::site::accounts::Accounts;
use crate::site::error::AppError;
use crate::site::extract::{SameOrigin, SignedIn, UiLang};
use crate::site::respond;
use crate::site::session::SessionKeys;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

#[derive(serde::Deserialize)]
pub struct DeleteForm {
    confirm: Option<String>,
}

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    _: SameOrigin,
    me: SignedIn,
    form: web::Form<DeleteForm>,
) -> Result<HttpResponse, AppError> {
    if form.confirm.as_deref() != Some("yes") {
        let username = me.learner.username.unwrap_or_default();
        let html = pages::account(
            site.renderer(&req),
            lang,
            &me.viewer,
            &username,
            None,
            &["account-error-delete-confirm"],
        )?;
        return Ok(respond::html_with(&req, html, StatusCode::BAD_REQUEST));
    }
    accounts.store.delete_learner(me.learner.id).await?;
    Ok(HttpResponse::SeeOther()
        .cookie(SessionKeys::removal(&req))
        .insert_header(("Location", format!("/{lang}/")))
        .finish())
}
