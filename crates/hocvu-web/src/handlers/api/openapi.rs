//! GET `/api/v1/openapi.json`: the API description, generated from the handlers.

use super::*;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "hocvu API",
        version = "1",
        description = "Learner accounts, progress, server-graded quizzes and certificate verification."
    ),
    paths(
        super::register::handle,
        super::login::handle,
        super::logout::handle,
        super::me::handle,
        super::courses::handle,
        super::progress::handle,
        super::submit_quiz::handle,
        super::events::handle,
        crate::handlers::certificates::verify::api,
    ),
    components(schemas(
        ApiError,
        ApiErrorDetail,
        Learner,
        AuthResponse,
        QuizRequest,
        super::register::RegisterRequest,
        super::login::LoginRequest,
        super::courses::Course,
        super::courses::Lesson,
        super::progress::Progress,
        super::progress::CourseProgress,
        super::submit_quiz::QuizResult,
        super::events::EventsRequest,
        super::events::Event,
        super::events::EventsResponse,
        super::events::EventResult,
        crate::certificates::Verification,
        crate::certificates::PublicCertificate,
    ))
)]
pub struct ApiDoc;

pub async fn handle() -> HttpResponse {
    match ApiDoc::openapi().to_pretty_json() {
        Ok(json) => HttpResponse::Ok()
            .content_type("application/json")
            .body(json),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}
