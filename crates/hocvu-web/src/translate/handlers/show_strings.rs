//! GET `/{lang}/translate/{locale}/strings/` and `…/strings/{key}`: the interface messages of a
//! locale, missing and untranslated (still the Vietnamese text) and stale first; one message
//! with its Vietnamese and English for context, to translate.

use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::render::Here;
use crate::translate::{Translating, Workspace, strings};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use hocvu_content::Locale;
use serde_json::{Value, json};

pub async fn list(
    ctx: Ctx,
    t: Translating,
    ws: web::Data<Workspace>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let locale = t.locale(&path.1)?;
    page(&ctx, &t, &ws, locale, Value::Null, StatusCode::OK).await
}

pub async fn one(
    ctx: Ctx,
    t: Translating,
    ws: web::Data<Workspace>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let locale = t.locale(&path.1)?;
    let key = &path.2;
    let current = strings::messages(&strings::file_text(&ws.locales, locale));
    let value = current.get(key).map(|(v, _)| v.clone()).unwrap_or_default();
    let message =
        json!({"key": key, "text": value, "version": hocvu_content::source::text_hash(&value)});
    page(&ctx, &t, &ws, locale, message, StatusCode::OK).await
}

/// The list, and `message` (key, typed text, version, problem) in its form if any.
pub async fn page(
    ctx: &Ctx,
    t: &Translating,
    ws: &Workspace,
    locale: Locale,
    mut message: Value,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let vi = strings::messages(&strings::file_text(&ws.locales, Locale::SOURCE));
    let en = strings::messages(&strings::file_text(&ws.locales, Locale::En));
    let here = strings::messages(&strings::file_text(&ws.locales, locale));
    let works = ctx.store().translation_works(Some(locale.as_str())).await?;
    let mut rows = Vec::new();
    for (key, (source, _)) in &vi {
        let work = works
            .iter()
            .find(|w| w.course_id == hocvu_store::translations::INTERFACE && &w.item == key);
        let state = match here.get(key) {
            None => "missing",
            Some((v, _)) if v == source && locale != Locale::En => "untranslated",
            Some(_) if work.is_some_and(|w| &w.source != source) => "stale",
            Some(_) => "translated",
        };
        let rank = ["stale", "missing", "untranslated", "translated"]
            .iter()
            .position(|s| *s == state);
        rows.push((rank, json!({"key": key, "state": state, "vi": source})));
    }
    rows.sort_by_key(|(rank, _)| *rank);
    let todo = rows.iter().filter(|(r, _)| *r < Some(3)).count();
    let rows: Vec<Value> = rows.into_iter().map(|(_, r)| r).take(400).collect();
    if let Some(obj) = message.as_object_mut() {
        let key = obj
            .get("key")
            .and_then(|k| k.as_str())
            .unwrap_or("")
            .to_string();
        if !vi.contains_key(&key) {
            return Err(AppError::not_found());
        }
        obj.insert("vi".into(), json!(vi.get(&key).map(|v| &v.0)));
        obj.insert("en".into(), json!(en.get(&key).map(|v| &v.0)));
    }
    let data = json!({
        "locale": locale.as_str(), "rows": rows, "todo": todo, "message": message,
        "can_translate": t.can_translate(locale),
        "letters": matches!(locale, Locale::Rad | Locale::Jra | Locale::Mng),
        "plural_note": hocvu_i18n::WITHOUT_PLURAL_DATA.contains(&locale),
    });
    let here = format!("translate/{}/strings/", locale.as_str());
    let html = ctx.renderer().page(
        "translate-strings.html",
        t.lang,
        Here::InLanguage(&here),
        &t.viewer,
        |vars| vars.insert("d", &data),
    )?;
    Ok(ctx.html_with(html, status))
}
