//! POST logout: the session cookie is removed (a form button, so no link can log you out).

use crate::site::extract::{SameOrigin, UiLang};
use crate::site::session::SessionKeys;
use actix_web::{HttpRequest, HttpResponse};

pub async fn handle(req: HttpRequest, UiLang(lang): UiLang, _: SameOrigin) -> HttpResponse {
    HttpResponse::SeeOther()
        .cookie(SessionKeys::removal(&req))
        .insert_header(("Location", format!("/{lang}/")))
        .finish()
}
