//! GET `/{lang}/courses/{course}/share` (`?lesson=N` for the course's N-th lesson): sharing
//! without JavaScript — the short link as text to copy, Facebook's share address, a note that
//! Zalo takes the copied link, and the QR code large enough to scan from this screen.

use crate::certificates::Issuer;
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::render::Here;
use crate::site::viewer::Viewer;
use crate::spread::{facebook_share, short_link};
use actix_web::{HttpResponse, web};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ShareQuery {
    lesson: Option<usize>,
}

pub async fn handle(
    ctx: Ctx,
    viewer: Viewer,
    issuer: web::Data<Issuer>,
    path: web::Path<(String, String)>,
    query: web::Query<ShareQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let bundle = &crate::spread::course(&ctx.site, &path.1)?.bundle;
    let id = &bundle.course.id;
    let lesson = match query.lesson {
        Some(n) => Some((
            n,
            n.checked_sub(1)
                .and_then(|i| bundle.lessons.get(i))
                .ok_or_else(AppError::not_found)?,
        )),
        None => None,
    };
    let (title, title_lang) = match lesson.and_then(|(_, l)| l.text_in(lang)) {
        Some(text) => (text.title.as_str(), text.locale),
        None => bundle.course.title_in(lang),
    };
    let url = short_link(&issuer.base_url(&ctx.req), id, lesson.map(|(n, _)| n));
    let label = ctx.site.i18n.tr(lang, "share-qr-label", None);
    let data = serde_json::json!({
        "title": title, "title_lang": title_lang,
        "course_href": format!("/{lang}/courses/{id}/"),
        "page_href": match lesson {
            Some((_, l)) => format!("/{lang}/courses/{id}/{}/", l.slug),
            None => format!("/{lang}/courses/{id}/"),
        },
        "url": url,
        "qr": hocvu_certs::qr_svg(&url, &label),
        "facebook": facebook_share(&url),
        "poster": format!("/{lang}/courses/{id}/poster"),
        "handout": lesson.map(|(_, l)| format!("/{lang}/courses/{id}/{}/print", l.slug)),
    });
    let here = match lesson {
        Some((n, _)) => format!("courses/{id}/share?lesson={n}"),
        None => format!("courses/{id}/share"),
    };
    let html = ctx.renderer().page(
        "share.html",
        lang,
        Here::InLanguage(&here),
        &viewer,
        |vars| vars.insert("d", &data),
    )?;
    Ok(ctx.html(html))
}
