//! GET `/api/v1/me/progress`: the caller's own progress, course by course.

use super::*;

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
    req: HttpRequest,
) -> HttpResponse {
    let claims = match authenticate(&site, &accounts, &req, false).await {
        Ok(c) => c,
        Err(resp) => return resp,
    };
    let viewer = match crate::viewer::load(&site, &accounts.store, &claims).await {
        Ok(Some(v)) => v,
        Ok(None) => {
            return error(
                &site,
                &req,
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "api-unauthorized",
            );
        }
        Err(e) => return server_error(&site, &req, e),
    };
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
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "private, no-store"))
        .json(Progress { courses })
}
