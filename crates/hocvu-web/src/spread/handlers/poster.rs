//! GET `/{lang}/courses/{course}/poster`: an A4 poster for a noticeboard — the title, what the
//! course is about, its first lessons, the QR code to the course's short link (which outlives
//! course versions). `?lang=` prints it in another language than the interface's; `?unit=CODE`
//! puts a commune's name on it, for a manager whose units include it (others get a 403).

use crate::certificates::Issuer;
use crate::manage::access::Access;
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::render::Here;
use crate::site::viewer::Viewer;
use crate::spread::short_link;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

/// Lesson titles shown under "what you will learn".
const LESSONS_SHOWN: usize = 3;

#[derive(Deserialize)]
pub struct PosterQuery {
    lang: Option<String>,
    unit: Option<String>,
}

pub async fn handle(
    ctx: Ctx,
    viewer: Viewer,
    access: Option<Access>,
    issuer: web::Data<Issuer>,
    path: web::Path<(String, String)>,
    query: web::Query<PosterQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let bundle = &crate::spread::course(&ctx.site, &path.1)?.bundle;
    let id = &bundle.course.id;
    let poster_lang = match query.lang.as_deref().filter(|l| !l.is_empty()) {
        Some(l) => ctx
            .site
            .ui_locale(l)
            .ok_or_else(|| AppError::bad_request().because("poster-bad-language"))?,
        None => lang,
    };
    let unit = match query.unit.as_deref().filter(|u| !u.trim().is_empty()) {
        Some(code) => {
            let access =
                access.ok_or_else(|| AppError::forbidden().because("poster-unit-managers"))?;
            let unit = access
                .visible_unit(code.trim())
                .map_err(|_| AppError::forbidden().because("poster-unit-managers"))?;
            Some(unit.name.clone())
        }
        None => None,
    };
    let (title, title_lang) = bundle.course.title_in(poster_lang);
    let (description, description_lang) = bundle.course.description_in(poster_lang);
    let lessons: Vec<serde_json::Value> = bundle
        .lessons
        .iter()
        .take(LESSONS_SHOWN)
        .filter_map(|l| l.text_in(poster_lang))
        .map(|t| serde_json::json!({"title": t.title, "lang": t.locale}))
        .collect();
    let url = short_link(&issuer.base_url(&ctx.req), id, None);
    let label = ctx.site.i18n.tr(poster_lang, "share-qr-label", None);
    let languages: Vec<serde_json::Value> = ctx
        .site
        .i18n
        .locales()
        .into_iter()
        .map(|l| serde_json::json!({"code": l.as_str(), "name": l.native_name(), "current": l == poster_lang}))
        .collect();
    let data = serde_json::json!({
        "lang": poster_lang.as_str(),
        "title": title, "title_lang": title_lang,
        "description": description, "description_lang": description_lang,
        "lessons": lessons, "more": bundle.lessons.len().saturating_sub(LESSONS_SHOWN),
        "count": bundle.lessons.len(),
        "minutes": bundle.lessons.iter().map(|l| l.minutes).sum::<u32>(),
        "unit": unit, "unit_code": query.unit.as_deref().unwrap_or_default().trim(),
        "url": url, "qr": hocvu_certs::qr_svg(&url, &label),
        "course_href": format!("/{lang}/courses/{id}/"),
        "languages": languages,
    });
    let here = format!("courses/{id}/poster");
    let html = ctx.renderer().page(
        "poster.html",
        lang,
        Here::InLanguage(&here),
        &viewer,
        |vars| vars.insert("d", &data),
    )?;
    Ok(ctx.html(html))
}
