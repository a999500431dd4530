//! GET `/{lang}/certificates/{code}/{print|share}.png`: the certificate picture, for its
//! holder only. Printed texts are in `{lang}`.

use crate::certificates::Issuer;
use crate::certificates::holder::Holder;
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use actix_web::http::header;
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
        issuer.pictures.forget(&cert.code);
        return Err(AppError::forbidden().because("cert-revoked-no-download"));
    }
    let view = issuer.view(&ctx.site, &ctx.req, &cert, lang);
    let code = cert.code.clone();
    let kept = issuer.clone();
    // Drawing (~50 ms, first download only) and reading the file: off the request thread.
    let picture = web::block(move || kept.pictures.get(&code, &view, layout)).await??;
    let name = match layout {
        Layout::Print => "a4",
        Layout::Share => "share",
    };
    let fresh = ctx
        .req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == picture.etag));
    let mut resp = if fresh {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    resp.insert_header(("Cache-Control", "private, no-cache"))
        .insert_header((header::ETAG, picture.etag.clone()));
    if fresh {
        return Ok(resp.finish());
    }
    Ok(resp
        .content_type("image/png")
        .insert_header((
            "Content-Disposition",
            format!("inline; filename=\"hocvu-{}-{name}.png\"", cert.code),
        ))
        .body(picture.png))
}
