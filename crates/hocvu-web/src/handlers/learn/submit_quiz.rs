//! POST a lesson's quiz as a plain form; graded on the server, answered with the lesson page
//! showing marks and feedback (no JavaScript needed).

use crate::errors::error_page;
use crate::http::{PRIVATE, Page};
use crate::quiz;
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(
    site: web::Data<Site>,
    req: HttpRequest,
    path: web::Path<(String, String, String)>,
    form: web::Form<Vec<(String, String)>>,
) -> HttpResponse {
    let (lang, course_id, slug) = path.into_inner();
    let (Some(lang), Some(bundle)) = (site.ui_locale(&lang), site.course(&course_id)) else {
        return error_page(&site, &req, 404, None);
    };
    let Some(index) = bundle.lessons.iter().position(|l| l.slug == slug) else {
        return error_page(&site, &req, 404, None);
    };
    // Grading always uses the Vietnamese answer key; translations share its shape.
    let Some(source) = bundle.lessons[index].source() else {
        return error_page(&site, &req, 404, None);
    };
    let chosen = match quiz::parse(&form, &source.quiz) {
        Ok(c) => c,
        Err(reason) => return error_page(&site, &req, 400, Some(&reason)),
    };
    let graded = quiz::grade(&source.quiz, chosen, bundle.course.pass_mark);
    match site
        .theme_for(&req)
        .renderer
        .lesson(lang, bundle, index, Some(&graded))
    {
        Ok(html) => Page::dynamic(html).respond(&req, PRIVATE),
        Err(e) => {
            tracing::error!("quiz page failed to render: {e}");
            error_page(&site, &req, 500, None)
        }
    }
}
