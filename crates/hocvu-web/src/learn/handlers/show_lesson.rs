//! GET `/{lang}/courses/{course}/{lesson}/`: a lesson with its quiz (a plain form).

use crate::learn::page::{Target, show};
use crate::site::error::AppError;
use crate::site::extract::{Ctx, Session};
use actix_web::HttpResponse;
use actix_web::web;

pub async fn handle(
    ctx: Ctx,
    path: web::Path<(String, String, String)>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let target = Target::Lesson(&path.1, &path.2);
    show(&ctx, target, session).await
}
