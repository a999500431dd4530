//! POST `/{lang}/certificates/{code}/reissue`: the holder asks for this certificate again with
//! the name they have now (after a correction whose re-issue did not happen). Only the holder:
//! an admin may look at someone's certificate but never renames it.

use crate::certificates::Issuer;
use crate::certificates::holder::Holder;
use crate::certificates::reissue::offers_reissue;
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin};
use crate::site::respond;
use actix_web::{HttpResponse, web};

pub async fn handle(
    ctx: Ctx,
    issuer: web::Data<Issuer>,
    _: SameOrigin,
    holder: Holder,
) -> Result<HttpResponse, AppError> {
    let cert = &holder.certificate;
    if holder.learner.id != cert.learner_id {
        return Err(AppError::forbidden().because("cert-reissue-holder-only"));
    }
    if !offers_reissue(cert, &holder.learner) {
        return Err(AppError::bad_request().because("cert-reissue-not-needed"));
    }
    let issued = issuer.follow_name(ctx.store(), &holder.learner).await?;
    let code = issued
        .iter()
        .find(|c| c.course_id == cert.course_id)
        .map_or_else(|| cert.code.clone(), |c| c.code.clone());
    Ok(respond::see_other(format!(
        "/{}/certificates/{code}/",
        ctx.lang
    )))
}
