//! POST `/api/v1/courses/{course}/lessons/{lesson}/quiz`: answers in, graded result out. The
//! server grades; a score sent by the client is not a field and would be refused.

use crate::api::{ApiCaller, QuizRequest, answer_pairs};
use crate::learn;
use crate::site::Site;
use crate::site::accounts::Accounts;
use crate::site::error::{ApiError, AppError};
use crate::site::respond;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use hocvu_content::grading::QuestionState;
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct QuizResult {
    pub right: usize,
    pub total: usize,
    pub needed: usize,
    pub passed: bool,
    /// Question id → `right`, `wrong` or `unanswered`.
    pub questions: BTreeMap<String, String>,
}

#[utoipa::path(post, path = "/api/v1/courses/{course}/lessons/{lesson}/quiz", request_body = QuizRequest,
    params(("course" = String, Path), ("lesson" = String, Path)),
    responses((status = 200, body = QuizResult), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    ApiCaller { claims, .. }: ApiCaller,
    path: web::Path<(String, String)>,
    body: web::Json<QuizRequest>,
) -> Result<HttpResponse, AppError> {
    let (course, slug) = path.into_inner();
    let loaded = site.loaded(&course).ok_or_else(AppError::not_found)?;
    let index = loaded
        .bundle
        .lessons
        .iter()
        .position(|l| l.slug == slug)
        .ok_or_else(AppError::not_found)?;
    let chosen = learn::parse_answers(loaded, index, &answer_pairs(&body.answers))
        .map_err(|_| AppError::bad_request())?;
    let graded = learn::grade(loaded, index, chosen);
    learn::record(&accounts.store, loaded, index, claims.sub, &graded).await?;
    let questions = graded
        .states
        .iter()
        .map(|(q, s)| {
            let state = match s {
                QuestionState::Right => "right",
                QuestionState::Wrong => "wrong",
                QuestionState::Unanswered => "unanswered",
            };
            (q.clone(), state.to_string())
        })
        .collect();
    Ok(respond::json(
        StatusCode::OK,
        &QuizResult {
            right: graded.right,
            total: graded.total,
            needed: graded.needed,
            passed: graded.passed,
            questions,
        },
    ))
}
