//! POST `/api/v1/sessions/{id}/checkin`: the caller checks themselves in with the code on the
//! facilitator's screen (there is no way to name someone else).

use crate::api::ApiCaller;
use crate::classes::{CheckinError, CheckinThrottle, Refusal, session_for_code};
use crate::site::auth::client_address;
use crate::site::error::{ApiError, AppError};
use crate::site::extract::Ctx;
use crate::site::respond;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use hocvu_store::sessions::CheckIn;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckinRequest {
    /// The code shown on the screen (case, spaces and hyphens are ignored).
    pub code: String,
}

#[derive(Serialize, ToSchema)]
pub struct CheckinResponse {
    /// `checked_in` or `already` (nothing changed).
    pub status: String,
    pub session: i64,
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/checkin", params(("id" = i64, Path)), request_body = CheckinRequest,
    responses((status = 200, body = CheckinResponse), (status = 400, body = ApiError, description = "wrong or expired code"),
        (status = 401, body = ApiError), (status = 404, body = ApiError), (status = 410, body = ApiError, description = "closed"), (status = 429, body = ApiError)))]
pub async fn handle(
    ctx: Ctx,
    throttle: web::Data<CheckinThrottle>,
    ApiCaller { learner, .. }: ApiCaller,
    id: web::Path<i64>,
    body: web::Json<CheckinRequest>,
) -> Result<HttpResponse, AppError> {
    let session = ctx
        .store()
        .session(*id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let now = hocvu_store::now_ms();
    let address = client_address(&ctx.req);
    let target = match session_for_code(
        &ctx.accounts,
        &throttle,
        &address,
        Some(&session),
        &body.code,
        now,
    )
    .await
    {
        Ok(s) => s,
        Err(CheckinError::Refused(r)) => return Err(r.api_error()),
        Err(CheckinError::Failed(e)) => return Err(e),
    };
    let status = match ctx
        .store()
        .check_in(&target, learner.id, "api", now)
        .await?
    {
        CheckIn::Done => "checked_in",
        CheckIn::Already => "already",
        CheckIn::NotOpen => return Err(Refusal::Closed.api_error()),
    };
    Ok(respond::json(
        StatusCode::OK,
        &CheckinResponse {
            status: status.into(),
            session: target.id,
        },
    ))
}
