//! GET `/api/v1/openapi.json`: the API description, generated from the handlers.

use crate::api::{AuthResponse, Learner, QuizRequest, handlers};
use crate::site::error::{ApiError, ApiErrorDetail, AppError};
use actix_web::HttpResponse;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "hocvu API",
        version = "1",
        description = "Learner accounts, progress, server-graded quizzes and certificate verification."
    ),
    paths(
        handlers::register::handle,
        handlers::login::handle,
        handlers::logout::handle,
        handlers::me::handle,
        handlers::courses::handle,
        handlers::progress::handle,
        handlers::submit_quiz::handle,
        handlers::events::handle,
        handlers::verify_certificate::handle,
        handlers::list_sessions::handle,
        handlers::create_session::handle,
        handlers::session_report::handle,
        handlers::session_headcount::handle,
        handlers::session_checkin::handle,
    ),
    components(schemas(
        ApiError,
        ApiErrorDetail,
        Learner,
        AuthResponse,
        QuizRequest,
        handlers::register::RegisterRequest,
        handlers::login::LoginRequest,
        handlers::courses::Course,
        handlers::courses::Lesson,
        handlers::progress::Progress,
        handlers::progress::CourseProgress,
        handlers::submit_quiz::QuizResult,
        handlers::events::EventsRequest,
        handlers::events::Event,
        handlers::events::EventsResponse,
        handlers::events::EventResult,
        crate::api::sessions::SessionReport,
        handlers::create_session::NewSession,
        handlers::session_headcount::HeadcountRequest,
        handlers::session_checkin::CheckinRequest,
        handlers::session_checkin::CheckinResponse,
        crate::certificates::Verification,
        crate::certificates::PublicCertificate,
    ))
)]
pub struct ApiDoc;

pub async fn handle() -> Result<HttpResponse, AppError> {
    let json = ApiDoc::openapi()
        .to_pretty_json()
        .map_err(AppError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(json))
}
