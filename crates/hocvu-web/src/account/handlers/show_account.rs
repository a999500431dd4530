//! GET the account page: change password, download my data, delete my account.

use crate::account::pages;
use crate::site::Site;
use crate::site::error::AppError;
use crate::site::extract::{SignedIn, UiLang};
use crate::site::respond;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(
    site: web::Data<Site>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    me: SignedIn,
) -> Result<HttpResponse, AppError> {
    let username = me.learner.username.clone().unwrap_or_default();
    let html = pages::account(site.renderer(&req), lang, &me.viewer, &username, None, &[])?;
    Ok(respond::html(&req, html))
}
