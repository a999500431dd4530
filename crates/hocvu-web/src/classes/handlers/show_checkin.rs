//! GET `/{lang}/checkin` (`?s=ID` from a printed sheet): the participant types the code shown
//! on the facilitator's screen.

use crate::classes::pages::{Method, checkin_page};
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::viewer::Viewer;
use actix_web::{HttpResponse, web};

#[derive(serde::Deserialize)]
pub struct Query {
    s: Option<i64>,
}

pub async fn handle(
    ctx: Ctx,
    viewer: Viewer,
    web::Query(query): web::Query<Query>,
) -> Result<HttpResponse, AppError> {
    let session = match query.s {
        Some(id) => ctx.store().session(id).await?,
        None => None,
    };
    checkin_page(
        &ctx,
        &viewer,
        session.as_ref(),
        "",
        Method::Typed,
        None,
        actix_web::http::StatusCode::OK,
    )
}
