//! GET the registration form (consent box unticked, in the learner's language). A guest
//! registering sees their own navigation ("My learning"), not a visitor's.

use crate::account::pages::{self, RegisterValues};
use crate::account::{commune_choices, village_groups};
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::viewer::Viewer;
use actix_web::HttpResponse;

pub async fn handle(ctx: Ctx, viewer: Viewer) -> Result<HttpResponse, AppError> {
    let communes = commune_choices(ctx.store()).await?;
    let villages = village_groups(ctx.store(), &communes).await?;
    let form = RegisterValues::default();
    Ok(ctx.html(pages::register(
        &ctx,
        &viewer,
        &form,
        &[],
        &communes,
        &villages,
    )?))
}
