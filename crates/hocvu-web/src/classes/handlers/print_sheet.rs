//! GET `/{lang}/facilitate/sessions/{id}/sheet`: the printable session sheet — when and where,
//! a QR code to each course it covers, and the check-in QR code. The printed check-in QR opens
//! the check-in form of this session; the code itself must be read from the screen (it
//! changes every minute), so a sheet taken home checks nobody in.

use crate::certificates::Issuer;
use crate::classes::Facilitation;
use crate::classes::pages::session_json;
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::render::Here;
use actix_web::{HttpResponse, web};
use serde_json::json;

pub async fn handle(
    ctx: Ctx,
    issuer: web::Data<Issuer>,
    f: Facilitation,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, AppError> {
    let session = f.session(&ctx.accounts, path.1).await?;
    let lang = f.lang;
    let base = issuer.base_url(&ctx.req);
    let checkins = ctx.store().checkin_count(session.id).await?;
    let mut s = session_json(
        &ctx.site,
        lang,
        &session,
        f.unit_name(&session.unit_code),
        checkins,
    );
    if let Some(courses) = s["courses"].as_array_mut() {
        for c in courses {
            let url = format!("{base}{}", c["href"].as_str().unwrap_or_default());
            let title = c["title"].as_str().unwrap_or_default().to_string();
            c["qr"] = json!(hocvu_certs::qr_svg(&url, &title));
            c["url"] = json!(url);
        }
    }
    let checkin_url = format!("{base}/{lang}/checkin?s={}", session.id);
    let label = ctx.site.i18n.tr(lang, "classes-qr-label", None);
    let data = json!({
        "s": s, "checkin_url": checkin_url,
        "checkin_qr": hocvu_certs::qr_svg(&checkin_url, &label),
        "checkin_short": format!("{base}/{lang}/checkin"),
    });
    let here = format!("facilitate/sessions/{}/sheet", session.id);
    let html = ctx.renderer().page(
        "session-sheet.html",
        lang,
        Here::InLanguage(&here),
        &f.viewer,
        |vars| vars.insert("d", &data),
    )?;
    Ok(ctx.html(html))
}
