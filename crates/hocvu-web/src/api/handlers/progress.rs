//! GET `/api/v1/me/progress`: the caller's own progress, course by course.

use crate::api::ApiCaller;
use crate::site::Site;
use crate::site::accounts::Accounts;
use crate::site::error::{ApiError, AppError};
use actix_web::{HttpResponse, web};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Progress {
    pub courses: Vec<CourseProgress>,
}

#[derive(Serialize, ToSchema)]
pub struct CourseProgress {
    pub course: String,
    /// Lessons complete for the course as deployed now.
    pub lessons_done: Vec<String>,
    pub lessons_total: usize,
    pub completed: bool,
    /// Lesson → best `[right, total]`.
    pub best: BTreeMap<String, [i32; 2]>,
}

#[utoipa::path(get, path = "/api/v1/me/progress", responses((status = 200, body = Progress), (status = 401, body = ApiError)))]
pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    ApiCaller { learner, .. }: ApiCaller,
) -> Result<HttpResponse, AppError> {
    let viewer = accounts.viewer_for(&site, &learner).await?;
    let courses = site
        .courses
        .iter()
        .map(|c| {
            let id = &c.bundle.course.id;
            CourseProgress {
                course: id.clone(),
                lessons_done: viewer
                    .done
                    .get(id)
                    .map(|d| d.iter().cloned().collect())
                    .unwrap_or_default(),
                lessons_total: c.bundle.lessons.len(),
                completed: viewer.completed.contains(id),
                best: viewer
                    .best
                    .iter()
                    .filter(|((course, _), _)| course == id)
                    .map(|((_, slug), (r, t))| (slug.clone(), [*r, *t]))
                    .collect(),
            }
        })
        .collect();
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "private, no-store"))
        .json(Progress { courses }))
}
