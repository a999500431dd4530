//! GET `/{lang}/manifest.webmanifest`: name and short name in the interface language, the
//! home-screen icons, the theme colour and a start page in that language.

use crate::site::extract::Ctx;
use crate::site::page_cache::REVALIDATE;
use actix_web::HttpResponse;

pub async fn handle(ctx: Ctx) -> HttpResponse {
    let lang = ctx.lang;
    let tr = |key: &str| ctx.site.i18n.tr(lang, key, None);
    let icons: Vec<serde_json::Value> = ctx
        .site
        .offline
        .icons
        .iter()
        .map(|(size, purpose, src)| {
            serde_json::json!({
                "src": src, "sizes": format!("{size}x{size}"), "type": "image/png", "purpose": purpose,
            })
        })
        .collect();
    let manifest = serde_json::json!({
        "name": tr("site-name"),
        "short_name": tr("app-short-name"),
        "description": tr("site-tagline"),
        "lang": lang.as_str(),
        "start_url": format!("/{lang}/"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b6e4f",
        "icons": icons,
    });
    HttpResponse::Ok()
        .content_type("application/manifest+json")
        .insert_header(("Cache-Control", REVALIDATE))
        .body(manifest.to_string())
}
