//! GET `/c/{course}`: a course's short link (posters, QR codes, Zalo messages), sent on to the
//! course page in the visitor's language (cookie, then Accept-Language). It names only the
//! course id, so it keeps working across course versions.

use crate::site::error::AppError;
use crate::site::extract::Ctx;
use actix_web::{HttpResponse, web};

pub async fn handle(ctx: Ctx, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let course = crate::spread::course(&ctx.site, &path)?;
    let lang = ctx.site.negotiate(&ctx.req);
    Ok(redirect(format!(
        "/{lang}/courses/{}/",
        course.bundle.course.id
    )))
}

/// A temporary redirect: the target depends on the visitor's language.
pub fn redirect(location: String) -> HttpResponse {
    HttpResponse::Found()
        .insert_header((actix_web::http::header::LOCATION, location))
        .insert_header((actix_web::http::header::VARY, "Cookie, Accept-Language"))
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-cache"))
        .finish()
}
