//! POST `/{lang}/facilitate/sessions/{id}/edit`: change the time, place or courses of a session
//! that has not closed.

use crate::classes::{Facilitation, SessionForm};
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin};
use crate::site::respond;
use actix_web::{HttpResponse, web};

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    f: Facilitation,
    path: web::Path<(String, i64)>,
    web::Form(pairs): web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let session = f.session(&ctx.accounts, path.1).await?;
    let form = SessionForm::parse(&pairs)?;
    let plan = form.plan(&ctx.site, &session.unit_code, session.kind())?;
    ctx.store()
        .update_session(session.id, &plan, Some(f.learner.id))
        .await?;
    Ok(respond::see_other(format!(
        "/{}/facilitate/sessions/{}/",
        f.lang, session.id
    )))
}
