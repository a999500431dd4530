//! POST `/api/v1/logout`: ends a cookie session (a bearer token is simply forgotten by the app).

use crate::api::ApiCaller;
use crate::site::error::{ApiError, AppError};
use crate::site::session::SessionKeys;
use actix_web::{HttpRequest, HttpResponse};

#[utoipa::path(post, path = "/api/v1/logout", responses((status = 204), (status = 401, body = ApiError)))]
pub async fn handle(req: HttpRequest, _: ApiCaller) -> Result<HttpResponse, AppError> {
    Ok(HttpResponse::NoContent()
        .cookie(SessionKeys::removal(&req))
        .finish())
}
