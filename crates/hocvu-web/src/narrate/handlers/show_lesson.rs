//! GET `/{lang}/narrate/{locale}/{course}/{lesson}/`: the text to read aloud, and per part (the
//! lesson, each question) what is published, what waits for review, the recorder (with
//! JavaScript) or a file field (without), and for reviewers accept / return.

use crate::narrate::{Narrating, display_name};
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::render::Here;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use hocvu_content::Locale;
use serde_json::{Value, json};
use std::collections::BTreeMap;

#[derive(serde::Deserialize)]
pub struct Shown {
    #[serde(default)]
    saved: Option<String>,
}

pub async fn handle(
    ctx: Ctx,
    n: Narrating,
    path: web::Path<(String, String, String, String)>,
    query: web::Query<Shown>,
) -> Result<HttpResponse, AppError> {
    let (_, locale, course, slug) = path.into_inner();
    let locale = n.locale(&locale)?;
    let saved = query.into_inner().saved;
    page(
        &ctx,
        &n,
        locale,
        &course,
        &slug,
        &BTreeMap::new(),
        saved,
        StatusCode::OK,
    )
    .await
}

/// The page, with `problems` (part → interface-string key) shown at each part's field.
#[allow(clippy::too_many_arguments)]
pub async fn page(
    ctx: &Ctx,
    n: &Narrating,
    locale: Locale,
    course: &str,
    slug: &str,
    problems: &BTreeMap<String, &'static str>,
    saved: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let loaded = ctx
        .site
        .loaded_any(course)
        .ok_or_else(AppError::not_found)?;
    let lesson = loaded
        .bundle
        .lessons
        .iter()
        .find(|l| l.slug == slug)
        .ok_or_else(AppError::not_found)?;
    let text = lesson.text_in(locale).ok_or_else(AppError::not_found)?;
    let source = lesson.source().ok_or_else(AppError::not_found)?;
    let renderer = ctx.renderer();
    let published = lesson.narrations.get(&locale);
    let mut parts = vec![("lesson".to_string(), Value::Null)];
    for (i, q) in text.quiz.iter().enumerate() {
        let options: Vec<&str> = q.options.iter().map(|o| o.html.as_str()).collect();
        parts.push((
            q.id.clone(),
            json!({"number": i + 1, "prompt_html": q.prompt_html, "intro_html": q.intro_html, "options": options}),
        ));
    }
    let mut shown = Vec::new();
    for (id, question) in parts {
        let clip = published.and_then(|p| {
            if id == "lesson" {
                p.lesson.as_ref()
            } else {
                p.questions.get(&id)
            }
        });
        let current = clip.zip(published).map(|(c, p)| {
            json!({
                "src": format!("/audio/{}", c.file), "type": c.content_type,
                "label": renderer.listen_label(n.lang, if id == "lesson" { "listen-lesson" } else { "listen-question" }, c),
                "narrator": p.narrator, "machine": p.machine, "stale": p.stale,
            })
        });
        let rec = ctx
            .store()
            .recording(course, slug, &id, locale.as_str())
            .await?
            .filter(|r| r.state != "accepted");
        let mut pending = Value::Null;
        if let Some(r) = rec {
            let narrator = match r.narrator_id {
                Some(id) => ctx.store().learner(id).await?.map(|l| display_name(&l)),
                None => None,
            };
            pending = json!({
                "state": r.state, "comment": r.comment, "narrator": narrator.unwrap_or_else(|| "?".into()),
                "own": r.narrator_id == Some(n.learner.id),
                "seconds": r.duration_ms.div_euclid(1000),
                "src": format!("/{}/narrate/{locale}/{course}/{slug}/pending/{id}?v={}", n.lang, r.updated_at),
                "has_audio": !r.audio.is_empty(),
            });
        }
        shown.push(json!({
            "id": id, "question": question, "current": current, "pending": pending,
            "problem": problems.get(&id),
        }));
    }
    let d = json!({
        "locale": locale.as_str(), "course": course, "lesson": slug,
        "course_title": loaded.bundle.course.title_in(locale).0,
        "title": text.title, "title_lang": text.locale,
        "body_html": if text.body_locale == locale { &text.html } else { &source.html },
        "body_lang": text.body_locale,
        "can_record": n.can_record(locale), "can_review": n.can_review(locale),
        "parts": shown, "saved": saved,
        "action": format!("/{}/narrate/{locale}/{course}/{slug}/", n.lang),
        "max_mb": crate::narrate::MAX_UPLOAD_BYTES / (1024 * 1024),
    });
    let here = format!("narrate/{locale}/{course}/{slug}/");
    let html = renderer.page(
        "narrate-lesson.html",
        n.lang,
        Here::InLanguage(&here),
        &n.viewer,
        |vars| vars.insert("d", &d),
    )?;
    Ok(ctx.html_with(html, status))
}
