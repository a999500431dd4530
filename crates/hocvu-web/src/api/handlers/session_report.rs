//! GET `/api/v1/sessions/{id}`: one session's figures, for whoever runs it.

use crate::api::ApiCaller;
use crate::api::sessions::{SessionReport, facilitation};
use crate::site::error::{ApiError, AppError};
use crate::site::extract::Ctx;
use crate::site::respond;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

#[utoipa::path(get, path = "/api/v1/sessions/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = SessionReport), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn handle(
    ctx: Ctx,
    ApiCaller { learner, .. }: ApiCaller,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let f = facilitation(&ctx.site, &ctx.accounts, learner).await?;
    let session = f.session(&ctx.accounts, *id).await?;
    let checked_in = ctx.store().checkin_count(session.id).await?;
    Ok(respond::json(
        StatusCode::OK,
        &SessionReport::new(&session, checked_in),
    ))
}
