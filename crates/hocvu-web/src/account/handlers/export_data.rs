//! GET `/{lang}/account/data.json`: everything stored about the learner, as a download.

use crate::site::error::AppError;
use crate::site::extract::{Ctx, SignedIn};
use crate::site::respond;
use actix_web::HttpResponse;

pub async fn handle(ctx: Ctx, me: SignedIn) -> Result<HttpResponse, AppError> {
    let data = ctx.store().export(me.learner.id).await?;
    let body = serde_json::to_vec(&data).map_err(AppError::internal)?;
    Ok(respond::download(
        "application/json",
        "hocvu-my-data.json",
        body,
    ))
}
