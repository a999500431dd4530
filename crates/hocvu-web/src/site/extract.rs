//! Request extractors every area uses. A handler's signature says what it needs — the URL's
//! language, a same-site form, a session, a signed-in account — and a request without it is
//! answered (error page, JSON error or the login page) before the handler runs.

use crate::site::Site;
use crate::site::accounts::Accounts;
use crate::site::error::AppError;
use crate::site::session::Claims;
use crate::site::viewer::{self, Viewer};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use hocvu_content::Locale;
use hocvu_store::entities::learners;
use std::future::{Future, Ready, ready};
use std::pin::Pin;

/// The future of an extractor that needs the database.
pub type Extracting<T> = Pin<Box<dyn Future<Output = Result<T, AppError>>>>;

/// App state registered in `lib.rs`; missing is a wiring bug, answered as a 500.
pub fn app_data<T: 'static>(req: &HttpRequest) -> Result<web::Data<T>, AppError> {
    req.app_data::<web::Data<T>>()
        .cloned()
        .ok_or_else(|| AppError::internal(std::any::type_name::<T>().to_string() + " missing"))
}

/// The `{lang}` of the URL if served, else the visitor's preferred language.
pub fn page_lang(req: &HttpRequest) -> Locale {
    match req.app_data::<web::Data<Site>>() {
        Some(site) => req
            .match_info()
            .get("lang")
            .and_then(|l| site.ui_locale(l))
            .unwrap_or_else(|| site.negotiate(req)),
        None => Locale::SOURCE,
    }
}

/// The `{lang}` path segment as a language this site serves; otherwise a 404 page saying so.
pub struct UiLang(pub Locale);

impl FromRequest for UiLang {
    type Error = AppError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let lang = req
            .app_data::<web::Data<Site>>()
            .zip(req.match_info().get("lang"))
            .and_then(|(site, segment)| site.ui_locale(segment));
        let found = lang
            .map(UiLang)
            .ok_or_else(|| AppError::not_found().because("error-language-unavailable"));
        ready(found)
    }
}

/// A state-changing request from this site's own pages (see `auth::same_origin`); otherwise a
/// 403 page. Put it before the body extractor so a forged form is refused unread.
pub struct SameOrigin;

impl FromRequest for SameOrigin {
    type Error = AppError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(if crate::site::auth::same_origin(req) {
            Ok(SameOrigin)
        } else {
            Err(AppError::forbidden())
        })
    }
}

/// The request's session, checked against the stored learner: `None` for a visitor (or the
/// cookie of a deleted account).
pub struct Session(pub Option<(Claims, learners::Model)>);

impl FromRequest for Session {
    type Error = AppError;
    type Future = Extracting<Session>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let accounts = app_data::<Accounts>(&req)?;
            Ok(Session(accounts.session(&req).await?))
        })
    }
}

/// A signed-in account (not a guest) with its viewer; anyone else is sent to the login page.
pub struct SignedIn {
    pub claims: Claims,
    pub learner: learners::Model,
    pub viewer: Viewer,
}

impl FromRequest for SignedIn {
    type Error = AppError;
    type Future = Extracting<SignedIn>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let (site, accounts) = (app_data::<Site>(&req)?, app_data::<Accounts>(&req)?);
            match accounts.session(&req).await? {
                Some((claims, learner)) if !claims.guest => {
                    let viewer = viewer::load_for(&site, &accounts.store, learner.clone()).await?;
                    viewer.remember(&req);
                    Ok(SignedIn {
                        claims,
                        learner,
                        viewer,
                    })
                }
                _ => Err(AppError::sign_in(page_lang(&req))),
            }
        })
    }
}
