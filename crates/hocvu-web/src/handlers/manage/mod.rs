//! The management area, for unit managers (their unit's subtree) and province admins: reports
//! with CSV export, assignments, exemptions, activation-code sheets, roles. Every action is
//! audit-logged by the store. No page or form here can record learning for anyone.

pub mod actions;
pub mod certificates;
pub mod citizens;
pub mod monthly;
pub mod overview;
pub mod roles;
pub mod unit;

use crate::errors::{error_page, html_or_500};
use crate::manage::Targets;
use crate::site::Site;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

pub fn targets(req: &HttpRequest) -> Targets {
    req.app_data::<web::Data<Targets>>().map_or_else(
        || Targets {
            staff_percent: 100,
            staff_date: String::new(),
            adults_percent: 80,
            adults_date: String::new(),
        },
        |t| t.get_ref().clone(),
    )
}

pub fn csv_response(name: &str, body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("Cache-Control", crate::http::PRIVATE))
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ))
        .body(body)
}

pub fn page(
    site: &Site,
    req: &HttpRequest,
    template: &str,
    lang: hocvu_content::Locale,
    path: &str,
    data: &serde_json::Value,
) -> HttpResponse {
    html_or_500(
        site,
        req,
        site.theme_for(req)
            .renderer
            .page(template, lang, path, None, data),
        StatusCode::OK,
    )
}

pub fn failed(site: &Site, req: &HttpRequest, e: impl std::fmt::Display) -> HttpResponse {
    tracing::error!("manage {}: {e}", req.path());
    error_page(site, req, 500, None)
}

pub fn back_to(path: String) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", path))
        .finish()
}
