//! GET `/api/v1/me`: the caller's own profile.

use super::*;

#[utoipa::path(get, path = "/api/v1/me", responses((status = 200, body = Learner), (status = 401, body = ApiError)))]
pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
) -> HttpResponse {
    let claims = match authenticate(&site, &accounts, &req, false).await {
        Ok(c) => c,
        Err(resp) => return resp,
    };
    match accounts.store.learner(claims.sub).await {
        Ok(Some(l)) => HttpResponse::Ok()
            .insert_header(("Cache-Control", "private, no-store"))
            .json(Learner::from(l)),
        Ok(None) => error(
            &site,
            &req,
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "api-unauthorized",
        ),
        Err(e) => server_error(&site, &req, e),
    }
}
