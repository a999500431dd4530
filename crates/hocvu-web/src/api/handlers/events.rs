//! POST `/api/v1/me/events`: a batch of progress events queued by an offline phone. Each event
//! carries a client-generated id and is applied exactly once, so the whole queue can be sent
//! again after a lost answer. Quiz answers are graded here, never trusted.

use crate::api::{Answers, ApiCaller, answer_pairs};
use crate::learn;
use crate::site::Site;
use crate::site::accounts::Accounts;
use crate::site::error::{ApiError, AppError};
use crate::site::respond;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use hocvu_content::Loaded;
use hocvu_store::events::{EventAction, EventOutcome};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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
    ApiCaller { claims, .. }: ApiCaller,
    body: web::Json<EventsRequest>,
) -> Result<HttpResponse, AppError> {
    if body.events.len() > MAX_EVENTS {
        return Err(AppError::bad_request());
    }
    // Validate and grade everything first, then store the accepted events as one batch.
    let mut results: Vec<EventResult> = body.events.iter().map(|e| rejected(&e.id, "")).collect();
    let mut accepted = Vec::new();
    let mut batch = Vec::new();
    for (position, event) in body.events.iter().enumerate() {
        match check(&site, event) {
            Ok((loaded, action)) => {
                accepted.push((position, loaded));
                batch.push(hocvu_store::events::Event {
                    id: event.id.clone(),
                    action,
                });
            }
            Err(reason) => results[position].reason = Some(reason.to_string()),
        }
    }
    let outcomes = accounts.store.apply_events(claims.sub, batch).await?;
    let mut finished_lesson_in = Vec::new();
    for ((position, loaded), outcome) in accepted.into_iter().zip(outcomes) {
        let result = &mut results[position];
        result.reason = None;
        // A replay may follow a request that stored its events but failed before recording the
        // course: check the course again then too (the check records it at most once).
        let (status, check_course) = match outcome {
            EventOutcome::Duplicate => ("duplicate", true),
            EventOutcome::Applied { lesson_completed } => ("applied", lesson_completed),
        };
        if check_course
            && !finished_lesson_in
                .iter()
                .any(|l: &&Loaded| std::ptr::eq(*l, loaded))
        {
            finished_lesson_in.push(loaded);
        }
        result.status = status.into();
    }
    for loaded in finished_lesson_in {
        learn::complete_course_if_done(&accounts.store, loaded, claims.sub).await?;
    }
    Ok(respond::json(StatusCode::OK, &EventsResponse { results }))
}

/// The event's lesson and what it does, or why it is rejected.
fn check<'s>(site: &'s Site, event: &Event) -> Result<(&'s Loaded, EventAction), String> {
    if event.id.is_empty() || event.id.len() > 64 {
        return Err("id must be 1 to 64 characters".into());
    }
    let Some((loaded, index)) = site.loaded(&event.course).and_then(|l| {
        l.bundle
            .lessons
            .iter()
            .position(|x| x.slug == event.lesson)
            .map(|i| (l, i))
    }) else {
        return Err("unknown course or lesson".into());
    };
    let graded = match (event.kind.as_str(), &event.answers) {
        ("lesson_opened", _) => None,
        ("quiz_answered", Some(answers)) => {
            let chosen = learn::parse_answers(loaded, index, &answer_pairs(answers))?;
            Some(learn::grade(loaded, index, chosen))
        }
        ("quiz_answered", None) => return Err("quiz_answered needs answers".into()),
        _ => return Err("kind must be lesson_opened or quiz_answered".into()),
    };
    Ok((loaded, learn::event_action(loaded, index, graded.as_ref())))
}
