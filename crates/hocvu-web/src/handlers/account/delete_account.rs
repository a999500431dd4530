//! POST delete: with the confirmation ticked, the account and all its learning are deleted
//! and the session ends.

use super::signed_in;
use crate::Accounts;
use crate::errors::error_page;
use crate::extract::{SameOrigin, UiLang};
use crate::http::{PRIVATE, Page};
use crate::session::SessionKeys;
use crate::site::Site;
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
    form: web::Form<DeleteForm>,
) -> HttpResponse {
    let (learner, viewer) = match signed_in(&site, &accounts, &req, lang).await {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    if form.confirm.as_deref() != Some("yes") {
        let username = learner.username.unwrap_or_default();
        return match site.theme_for(&req).renderer.account(
            lang,
            &viewer,
            &username,
            None,
            &["account-error-delete-confirm"],
        ) {
            Ok(html) => Page::dynamic(html).respond_with(&req, PRIVATE, StatusCode::BAD_REQUEST),
            Err(e) => {
                tracing::error!("{e}");
                error_page(&site, &req, 500, None)
            }
        };
    }
    match accounts.store.delete_learner(learner.id).await {
        Ok(()) => HttpResponse::SeeOther()
            .cookie(SessionKeys::removal(&req))
            .insert_header(("Location", format!("/{lang}/")))
            .finish(),
        Err(e) => {
            tracing::error!("delete {}: {e}", learner.id);
            error_page(&site, &req, 500, None)
        }
    }
}
