//! POST `/{lang}/translate/{locale}/{course}/{lesson}/`: preview, save as draft, submit for
//! review (translators of the locale), accept — optionally edited — or return with a comment
//! (reviewers of the locale, never of their own text). Anything wrong re-renders the editor
//! with the typed text and the problem at its field; nothing is written then.

use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin};
use crate::site::respond;
use crate::translate::editor::{OnDisk, Typed, editor_json};
use crate::translate::handlers::show_lesson::{own, page};
use crate::translate::{Translating, Workspace};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use hocvu_content::Severity;
use hocvu_content::translation_file::{self as tf, Front};
use hocvu_store::translations::Save;
use serde_json::json;

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    t: Translating,
    ws: web::Data<Workspace>,
    path: web::Path<(String, String, String, String)>,
    web::Form(pairs): web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (_, locale, course, slug) = path.into_inner();
    let locale = t.locale(&locale)?;
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let action = field("action").to_string();
    let allowed = match action.as_str() {
        "preview" => t.can_translate(locale) || t.can_review(locale),
        "draft" | "submit" => t.can_translate(locale),
        "accept" | "return" => t.can_review(locale),
        _ => return Err(AppError::bad_request().detail("unknown action")),
    };
    if !allowed {
        return Err(AppError::forbidden().because("translate-not-for-locale"));
    }
    let _turn = ws.write_lock.lock().await;
    let disk = OnDisk::read(&ws, &course, &slug, locale)?;
    let work = ctx
        .store()
        .translation_work(&course, &slug, locale.as_str())
        .await?;
    let typed = Typed::from_form(&pairs);
    let (_, old_texts, since) = disk.texts();
    let glossaries = ws.glossaries();
    let mut problems = typed.problems(&disk.units);
    let mut notice: Option<&str> = None;
    let reviewing = matches!(action.as_str(), "accept" | "return");
    let comment = field("comment").trim().to_string();
    if reviewing && own(work.as_ref(), &disk, &t) {
        notice = Some("translate-error-own-text");
    } else if action == "return" && comment.is_empty() {
        problems.insert("comment".into(), "translate-error-comment");
    }
    if field("source_version") != disk.source_version() {
        notice = Some("translate-error-source-changed");
    } else if field("version") != disk.version() && action != "preview" {
        notice = Some("translate-error-changed");
    }
    let previous = disk.front();
    let front = Front {
        title: typed.title.clone(),
        status: if action == "accept" {
            "reviewed"
        } else {
            "draft"
        }
        .into(),
        source_hash: disk.source_version(),
        translator: match action.as_str() {
            "accept" | "return" => previous.as_ref().and_then(|f| f.translator.clone()),
            _ => Some(t.name()),
        },
        reviewed_by: (action == "accept").then(|| t.name()),
        review_notes: previous.map(|f| f.review_notes).unwrap_or_default(),
    };
    let file = typed.file(&disk, front);
    let preview =
        hocvu_content::course::preview_translation(&disk.dir, &slug, locale, &file, &glossaries);
    let has_errors = preview
        .diagnostics
        .iter()
        .any(|d| d.severity() == Severity::Error);
    let blocked = !problems.is_empty() || notice.is_some() || has_errors;
    if action == "preview" || blocked {
        let status = match (action.as_str(), notice) {
            ("preview", None) => StatusCode::OK,
            (_, Some("translate-error-changed" | "translate-error-source-changed")) => {
                StatusCode::CONFLICT
            }
            (_, Some(_)) => StatusCode::FORBIDDEN,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        // A preview shows the compiler's diagnostics; the fields are judged when saving.
        if action == "preview" {
            problems.clear();
        }
        let mut d = editor_json(
            &disk,
            &typed.title,
            &typed.texts,
            &since,
            &problems,
            glossaries.get(&locale),
            &old_texts,
        );
        // The form keeps the versions it was opened with, so a second try is told again.
        if notice.is_some()
            && let Some(obj) = d.as_object_mut()
        {
            obj.insert("version".into(), json!(field("version")));
            obj.insert("source_version".into(), json!(field("source_version")));
        }
        let diagnostics: Vec<_> = preview
            .diagnostics
            .iter()
            .map(|d| {
                json!({"line": d.line, "col": d.col, "code": d.code.as_str(),
                    "severity": if d.severity() == Severity::Error { "error" } else { "warning" },
                    "message": d.message})
            })
            .collect();
        let shown = preview.text.as_ref().map(|p| {
            let quiz: Vec<_> = p
                .quiz
                .iter()
                .map(|q| json!({"text": q.prompt_html, "intro": q.intro_html, "options": q.options.iter().map(|o| json!({"text": o.html, "feedback": o.feedback_html})).collect::<Vec<_>>()}))
                .collect();
            json!({"title": p.title, "html": p.html, "quiz": quiz})
        });
        let extra = json!({
            "preview": shown, "diagnostics": diagnostics, "notice": notice,
            "problems": !problems.is_empty(), "typed_comment": comment,
            "comment_problem": problems.get("comment"),
        });
        return page(&ctx, &t, &course, &slug, d, extra, status).await;
    }
    let state = match action.as_str() {
        "draft" => "draft",
        "submit" => "submitted",
        "accept" => "reviewed",
        _ => "returned",
    };
    if action != "return" {
        let dir = &disk.dir;
        let write = |path: std::path::PathBuf, text: &str| {
            std::fs::write(&path, text)
                .map_err(|e| AppError::internal(format!("cannot write {}: {e}", path.display())))
        };
        write(tf::path(dir, &slug, locale.as_str()), &file)?;
        write(tf::source_path(dir, &slug, locale.as_str()), &disk.source)?;
    }
    let translator = match action.as_str() {
        "draft" | "submit" => Some(t.learner.id),
        _ => work.as_ref().and_then(|w| w.translator_id),
    };
    let body = match action.as_str() {
        "return" => disk.current.clone().unwrap_or_default(),
        _ => file,
    };
    ctx.store()
        .save_translation(
            Save {
                course_id: &course,
                item: &slug,
                locale: locale.as_str(),
                state,
                body: &body,
                source: &disk.source,
                translator,
                reviewer: reviewing.then_some(t.learner.id),
                comment: (action == "return").then_some(comment.as_str()),
            },
            &action,
            Some(t.learner.id),
        )
        .await?;
    if action != "return" {
        ws.reloader.request();
    }
    Ok(respond::see_other(format!(
        "/{}/translate/{}/{course}/{slug}/?saved={state}",
        t.lang,
        locale.as_str()
    )))
}
