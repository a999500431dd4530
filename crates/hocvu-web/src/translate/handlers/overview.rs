//! GET `/{lang}/translate/`: per locale of the translator or reviewer, every lesson with its
//! state (stale and returned first), each a link to its editor.

use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::render::Here;
use crate::translate::{Translating, Workspace, lessons};
use actix_web::{HttpResponse, web};
use serde_json::json;

pub async fn handle(
    ctx: Ctx,
    t: Translating,
    ws: web::Data<Workspace>,
) -> Result<HttpResponse, AppError> {
    let mut locales = Vec::new();
    for locale in t.locales() {
        let works = ctx.store().translation_works(Some(locale.as_str())).await?;
        let rows = lessons::rows(&ctx.site, locale, &works);
        let count = |s: lessons::State| rows.iter().filter(|r| r.state == s).count();
        locales.push(json!({
            "locale": locale.as_str(),
            "translates": t.can_translate(locale),
            "reviews": t.can_review(locale),
            "rows": rows,
            "stale": count(lessons::State::Stale),
            "missing": count(lessons::State::Missing),
            "submitted": count(lessons::State::Submitted),
            "reviewed": count(lessons::State::Reviewed),
        }));
    }
    let data = json!({"locales": locales, "sources": ws.content.is_some()});
    let html = ctx.renderer().page(
        "translate.html",
        t.lang,
        Here::InLanguage("translate/"),
        &t.viewer,
        |vars| vars.insert("d", &data),
    )?;
    Ok(ctx.html(html))
}
