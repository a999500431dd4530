//! POST `/api/v1/courses/{course}/lessons/{lesson}/quiz`: answers in, graded result out. The
//! server grades; a score sent by the client is not a field and would be refused.

use super::*;
use crate::quiz::QuestionState;

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
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: web::Json<QuizRequest>,
) -> HttpResponse {
    let claims = match authenticate(&site, &accounts, &req, true).await {
        Ok(c) => c,
        Err(resp) => return resp,
    };
    let (course, slug) = path.into_inner();
    let Some(loaded) = site.loaded(&course) else {
        return error(
            &site,
            &req,
            StatusCode::NOT_FOUND,
            "not_found",
            "error-text-404",
        );
    };
    let Some(index) = loaded.bundle.lessons.iter().position(|l| l.slug == slug) else {
        return error(
            &site,
            &req,
            StatusCode::NOT_FOUND,
            "not_found",
            "error-text-404",
        );
    };
    let chosen = match crate::learning::parse_answers(loaded, index, &answer_pairs(&body.answers)) {
        Ok(c) => c,
        Err(_) => {
            return error(
                &site,
                &req,
                StatusCode::BAD_REQUEST,
                "bad_request",
                "error-text-400",
            );
        }
    };
    let graded = crate::learning::grade(loaded, index, chosen);
    if let Err(e) =
        crate::learning::record(&accounts.store, loaded, index, claims.sub, &graded).await
    {
        return server_error(&site, &req, e);
    }
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
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(QuizResult {
            right: graded.right,
            total: graded.total,
            needed: graded.needed,
            passed: graded.passed,
            questions,
        })
}
