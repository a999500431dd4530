//! POST `/{lang}/facilitate/sessions/{id}/close`: end check-in now.

use crate::classes::Facilitation;
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin};
use crate::site::respond;
use actix_web::{HttpResponse, web};

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    f: Facilitation,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, AppError> {
    let session = f.session(&ctx.accounts, path.1).await?;
    ctx.store()
        .close_session(session.id, Some(f.learner.id))
        .await?;
    Ok(respond::see_other(format!(
        "/{}/facilitate/sessions/{}/",
        f.lang, session.id
    )))
}
