//! GET `/{lang}/facilitate/`: the sessions the facilitator runs (today's first, then the coming
//! ones, then the last month's), and the form to create one.

use crate::classes::Facilitation;
use crate::classes::pages::{course_choices, session_json};
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::render::Here;
use actix_web::HttpResponse;
use serde_json::json;

/// Sessions older than this leave the facilitator's list (they stay in the reports).
const RECENT_MS: i64 = 31 * 86_400_000;

pub async fn handle(ctx: Ctx, f: Facilitation) -> Result<HttpResponse, AppError> {
    let now = hocvu_store::now_ms();
    let today = hocvu_dates::today();
    let mut sessions = f.sessions(&ctx.accounts).await?;
    sessions.retain(|s| s.session.ends_at + RECENT_MS >= now);
    let list =
        |wanted: &dyn Fn(&hocvu_store::sessions::Session) -> bool| -> Vec<serde_json::Value> {
            sessions
                .iter()
                .filter(|s| wanted(&s.session))
                .map(|s| {
                    session_json(
                        &ctx.site,
                        f.lang,
                        &s.session,
                        f.unit_name(&s.session.unit_code),
                        s.checkins,
                    )
                })
                .collect()
        };
    let is_today =
        |s: &hocvu_store::sessions::Session| hocvu_dates::vietnam_date(s.starts_at) == today;
    let data = json!({
        "today": list(&|s| is_today(s)),
        "coming": list(&|s| !is_today(s) && s.starts_at > now),
        "past": list(&|s| !is_today(s) && s.starts_at <= now),
        "places": f.places().iter().map(|u| json!({"code": u.code, "name": u.name, "kind": u.kind})).collect::<Vec<_>>(),
        "courses": course_choices(&ctx.site, f.lang),
        "date": today,
    });
    let html = ctx.renderer().page(
        "facilitate.html",
        f.lang,
        Here::InLanguage("facilitate/"),
        &f.viewer,
        |vars| vars.insert("d", &data),
    )?;
    Ok(ctx.html(html))
}
