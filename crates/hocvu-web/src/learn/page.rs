//! What the catalogue, course and lesson handlers share: a visitor gets the pre-rendered page;
//! a learner with a session gets the page for their state (`page_cache::member`: rendered
//! once per state, their key joined in), and opening a lesson is recorded (completing a lesson
//! that has no quiz).

use crate::learn;
use crate::site::accounts::Accounts;
use crate::site::error::AppError;
use crate::site::extract::{Ctx, Session};
use crate::site::page_cache::{REVALIDATE, member};
use crate::site::respond;
use crate::site::session::SessionKeys;
use crate::site::viewer;
use actix_web::HttpResponse;
use hocvu_content::Loaded;
use hocvu_store::entities::learners;
use std::sync::Arc;

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
    let mut v = accounts.viewer_of(site, &learner).await?;
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
        v = record_opening(ctx, l, i, &learner, v).await?;
    }
    let checked = match (loaded, lesson) {
        (Some(l), Some(i)) if wants_checked_answers(req) => {
            latest_graded(accounts, l, i, claims.sub).await?
        }
        _ => None,
    };
    let theme = site.theme_for(req);
    let renderer = &theme.renderer;
    let mut resp = if checked.is_some() || v.preview {
        // One person's answers, or an author's view with unpublished courses: rendered whole.
        v.remember(req);
        let html = match (loaded, lesson) {
            (Some(l), Some(i)) => renderer.lesson(lang, &l.bundle, i, checked.as_ref(), &v)?,
            (Some(l), None) => renderer.course(lang, &l.bundle, &v)?,
            _ => renderer.catalogue(lang, &site.bundles_for(v.preview), &v)?,
        };
        respond::html(req, html)
    } else {
        let slug = lesson.and_then(|i| loaded.map(|l| l.bundle.lessons[i].slug.as_str()));
        let page_viewer = member::page_viewer(&v, course_id, slug);
        let key = member::page_key(&renderer.theme.name, req.path(), &page_viewer);
        let page =
            site.member_pages
                .get_or_render(key, &page_viewer, |pv| match (loaded, lesson) {
                    (Some(l), Some(i)) => renderer.lesson(lang, &l.bundle, i, None, pv),
                    (Some(l), None) => renderer.course(lang, &l.bundle, pv),
                    _ => renderer.catalogue(lang, &site.bundles_for(false), pv),
                })?;
        // Answered before the router next time (unless this view was a save for offline,
        // which does not count as opening the lesson).
        if !saving {
            accounts.cache.remember_page(
                learner.id,
                &v,
                &renderer.theme.name,
                req.path(),
                page.clone(),
            );
        }
        page.respond(req, &v.learner_key())
    };
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

/// Writes down the first view of a lesson; returns the viewer as it now stands.
async fn record_opening(
    ctx: &Ctx,
    loaded: &Loaded,
    index: usize,
    learner: &learners::Model,
    seen: Arc<viewer::Viewer>,
) -> Result<Arc<viewer::Viewer>, AppError> {
    let accounts = &ctx.accounts;
    let key = (
        loaded.bundle.course.id.clone(),
        loaded.bundle.lessons[index].slug.clone(),
    );
    if seen.opened.contains(&key) {
        return Ok(seen);
    }
    let quizless = loaded.bundle.lessons[index]
        .source()
        .is_some_and(|s| s.quiz.is_empty());
    accounts
        .store
        .open_lesson(learner.id, learn::lesson_ref(loaded, index), quizless)
        .await?;
    if quizless {
        // Complete now, and maybe the course too: read it all again.
        learn::complete_course_if_done(&accounts.store, loaded, learner.id).await?;
        return Ok(accounts.viewer_of(&ctx.site, learner).await?);
    }
    // Opening a lesson with a quiz changes nothing a page shows: this view goes on with the
    // viewer it had (the next one reads it again, after the write dropped it).
    let mut now = viewer::Viewer::clone(&seen);
    now.opened.insert(key);
    Ok(Arc::new(now))
}
