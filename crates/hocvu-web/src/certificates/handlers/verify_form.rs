//! GET `/verify` (the form) and `/verify?code=…` (sent on to `/verify/{code}`).

use crate::certificates::pages;
use crate::site::Site;
use crate::site::error::AppError;
use crate::site::respond;
use crate::site::viewer::Viewer;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Form {
    code: Option<String>,
}

pub async fn handle(
    site: web::Data<Site>,
    req: HttpRequest,
    query: web::Query<Form>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let typed = query
        .code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if let Some(code) = typed {
        return Ok(respond::see_other(format!(
            "/verify/{}",
            percent_path(code)
        )));
    }
    let lang = site.negotiate(&req);
    let html = pages::verify(site.renderer(&req), lang, &viewer, None, None, None)?;
    Ok(respond::html(&req, html))
}

/// Keeps a typed code safe inside a path segment (it is parsed, normalised, on the next page).
fn percent_path(code: &str) -> String {
    code.chars()
        .take(40)
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}
