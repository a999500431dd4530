//! GET the login form.

use crate::errors::{error_page, html_or_500};
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(
    site: web::Data<Site>,
    req: HttpRequest,
    lang: web::Path<String>,
) -> HttpResponse {
    let Some(lang) = site.ui_locale(&lang) else {
        return error_page(&site, &req, 404, None);
    };
    html_or_500(
        &site,
        &req,
        site.theme_for(&req).renderer.login(lang, None, "", &[]),
        actix_web::http::StatusCode::OK,
    )
}
