//! GET `/`: send the visitor to their language (cookie, then Accept-Language, else Vietnamese).

use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(site: web::Data<Site>, req: HttpRequest) -> HttpResponse {
    let lang = site.negotiate(&req);
    HttpResponse::SeeOther()
        .insert_header(("Location", format!("/{lang}/")))
        .insert_header(("Cache-Control", "private, no-cache"))
        .insert_header(("Vary", "Accept-Language, Cookie"))
        .finish()
}
