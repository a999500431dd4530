//! GET the registration form (consent box unticked, in the learner's language).

use crate::errors::error_page;
use crate::http::{PRIVATE, Page};
use crate::render::RegisterValues;
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(
    site: web::Data<Site>,
    req: HttpRequest,
    lang: web::Path<String>,
) -> HttpResponse {
    let Some(lang) = site.ui_locale(&lang) else {
        return error_page(&site, &req, 404, None);
    };
    match site
        .theme_for(&req)
        .renderer
        .register(lang, None, &RegisterValues::default(), &[])
    {
        Ok(html) => Page::dynamic(html).respond(&req, PRIVATE),
        Err(e) => {
            tracing::error!("{e}");
            error_page(&site, &req, 500, None)
        }
    }
}
