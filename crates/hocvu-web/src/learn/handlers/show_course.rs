//! GET `/{lang}/courses/{course}/`: a course and its lessons.

use crate::learn::page::{Target, show};
use crate::site::error::AppError;
use crate::site::extract::{Ctx, Session};
use actix_web::HttpResponse;
use actix_web::web;

pub async fn handle(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let target = Target::Course(&path.1);
    show(&ctx, target, session).await
}
