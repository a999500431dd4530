//! GET a catalogue, course or lesson page: the same for every visitor, so pre-rendered.

use crate::errors::error_page;
use crate::http::{PRIVATE, Page, REVALIDATE};
use crate::session::{Claims, SessionKeys};
use crate::site::Site;
use crate::{Accounts, viewer};
use actix_web::body::BoxBody;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::{Error, HttpRequest, HttpResponse, web};
use std::future::{Future, ready};
use std::pin::Pin;

type Next = Pin<Box<dyn Future<Output = Result<ServiceResponse<BoxBody>, Error>>>>;

/// The same page for a learner with a session: their progress, their navigation. Opening a
/// lesson is recorded (and completes a lesson that has no quiz).
async fn personalised(
    site: &Site,
    accounts: &Accounts,
    req: &HttpRequest,
    claims: &Claims,
    learner: hocvu_store::entities::learners::Model,
) -> HttpResponse {
    let failed = |e: hocvu_store::StoreError| {
        tracing::error!("personalised page {}: {e}", req.path());
        error_page(site, req, 500, None)
    };
    let segments: Vec<&str> = req.path().trim_matches('/').split('/').collect();
    let Some(lang) = segments.first().and_then(|s| site.ui_locale(s)) else {
        return error_page(site, req, 404, None);
    };
    let loaded = segments.get(2).and_then(|id| site.loaded_any(id));
    let lesson = match (loaded, segments.get(3)) {
        (Some(l), Some(slug)) => l.bundle.lessons.iter().position(|x| x.slug == *slug),
        _ => None,
    };
    let mut v = match viewer::load_for(site, &accounts.store, learner).await {
        Ok(v) => Some(v),
        Err(e) => return failed(e),
    };
    let preview = v.as_ref().is_some_and(|v| v.preview);
    if loaded.is_some_and(|l| !l.bundle.course.published) && !preview {
        return error_page(site, req, 404, None);
    }
    // Only the first view of a lesson (in its current version) is written down.
    // Previews of unpublished courses record nothing (no progress, no completions to count).
    if let (Some(l), Some(i), Some(seen)) = (
        loaded.filter(|l| l.bundle.course.published),
        lesson,
        v.as_mut(),
    ) {
        let key = (l.bundle.course.id.clone(), l.bundle.lessons[i].slug.clone());
        if !seen.opened.contains(&key) {
            let quizless = l.bundle.lessons[i]
                .source()
                .is_some_and(|s| s.quiz.is_empty());
            let opened = accounts
                .store
                .open_lesson(claims.sub, crate::learning::lesson_ref(l, i), quizless)
                .await;
            let completed = match opened {
                Ok(()) if quizless => {
                    crate::learning::complete_course_if_done(&accounts.store, l, claims.sub)
                        .await
                        .map(|_| ())
                }
                other => other,
            };
            if let Err(e) = completed {
                return failed(e);
            }
            seen.opened.insert(key);
        }
    }
    let renderer = &site.theme_for(req).renderer;
    let html = match (loaded, lesson) {
        (Some(l), Some(i)) => renderer.lesson(lang, &l.bundle, i, None, v.as_ref()),
        (Some(l), None) => renderer.course(lang, &l.bundle, v.as_ref()),
        _ => {
            let bundles = site.bundles_for(preview);
            renderer.catalogue(lang, &bundles, v.as_ref())
        }
    };
    match html {
        Ok(html) => {
            let mut resp = Page::dynamic(html).respond(req, PRIVATE);
            if v.is_some() && SessionKeys::needs_renewal(claims) {
                let _ = resp.add_cookie(&accounts.keys.cookie(
                    req,
                    claims.sub,
                    claims.guest,
                    claims.generation,
                ));
            }
            resp
        }
        Err(e) => {
            tracing::error!("{e}");
            error_page(site, req, 500, None)
        }
    }
}

/// Answers a GET for a pre-rendered page before the router runs: the router matches `{param}`
/// patterns with regexes, which cost more than serving the page itself. Everything else,
/// including misses and learners with a session, goes through `routes::config` as usual.
pub fn fast_path<S>(req: ServiceRequest, next: &S) -> Next
where
    S: Service<ServiceRequest, Response = ServiceResponse<BoxBody>, Error = Error>,
    S::Future: 'static,
{
    if req.method() == actix_web::http::Method::GET
        && req.cookie(crate::session::COOKIE).is_none()
        && let Some(site) = req.app_data::<web::Data<Site>>()
        && let Some(page) = site.theme_for(req.request()).page(req.path())
    {
        let resp = page.respond(req.request(), REVALIDATE);
        return Box::pin(ready(Ok(req.into_response(resp))));
    }
    Box::pin(next.call(req))
}

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
) -> HttpResponse {
    match site.theme_for(&req).page(req.path()) {
        Some(page) => match accounts.session(&req).await {
            Ok(Some((claims, learner))) => {
                personalised(&site, &accounts, &req, &claims, learner).await
            }
            Ok(None) => page.respond(&req, REVALIDATE),
            Err(e) => {
                tracing::error!("session {}: {e}", req.path());
                error_page(&site, &req, 500, None)
            }
        },
        // Not pre-rendered: perhaps an unpublished course, for a previewer's session.
        None if is_unpublished_page(&site, req.path()) => match accounts.session(&req).await {
            Ok(Some((claims, learner))) => {
                personalised(&site, &accounts, &req, &claims, learner).await
            }
            Ok(None) => error_page(&site, &req, 404, None),
            Err(e) => {
                tracing::error!("session {}: {e}", req.path());
                error_page(&site, &req, 500, None)
            }
        },
        None => {
            let lang_ok = req
                .path()
                .split('/')
                .nth(1)
                .and_then(|s| site.ui_locale(s))
                .is_some();
            let detail = (!lang_ok).then(|| {
                site.i18n
                    .tr(site.negotiate(&req), "error-language-unavailable", None)
            });
            error_page(&site, &req, 404, detail.as_deref())
        }
    }
}

/// `/{lang}/courses/{id}/…` of a course that exists but is not published.
fn is_unpublished_page(site: &Site, path: &str) -> bool {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    segments.get(1) == Some(&"courses")
        && segments
            .get(2)
            .and_then(|id| site.loaded_any(id))
            .is_some_and(|l| !l.bundle.course.published)
}
