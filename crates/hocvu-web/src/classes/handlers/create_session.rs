//! POST `/{lang}/facilitate/sessions`: a new class (at a commune or ward) or guidance session
//! (at a village) in the facilitator's scope, run by them.

use crate::classes::{Facilitation, SessionForm, code};
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin};
use crate::site::respond;
use actix_web::{HttpResponse, web};
use hocvu_store::sessions::Kind;

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    f: Facilitation,
    web::Form(pairs): web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let form = SessionForm::parse(&pairs)?;
    if !f.sees(&form.unit) {
        return Err(AppError::forbidden().because("classes-error-scope"));
    }
    let kind = Kind::parse(&form.kind)
        .ok_or_else(|| AppError::bad_request().because("classes-error-kind"))?;
    let plan = form.plan(&ctx.site, &form.unit, kind)?;
    let secret = code::new_secret().map_err(AppError::internal)?;
    let session = ctx
        .store()
        .create_session(&plan, &secret, &[f.learner.id], Some(f.learner.id))
        .await?;
    Ok(respond::see_other(format!(
        "/{}/facilitate/sessions/{}/",
        f.lang, session.id
    )))
}
