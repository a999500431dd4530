//! POST `/api/v1/login`: a token for a username and password (same throttling and the same
//! answer for unknown users and wrong passwords as the login page).

use super::*;

#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

#[utoipa::path(post, path = "/api/v1/login", request_body = LoginRequest,
    responses((status = 200, body = AuthResponse), (status = 401, body = ApiError), (status = 429, body = ApiError)))]
pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> HttpResponse {
    let learner = match auth::check_login(&accounts, &req, &body.username, &body.password).await {
        Ok(l) => l,
        Err(auth::LoginError::Throttled) => {
            return error(
                &site,
                &req,
                StatusCode::TOO_MANY_REQUESTS,
                "throttled",
                "account-throttled",
            );
        }
        Err(auth::LoginError::Failed) => {
            return error(
                &site,
                &req,
                StatusCode::UNAUTHORIZED,
                "login_failed",
                "account-login-failed",
            );
        }
        Err(auth::LoginError::Store(e)) => return server_error(&site, &req, e),
    };
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(AuthResponse {
            token: accounts
                .keys
                .issue(learner.id, false, learner.session_generation),
            learner: learner.into(),
        })
}
