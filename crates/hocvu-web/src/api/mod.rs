//! The JSON API under `/api/v1`, described by `/api/v1/openapi.json` (generated from these
//! handlers and types). Errors are `{"error": {"code", "message"}}` (`site::error`): a stable
//! code for programs and a message in the caller's language (Accept-Language).
//!
//! Authentication: `Authorization: Bearer <token>` (from register or login), or the session
//! cookie of the web pages; with the cookie, state-changing calls must come from this site.

pub mod contract;
pub mod handlers;
pub mod openapi;
pub mod sessions;
pub mod whole;

use crate::site::accounts::Accounts;
use crate::site::auth;
use crate::site::error::{AppError, ErrorKind};
use crate::site::extract::{app_data, async_extractor};
use crate::site::session::Claims;
use actix_web::{HttpRequest, web};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

fn unauthorized() -> AppError {
    AppError::new(ErrorKind::Unauthorized)
}

/// The caller's learner, from a bearer token or the session cookie (then a POST must come
/// from this site's pages); 401 otherwise.
pub struct ApiCaller {
    pub claims: Claims,
    pub learner: hocvu_store::entities::learners::Model,
}

impl ApiCaller {
    async fn extract(req: HttpRequest) -> Result<Self, AppError> {
        let accounts = app_data::<Accounts>(&req)?;
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
                let claims = accounts.keys.current(&req).ok_or_else(unauthorized)?;
                let changes_state = req.method() != actix_web::http::Method::GET;
                if changes_state && !auth::same_origin(&req) {
                    return Err(AppError::forbidden());
                }
                claims
            }
        };
        match accounts.check(claims).await? {
            Some((claims, learner)) => Ok(ApiCaller { claims, learner }),
            None => Err(unauthorized()),
        }
    }
}

async_extractor!(ApiCaller);

/// The events endpoint's caller: an [`ApiCaller`], or (`None`) a visitor without a session
/// on this site's own pages, who becomes a guest once there is something to store.
pub struct EventCaller(pub Option<ApiCaller>);

impl EventCaller {
    async fn extract(req: HttpRequest) -> Result<Self, AppError> {
        let accounts = app_data::<Accounts>(&req)?;
        let credentials =
            req.headers().contains_key("authorization") || accounts.keys.current(&req).is_some();
        if credentials {
            return Ok(EventCaller(Some(ApiCaller::extract(req).await?)));
        }
        if !auth::same_origin(&req) {
            return Err(unauthorized());
        }
        Ok(EventCaller(None))
    }
}

async_extractor!(EventCaller);

#[derive(Serialize, ToSchema)]
pub struct Learner {
    pub id: i64,
    pub username: Option<String>,
    pub display_name: Option<String>,
    pub locale: String,
    pub commune: Option<String>,
    pub village: Option<String>,
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
            village: m.village,
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

/// JSON body errors (malformed, too large) as API errors.
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(256 * 1024)
        .error_handler(|_, _| {
            AppError::bad_request()
                .api("bad_request", "api-invalid-json")
                .into()
        })
}

/// A resource under `/api/v1` (`path` relative to it): a method it does not take answers 405
/// with `Allow` (from [`contract::allowed_methods`]).
pub fn resource(path: &str) -> actix_web::Resource {
    web::resource(path).default_service(web::to(handlers::method_not_allowed::handle))
}
