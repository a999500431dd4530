//! POST `/{lang}/narrate/{locale}/{course}/{lesson}/` (multipart: `part`, `audio`): a narrator's
//! recording of one part, from the microphone or a file. It is read to its end and probed like
//! the compiler does before anything is stored; a cut-off upload, a file that is not audio or
//! one too long is shown at the part's field and nothing is kept.

use crate::narrate::handlers::show_lesson::page;
use crate::narrate::{MAX_UPLOAD_BYTES, Narrating, files};
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin};
use crate::site::respond;
use crate::translate::Workspace;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use futures_util::StreamExt;
use hocvu_content::narration::{self, MAX_LESSON_MS, MAX_QUESTION_MS};
use hocvu_store::narrations::Upload;
use std::collections::BTreeMap;

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    n: Narrating,
    ws: web::Data<Workspace>,
    path: web::Path<(String, String, String, String)>,
    mut form: Multipart,
) -> Result<HttpResponse, AppError> {
    let (_, locale, course, slug) = path.into_inner();
    let locale = n.locale(&locale)?;
    if !n.can_record(locale) {
        return Err(AppError::forbidden().because("narrate-not-for-locale"));
    }
    let dir = ws
        .course_dir(&course)
        .ok_or_else(|| AppError::forbidden().because("narrate-no-sources"))?;
    let (mut part, mut audio) = (String::new(), Vec::new());
    let mut problem: Option<(&'static str, StatusCode)> = None;
    while let Some(field) = form.next().await {
        let Ok(mut field) = field else {
            problem = Some(("narrate-error-cut-off", StatusCode::BAD_REQUEST));
            break;
        };
        let name = field.name().unwrap_or("").to_string();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            match chunk {
                Ok(c) if bytes.len() + c.len() <= MAX_UPLOAD_BYTES => bytes.extend_from_slice(&c),
                Ok(_) => {
                    problem = Some(("narrate-error-too-big", StatusCode::PAYLOAD_TOO_LARGE));
                    break;
                }
                Err(_) => {
                    problem = Some(("narrate-error-cut-off", StatusCode::BAD_REQUEST));
                    break;
                }
            }
        }
        if problem.is_some() {
            break;
        }
        match name.as_str() {
            "part" => part = String::from_utf8_lossy(&bytes).trim().to_string(),
            "audio" => audio = bytes,
            _ => {}
        }
    }
    let lesson = ctx
        .site
        .loaded_any(&course)
        .and_then(|c| c.bundle.lessons.iter().find(|l| l.slug == slug))
        .ok_or_else(AppError::not_found)?;
    let is_question = lesson
        .source()
        .is_some_and(|t| t.quiz.iter().any(|q| q.id == part));
    if part != "lesson" && !is_question {
        part = "lesson".into();
        problem.get_or_insert(("narrate-error-part", StatusCode::UNPROCESSABLE_ENTITY));
    }
    let probe = match problem {
        Some(_) => None,
        None if audio.is_empty() => {
            problem = Some(("narrate-error-empty", StatusCode::UNPROCESSABLE_ENTITY));
            None
        }
        None => match narration::probe_any(&audio) {
            Ok(p) => Some(p),
            Err(_) => {
                problem = Some(("narrate-error-not-audio", StatusCode::UNPROCESSABLE_ENTITY));
                None
            }
        },
    };
    let limit = if part == "lesson" {
        MAX_LESSON_MS
    } else {
        MAX_QUESTION_MS
    };
    let (Some(probe), None) = (probe.filter(|p| p.duration_ms <= limit), problem) else {
        let (key, status) =
            problem.unwrap_or(("narrate-error-too-long", StatusCode::UNPROCESSABLE_ENTITY));
        let problems = BTreeMap::from([(part, key)]);
        return page(&ctx, &n, locale, &course, &slug, &problems, None, status).await;
    };
    let source_hash = files::text_hash(&dir, &slug, locale)?;
    ctx.store()
        .submit_recording(Upload {
            course_id: &course,
            item: &slug,
            part: &part,
            locale: locale.as_str(),
            audio: &audio,
            extension: probe.container.extension(probe.codec),
            duration_ms: probe.duration_ms,
            source_hash: &source_hash,
            narrator: n.learner.id,
        })
        .await?;
    Ok(respond::see_other(format!(
        "/{}/narrate/{locale}/{course}/{slug}/?saved=submitted#part-{part}",
        n.lang
    )))
}
