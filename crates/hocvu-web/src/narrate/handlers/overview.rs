//! GET `/{lang}/narrate/`: per locale of the narrator or reviewer, every lesson with the state
//! of its narration (stale, returned and waiting for review first), each a link to its page.

use crate::narrate::Narrating;
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::render::Here;
use crate::translate::Workspace;
use actix_web::{HttpResponse, web};
use serde_json::json;

pub async fn handle(
    ctx: Ctx,
    n: Narrating,
    ws: web::Data<Workspace>,
) -> Result<HttpResponse, AppError> {
    let mut locales = Vec::new();
    for locale in n.locales() {
        let recordings = ctx.store().recordings(locale.as_str()).await?;
        let mut rows = Vec::new();
        for c in ctx
            .site
            .courses
            .iter()
            .filter(|c| c.bundle.course.published)
        {
            let b = &c.bundle;
            for l in &b.lessons {
                let mine: Vec<_> = recordings
                    .iter()
                    .filter(|r| r.course_id == b.course.id && r.item == l.slug)
                    .collect();
                let has = |s: &str| mine.iter().any(|r| r.state == s);
                let published = l.narrations.get(&locale).filter(|n| !n.machine);
                let state = if has("returned") {
                    "returned"
                } else if has("submitted") {
                    "submitted"
                } else {
                    match published {
                        Some(p) if p.stale => "stale",
                        Some(p) if p.lesson.is_some() => "narrated",
                        _ => "missing",
                    }
                };
                let order = ["stale", "returned", "submitted", "missing", "narrated"]
                    .iter()
                    .position(|s| *s == state);
                rows.push((
                    order,
                    json!({
                        "href": format!("/{}/narrate/{locale}/{}/{}/", n.lang, b.course.id, l.slug),
                        "course_title": b.course.title_in(locale).0,
                        "title": l.text_in(locale).map_or("", |t| t.title.as_str()),
                        "state": state,
                        "questions": l.source().map_or(0, |t| t.quiz.len()),
                        "questions_done": published.map_or(0, |p| p.questions.len()),
                    }),
                ));
            }
        }
        rows.sort_by_key(|(order, _)| *order);
        let count = |s: &str| rows.iter().filter(|(_, r)| r["state"] == s).count();
        locales.push(json!({
            "locale": locale.as_str(),
            "records": n.can_record(locale),
            "reviews": n.can_review(locale),
            "narrated": count("narrated"), "stale": count("stale"),
            "missing": count("missing"), "submitted": count("submitted"),
            "rows": rows.into_iter().map(|(_, r)| r).collect::<Vec<_>>(),
        }));
    }
    let data = json!({"locales": locales, "sources": ws.content.is_some()});
    let html = ctx.renderer().page(
        "narrate.html",
        n.lang,
        Here::InLanguage("narrate/"),
        &n.viewer,
        |vars| vars.insert("d", &data),
    )?;
    Ok(ctx.html(html))
}
