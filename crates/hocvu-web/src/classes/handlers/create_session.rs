//! POST `/{lang}/facilitate/sessions`: a new class (at a commune or ward) or guidance session
//! (at a village) in the facilitator's scope, run by them.

use crate::classes::{Facilitation, SessionForm, create_session};
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin};
use crate::site::respond;
use actix_web::{HttpResponse, web};

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    f: Facilitation,
    web::Form(pairs): web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let form = SessionForm::parse(&pairs)?;
    let session = create_session(&ctx.site, &ctx.accounts, &f, &form).await?;
    Ok(respond::see_other(format!(
        "/{}/facilitate/sessions/{}/",
        f.lang, session.id
    )))
}
