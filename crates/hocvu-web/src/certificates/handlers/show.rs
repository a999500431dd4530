//! GET `/{lang}/certificates/{code}/`: the holder's page, with the picture and downloads.

use crate::certificates::holder::Holder;
use crate::certificates::reissue::offers_reissue;
use crate::certificates::{Issuer, pages, verification};
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use actix_web::{HttpResponse, web};

pub async fn handle(
    ctx: Ctx,
    issuer: web::Data<Issuer>,
    holder: Holder,
) -> Result<HttpResponse, AppError> {
    let viewer_learner = holder.learner.clone();
    let viewer = ctx.accounts.viewer_for(&ctx.site, &holder.learner).await?;
    viewer.remember(&ctx.req);
    let cert = holder.certificate;
    let verify_url = issuer.verify_url(&ctx.req, &cert.code);
    let badge = issuer.public_url.is_some();
    // The name to re-issue with, when the holder's is no longer the printed one.
    let current_name = offers_reissue(&cert, &viewer_learner)
        .then(|| viewer_learner.display_name.clone())
        .flatten();
    let v = verification(&cert.code.clone(), Some(cert));
    let html = pages::certificate(
        &ctx,
        &viewer,
        &v,
        &verify_url,
        badge,
        current_name.as_deref(),
    )?;
    Ok(ctx.html(html))
}
