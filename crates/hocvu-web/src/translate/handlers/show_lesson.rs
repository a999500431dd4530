//! GET `/{lang}/translate/{locale}/{course}/{lesson}/`: the editor, the Vietnamese beside each
//! unit, prefilled from the translation file (for a stale one: what changed in the source).

use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::render::Here;
use crate::translate::editor::{OnDisk, editor_json, is_own};
use crate::translate::{Translating, Workspace};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde_json::{Value, json};

#[derive(serde::Deserialize)]
pub struct Shown {
    #[serde(default)]
    saved: Option<String>,
}

pub async fn handle(
    ctx: Ctx,
    t: Translating,
    ws: web::Data<Workspace>,
    path: web::Path<(String, String, String, String)>,
    query: web::Query<Shown>,
) -> Result<HttpResponse, AppError> {
    let (_, locale, course, slug) = path.into_inner();
    let locale = t.locale(&locale)?;
    let disk = OnDisk::read(&ws, &course, &slug, locale)?;
    let (title, texts, since) = disk.texts();
    let glossaries = ws.glossaries();
    let d = editor_json(
        &disk,
        &title,
        &texts,
        &since,
        &Default::default(),
        glossaries.get(&locale),
        &texts,
    );
    let extra = json!({"saved": query.saved});
    page(&ctx, &t, &course, &slug, d, extra, StatusCode::OK).await
}

/// The editor page around `editor` (see `editor_json`), with `extra` (preview, problems, notices).
pub async fn page(
    ctx: &Ctx,
    t: &Translating,
    course: &str,
    slug: &str,
    mut editor: Value,
    extra: Value,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let locale = hocvu_content::Locale::parse(editor_locale(t, ctx)?.as_str())
        .map_err(|_| AppError::not_found())?;
    let work = ctx
        .store()
        .translation_work(course, slug, locale.as_str())
        .await?;
    let course_title = ctx
        .site
        .courses
        .iter()
        .find(|c| c.bundle.course.id == course)
        .map(|c| {
            c.bundle
                .course
                .title_in(hocvu_content::Locale::SOURCE)
                .0
                .to_string()
        });
    if let (Some(obj), Some(extra)) = (editor.as_object_mut(), extra.as_object()) {
        for k in [
            "preview",
            "diagnostics",
            "notice",
            "problems",
            "comment_problem",
            "saved",
        ] {
            obj.insert(k.into(), Value::Null);
        }
        obj.insert("typed_comment".into(), json!(""));
        for (k, v) in extra {
            obj.insert(k.clone(), v.clone());
        }
        obj.insert("course".into(), json!(course));
        obj.insert("course_title".into(), json!(course_title));
        obj.insert("lesson".into(), json!(slug));
        obj.insert("locale".into(), json!(locale.as_str()));
        obj.insert(
            "state".into(),
            json!(work.as_ref().map(|w| w.state.clone())),
        );
        obj.insert(
            "comment".into(),
            json!(work.as_ref().and_then(|w| w.comment.clone())),
        );
        obj.insert("can_translate".into(), json!(t.can_translate(locale)));
        obj.insert("can_review".into(), json!(t.can_review(locale)));
        let own = work.as_ref().and_then(|w| w.translator_id) == Some(t.learner.id);
        obj.insert("own".into(), json!(own));
    }
    let here = format!("translate/{}/{course}/{slug}/", locale.as_str());
    let html = ctx.renderer().page(
        "translate-lesson.html",
        t.lang,
        Here::InLanguage(&here),
        &t.viewer,
        |vars| vars.insert("d", &editor),
    )?;
    Ok(ctx.html_with(html, status))
}

fn editor_locale(t: &Translating, ctx: &Ctx) -> Result<hocvu_content::Locale, AppError> {
    let tag = ctx.req.match_info().get("locale").unwrap_or("");
    t.locale(tag)
}

/// Kept for the save handler: whether the person is the text's author.
pub fn own(work: Option<&hocvu_store::translations::Work>, disk: &OnDisk, t: &Translating) -> bool {
    is_own(work, disk, t.learner.id, &t.name())
}
