//! GET `/l/{course}/{n}`: a lesson's short link, `n` its 1-based position (what is printed:
//! short, read out at a session, and it survives renamed lesson files across versions); the
//! lesson's slug is accepted too. Sent on to the lesson in the visitor's language.

use super::short_course::redirect;
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use actix_web::{HttpResponse, web};

pub async fn handle(ctx: Ctx, path: web::Path<(String, String)>) -> Result<HttpResponse, AppError> {
    let (course, which) = path.into_inner();
    let bundle = &crate::spread::course(&ctx.site, &course)?.bundle;
    let lesson = match which.parse::<usize>() {
        Ok(n) => n.checked_sub(1).and_then(|i| bundle.lessons.get(i)),
        Err(_) => bundle.lessons.iter().find(|l| l.slug == which),
    }
    .ok_or_else(AppError::not_found)?;
    let lang = ctx.site.negotiate(&ctx.req);
    Ok(redirect(format!(
        "/{lang}/courses/{}/{}/",
        bundle.course.id, lesson.slug
    )))
}
