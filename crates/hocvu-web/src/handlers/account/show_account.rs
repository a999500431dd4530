//! GET the account page: change password, download my data, delete my account.

use super::signed_in;
use crate::Accounts;
use crate::errors::error_page;
use crate::extract::UiLang;
use crate::http::{PRIVATE, Page};
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
) -> HttpResponse {
    let (learner, viewer) = match signed_in(&site, &accounts, &req, lang).await {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    let username = learner.username.unwrap_or_default();
    match site
        .theme_for(&req)
        .renderer
        .account(lang, &viewer, &username, None, &[])
    {
        Ok(html) => Page::dynamic(html).respond(&req, PRIVATE),
        Err(e) => {
            tracing::error!("{e}");
            error_page(&site, &req, 500, None)
        }
    }
}
