//! The one error type at the HTTP boundary. Handlers and extractors return
//! `Result<_, AppError>` and use `?`; [`render_errors`] turns every error response into the
//! localized, themed error page, or under `/api/` into the JSON error body
//! `{"error": {"code", "message"}}`. Bad input is never a 500; a 500 logs its cause once,
//! with the request path.

use crate::site::Site;
use crate::site::page_cache::{PRIVATE, Page};
use crate::site::render::RenderError;
use crate::site::viewer::Viewer;
use actix_web::body::BoxBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, ResponseError, web};
use hocvu_content::Locale;
use serde::Serialize;

/// What went wrong, as far as the caller is concerned: it picks the status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    BadRequest,
    /// Not signed in. Pages send the visitor to the login page (see [`AppError::sign_in`]).
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    /// Over: a session that has closed.
    Gone,
    PayloadTooLarge,
    TooManyRequests,
    Internal,
}

impl ErrorKind {
    pub fn status(self) -> StatusCode {
        match self {
            ErrorKind::BadRequest => StatusCode::BAD_REQUEST,
            ErrorKind::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorKind::Forbidden => StatusCode::FORBIDDEN,
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::Conflict => StatusCode::CONFLICT,
            ErrorKind::Gone => StatusCode::GONE,
            ErrorKind::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorKind::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn from_status(status: StatusCode) -> ErrorKind {
        match status.as_u16() {
            400 | 405 | 411 | 415 | 422 => ErrorKind::BadRequest,
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            410 => ErrorKind::Gone,
            413 => ErrorKind::PayloadTooLarge,
            429 => ErrorKind::TooManyRequests,
            _ => ErrorKind::Internal,
        }
    }

    /// The JSON error code and message key when the handler names none.
    fn api_default(self) -> (&'static str, &'static str) {
        match self {
            ErrorKind::BadRequest => ("bad_request", "error-text-400"),
            ErrorKind::Unauthorized => ("unauthorized", "api-unauthorized"),
            ErrorKind::Forbidden => ("forbidden", "error-text-403"),
            ErrorKind::NotFound => ("not_found", "error-text-404"),
            ErrorKind::Conflict => ("conflict", "error-text-400"),
            ErrorKind::Gone => ("gone", "error-text-404"),
            ErrorKind::PayloadTooLarge => ("payload_too_large", "error-text-413"),
            ErrorKind::TooManyRequests => ("throttled", "account-throttled"),
            ErrorKind::Internal => ("server_error", "error-text-500"),
        }
    }
}

/// The line under an error page's text: an interface-string key (translated into the page's
/// language) or text shown as it is (a parser's reason, a position).
#[derive(Debug, Clone)]
pub enum Detail {
    Key(&'static str),
    Text(String),
}

/// An error for the caller. Whether they get HTML or JSON is decided by the route: JSON under
/// `/api/`, the error page elsewhere.
#[derive(Debug, Clone)]
pub struct AppError {
    pub kind: ErrorKind,
    detail: Option<Detail>,
    /// JSON: a stable code other than the kind's, and the interface string of its message.
    api: Option<(&'static str, &'static str)>,
    /// HTML: where a visitor is sent instead of an error page (the login page).
    redirect: Option<String>,
    /// Logged, never shown.
    cause: Option<String>,
}

impl AppError {
    pub fn new(kind: ErrorKind) -> AppError {
        AppError {
            kind,
            detail: None,
            api: None,
            redirect: None,
            cause: None,
        }
    }

    pub fn bad_request() -> AppError {
        Self::new(ErrorKind::BadRequest)
    }

    pub fn forbidden() -> AppError {
        Self::new(ErrorKind::Forbidden)
    }

    pub fn not_found() -> AppError {
        Self::new(ErrorKind::NotFound)
    }

    /// A failure of ours; `cause` goes to the log with the request path, never to the caller.
    pub fn internal(cause: impl std::fmt::Display) -> AppError {
        AppError {
            cause: Some(cause.to_string()),
            ..Self::new(ErrorKind::Internal)
        }
    }

    /// Not signed in (or a guest where an account is needed): pages go to the login page of
    /// `lang`, the API answers 401.
    pub fn sign_in(lang: Locale) -> AppError {
        AppError {
            redirect: Some(format!("/{lang}/account/login")),
            ..Self::new(ErrorKind::Unauthorized)
        }
    }

    /// Shows the interface string `key` under the error text.
    pub fn because(mut self, key: &'static str) -> AppError {
        self.detail = Some(Detail::Key(key));
        self
    }

    /// Shows `text` as it is under the error text.
    pub fn detail(mut self, text: impl Into<String>) -> AppError {
        self.detail = Some(Detail::Text(text.into()));
        self
    }

    /// The JSON error's code and message (an interface string) instead of the kind's.
    pub fn api(mut self, code: &'static str, message_key: &'static str) -> AppError {
        self.api = Some((code, message_key));
        self
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.kind)?;
        if let Some(cause) = &self.cause {
            write!(f, ": {cause}")?;
        }
        Ok(())
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match (&self.redirect, self.kind) {
            (Some(_), _) => StatusCode::SEE_OTHER,
            (None, kind) => kind.status(),
        }
    }

    /// A bare response; [`render_errors`] replaces it with the page or JSON body, which need
    /// the request (language, theme, viewer).
    fn error_response(&self) -> HttpResponse {
        let mut resp = HttpResponse::build(self.status_code());
        if let Some(to) = &self.redirect {
            resp.insert_header(("Location", to.as_str()));
        }
        resp.finish()
    }
}

impl From<hocvu_store::StoreError> for AppError {
    fn from(e: hocvu_store::StoreError) -> Self {
        match e {
            hocvu_store::StoreError::Invalid(m) => AppError::bad_request().detail(m),
            hocvu_store::StoreError::NotFound(_) => AppError::not_found(),
            hocvu_store::StoreError::UsernameTaken(_) => AppError::new(ErrorKind::Conflict)
                .because("account-error-taken")
                .api("username_taken", "account-error-taken"),
            other => AppError::internal(other),
        }
    }
}

impl From<RenderError> for AppError {
    fn from(e: RenderError) -> Self {
        AppError::internal(e)
    }
}

macro_rules! internal_from {
    ($($t:ty),*) => {$(
        impl From<$t> for AppError {
            fn from(e: $t) -> Self {
                AppError::internal(e)
            }
        }
    )*};
}

internal_from!(
    hocvu_certs::render::RenderError,
    hocvu_certs::SignError,
    hocvu_certs::VerifyError
);

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::internal(e)
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiError {
    pub error: ApiErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiErrorDetail {
    /// Stable: `unauthorized`, `forbidden`, `not_found`, `bad_request`, `validation_failed`,
    /// `username_taken`, `login_failed`, `throttled`, `bad_code`, `payload_too_large`,
    /// `server_error`.
    pub code: String,
    /// For people, in the caller's language.
    pub message: String,
}

/// Middleware: every error response leaves as the localized page or the JSON body. Errors
/// actix raises itself (a path that does not parse, a method not allowed) are treated alike.
pub async fn render_errors(
    req: ServiceRequest,
    next: actix_web::middleware::Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let resp = next.call(req).await?;
    let Some(err) = resp.response().error() else {
        return Ok(resp);
    };
    let status = resp.status();
    let app = match err.as_error::<AppError>() {
        Some(app) => app.clone(),
        None => AppError::new(ErrorKind::from_status(status)).detail(err.to_string()),
    };
    let req = resp.request().clone();
    if !req.path().starts_with("/api/") {
        remember_viewer(&req).await;
    }
    Ok(resp.into_response(respond(&req, &app)))
}

/// An error page shows the header of whoever is looking: load them unless an extractor did.
async fn remember_viewer(req: &HttpRequest) {
    if req.extensions().get::<Viewer>().is_some()
        || req.cookie(crate::site::session::COOKIE).is_none()
    {
        return;
    }
    let (Some(site), Some(accounts)) = (
        req.app_data::<web::Data<Site>>(),
        req.app_data::<web::Data<crate::site::accounts::Accounts>>(),
    ) else {
        return;
    };
    // A database failure here leaves the visitor's header: the error page itself matters more.
    if let Ok(Some((_, learner))) = accounts.session(req).await
        && let Ok(viewer) = accounts.viewer_for(&site, &learner).await
    {
        viewer.remember(req);
    }
}

fn respond(req: &HttpRequest, err: &AppError) -> HttpResponse {
    if err.kind == ErrorKind::Internal {
        tracing::error!(
            "{} {}: {}",
            req.method(),
            req.path(),
            err.cause.as_deref().unwrap_or("server error")
        );
    }
    let Some(site) = req.app_data::<web::Data<Site>>() else {
        return err.error_response();
    };
    if req.path().starts_with("/api/") {
        return json_body(site, req, err);
    }
    if err.redirect.is_some() {
        return err.error_response();
    }
    let detail = err.detail.as_ref().map(|d| match d {
        Detail::Key(key) => site.i18n.tr(page_locale(site, req), key, None),
        Detail::Text(text) => text.clone(),
    });
    error_page(site, req, err.kind.status(), detail.as_deref())
}

/// The JSON error: the handler's code and message, else the kind's code with the reason the
/// handler gave (an interface string or a parser's text), else the kind's message.
fn json_body(site: &Site, req: &HttpRequest, err: &AppError) -> HttpResponse {
    let lang = site.negotiate(req);
    let (code, message) = match (err.api, &err.detail) {
        (Some((code, key)), _) => (code, site.i18n.tr(lang, key, None)),
        (None, Some(Detail::Key(key))) => (err.kind.api_default().0, site.i18n.tr(lang, key, None)),
        (None, Some(Detail::Text(text))) => (err.kind.api_default().0, text.clone()),
        (None, None) => {
            let (code, key) = err.kind.api_default();
            (code, site.i18n.tr(lang, key, None))
        }
    };
    HttpResponse::build(err.kind.status())
        .insert_header(("Cache-Control", "no-store"))
        .json(ApiError {
            error: ApiErrorDetail {
                code: code.to_string(),
                message,
            },
        })
}

/// Language of an error page: the URL's `/{lang}/` if served, else the visitor's preference.
fn page_locale(site: &Site, req: &HttpRequest) -> Locale {
    req.path()
        .split('/')
        .nth(1)
        .and_then(|seg| site.ui_locale(seg))
        .unwrap_or_else(|| site.negotiate(req))
}

/// The error page, with the header of whoever is looking when an extractor already knows them.
fn error_page(
    site: &Site,
    req: &HttpRequest,
    status: StatusCode,
    detail: Option<&str>,
) -> HttpResponse {
    let lang = page_locale(site, req);
    let theme = site.theme_for(req);
    let viewer = req
        .extensions()
        .get::<Viewer>()
        .cloned()
        .unwrap_or_default();
    if detail.is_none()
        && !viewer.is_known()
        && let Some(page) = theme.cache.error_page(lang, status.as_u16())
    {
        return page.respond_with(req, PRIVATE, status);
    }
    match theme.renderer.error(lang, status.as_u16(), detail, &viewer) {
        Ok(html) => Page::dynamic(html).respond_with(req, PRIVATE, status),
        Err(e) => {
            tracing::error!("error page failed to render: {e}");
            HttpResponse::build(status)
                .content_type("text/plain; charset=utf-8")
                .body(status.to_string())
        }
    }
}
