//! GET `/{lang}/certificates/{code}/{print|share}.png`: the certificate picture, for its
//! holder only. Printed texts are in `{lang}`.

use super::{held, issuer};
use crate::Accounts;
use crate::errors::error_page;
use crate::extract::UiLang;
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};
use hocvu_certs::Layout;

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
) -> HttpResponse {
    let layout = match req.match_info().get("layout") {
        Some("print") => Layout::Print,
        Some("share") => Layout::Share,
        _ => return error_page(&site, &req, 404, None),
    };
    let cert = match held(&site, &accounts, &req).await {
        Ok((c, _)) => c,
        Err(resp) => return resp,
    };
    if cert.revoked_at.is_some() {
        let detail = site.i18n.tr(lang, "cert-revoked-no-download", None);
        return error_page(&site, &req, 403, Some(&detail));
    }
    let issuer = match issuer(&req, &site) {
        Ok(i) => i,
        Err(resp) => return resp,
    };
    let view = issuer.view(&site, &req, &cert, lang);
    // ~50 ms of drawing: off the request thread.
    match web::block(move || hocvu_certs::render_png(&view, layout)).await {
        Ok(Ok(png)) => HttpResponse::Ok()
            .content_type("image/png")
            .insert_header(("Cache-Control", crate::http::PRIVATE))
            .insert_header((
                "Content-Disposition",
                format!(
                    "inline; filename=\"hocvu-{}-{}.png\"",
                    cert.code,
                    if layout == Layout::Print {
                        "a4"
                    } else {
                        "share"
                    }
                ),
            ))
            .body(png),
        Ok(Err(e)) => {
            tracing::error!("certificate {} picture: {e}", cert.code);
            error_page(&site, &req, 500, None)
        }
        Err(e) => {
            tracing::error!("certificate {} picture: {e}", cert.code);
            error_page(&site, &req, 500, None)
        }
    }
}
