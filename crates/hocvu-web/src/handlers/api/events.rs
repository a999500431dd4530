//! POST `/api/v1/me/events`: a batch of progress events queued by an offline phone. Each event
//! carries a client-generated id and is applied exactly once, so the whole queue can be sent
//! again after a lost answer. Quiz answers are graded here, never trusted.

use super::*;

pub const MAX_EVENTS: usize = 500;

#[derive(Deserialize, ToSchema)]
pub struct EventsRequest {
    pub events: Vec<Event>,
}

#[derive(Deserialize, ToSchema)]
pub struct Event {
    /// Client-generated, unique per learner (a UUID is fine); at most 64 characters.
    pub id: String,
    /// `lesson_opened` or `quiz_answered`.
    pub kind: String,
    pub course: String,
    pub lesson: String,
    /// For `quiz_answered`: question id → chosen option ids.
    #[schema(value_type = Option<BTreeMap<String, Vec<String>>>)]
    pub answers: Option<Answers>,
}

#[derive(Serialize, ToSchema)]
pub struct EventsResponse {
    /// One per event, in order.
    pub results: Vec<EventResult>,
}

#[derive(Serialize, ToSchema)]
pub struct EventResult {
    pub id: String,
    /// `applied`, `duplicate` (already applied earlier) or `rejected`.
    pub status: String,
    pub reason: Option<String>,
}

fn rejected(id: &str, reason: &str) -> EventResult {
    EventResult {
        id: id.to_string(),
        status: "rejected".into(),
        reason: Some(reason.to_string()),
    }
}

#[utoipa::path(post, path = "/api/v1/me/events", request_body = EventsRequest,
    responses((status = 200, body = EventsResponse), (status = 400, body = ApiError), (status = 401, body = ApiError)))]
pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    body: web::Json<EventsRequest>,
) -> HttpResponse {
    let claims = match authenticate(&site, &accounts, &req, true).await {
        Ok(c) => c,
        Err(resp) => return resp,
    };
    if body.events.len() > MAX_EVENTS {
        return error(
            &site,
            &req,
            StatusCode::BAD_REQUEST,
            "bad_request",
            "error-text-400",
        );
    }
    let mut results = Vec::with_capacity(body.events.len());
    for event in &body.events {
        if event.id.is_empty() || event.id.len() > 64 {
            results.push(rejected(&event.id, "id must be 1 to 64 characters"));
            continue;
        }
        let Some((loaded, index)) = site.loaded(&event.course).and_then(|l| {
            l.bundle
                .lessons
                .iter()
                .position(|x| x.slug == event.lesson)
                .map(|i| (l, i))
        }) else {
            results.push(rejected(&event.id, "unknown course or lesson"));
            continue;
        };
        let graded = match (event.kind.as_str(), &event.answers) {
            ("lesson_opened", _) => None,
            ("quiz_answered", Some(answers)) => {
                match crate::learning::parse_answers(loaded, index, &answer_pairs(answers)) {
                    Ok(chosen) => Some(crate::learning::grade(loaded, index, chosen)),
                    Err(reason) => {
                        results.push(rejected(&event.id, &reason));
                        continue;
                    }
                }
            }
            ("quiz_answered", None) => {
                results.push(rejected(&event.id, "quiz_answered needs answers"));
                continue;
            }
            _ => {
                results.push(rejected(
                    &event.id,
                    "kind must be lesson_opened or quiz_answered",
                ));
                continue;
            }
        };
        match crate::learning::apply_event(
            &accounts.store,
            loaded,
            index,
            claims.sub,
            &event.id,
            graded.as_ref(),
        )
        .await
        {
            Ok(applied) => results.push(EventResult {
                id: event.id.clone(),
                status: if applied { "applied" } else { "duplicate" }.into(),
                reason: None,
            }),
            Err(e) => return server_error(&site, &req, e),
        }
    }
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(EventsResponse { results })
}
