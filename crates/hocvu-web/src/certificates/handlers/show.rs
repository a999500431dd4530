//! GET `/{lang}/certificates/{code}/`: the holder's page, with the picture and downloads.

use crate::certificates::holder::Holder;
use crate::certificates::{Issuer, pages, verification};
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::viewer;
use actix_web::{HttpResponse, web};

pub async fn handle(
    ctx: Ctx,
    issuer: web::Data<Issuer>,
    holder: Holder,
) -> Result<HttpResponse, AppError> {
    let viewer = viewer::load_for(&ctx.site.courses, ctx.store(), holder.learner).await?;
    viewer.remember(&ctx.req);
    let cert = holder.certificate;
    let verify_url = issuer.verify_url(&ctx.req, &cert.code);
    let badge = issuer.public_url.is_some();
    let v = verification(&cert.code.clone(), Some(cert));
    Ok(ctx.html(pages::certificate(&ctx, &viewer, &v, &verify_url, badge)?))
}
