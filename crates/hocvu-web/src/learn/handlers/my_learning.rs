//! GET "My learning": progress bars of every started course (guests too).

use crate::site::Site;
use crate::site::error::AppError;
use crate::site::extract::UiLang;
use crate::site::respond;
use crate::site::viewer::Viewer;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(
    site: web::Data<Site>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    if !viewer.is_known() {
        return Err(AppError::sign_in(lang));
    }
    let bundles = site.bundles_for(viewer.preview);
    let html = site.renderer(&req).learning(lang, &viewer, &bundles)?;
    Ok(respond::html(&req, html))
}
