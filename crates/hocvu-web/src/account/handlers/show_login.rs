//! GET the login form.

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
    let html = pages::login(site.renderer(&req), lang, &viewer, "", &[])?;
    Ok(respond::html(&req, html))
}
