//! The one way error pages are made: localized, themed, and never a 500 for bad input.

use crate::http::{PRIVATE, Page};
use crate::site::Site;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use hocvu_content::Locale;

/// Language of an error page: the URL's `/{lang}/` if served, else the learner's preference.
fn error_locale(site: &Site, req: &HttpRequest) -> Locale {
    req.path()
        .split('/')
        .nth(1)
        .and_then(|seg| site.ui_locale(seg))
        .unwrap_or_else(|| site.negotiate(req))
}

pub fn error_page(
    site: &Site,
    req: &HttpRequest,
    status: u16,
    detail: Option<&str>,
) -> HttpResponse {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let lang = error_locale(site, req);
    let theme = site.theme_for(req);
    if detail.is_none()
        && let Some(page) = theme.error_page(lang, status)
    {
        return page.respond_with(req, PRIVATE, code);
    }
    match theme.renderer.error(lang, status, detail) {
        Ok(html) => Page::dynamic(html).respond_with(req, PRIVATE, code),
        Err(e) => {
            tracing::error!("error page failed to render: {e}");
            HttpResponse::build(code)
                .content_type("text/plain; charset=utf-8")
                .body(code.to_string())
        }
    }
}

/// For extractor failures, which see only the request.
pub fn from_request(req: &HttpRequest, status: u16, detail: Option<&str>) -> HttpResponse {
    match req.app_data::<web::Data<Site>>() {
        Some(site) => error_page(site, req, status, detail),
        None => {
            HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST))
                .finish()
        }
    }
}

/// A page rendered for one request, or (logged) the 500 page if the theme failed to render.
pub fn html_or_500(
    site: &Site,
    req: &HttpRequest,
    rendered: Result<String, crate::render::RenderError>,
    status: StatusCode,
) -> HttpResponse {
    match rendered {
        Ok(html) => Page::dynamic(html).respond_with(req, PRIVATE, status),
        Err(e) => {
            tracing::error!("rendering {}: {e}", req.path());
            error_page(site, req, 500, None)
        }
    }
}
