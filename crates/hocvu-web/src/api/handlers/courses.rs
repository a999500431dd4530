//! GET `/api/v1/courses`: every course as deployed (no answers: those stay on the server).

use crate::site::Site;
use actix_web::{HttpResponse, web};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Course {
    pub id: String,
    pub version: String,
    /// sha256 of the bundle: changes with any content change.
    pub hash: String,
    pub audience: String,
    pub title: BTreeMap<String, String>,
    pub lessons: Vec<Lesson>,
}

#[derive(Serialize, ToSchema)]
pub struct Lesson {
    pub slug: String,
    /// Title per language the lesson is available in.
    pub title: BTreeMap<String, String>,
    pub minutes: u32,
    pub questions: usize,
}

#[utoipa::path(get, path = "/api/v1/courses", responses((status = 200, body = Vec<Course>)))]
pub async fn handle(site: web::Data<Site>) -> HttpResponse {
    let courses: Vec<Course> = site
        .courses
        .iter()
        .filter(|c| c.bundle.course.published)
        .map(|c| Course {
            id: c.bundle.course.id.clone(),
            version: c.bundle.course.version.clone(),
            hash: c.entry.hash.clone(),
            audience: c.bundle.course.audience.as_str().to_string(),
            title: c
                .bundle
                .course
                .title
                .iter()
                .map(|(l, t)| (l.as_str().to_string(), t.clone()))
                .collect(),
            lessons: c
                .bundle
                .lessons
                .iter()
                .map(|l| Lesson {
                    slug: l.slug.clone(),
                    title: l
                        .locales
                        .iter()
                        .map(|(loc, t)| (loc.as_str().to_string(), t.title.clone()))
                        .collect(),
                    minutes: l.minutes,
                    questions: l.source().map_or(0, |s| s.quiz.len()),
                })
                .collect(),
        })
        .collect();
    HttpResponse::Ok().json(courses)
}
