//! GET the registration form (consent box unticked, in the learner's language).

use crate::errors::error_page;
use crate::extract::UiLang;
use crate::http::{PRIVATE, Page};
use crate::render::RegisterValues;
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(site: web::Data<Site>, req: HttpRequest, UiLang(lang): UiLang) -> HttpResponse {
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
