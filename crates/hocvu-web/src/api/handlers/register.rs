//! POST `/api/v1/register`: create an account (consent required) and get a token.

use crate::account::{CONSENT_VERSION, check_registration, commune_allowed, commune_choices};
use crate::api::AuthResponse;
use crate::site::Site;
use crate::site::accounts::Accounts;
use crate::site::auth;
use crate::site::error::{ApiError, AppError};
use crate::site::respond;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use hocvu_store::learners::NewAccount;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
pub struct RegisterRequest {
    /// Username (a-z 0-9 . _ -, 3–32) or a Vietnamese phone number.
    pub username: String,
    pub password: String,
    /// As printed on certificates; stored in NFC with single spaces (breve letters as base +
    /// U+0306). Refused when empty, over 120 characters, or with control or bidi characters.
    pub display_name: String,
    /// Interface language: vi, rad or en.
    pub locale: Option<String>,
    pub commune: Option<String>,
    /// A village (unit of kind `village`) under `commune`.
    pub village: Option<String>,
    /// The consent version the learner accepted (see the registration page).
    pub consent_version: String,
}

#[utoipa::path(post, path = "/api/v1/register", request_body = RegisterRequest,
    responses((status = 201, body = AuthResponse), (status = 400, body = ApiError), (status = 409, body = ApiError)))]
pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    body: web::Json<RegisterRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let invalid = |key: &'static str| AppError::bad_request().api("validation_failed", key);
    let username = check_registration(
        &body.username,
        &body.display_name,
        &body.password,
        &body.password,
        Some(&body.consent_version),
    )
    .map_err(|errors| invalid(errors[0]))?;
    let locale = body
        .locale
        .as_deref()
        .and_then(|l| site.ui_locale(l))
        .unwrap_or(hocvu_content::Locale::SOURCE);
    let password = body.password.clone();
    let hash = actix_web::web::block(move || auth::hash_password(&password))
        .await?
        .ok_or_else(|| AppError::internal("password hashing failed"))?;
    let commune: Option<String> = body
        .commune
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| c.chars().take(64).collect());
    if let Some(code) = &commune
        && !commune_allowed(&commune_choices(&accounts.store).await?, code)
    {
        return Err(invalid("account-error-commune"));
    }
    let village = body
        .village
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty());
    if let Some(v) = village
        && !crate::account::village_allowed(&accounts.store, commune.as_deref().unwrap_or(""), v)
            .await?
    {
        return Err(invalid("account-error-village"));
    }
    let account = NewAccount {
        username: &username,
        password_hash: &hash,
        display_name: body.display_name.trim(),
        locale: locale.as_str(),
        commune: commune.as_deref(),
        village,
        consent_version: CONSENT_VERSION,
    };
    let learner = accounts.store.register(account, None).await?;
    let token = accounts
        .keys
        .issue(learner.id, false, learner.session_generation);
    Ok(respond::json(
        StatusCode::CREATED,
        &AuthResponse {
            token,
            learner: learner.into(),
        },
    ))
}
