//! GET a catalogue, course or lesson page: the same for every visitor, so pre-rendered.

use crate::errors::error_page;
use crate::http::REVALIDATE;
use crate::site::Site;
use actix_web::body::BoxBody;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::{Error, HttpRequest, HttpResponse, web};
use std::future::{Future, ready};
use std::pin::Pin;

type Next = Pin<Box<dyn Future<Output = Result<ServiceResponse<BoxBody>, Error>>>>;

/// Answers a GET for a pre-rendered page before the router runs: the router matches `{param}`
/// patterns with regexes, which cost more than serving the page itself. Everything else,
/// including misses, goes through the routes in `routes::config` as usual.
pub fn fast_path<S>(req: ServiceRequest, next: &S) -> Next
where
    S: Service<ServiceRequest, Response = ServiceResponse<BoxBody>, Error = Error>,
    S::Future: 'static,
{
    if req.method() == actix_web::http::Method::GET
        && let Some(site) = req.app_data::<web::Data<Site>>()
        && let Some(page) = site.theme_for(req.request()).page(req.path())
    {
        let resp = page.respond(req.request(), REVALIDATE);
        return Box::pin(ready(Ok(req.into_response(resp))));
    }
    Box::pin(next.call(req))
}

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
