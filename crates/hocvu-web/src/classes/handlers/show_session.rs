//! GET `/{lang}/facilitate/sessions/{id}/`: the facilitator's screen — while the session is
//! open, the check-in code in large type with its QR code, renewed every minute (the page
//! reloads itself with a `Refresh` header: no JavaScript); the headcount, editing and closing.

use crate::certificates::Issuer;
use crate::classes::pages::{course_choices, session_json};
use crate::classes::{Facilitation, code};
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::render::Here;
use actix_web::http::header::{CACHE_CONTROL, HeaderValue, REFRESH};
use actix_web::{HttpResponse, web};
use serde_json::json;

pub async fn handle(
    ctx: Ctx,
    issuer: web::Data<Issuer>,
    f: Facilitation,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, AppError> {
    let session = f.session(&ctx.accounts, path.1).await?;
    let checkins = ctx.store().checkin_count(session.id).await?;
    let now = hocvu_store::now_ms();
    let lang = f.lang;
    let base = issuer.base_url(&ctx.req);
    let mut data = json!({
        "s": session_json(&ctx.site, lang, &session, f.unit_name(&session.unit_code), checkins),
        "courses": course_choices(&ctx.site, lang),
        "checkin_url": format!("{base}/{lang}/checkin"),
    });
    let mut names = Vec::new();
    for id in ctx.store().facilitators_of(session.id).await? {
        if let Some(l) = ctx.store().learner(id).await? {
            names.push(l.display_name.or(l.username).unwrap_or_default());
        }
    }
    data["facilitators"] = json!(names);
    let mut refresh = None;
    if session.is_open(now) {
        let (current, left_ms) = code::current(&session.code_secret, session.id, now);
        let url = format!("{base}/{lang}/checkin/{}/{}", session.id, current.as_str());
        let label = ctx.site.i18n.tr(lang, "classes-qr-label", None);
        data["code"] = json!(current.grouped());
        data["qr"] = json!(hocvu_certs::qr_svg(&url, &label));
        data["seconds_left"] = json!((left_ms + 999) / 1000);
        refresh = Some(left_ms / 1000 + 1);
    } else if now < session.starts_at - hocvu_store::sessions::OPENS_BEFORE {
        // Opened early: reload when check-in opens (every five minutes at most).
        let until = (session.starts_at - hocvu_store::sessions::OPENS_BEFORE - now) / 1000 + 1;
        refresh = Some(until.min(300));
    }
    let here = format!("facilitate/sessions/{}/", session.id);
    let html = ctx.renderer().page(
        "session.html",
        lang,
        Here::InLanguage(&here),
        &f.viewer,
        |vars| vars.insert("d", &data),
    )?;
    let mut resp = ctx.html(html);
    resp.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(seconds) = refresh
        && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
    {
        resp.headers_mut().insert(REFRESH, value);
    }
    Ok(resp)
}
