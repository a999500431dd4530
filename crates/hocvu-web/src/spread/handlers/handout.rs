//! GET `/{lang}/courses/{course}/{lesson}/print`: a lesson on one or two A4 pages for people
//! who learn from paper at a village session — its steps and callouts, the quiz questions to
//! think about without the answers, and the QR code to the lesson to answer them online.

use crate::certificates::Issuer;
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::viewer::Viewer;
use crate::spread::short_link;
use actix_web::{HttpResponse, web};

pub async fn handle(
    ctx: Ctx,
    viewer: Viewer,
    issuer: web::Data<Issuer>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let bundle = &crate::spread::course(&ctx.site, &path.1)?.bundle;
    let index = bundle
        .lessons
        .iter()
        .position(|l| l.slug == path.2)
        .ok_or_else(AppError::not_found)?;
    let url = short_link(
        &issuer.base_url(&ctx.req),
        &bundle.course.id,
        Some(index + 1),
    );
    let label = ctx.site.i18n.tr(lang, "share-qr-label", None);
    let qr = hocvu_certs::qr_svg(&url, &label);
    let html = ctx
        .renderer()
        .handout(lang, bundle, index, &viewer, |vars| {
            vars.insert("url", &url);
            vars.insert("qr", &qr);
        })?;
    Ok(ctx.html(html))
}
