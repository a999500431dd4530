//! GET `/api/v1/sessions`: the sessions the caller runs (as facilitator, manager or admin).

use crate::api::ApiCaller;
use crate::api::sessions::{SessionReport, facilitation};
use crate::site::error::{ApiError, AppError};
use crate::site::extract::Ctx;
use crate::site::respond;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;

#[utoipa::path(get, path = "/api/v1/sessions",
    responses((status = 200, body = Vec<SessionReport>), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn handle(
    ctx: Ctx,
    ApiCaller { learner, .. }: ApiCaller,
) -> Result<HttpResponse, AppError> {
    let f = facilitation(&ctx.site, &ctx.accounts, learner).await?;
    let list: Vec<SessionReport> = f
        .sessions(&ctx.accounts)
        .await?
        .iter()
        .map(|s| SessionReport::new(&s.session, s.checkins))
        .collect();
    Ok(respond::json(StatusCode::OK, &list))
}
