//! GET the login form.

use crate::errors::html_or_500;
use crate::extract::UiLang;
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(site: web::Data<Site>, req: HttpRequest, UiLang(lang): UiLang) -> HttpResponse {
    html_or_500(
        &site,
        &req,
        site.theme_for(&req).renderer.login(lang, None, "", &[]),
        actix_web::http::StatusCode::OK,
    )
}
