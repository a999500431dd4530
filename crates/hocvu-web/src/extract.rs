//! Request extractors shared by handlers: the interface language of the URL, and the CSRF
//! check. Each answers a failure with the localized error page, so handlers start valid.

use crate::errors::error_page;
use crate::site::Site;
use actix_web::dev::Payload;
use actix_web::error::InternalError;
use actix_web::{FromRequest, HttpRequest, web};
use hocvu_content::Locale;
use std::future::{Ready, ready};

fn refuse(req: &HttpRequest, status: u16) -> actix_web::Error {
    let resp = match req.app_data::<web::Data<Site>>() {
        Some(site) => error_page(site, req, status, None),
        None => actix_web::HttpResponse::build(
            actix_web::http::StatusCode::from_u16(status)
                .unwrap_or(actix_web::http::StatusCode::BAD_REQUEST),
        )
        .finish(),
    };
    InternalError::from_response("refused", resp).into()
}

/// The `{lang}` path segment as a language this site serves; otherwise a 404 page.
pub struct UiLang(pub Locale);

impl FromRequest for UiLang {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let lang = req
            .app_data::<web::Data<Site>>()
            .zip(req.match_info().get("lang"))
            .and_then(|(site, segment)| site.ui_locale(segment));
        ready(lang.map(UiLang).ok_or_else(|| refuse(req, 404)))
    }
}

/// A state-changing request from this site's own pages (see `auth::same_origin`); otherwise a
/// 403 page. Put it before the body extractor so a forged form is refused unread.
pub struct SameOrigin;

impl FromRequest for SameOrigin {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(if crate::auth::same_origin(req) {
            Ok(SameOrigin)
        } else {
            Err(refuse(req, 403))
        })
    }
}
