//! The JSON API under `/api/v1`, described by `/api/v1/openapi.json` (generated from these
//! handlers and types). Errors are `{"error": {"code", "message"}}`: a stable code for programs
//! and a message in the caller's language (Accept-Language).
//!
//! Authentication: `Authorization: Bearer <token>` (from register or login), or the session
//! cookie of the web pages; with the cookie, state-changing calls must come from this site.

pub mod courses;
pub mod events;
pub mod login;
pub mod logout;
pub mod me;
pub mod openapi;
pub mod progress;
pub mod register;
pub mod submit_quiz;

use crate::session::Claims;
use crate::site::Site;
use crate::{Accounts, auth};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct ApiError {
    pub error: ApiErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ApiErrorDetail {
    /// Stable: `unauthorized`, `forbidden`, `not_found`, `bad_request`, `validation_failed`,
    /// `username_taken`, `login_failed`, `throttled`, `server_error`.
    pub code: String,
    /// For people, in the caller's language.
    pub message: String,
}

/// An error response; `message_key` is an interface string (locales/*.ftl).
pub fn error(
    site: &Site,
    req: &HttpRequest,
    status: StatusCode,
    code: &str,
    message_key: &str,
) -> HttpResponse {
    let lang = site.negotiate(req);
    HttpResponse::build(status)
        .insert_header(("Cache-Control", "no-store"))
        .json(ApiError {
            error: ApiErrorDetail {
                code: code.to_string(),
                message: site.i18n.tr(lang, message_key, None),
            },
        })
}

pub fn server_error(site: &Site, req: &HttpRequest, e: impl std::fmt::Display) -> HttpResponse {
    tracing::error!("api {}: {e}", req.path());
    error(
        site,
        req,
        StatusCode::INTERNAL_SERVER_ERROR,
        "server_error",
        "error-text-500",
    )
}

/// The caller's learner, from a bearer token or the session cookie.
pub async fn authenticate(
    site: &Site,
    accounts: &Accounts,
    req: &HttpRequest,
    changes_state: bool,
) -> Result<Claims, HttpResponse> {
    let unauthorized = || {
        error(
            site,
            req,
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "api-unauthorized",
        )
    };
    let claims = match req.headers().get("authorization") {
        Some(value) => {
            let token = value
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer "))
                .ok_or_else(unauthorized)?;
            accounts
                .keys
                .verify(token.trim())
                .ok_or_else(unauthorized)?
        }
        None => {
            let claims = accounts.keys.current(req).ok_or_else(unauthorized)?;
            if changes_state && !auth::same_origin(req) {
                return Err(error(
                    site,
                    req,
                    StatusCode::FORBIDDEN,
                    "forbidden",
                    "error-text-403",
                ));
            }
            claims
        }
    };
    match accounts.check(claims).await {
        Ok(Some((claims, _))) => Ok(claims),
        Ok(None) => Err(unauthorized()),
        Err(e) => Err(server_error(site, req, e)),
    }
}

#[derive(Serialize, ToSchema)]
pub struct Learner {
    pub id: i64,
    pub username: Option<String>,
    pub display_name: Option<String>,
    pub locale: String,
    pub commune: Option<String>,
    pub guest: bool,
}

impl From<hocvu_store::entities::learners::Model> for Learner {
    fn from(m: hocvu_store::entities::learners::Model) -> Self {
        Learner {
            id: m.id,
            username: m.username,
            display_name: m.display_name,
            locale: m.locale,
            commune: m.commune,
            guest: m.is_guest,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AuthResponse {
    /// Send as `Authorization: Bearer <token>`; valid 30 days.
    pub token: String,
    pub learner: Learner,
}

/// Answers to one quiz: question id → chosen option ids.
pub type Answers = BTreeMap<String, Vec<String>>;

pub fn answer_pairs(answers: &Answers) -> Vec<(String, String)> {
    answers
        .iter()
        .flat_map(|(q, options)| options.iter().map(move |o| (q.clone(), o.clone())))
        .collect()
}

#[derive(Deserialize, ToSchema)]
pub struct QuizRequest {
    #[schema(value_type = BTreeMap<String, Vec<String>>)]
    pub answers: Answers,
}

/// Unknown API paths and methods.
pub async fn not_found(site: web::Data<Site>, req: HttpRequest) -> HttpResponse {
    error(
        &site,
        &req,
        StatusCode::NOT_FOUND,
        "not_found",
        "error-text-404",
    )
}

/// JSON body errors (malformed, too large) as API errors.
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(256 * 1024)
        .error_handler(|err, req| {
            let resp = match req.app_data::<web::Data<Site>>() {
                Some(site) => error(
                    site,
                    req,
                    StatusCode::BAD_REQUEST,
                    "bad_request",
                    "api-invalid-json",
                ),
                None => HttpResponse::BadRequest().finish(),
            };
            actix_web::error::InternalError::from_response(err, resp).into()
        })
}
