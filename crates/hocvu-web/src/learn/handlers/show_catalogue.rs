//! GET `/{lang}/`: the catalogue.

use crate::learn::page::{Target, show};
use crate::site::error::AppError;
use crate::site::extract::{Ctx, Session};
use actix_web::HttpResponse;

pub async fn handle(ctx: Ctx, session: Session) -> Result<HttpResponse, AppError> {
    show(&ctx, Target::Catalogue, session).await
}
