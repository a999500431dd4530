//! POST `/{lang}/narrate/{locale}/{course}/{lesson}/review` (`part`, `action` accept|return,
//! `comment`): a reviewer of the locale — never of their own recording — accepts it into the
//! content folder (audio and `.narration.toml`, each written whole, then the site is rebuilt)
//! or returns it with a comment.

use crate::narrate::handlers::show_lesson::page;
use crate::narrate::{Narrating, display_name, files};
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin};
use crate::site::respond;
use crate::translate::Workspace;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use std::collections::BTreeMap;

#[derive(serde::Deserialize)]
pub struct ReviewForm {
    part: String,
    action: String,
    #[serde(default)]
    comment: String,
}

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    n: Narrating,
    ws: web::Data<Workspace>,
    path: web::Path<(String, String, String, String)>,
    form: web::Form<ReviewForm>,
) -> Result<HttpResponse, AppError> {
    let (_, locale, course, slug) = path.into_inner();
    let locale = n.locale(&locale)?;
    if !n.can_review(locale) {
        return Err(AppError::forbidden().because("narrate-not-reviewer"));
    }
    let form = form.into_inner();
    let _turn = ws.write_lock.lock().await;
    let rec = ctx
        .store()
        .recording(&course, &slug, &form.part, locale.as_str())
        .await?
        .filter(|r| r.state == "submitted")
        .ok_or_else(|| AppError::not_found().because("narrate-error-nothing-to-review"))?;
    if rec.narrator_id == Some(n.learner.id) {
        return Err(AppError::forbidden().because("narrate-error-own"));
    }
    let comment = form.comment.trim();
    match form.action.as_str() {
        "return" if comment.is_empty() => {
            let problems = BTreeMap::from([(form.part.clone(), "narrate-error-comment")]);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return page(&ctx, &n, locale, &course, &slug, &problems, None, status).await;
        }
        "return" => {
            ctx.store()
                .review_recording(&rec, "returned", Some(comment), n.learner.id)
                .await?;
        }
        "accept" => {
            let dir = ws
                .course_dir(&course)
                .ok_or_else(|| AppError::forbidden().because("narrate-no-sources"))?;
            let narrator = match rec.narrator_id {
                Some(id) => ctx.store().learner(id).await?.map(|l| display_name(&l)),
                None => None,
            }
            .unwrap_or_else(|| "?".into());
            files::write_accepted(
                &dir,
                &files::Accepted {
                    slug: &slug,
                    locale,
                    part: &rec.part,
                    ext: &rec.extension,
                    audio: &rec.audio,
                    source_hash: &rec.source_hash,
                    narrator: &narrator,
                    reviewer: &n.name(),
                },
            )?;
            ctx.store()
                .review_recording(&rec, "accepted", None, n.learner.id)
                .await?;
            ws.reloader.request();
        }
        _ => return Err(AppError::bad_request().detail("action must be accept or return")),
    }
    let state = if form.action == "accept" {
        "accepted"
    } else {
        "returned"
    };
    Ok(respond::see_other(format!(
        "/{}/narrate/{locale}/{course}/{slug}/?saved={state}#part-{}",
        n.lang, form.part
    )))
}
