//! GET "My learning": progress bars of every started course (guests too).

use crate::errors::{error_page, html_or_500};
use crate::extract::UiLang;
use crate::site::Site;
use crate::{Accounts, viewer};
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
) -> HttpResponse {
    let login = HttpResponse::SeeOther()
        .insert_header(("Location", format!("/{lang}/account/login")))
        .finish();
    let claims = match accounts.session(&req).await {
        Ok(Some((c, _))) => c,
        Ok(None) => return login,
        Err(e) => {
            tracing::error!("my learning: {e}");
            return error_page(&site, &req, 500, None);
        }
    };
    let v = match viewer::load(&site, &accounts.store, &claims).await {
        Ok(Some(v)) => v,
        Ok(None) => return login,
        Err(e) => {
            tracing::error!("my learning: {e}");
            return error_page(&site, &req, 500, None);
        }
    };
    let bundles = site.bundles_for(v.preview);
    html_or_500(
        &site,
        &req,
        site.theme_for(&req).renderer.learning(lang, &v, &bundles),
        actix_web::http::StatusCode::OK,
    )
}
