//! POST `/api/v1/register`: create an account (consent required) and get a token.

use super::*;
use hocvu_store::StoreError;
use hocvu_store::learners::NewAccount;

#[derive(Deserialize, ToSchema)]
pub struct RegisterRequest {
    /// Username (a-z 0-9 . _ -, 3–32) or a Vietnamese phone number.
    pub username: String,
    pub password: String,
    /// As printed on certificates; kept exactly as sent.
    pub display_name: String,
    /// Interface language: vi, rad or en.
    pub locale: Option<String>,
    pub commune: Option<String>,
    /// The consent version the learner accepted (see the registration page).
    pub consent_version: String,
}

#[utoipa::path(post, path = "/api/v1/register", request_body = RegisterRequest,
    responses((status = 201, body = AuthResponse), (status = 400, body = ApiError), (status = 409, body = ApiError)))]
pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    body: web::Json<RegisterRequest>,
) -> HttpResponse {
    let body = body.into_inner();
    let username = match auth::check_registration(
        &body.username,
        &body.display_name,
        &body.password,
        &body.password,
        Some(&body.consent_version),
    ) {
        Ok(u) => u,
        Err(errors) => {
            return error(
                &site,
                &req,
                StatusCode::BAD_REQUEST,
                "validation_failed",
                errors[0],
            );
        }
    };
    let locale = body
        .locale
        .as_deref()
        .and_then(|l| site.ui_locale(l))
        .unwrap_or(hocvu_content::Locale::SOURCE);
    let password = body.password.clone();
    let Ok(Some(hash)) = web::block(move || auth::hash_password(&password)).await else {
        return server_error(&site, &req, "password hashing failed");
    };
    let commune: Option<String> = body
        .commune
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| c.chars().take(64).collect());
    if let Some(code) = &commune {
        match crate::handlers::account::show_register::commune_choices(&accounts.store).await {
            Ok(list) if !crate::handlers::account::show_register::commune_allowed(&list, code) => {
                return error(
                    &site,
                    &req,
                    StatusCode::BAD_REQUEST,
                    "validation_failed",
                    "account-error-commune",
                );
            }
            Ok(_) => {}
            Err(e) => return server_error(&site, &req, e),
        }
    }
    let account = NewAccount {
        username: &username,
        password_hash: &hash,
        display_name: body.display_name.trim(),
        locale: locale.as_str(),
        commune: commune.as_deref(),
        consent_version: crate::CONSENT_VERSION,
    };
    match accounts.store.register(account, None).await {
        Ok(learner) => HttpResponse::Created()
            .insert_header(("Cache-Control", "no-store"))
            .json(AuthResponse {
                token: accounts
                    .keys
                    .issue(learner.id, false, learner.session_generation),
                learner: learner.into(),
            }),
        Err(StoreError::UsernameTaken(_)) => error(
            &site,
            &req,
            StatusCode::CONFLICT,
            "username_taken",
            "account-error-taken",
        ),
        Err(e) => server_error(&site, &req, e),
    }
}
