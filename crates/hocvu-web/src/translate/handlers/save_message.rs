//! POST `/{lang}/translate/{locale}/strings/{key}`: a translator of the locale saves one
//! interface message into `locales/<locale>/main.ftl` (checked as Fluent; plural selectors
//! only `*[other]` for rad, jra and mng). A problem re-renders the form with the typed text.

use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin};
use crate::site::respond;
use crate::translate::handlers::show_strings::page;
use crate::translate::{Translating, Workspace, strings};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use hocvu_content::{Locale, source::text_hash};
use hocvu_store::translations::{INTERFACE, Save};
use serde_json::json;

#[derive(serde::Deserialize)]
pub struct MessageForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    version: String,
}

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    t: Translating,
    ws: web::Data<Workspace>,
    path: web::Path<(String, String, String)>,
    form: web::Form<MessageForm>,
) -> Result<HttpResponse, AppError> {
    let locale = t.locale(&path.1)?;
    let key = path.2.clone();
    if !t.can_translate(locale) {
        return Err(AppError::forbidden().because("translate-not-for-locale"));
    }
    let _turn = ws.write_lock.lock().await;
    let vi = strings::messages(&strings::file_text(&ws.locales, Locale::SOURCE));
    let Some((source, _)) = vi.get(&key) else {
        return Err(AppError::not_found());
    };
    let text = form.text.replace("\r\n", "\n").trim().to_string();
    let file = strings::file_text(&ws.locales, locale);
    let now = strings::messages(&file)
        .get(&key)
        .map(|(v, _)| v.clone())
        .unwrap_or_default();
    let problem = if form.version != text_hash(&now) {
        Some(("translate-error-changed", String::new()))
    } else if text.chars().count() > crate::translate::editor::MAX_UNIT_CHARS {
        Some(("translate-error-too-long", String::new()))
    } else {
        strings::check(&key, &text, locale).err()
    };
    if let Some((problem, detail)) = problem {
        let message = json!({"key": key, "text": text, "version": form.version,
            "problem": problem, "detail": detail});
        let status = match problem {
            "translate-error-changed" => StatusCode::CONFLICT,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        return page(&ctx, &t, &ws, locale, message, status).await;
    }
    let path = strings::file_path(&ws.locales, locale);
    let written = strings::with_message(&file, &key, &text);
    std::fs::create_dir_all(path.parent().unwrap_or(&ws.locales))
        .and_then(|_| std::fs::write(&path, &written))
        .map_err(|e| AppError::internal(format!("cannot write {}: {e}", path.display())))?;
    ctx.store()
        .save_translation(
            Save {
                course_id: INTERFACE,
                item: &key,
                locale: locale.as_str(),
                state: "draft",
                body: &text,
                source,
                translator: Some(t.learner.id),
                reviewer: None,
                comment: None,
            },
            "save",
            Some(t.learner.id),
        )
        .await?;
    ws.reloader.request();
    Ok(respond::see_other(format!(
        "/{}/translate/{}/strings/?saved={key}",
        t.lang,
        locale.as_str()
    )))
}
