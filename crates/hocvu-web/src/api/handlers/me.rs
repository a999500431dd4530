//! GET `/api/v1/me`: the caller's own profile.

use crate::api::{ApiCaller, Learner};
use crate::site::accounts::Accounts;
use crate::site::error::{ApiError, AppError, ErrorKind};
use actix_web::{HttpResponse, web};

#[utoipa::path(get, path = "/api/v1/me", responses((status = 200, body = Learner), (status = 401, body = ApiError)))]
pub async fn handle(
    accounts: web::Data<Accounts>,
    ApiCaller(claims): ApiCaller,
) -> Result<HttpResponse, AppError> {
    let learner = accounts
        .store
        .learner(claims.sub)
        .await?
        .ok_or_else(|| AppError::new(ErrorKind::Unauthorized))?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "private, no-store"))
        .json(Learner::from(learner)))
}
