//! POST `/api/v1/logout`: ends a cookie session (a bearer token is simply forgotten by the app).

use super::*;
use crate::session::SessionKeys;

#[utoipa::path(post, path = "/api/v1/logout", responses((status = 204), (status = 401, body = ApiError)))]
pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
) -> HttpResponse {
    if let Err(resp) = authenticate(&site, &accounts, &req, true).await {
        return resp;
    }
    HttpResponse::NoContent()
        .cookie(SessionKeys::removal(&req))
        .finish()
}
