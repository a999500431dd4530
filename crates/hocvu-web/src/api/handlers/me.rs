//! GET `/api/v1/me`: the caller's own profile.

use crate::api::{ApiCaller, Learner};
use crate::site::error::{ApiError, AppError};
use actix_web::HttpResponse;

#[utoipa::path(get, path = "/api/v1/me", responses((status = 200, body = Learner), (status = 401, body = ApiError)))]
pub async fn handle(ApiCaller { learner, .. }: ApiCaller) -> Result<HttpResponse, AppError> {
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "private, no-store"))
        .json(Learner::from(learner)))
}
