//! What the catalogue, course and lesson handlers share: a visitor gets the pre-rendered page;
//! a learner with a session gets it rendered for them (their progress, their header), and
//! opening a lesson is recorded (completing a lesson that has no quiz).

use crate::learn;
use crate::site::accounts::Accounts;
use crate::site::error::AppError;
use crate::site::extract::{Ctx, Session};
use crate::site::page_cache::REVALIDATE;
use crate::site::respond;
use crate::site::session::SessionKeys;
use crate::site::viewer;
use actix_web::HttpResponse;
use hocvu_content::Loaded;

/// Which learning page.
pub enum Target<'a> {
    Catalogue,
    Course(&'a str),
    Lesson(&'a str, &'a str),
}

pub async fn show(
    ctx: &Ctx,
    target: Target<'_>,
    Session(session): Session,
) -> Result<HttpResponse, AppError> {
    let (site, accounts, req, lang) = (&ctx.site, &ctx.accounts, &ctx.req, ctx.lang);
    let course_id = match target {
        Target::Catalogue => None,
        Target::Course(id) | Target::Lesson(id, _) => Some(id),
    };
    let loaded = match course_id {
        Some(id) => Some(site.loaded_any(id).ok_or_else(AppError::not_found)?),
        None => None,
    };
    let lesson = match (loaded, &target) {
        (Some(l), Target::Lesson(_, slug)) => Some(
            l.bundle
                .lessons
                .iter()
                .position(|x| x.slug == *slug)
                .ok_or_else(AppError::not_found)?,
        ),
        _ => None,
    };
    let Some((claims, learner)) = session else {
        // A visitor whose request missed the fast path (a stale cookie, a HEAD request).
        return match site.theme_for(req).cache.page(req.path()) {
            Some(page) => Ok(page.respond(req, REVALIDATE)),
            None => Err(AppError::not_found()),
        };
    };
    let mut v = viewer::load_for(&site.courses, &accounts.store, learner).await?;
    v.remember(req);
    if loaded.is_some_and(|l| !l.bundle.course.published) && !v.preview {
        return Err(AppError::not_found());
    }
    // Only the first view of a lesson (in its current version) is written down. Previews of
    // unpublished courses record nothing (no progress, no completions to count).
    // The offline script saving a course for later (`Hocvu-Save`) is not reading it.
    let saving = req.headers().contains_key("hocvu-save");
    if let (Some(l), Some(i), false) =
        (loaded.filter(|l| l.bundle.course.published), lesson, saving)
    {
        record_opening(accounts, l, i, claims.sub, &mut v).await?;
    }
    let checked = match (loaded, lesson) {
        (Some(l), Some(i)) if wants_checked_answers(req) => {
            latest_graded(accounts, l, i, claims.sub).await?
        }
        _ => None,
    };
    let renderer = site.renderer(req);
    let html = match (loaded, lesson) {
        (Some(l), Some(i)) => renderer.lesson(lang, &l.bundle, i, checked.as_ref(), &v)?,
        (Some(l), None) => renderer.course(lang, &l.bundle, &v)?,
        _ => renderer.catalogue(lang, &site.bundles_for(v.preview), &v)?,
    };
    let mut resp = respond::html(req, html);
    if SessionKeys::needs_renewal(&claims) {
        let _ = resp.add_cookie(&accounts.keys.cookie(
            req,
            claims.sub,
            claims.guest,
            claims.generation,
        ));
    }
    Ok(resp)
}

/// `?checked=1`: show the learner's latest answers with marks and feedback (the link the
/// offline script shows once answers saved on the phone have been checked).
fn wants_checked_answers(req: &actix_web::HttpRequest) -> bool {
    req.query_string().split('&').any(|p| p == "checked=1")
}

/// The latest attempt at this lesson, graded again, if it was made on the deployed version.
async fn latest_graded(
    accounts: &Accounts,
    loaded: &Loaded,
    index: usize,
    learner: i64,
) -> Result<Option<hocvu_content::grading::Graded>, AppError> {
    let lesson = &loaded.bundle.lessons[index];
    let Some(attempt) = accounts
        .store
        .latest_attempt(learner, &loaded.bundle.course.id, &lesson.slug)
        .await?
    else {
        return Ok(None);
    };
    if attempt.lesson_hash != lesson.source_hash {
        return Ok(None);
    }
    let chosen = serde_json::from_str(&attempt.answers).unwrap_or_default();
    Ok(Some(learn::grade(loaded, index, chosen)))
}

async fn record_opening(
    accounts: &Accounts,
    loaded: &Loaded,
    index: usize,
    learner: i64,
    seen: &mut viewer::Viewer,
) -> Result<(), AppError> {
    let key = (
        loaded.bundle.course.id.clone(),
        loaded.bundle.lessons[index].slug.clone(),
    );
    if seen.opened.contains(&key) {
        return Ok(());
    }
    let quizless = loaded.bundle.lessons[index]
        .source()
        .is_some_and(|s| s.quiz.is_empty());
    accounts
        .store
        .open_lesson(learner, learn::lesson_ref(loaded, index), quizless)
        .await?;
    if quizless {
        learn::complete_course_if_done(&accounts.store, loaded, learner).await?;
    }
    seen.opened.insert(key);
    Ok(())
}
