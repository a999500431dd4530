//! POST `/api/v1/login`: a token for a username and password (same throttling and the same
//! answer for unknown users and wrong passwords as the login page).

use crate::api::AuthResponse;
use crate::site::accounts::Accounts;
use crate::site::accounts::{LoginError, check_login};
use crate::site::error::{ApiError, AppError, ErrorKind};
use crate::site::respond;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    /// As registered (username or phone number).
    pub username: String,
    pub password: String,
}

#[utoipa::path(post, path = "/api/v1/login", operation_id = "login", tag = "accounts", request_body = LoginRequest,
    responses((status = 200, body = AuthResponse, description = "signed in"),
        (status = 400, body = ApiError, description = "the body is not JSON of this shape (`bad_request`)"),
        (status = 401, body = ApiError, description = "unknown username or wrong password (`login_failed`, the same answer for both)"),
        (status = 429, body = ApiError, description = "too many failed attempts for this username or address (`throttled`)")))]
pub async fn handle(
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, AppError> {
    let learner = match check_login(&accounts, &req, &body.username, &body.password).await {
        Ok(l) => l,
        Err(LoginError::Throttled) => {
            return Err(
                AppError::new(ErrorKind::TooManyRequests).api("throttled", "account-throttled")
            );
        }
        Err(LoginError::Failed) => {
            return Err(
                AppError::new(ErrorKind::Unauthorized).api("login_failed", "account-login-failed")
            );
        }
        Err(LoginError::Store(e)) => return Err(e.into()),
    };
    let token = accounts
        .keys
        .issue(learner.id, false, learner.session_generation);
    Ok(respond::json(
        StatusCode::OK,
        &AuthResponse {
            token,
            learner: learner.into(),
        },
    ))
}
