//! POST `/api/v1/login`: a token for a username and password (same throttling and the same
//! answer for unknown users and wrong passwords as the login page).

use super::*;
use hocvu_store::learners::normalise_username;

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
    let username =
        normalise_username(&body.username).unwrap_or_else(|| body.username.trim().to_lowercase());
    let keys = vec![
        format!("user:{username}"),
        format!(
            "ip:{}",
            req.peer_addr()
                .map(|a| a.ip().to_string())
                .unwrap_or_default()
        ),
    ];
    if accounts.throttle.blocked(&keys) {
        return error(
            &site,
            &req,
            StatusCode::TOO_MANY_REQUESTS,
            "throttled",
            "account-throttled",
        );
    }
    let learner = match accounts.store.learner_by_username(&username).await {
        Ok(l) => l.filter(|l| !l.is_guest),
        Err(e) => return server_error(&site, &req, e),
    };
    let hash = learner
        .as_ref()
        .and_then(|l| l.password_hash.clone())
        .unwrap_or_else(|| auth::dummy_hash().to_string());
    let password = body.password.clone();
    let verified = web::block(move || auth::verify_password(&password, &hash))
        .await
        .unwrap_or(false);
    let Some(learner) = learner.filter(|_| verified) else {
        accounts.throttle.failed(&keys);
        return error(
            &site,
            &req,
            StatusCode::UNAUTHORIZED,
            "login_failed",
            "account-login-failed",
        );
    };
    accounts.throttle.succeeded(&keys[0]);
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(AuthResponse {
            token: accounts.keys.issue(learner.id, false),
            learner: learner.into(),
        })
}
