//! Every unmatched request: a missing trailing slash is redirected, the rest is a localized 404.

use crate::errors::error_page;
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(site: web::Data<Site>, req: HttpRequest) -> HttpResponse {
    let with_slash = format!("{}/", req.path());
    if req.method() == actix_web::http::Method::GET
        && !req.path().ends_with('/')
        && site.theme_for(&req).page(&with_slash).is_some()
    {
        return HttpResponse::PermanentRedirect()
            .insert_header(("Location", with_slash))
            .finish();
    }
    error_page(&site, &req, 404, None)
}
