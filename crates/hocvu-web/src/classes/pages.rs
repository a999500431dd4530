//! What the session pages show: one JSON shape per session for every template.

use crate::site::Site;
use hocvu_content::Locale;
use hocvu_dates::{day_month_year, vietnam_date, vietnam_time};
use hocvu_store::now_ms;
use hocvu_store::sessions::Session;
use serde_json::{Value, json};

/// A session as templates use it; `unit` is the unit's name.
pub fn session_json(site: &Site, lang: Locale, s: &Session, unit: &str, checkins: i64) -> Value {
    let now = now_ms();
    let courses: Vec<Value> = s
        .course_ids()
        .into_iter()
        .map(|id| {
            let title = site.loaded(id).map_or_else(
                || id.to_string(),
                |l| l.bundle.course.title_in(lang).0.to_string(),
            );
            json!({"id": id, "title": title, "href": format!("/{lang}/courses/{id}/")})
        })
        .collect();
    json!({
        "id": s.id, "kind": s.kind, "unit": unit, "unit_code": s.unit_code, "place": s.place,
        "date": day_month_year(&vietnam_date(s.starts_at)), "iso_date": vietnam_date(s.starts_at),
        "start": vietnam_time(s.starts_at), "end": vietnam_time(s.ends_at),
        "courses": courses, "course_ids": s.course_ids(),
        "open": s.is_open(now), "closed": s.is_closed(now), "upcoming": now < s.starts_at - hocvu_store::sessions::OPENS_BEFORE,
        "checkins": checkins, "others": s.others, "women": s.others_women, "minority": s.others_minority,
        "participants": checkins + i64::from(s.others),
        "href": format!("/{lang}/facilitate/sessions/{}/", s.id),
    })
}

/// The published courses, for the "courses it covers" choice.
pub fn course_choices(site: &Site, lang: Locale) -> Vec<Value> {
    site.bundles_for(false)
        .into_iter()
        .map(|b| json!({"id": b.course.id, "title": b.course.title_in(lang).0}))
        .collect()
}

/// How a participant gave the code, as recorded with the check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Qr,
    Typed,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Qr => "qr",
            Method::Typed => "typed",
        }
    }
}

/// The check-in form (or, from a QR code, its confirmation), with a problem to show if any.
pub fn checkin_page(
    ctx: &crate::site::extract::Ctx,
    viewer: &crate::site::viewer::Viewer,
    session: Option<&Session>,
    code: &str,
    method: Method,
    problem: Option<&'static str>,
    status: actix_web::http::StatusCode,
) -> Result<actix_web::HttpResponse, crate::site::error::AppError> {
    let s = session.map(|s| session_json(&ctx.site, ctx.lang, s, &s.place, 0));
    let data = json!({"s": s, "code": code, "method": method.as_str(), "problem": problem});
    let html = ctx.renderer().page(
        "checkin.html",
        ctx.lang,
        crate::site::render::Here::InLanguage("checkin"),
        viewer,
        |vars| vars.insert("d", &data),
    )?;
    Ok(ctx.html_with(html, status))
}

/// After a check-in: the session and its courses, the first one to start with.
pub fn checked_in_page(
    ctx: &crate::site::extract::Ctx,
    viewer: &crate::site::viewer::Viewer,
    session: &Session,
    already: bool,
) -> Result<actix_web::HttpResponse, crate::site::error::AppError> {
    let data = json!({"s": session_json(&ctx.site, ctx.lang, session, &session.place, 0), "already": already});
    let html = ctx.renderer().page(
        "checked-in.html",
        ctx.lang,
        crate::site::render::Here::InLanguage("checkin"),
        viewer,
        |vars| vars.insert("d", &data),
    )?;
    Ok(ctx.html(html))
}
