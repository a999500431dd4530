//! POST `/{lang}/certificates/{course}`: the signed-in learner claims the certificate of a
//! course they completed; claiming again returns the same one. Redirects to its page; a guest
//! is sent to register first.

use crate::certificates::Issuer;
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin, Session};
use crate::site::respond;
use actix_web::{HttpResponse, web};

pub async fn handle(
    ctx: Ctx,
    issuer: web::Data<Issuer>,
    _: SameOrigin,
    path: web::Path<(String, String)>,
    Session(session): Session,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let loaded = ctx.site.loaded(&path.1).ok_or_else(AppError::not_found)?;
    let learner = match session {
        Some((claims, learner)) if !claims.guest => learner,
        _ => return Ok(respond::see_other(format!("/{lang}/account/register"))),
    };
    let cert = issuer.claim(ctx.store(), &learner, loaded, lang).await?;
    Ok(respond::see_other(format!(
        "/{lang}/certificates/{}/",
        cert.code
    )))
}
