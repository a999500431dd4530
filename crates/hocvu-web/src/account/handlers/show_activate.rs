//! GET `/{lang}/account/activate`: the form where a civil servant turns the one-time code from
//! their sheet into their own login.

use crate::account::pages;
use crate::site::Site;
use crate::site::error::AppError;
use crate::site::extract::UiLang;
use crate::site::respond;
use crate::site::viewer::Viewer;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(
    site: web::Data<Site>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let html = pages::activate(site.renderer(&req), lang, &viewer, "", "", &[])?;
    Ok(respond::html(&req, html))
}
