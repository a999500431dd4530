//! POST `/api/v1/sessions/{id}/headcount`: participants without a phone or account (numbers).

use crate::api::ApiCaller;
use crate::api::sessions::{SessionReport, facilitation};
use crate::site::error::{ApiError, AppError};
use crate::site::extract::Ctx;
use crate::site::respond;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use hocvu_store::sessions::Headcount;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HeadcountRequest {
    /// 0 to 1000.
    #[schema(minimum = 0, maximum = 1000)]
    #[serde(deserialize_with = "crate::api::whole::number")]
    pub others: i32,
    /// Of whom women, if known (at most `others`).
    #[schema(minimum = 0, maximum = 1000)]
    #[serde(default, deserialize_with = "crate::api::whole::optional")]
    pub women: Option<i32>,
    /// Of whom ethnic-minority participants, if known (at most `others`).
    #[schema(minimum = 0, maximum = 1000)]
    #[serde(default, deserialize_with = "crate::api::whole::optional")]
    pub minority: Option<i32>,
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/headcount", params(("id" = i64, Path)), request_body = HeadcountRequest,
    responses((status = 200, body = SessionReport), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn handle(
    ctx: Ctx,
    ApiCaller { learner, .. }: ApiCaller,
    id: web::Path<i64>,
    body: web::Json<HeadcountRequest>,
) -> Result<HttpResponse, AppError> {
    let f = facilitation(&ctx.site, &ctx.accounts, learner).await?;
    let session = f.session(&ctx.accounts, *id).await?;
    let count = Headcount {
        others: body.others,
        women: body.women,
        minority: body.minority,
    };
    ctx.store()
        .set_headcount(session.id, count, Some(f.learner.id))
        .await?;
    let session = f.session(&ctx.accounts, *id).await?;
    let checked_in = ctx.store().checkin_count(session.id).await?;
    Ok(respond::json(
        StatusCode::OK,
        &SessionReport::new(&session, checked_in),
    ))
}
