//! GET `/api/v1/openapi.json`: the API description, generated from the handlers.

use crate::api::contract;
use crate::api::{AuthResponse, Learner, QuizRequest, handlers};
use crate::site::Site;
use crate::site::accounts::Accounts;
use crate::site::error::{ApiError, ApiErrorDetail, AppError};
use actix_web::{HttpResponse, web};
use hocvu_store::Store;
use serde_json::json;
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
        handlers::consent::handle,
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
        handlers::consent::Consent,
    ))
)]
pub struct ApiDoc;

/// The document as served: generated, then completed ([`contract::complete`]) with what this
/// deployment accepts (its languages, the province's communes and villages once loaded).
pub async fn document(site: &Site, store: &Store) -> Result<serde_json::Value, AppError> {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).map_err(AppError::internal)?;
    contract::complete(&mut doc);
    let communes: Vec<String> = store
        .communes()
        .await?
        .into_iter()
        .map(|u| u.code)
        .collect();
    let villages: Vec<String> = store
        .villages()
        .await?
        .into_iter()
        .map(|u| u.code)
        .collect();
    let register = &mut doc["components"]["schemas"]["RegisterRequest"]["properties"];
    if !communes.is_empty() {
        register["commune"]["enum"] = json!(with_empty(communes));
    }
    register["village"] = if villages.is_empty() {
        json!({"type": ["string", "null"], "maxLength": 0, "description": "No villages are loaded: leave it out."})
    } else {
        json!({"type": ["string", "null"], "enum": with_empty(villages),
            "description": "A village (unit of kind `village`) under `commune`."})
    };
    let langs: Vec<String> = site
        .i18n
        .locales()
        .into_iter()
        .map(|l| l.as_str().to_string())
        .collect();
    if let Some(params) = doc["paths"]["/api/v1/consent"]["get"]["parameters"].as_array_mut() {
        for p in params.iter_mut().filter(|p| p["name"] == "lang") {
            p["schema"] = json!({"type": "string", "enum": langs});
        }
    }
    Ok(doc)
}

fn with_empty(mut codes: Vec<String>) -> Vec<serde_json::Value> {
    codes.sort();
    std::iter::once(json!(""))
        .chain(codes.into_iter().map(|c| json!(c)))
        .chain(std::iter::once(serde_json::Value::Null))
        .collect()
}

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
) -> Result<HttpResponse, AppError> {
    let doc = document(&site, &accounts.store).await?;
    let json = serde_json::to_string_pretty(&doc).map_err(AppError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(json))
}
