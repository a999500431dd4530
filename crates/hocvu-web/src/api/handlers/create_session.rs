//! POST `/api/v1/sessions`: create a class or guidance session in the caller's scope.

use crate::api::ApiCaller;
use crate::api::sessions::{SessionReport, facilitation};
use crate::classes::{SessionForm, create_session};
use crate::site::error::{ApiError, AppError};
use crate::site::extract::Ctx;
use crate::site::respond;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSession {
    /// Unit code: a commune or ward for a class, a village for a guidance session.
    pub unit: String,
    /// `class` or `guidance`.
    #[schema(pattern = "^(class|guidance)$")]
    pub kind: String,
    /// `YYYY-MM-DD`, Vietnam time.
    #[schema(format = Date)]
    pub date: String,
    /// `HH:MM`.
    #[schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    pub start: String,
    /// `HH:MM`, after the start, the same day.
    #[schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    pub end: String,
    pub place: String,
    /// Course ids (1 to 12).
    #[schema(min_items = 1, max_items = 12)]
    pub courses: Vec<String>,
    /// Usernames of the other facilitators present.
    #[serde(default)]
    pub facilitators: Vec<String>,
}

#[utoipa::path(post, path = "/api/v1/sessions", request_body = NewSession,
    responses((status = 201, body = SessionReport), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn handle(
    ctx: Ctx,
    ApiCaller { learner, .. }: ApiCaller,
    body: web::Json<NewSession>,
) -> Result<HttpResponse, AppError> {
    let f = facilitation(&ctx.site, &ctx.accounts, learner).await?;
    let b = body.into_inner();
    let form = SessionForm {
        unit: b.unit,
        kind: b.kind,
        date: b.date,
        start: b.start,
        end: b.end,
        place: b.place,
        courses: b.courses,
        others: b.facilitators,
    };
    let session = create_session(&ctx.site, &ctx.accounts, &f, &form).await?;
    Ok(respond::json(
        StatusCode::CREATED,
        &SessionReport::new(&session, 0),
    ))
}
