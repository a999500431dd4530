//! A known API path asked with a method it does not take: 405 with `Allow`.

use crate::api::contract::allowed_methods;
use crate::site::Site;
use crate::site::error::{ApiError, ApiErrorDetail, AppError};
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(site: web::Data<Site>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let pattern = req.match_pattern().unwrap_or_default();
    let allow = allowed_methods(&pattern).ok_or_else(AppError::not_found)?;
    let lang = site.negotiate(&req);
    Ok(HttpResponse::MethodNotAllowed()
        .insert_header(("Allow", allow))
        .insert_header(("Cache-Control", "no-store"))
        .json(ApiError {
            error: ApiErrorDetail {
                code: "method_not_allowed".into(),
                message: site.i18n.tr(lang, "api-method-not-allowed", None),
            },
        }))
}
