//! GET a catalogue, course or lesson page: the same for every visitor, so pre-rendered.

use crate::errors::error_page;
use crate::http::REVALIDATE;
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(site: web::Data<Site>, req: HttpRequest) -> HttpResponse {
    match site.theme_for(&req).page(req.path()) {
        Some(page) => page.respond(&req, REVALIDATE),
        None => {
            let lang_ok = req
                .path()
                .split('/')
                .nth(1)
                .and_then(|s| site.ui_locale(s))
                .is_some();
            let detail = (!lang_ok).then(|| {
                site.i18n
                    .tr(site.negotiate(&req), "error-language-unavailable", None)
            });
            error_page(&site, &req, 404, detail.as_deref())
        }
    }
}
