//! POST a lesson's quiz as a plain form; graded on the server, stored as an attempt (a visitor
//! without a session becomes a guest, so nothing is lost), answered with the lesson page showing
//! marks and feedback. When every lesson is complete the course is recorded as completed.
//! With JavaScript the offline script adds an `event_id`: the answer is then applied as that
//! event, exactly once, so a form whose answer was lost on a dropped connection and queued on
//! the phone is not counted again when the queue is replayed.

use crate::learn::{self, LessonAt};
use crate::site::accounts::Accounts;
use crate::site::error::AppError;
use crate::site::extract::{SameOrigin, Session};
use crate::site::respond;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    at: LessonAt,
    form: web::Form<Vec<(String, String)>>,
    _: SameOrigin,
    Session(session): Session,
) -> Result<HttpResponse, AppError> {
    let (loaded, index, lang) = (at.loaded(), at.index, at.lang);
    let chosen = learn::parse_answers(loaded, index, &form)
        .map_err(|reason| AppError::bad_request().detail(reason))?;
    let graded = learn::grade(loaded, index, chosen);
    let store = &accounts.store;
    // No valid session (or one of a deleted account): the answers start a new guest.
    let (learner, new_cookie) = match session {
        Some((_, learner)) => (learner, None),
        None => {
            let id = store.create_guest(lang.as_str()).await?;
            let learner = store
                .learner(id)
                .await?
                .ok_or_else(|| AppError::internal(format!("guest {id} vanished")))?;
            (learner, Some(accounts.keys.cookie(&req, id, true, 0)))
        }
    };
    let event_id = form
        .iter()
        .find(|(k, _)| k == "event_id")
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty() && v.len() <= 64);
    match event_id {
        Some(id) => {
            let event = hocvu_store::events::Event {
                id: id.to_string(),
                at: hocvu_store::now_ms(),
                action: learn::event_action(loaded, index, Some(&graded)),
            };
            let outcome = store.apply_events(learner.id, vec![event]).await?;
            // A duplicate may follow a request that stored the answer but failed before
            // recording the course (the events API's rule): check then too.
            let check_course = match outcome.first() {
                Some(hocvu_store::events::EventOutcome::Applied { lesson_completed }) => {
                    *lesson_completed
                }
                _ => true,
            };
            if check_course {
                learn::complete_course_if_done(store, loaded, learner.id).await?;
            }
        }
        None => {
            learn::record(store, loaded, index, learner.id, &graded).await?;
        }
    }
    let v = accounts.viewer_for(&at.site, &learner).await?;
    v.remember(&req);
    let html = at
        .site
        .renderer(&req)
        .lesson(lang, &loaded.bundle, index, Some(&graded), &v)?;
    let mut resp = respond::html(&req, html);
    if let Some(cookie) = new_cookie {
        let _ = resp.add_cookie(&cookie);
    }
    Ok(resp)
}
