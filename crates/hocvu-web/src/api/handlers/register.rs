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
    /// Username (3–32 of a-z 0-9 . _ -, not digits alone; capitals become small letters) or a
    /// Vietnamese mobile number (`0` and 9 digits, or `84`/`+84` and 9 digits).
    #[schema(
        pattern = r"^([A-Za-z0-9.-]*[A-Za-z_][A-Za-z0-9._-]*|0[0-9]{9}|\+?84[0-9]{9})$",
        min_length = 3,
        max_length = 32
    )]
    pub username: String,
    /// At least 8 characters.
    #[schema(min_length = 8)]
    pub password: String,
    /// As printed on certificates; stored in NFC with single spaces (breve letters as base +
    /// U+0306). Refused when empty, over 120 characters, with control, bidi or invisible
    /// characters, or with a combining mark that starts a word.
    /// The pattern in the document is generated from the check itself.
    #[schema(min_length = 1, max_length = 120)]
    pub display_name: String,
    /// Interface language (one the site serves; anything else means Vietnamese).
    pub locale: Option<String>,
    /// A commune code from the province's list (any code while no units are loaded).
    #[schema(max_length = 64)]
    pub commune: Option<String>,
    /// A village (unit of kind `village`) under `commune`.
    pub village: Option<String>,
    /// The consent version the learner accepted: `version` from `GET /api/v1/consent`.
    pub consent_version: String,
}

#[utoipa::path(post, path = "/api/v1/register", operation_id = "register", tag = "accounts", request_body = RegisterRequest,
    responses((status = 201, body = AuthResponse, description = "registered; the token signs the learner in"),
        (status = 400, body = ApiError, description = "a field is not valid (`validation_failed`) or the body is not JSON (`bad_request`)"),
        (status = 409, body = ApiError, description = "the username is taken (`username_taken`)")))]
pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    body: web::Json<RegisterRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let invalid = |key: &'static str| AppError::bad_request().api("validation_failed", key);
    // Stricter than the form, so the schema's lengths and pattern are exact: as typed.
    if body.username.trim() != body.username {
        return Err(invalid("account-error-username"));
    }
    if body.display_name.chars().count() > crate::account::MAX_NAME_CHARS {
        return Err(invalid("account-error-name-long"));
    }
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
    if body
        .commune
        .as_deref()
        .is_some_and(|c| c.chars().count() > 64)
    {
        return Err(invalid("account-error-commune"));
    }
    let commune: Option<String> = body
        .commune
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string);
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
