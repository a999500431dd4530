//! GET `/{lang}/certificates/{code}/{print|share}.png`: the certificate picture, for its
//! holder only. Printed texts are in `{lang}`.

use crate::certificates::Issuer;
use crate::certificates::holder::Holder;
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use actix_web::{HttpResponse, web};
use hocvu_certs::Layout;

pub async fn handle(
    ctx: Ctx,
    issuer: web::Data<Issuer>,
    path: web::Path<(String, String, String)>,
    Holder {
        certificate: cert, ..
    }: Holder,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let layout = match path.2.as_str() {
        "print" => Layout::Print,
        "share" => Layout::Share,
        _ => return Err(AppError::not_found()),
    };
    if cert.revoked_at.is_some() {
        return Err(AppError::forbidden().because("cert-revoked-no-download"));
    }
    let view = issuer.view(&ctx.site, &ctx.req, &cert, lang);
    // ~50 ms of drawing: off the request thread.
    let png = web::block(move || hocvu_certs::render_png(&view, layout)).await??;
    let name = match layout {
        Layout::Print => "a4",
        Layout::Share => "share",
    };
    Ok(HttpResponse::Ok()
        .content_type("image/png")
        .insert_header(("Cache-Control", crate::site::page_cache::PRIVATE))
        .insert_header((
            "Content-Disposition",
            format!("inline; filename=\"hocvu-{}-{name}.png\"", cert.code),
        ))
        .body(png))
}
