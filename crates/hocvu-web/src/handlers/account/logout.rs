//! POST logout: the session cookie is removed (a form button, so no link can log you out).

use crate::auth;
use crate::errors::error_page;
use crate::session::SessionKeys;
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
    if !auth::same_origin(&req) {
        return error_page(&site, &req, 403, None);
    }
    HttpResponse::SeeOther()
        .cookie(SessionKeys::removal(&req))
        .insert_header(("Location", format!("/{lang}/")))
        .finish()
}
