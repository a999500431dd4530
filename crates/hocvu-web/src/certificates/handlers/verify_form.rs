//! GET `/verify` (the form) and `/verify?code=…` (sent on to `/verify/{code}`).

use crate::certificates::pages;
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::respond;
use crate::site::viewer::Viewer;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Form {
    code: Option<String>,
}

pub async fn handle(
    ctx: Ctx,
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
    Ok(ctx.html(pages::verify(&ctx, &viewer, None, None, None)?))
}

/// Keeps a typed code safe inside a path segment (it is parsed, normalised, on the next page).
fn percent_path(code: &str) -> String {
    code.chars()
        .take(40)
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}
