//! Request extractors every area uses. A handler's signature says what it needs — the URL's
//! language, a same-site form, a session, a signed-in account — and a request without it is
//! answered (error page, JSON error or the login page) before the handler runs.

use crate::site::Site;
use crate::site::accounts::Accounts;
use crate::site::error::AppError;
use crate::site::session::Claims;
use crate::site::viewer::Viewer;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use hocvu_content::Locale;
use hocvu_store::entities::learners;
use std::future::{Future, Ready, ready};
use std::pin::Pin;

/// The future of an extractor that needs the database.
pub type Extracting<T> = Pin<Box<dyn Future<Output = Result<T, AppError>>>>;

/// `FromRequest` for a type whose `async fn extract(req: HttpRequest) -> Result<Self, AppError>`
/// may query the database.
macro_rules! async_extractor {
    ($t:ty) => {
        impl actix_web::FromRequest for $t {
            type Error = $crate::site::error::AppError;
            type Future = $crate::site::extract::Extracting<$t>;

            fn from_request(
                req: &actix_web::HttpRequest,
                _: &mut actix_web::dev::Payload,
            ) -> Self::Future {
                Box::pin(<$t>::extract(req.clone()))
            }
        }
    };
}
pub(crate) use async_extractor;

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

impl Session {
    async fn extract(req: HttpRequest) -> Result<Self, AppError> {
        let accounts = app_data::<Accounts>(&req)?;
        Ok(Session(accounts.session(&req).await?))
    }
}

async_extractor!(Session);

/// The signed-in account (not a guest) of a page under `/{lang}/`, with the app state: a 404
/// page for a language not served, the login page for visitors and guests. The area
/// extractors that need a role (`Access`, `Facilitation`) start here.
pub async fn account_at(
    req: &HttpRequest,
) -> Result<
    (
        web::Data<Site>,
        web::Data<Accounts>,
        Locale,
        learners::Model,
    ),
    AppError,
> {
    let (site, accounts) = (app_data::<Site>(req)?, app_data::<Accounts>(req)?);
    let lang = req
        .match_info()
        .get("lang")
        .and_then(|l| site.ui_locale(l))
        .ok_or_else(AppError::not_found)?;
    match accounts.session(req).await? {
        Some((claims, learner)) if !claims.guest => Ok((site, accounts, lang, learner)),
        _ => Err(AppError::sign_in(lang)),
    }
}

/// A signed-in account (not a guest) with its viewer; anyone else is sent to the login page.
pub struct SignedIn {
    pub learner: learners::Model,
    pub viewer: Viewer,
}

impl SignedIn {
    async fn extract(req: HttpRequest) -> Result<Self, AppError> {
        let (site, accounts, _, learner) = account_at(&req).await?;
        let viewer = accounts.viewer_for(&site, &learner).await?;
        viewer.remember(&req);
        Ok(SignedIn { learner, viewer })
    }
}

async_extractor!(SignedIn);

/// What most handlers need, in one argument: the site, the accounts, the request and the page's
/// language (the URL's `{lang}` — a 404 page if it is not served — or, on an address without
/// one, the visitor's preferred language).
pub struct Ctx {
    pub site: web::Data<Site>,
    pub accounts: web::Data<Accounts>,
    pub req: HttpRequest,
    pub lang: Locale,
}

impl Ctx {
    pub fn store(&self) -> &hocvu_store::Store {
        &self.accounts.store
    }

    /// The renderer of the visitor's theme.
    pub fn renderer(&self) -> &crate::site::render::Renderer {
        self.site.renderer(&self.req)
    }

    /// A page rendered for this request.
    pub fn html(&self, html: String) -> actix_web::HttpResponse {
        crate::site::respond::html(&self.req, html)
    }

    /// [`Ctx::html`] with another status (a form shown again with its errors).
    pub fn html_with(
        &self,
        html: String,
        status: actix_web::http::StatusCode,
    ) -> actix_web::HttpResponse {
        crate::site::respond::html_with(&self.req, html, status)
    }
}

impl FromRequest for Ctx {
    type Error = AppError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let ctx = || -> Result<Ctx, AppError> {
            let (site, accounts) = (app_data::<Site>(req)?, app_data::<Accounts>(req)?);
            let lang = match req.match_info().get("lang") {
                Some(segment) => site
                    .ui_locale(segment)
                    .ok_or_else(|| AppError::not_found().because("error-language-unavailable"))?,
                None => site.negotiate(req),
            };
            Ok(Ctx {
                site,
                accounts,
                req: req.clone(),
                lang,
            })
        };
        ready(ctx())
    }
}

/// Whoever is looking: their viewer if they have a valid session, else a visitor's.
impl Viewer {
    async fn extract(req: HttpRequest) -> Result<Self, AppError> {
        let (site, accounts) = (app_data::<Site>(&req)?, app_data::<Accounts>(&req)?);
        let viewer = match accounts.session(&req).await? {
            Some((_, learner)) => accounts.viewer_for(&site, &learner).await?,
            None => Viewer::default(),
        };
        viewer.remember(&req);
        Ok(viewer)
    }
}

async_extractor!(Viewer);
