//! POST a lesson's quiz as a plain form; graded on the server, stored as an attempt (a visitor
//! without a session becomes a guest, so nothing is lost), answered with the lesson page showing
//! marks and feedback. When every lesson is complete the course is recorded as completed.

use crate::errors::error_page;
use crate::http::{PRIVATE, Page};
use crate::site::Site;
use crate::{Accounts, auth, learning, viewer};
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    path: web::Path<(String, String, String)>,
    form: web::Form<Vec<(String, String)>>,
) -> HttpResponse {
    let (lang, course_id, slug) = path.into_inner();
    let (Some(lang), Some(loaded)) = (site.ui_locale(&lang), site.loaded(&course_id)) else {
        return error_page(&site, &req, 404, None);
    };
    let bundle = &loaded.bundle;
    let Some(index) = bundle.lessons.iter().position(|l| l.slug == slug) else {
        return error_page(&site, &req, 404, None);
    };
    if !auth::same_origin(&req) {
        return error_page(&site, &req, 403, None);
    }
    let chosen = match learning::parse_answers(loaded, index, &form) {
        Ok(c) => c,
        Err(reason) => return error_page(&site, &req, 400, Some(&reason)),
    };
    let graded = learning::grade(loaded, index, chosen);
    let store = &accounts.store;
    let failed = |e: hocvu_store::StoreError| {
        tracing::error!("quiz {course_id}/{slug}: {e}");
        error_page(&site, &req, 500, None)
    };
    // No valid session (or one of a deleted account): the answers start a new guest.
    let session = match accounts.session(&req).await {
        Ok(s) => s,
        Err(e) => return failed(e),
    };
    let (claims, new_cookie) = match session {
        Some((c, _)) => (c, None),
        None => match store.create_guest(lang.as_str()).await {
            Ok(id) => (
                crate::session::Claims {
                    sub: id,
                    guest: true,
                    generation: 0,
                    iat: 0,
                    exp: 0,
                },
                Some(accounts.keys.cookie(&req, id, true, 0)),
            ),
            Err(e) => return failed(e),
        },
    };
    if let Err(e) = learning::record(store, loaded, index, claims.sub, &graded).await {
        return failed(e);
    }
    let v = match viewer::load(&site, store, &claims).await {
        Ok(v) => v,
        Err(e) => return failed(e),
    };
    match site
        .theme_for(&req)
        .renderer
        .lesson(lang, bundle, index, Some(&graded), v.as_ref())
    {
        Ok(html) => {
            let mut resp = Page::dynamic(html).respond(&req, PRIVATE);
            if let Some(cookie) = new_cookie {
                let _ = resp.add_cookie(&cookie);
            }
            resp
        }
        Err(e) => {
            tracing::error!("quiz page failed to render: {e}");
            error_page(&site, &req, 500, None)
        }
    }
}
