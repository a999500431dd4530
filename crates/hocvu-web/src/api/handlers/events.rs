//! POST `/api/v1/me/events`: a batch of progress events queued by an offline phone. Each event
//! carries a client-generated id and is applied exactly once, so the whole queue can be sent
//! again after a lost answer. Quiz answers are graded here, never trusted. Every event gets its
//! own result: a malformed one, one for a lesson no longer deployed, or one past the batch limit
//! is rejected with a reason and never fails the good events beside it.

use crate::api::{Answers, EventCaller, answer_pairs};
use crate::learn;
use crate::site::Site;
use crate::site::accounts::Accounts;
use crate::site::error::{ApiError, AppError};
use crate::site::respond;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use hocvu_content::Loaded;
use hocvu_store::events::{EventAction, EventOutcome};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const MAX_EVENTS: usize = 500;
/// How far back an event's time may go (older ones, from a phone with a broken clock, count
/// as received now).
const MAX_AGE_MS: i64 = 366 * 24 * 3600 * 1000;

#[derive(Deserialize, ToSchema)]
pub struct EventsRequest {
    /// The phone's clock when it sent the batch (Unix ms): with each event's `at`, the server
    /// works out when the event happened on its own clock, so a phone set to the wrong time
    /// still dates answers right.
    #[serde(default, deserialize_with = "crate::api::whole::optional")]
    pub sent_at: Option<i64>,
    /// Whose queue this is, as the page names its learner (`data-learner`: `g…` a guest, `l…`
    /// an account). When the session is not that learner's (expired, someone else signed in),
    /// every event is rejected with `retry`, so the phone keeps it for its owner instead of it
    /// being applied to someone else or to a new guest.
    pub learner: Option<String>,
    /// Each an `Event` (see that schema). At most 500 are applied per request; the rest are
    /// rejected (send them again). A malformed event gets its own `rejected` result and never
    /// fails the request, so any JSON value is accepted here.
    #[schema(value_type = Vec<serde_json::Value>)]
    pub events: Vec<serde_json::Value>,
}

#[derive(Deserialize, ToSchema)]
pub struct Event {
    /// Client-generated, unique per learner (a UUID is fine); at most 64 characters.
    #[schema(min_length = 1, max_length = 64)]
    pub id: String,
    /// `lesson_opened` or `quiz_answered`.
    #[schema(pattern = "^(lesson_opened|quiz_answered)$")]
    pub kind: String,
    pub course: String,
    pub lesson: String,
    /// For `quiz_answered`: question id → chosen option ids.
    #[schema(value_type = Option<BTreeMap<String, Vec<String>>>)]
    pub answers: Option<Answers>,
    /// When it happened, on the phone's clock (Unix ms); absent means now.
    #[serde(default, deserialize_with = "crate::api::whole::optional")]
    pub at: Option<i64>,
    /// The lesson's `source_hash` the learner saw; an answer to a lesson that has changed
    /// since is rejected (its questions may not mean the same any more).
    pub lesson_hash: Option<String>,
    /// The interface language it was given in: a guest started for a visitor's queue gets it.
    pub lang: Option<String>,
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
    /// For an accepted `quiz_answered`: the grade (for a duplicate, of this replayed answer).
    pub right: Option<usize>,
    pub total: Option<usize>,
    pub passed: Option<bool>,
    /// A rejection the client should send again as it is (the batch was over the limit).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub retry: bool,
}

fn rejected(id: &str, reason: &str) -> EventResult {
    EventResult {
        id: id.to_string(),
        status: "rejected".into(),
        reason: Some(reason.to_string()),
        right: None,
        total: None,
        passed: None,
        retry: false,
    }
}

#[utoipa::path(post, path = "/api/v1/me/events", request_body = EventsRequest,
    description = "Without a session or token, a request from this site's own pages starts a guest session (as the quiz form does), so answers a visitor queued offline are kept.",
    responses((status = 200, body = EventsResponse), (status = 400, body = ApiError), (status = 401, body = ApiError)))]
pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    caller: EventCaller,
    body: web::Json<EventsRequest>,
) -> Result<HttpResponse, AppError> {
    let now = hocvu_store::now_ms();
    if let Some(expected) = body.learner.as_deref().filter(|l| !l.is_empty()) {
        let actual = caller.0.as_ref().map(|c| {
            let kind = if c.learner.is_guest { 'g' } else { 'l' };
            format!("{kind}{}", c.learner.id)
        });
        if actual.as_deref() != Some(expected) {
            let results = body
                .events
                .iter()
                .map(|v| {
                    let id = id_of(v);
                    let mut r = rejected(
                        id,
                        "this session is not the queue's learner: sign in as them",
                    );
                    r.retry = true;
                    r
                })
                .collect();
            return Ok(respond::json(StatusCode::OK, &EventsResponse { results }));
        }
    }
    // Validate and grade everything first, then store the accepted events as one batch.
    let mut results = Vec::with_capacity(body.events.len());
    let mut accepted = Vec::new();
    let mut batch = Vec::new();
    for (position, value) in body.events.iter().enumerate() {
        let id = id_of(value);
        if position >= MAX_EVENTS {
            let mut over = rejected(
                id,
                &format!("more than {MAX_EVENTS} events in one request: send this one again"),
            );
            over.retry = true;
            results.push(over);
            continue;
        }
        let event = match Event::deserialize(value) {
            Ok(event) => event,
            Err(e) => {
                results.push(rejected(id, &format!("malformed event: {e}")));
                continue;
            }
        };
        match check(&site, &event) {
            Ok((loaded, action, grade)) => {
                results.push(rejected(id, ""));
                accepted.push((position, loaded, grade));
                batch.push(hocvu_store::events::Event {
                    id: event.id.clone(),
                    at: event_time(now, body.sent_at, event.at),
                    action,
                });
            }
            Err(reason) => results.push(rejected(id, &reason)),
        }
    }
    let (learner, cookie) = match caller.0 {
        Some(known) => (known.learner.id, None),
        None if batch.is_empty() => {
            return Ok(respond::json(StatusCode::OK, &EventsResponse { results }));
        }
        None => {
            let lang = body
                .events
                .first()
                .and_then(|v| v.get("lang"))
                .and_then(|v| v.as_str())
                .and_then(|l| site.ui_locale(l))
                .unwrap_or(hocvu_content::Locale::SOURCE);
            let id = accounts.store.create_guest(lang.as_str()).await?;
            (id, Some(accounts.keys.cookie(&req, id, true, 0)))
        }
    };
    let outcomes = accounts.store.apply_events(learner, batch).await?;
    let mut finished_lesson_in = Vec::new();
    for ((position, loaded, grade), outcome) in accepted.into_iter().zip(outcomes) {
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
        if let Some((right, total, passed)) = grade {
            (result.right, result.total, result.passed) = (Some(right), Some(total), Some(passed));
        }
    }
    for loaded in finished_lesson_in {
        learn::complete_course_if_done(&accounts.store, loaded, learner).await?;
    }
    let mut resp = respond::json(StatusCode::OK, &EventsResponse { results });
    if let Some(cookie) = cookie {
        let _ = resp.add_cookie(&cookie);
    }
    Ok(resp)
}

/// An event's `id` as sent, even when the rest of it is malformed (for its result).
fn id_of(event: &serde_json::Value) -> &str {
    event.get("id").and_then(|v| v.as_str()).unwrap_or_default()
}

/// The event's time on the server's clock: its age on the phone's clock taken from now.
fn event_time(now: i64, sent_at: Option<i64>, at: Option<i64>) -> i64 {
    let at = match (sent_at, at) {
        (Some(sent), Some(at)) => now - sent.saturating_sub(at).max(0),
        (None, Some(at)) => at.min(now),
        (_, None) => now,
    };
    if now.saturating_sub(at) > MAX_AGE_MS {
        now
    } else {
        at
    }
}

type Grade = (usize, usize, bool);

/// The event's lesson, what it does and its grade, or why it is rejected.
fn check<'s>(
    site: &'s Site,
    event: &Event,
) -> Result<(&'s Loaded, EventAction, Option<Grade>), String> {
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
        return Err("unknown course or lesson (not in the deployed version)".into());
    };
    if let Some(hash) = &event.lesson_hash
        && *hash != loaded.bundle.lessons[index].source_hash
    {
        return Err("the lesson has changed since it was answered: answer it again".into());
    }
    let graded = match (event.kind.as_str(), &event.answers) {
        ("lesson_opened", _) => None,
        ("quiz_answered", Some(answers)) => {
            let chosen = learn::parse_answers(loaded, index, &answer_pairs(answers))?;
            Some(learn::grade(loaded, index, chosen))
        }
        ("quiz_answered", None) => return Err("quiz_answered needs answers".into()),
        _ => return Err("kind must be lesson_opened or quiz_answered".into()),
    };
    let grade = graded.as_ref().map(|g| (g.right, g.total, g.passed));
    Ok((
        loaded,
        learn::event_action(loaded, index, graded.as_ref()),
        grade,
    ))
}

#[cfg(test)]
mod tests {
    use super::event_time;

    #[test]
    fn an_event_keeps_its_age_on_a_phone_with_a_wrong_clock() {
        let now = 1_800_000_000_000;
        // The phone is two hours behind; the answer was given 30 minutes before sending.
        let phone_sent = now - 7_200_000;
        let phone_at = phone_sent - 1_800_000;
        assert_eq!(
            event_time(now, Some(phone_sent), Some(phone_at)),
            now - 1_800_000
        );
        // A time after sending (clock changed in between) counts as now.
        assert_eq!(event_time(now, Some(phone_sent), Some(phone_sent + 5)), now);
        // Without the send time, a time in the future is now; none at all is now.
        assert_eq!(event_time(now, None, Some(now + 60_000)), now);
        assert_eq!(event_time(now, None, Some(now - 1_000)), now - 1_000);
        assert_eq!(event_time(now, None, None), now);
        // Older than a year: a broken clock, counted as received.
        assert_eq!(event_time(now, None, Some(1_000)), now);
    }
}
