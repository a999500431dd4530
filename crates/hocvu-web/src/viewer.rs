//! Builds the [`Viewer`] of a personalised page from the learner's stored progress.

use crate::render::Viewer;
use crate::session::Claims;
use crate::site::Site;
use hocvu_store::entities::learners;
use hocvu_store::progress::completed_lessons;
use hocvu_store::{Store, StoreError};

/// `None` when the session names a learner that no longer exists (deleted account).
pub async fn load(
    site: &Site,
    store: &Store,
    claims: &Claims,
) -> Result<Option<Viewer>, StoreError> {
    match store.learner(claims.sub).await? {
        Some(learner) => Ok(Some(load_for(site, store, learner).await?)),
        None => Ok(None),
    }
}

/// The viewer of a learner already loaded (by the session check): saves a query per page.
pub async fn load_for(
    site: &Site,
    store: &Store,
    learner: learners::Model,
) -> Result<Viewer, StoreError> {
    let rows = store.progress_of(learner.id).await?;
    let mut viewer = Viewer {
        guest: learner.is_guest,
        name: learner.display_name,
        ..Viewer::default()
    };
    for c in &site.courses {
        let id = &c.bundle.course.id;
        let current: Vec<(&str, &str)> = c
            .bundle
            .lessons
            .iter()
            .map(|l| (l.slug.as_str(), l.source_hash.as_str()))
            .collect();
        let done = completed_lessons(&rows, id, &current);
        if !done.is_empty() {
            viewer.done.insert(id.clone(), done);
        }
        for r in rows
            .iter()
            .filter(|r| &r.course_id == id && r.best_total > 0)
        {
            if current.contains(&(r.lesson_slug.as_str(), r.lesson_hash.as_str())) {
                viewer.best.insert(
                    (id.clone(), r.lesson_slug.clone()),
                    (r.best_right, r.best_total),
                );
            }
        }
    }
    viewer.completed = store
        .completions_of(learner.id)
        .await?
        .into_iter()
        .map(|c| c.course_id)
        .collect();
    if !viewer.guest {
        let roles = store.roles_of(learner.id).await?;
        viewer.manages = roles
            .iter()
            .any(|r| r.role != hocvu_store::orgs::Role::Author.as_str());
        viewer.preview = roles
            .iter()
            .any(|r| r.role != hocvu_store::orgs::Role::Manager.as_str());
        if let Some(unit) = &learner.unit_code
            && let Some(u) = store.unit(unit).await?
        {
            let today = crate::manage::today();
            viewer.required = store
                .required_of(learner.id, &u.path, &today)
                .await?
                .into_iter()
                .map(|r| (r.course_id, r.due_on, r.status))
                .collect();
            viewer.required.sort_by(|a, b| a.1.cmp(&b.1));
        }
        viewer.certificates = store
            .certificates_of(learner.id)
            .await?
            .into_iter()
            .map(|c| (c.course_id, c.code))
            .collect();
    }
    Ok(viewer)
}

/// The viewer of whoever has a valid session, for pages that are the same for everyone but
/// show the learner's navigation; `None` for visitors (and, logged, on a database error).
pub async fn optional(
    site: &Site,
    accounts: &crate::Accounts,
    req: &actix_web::HttpRequest,
) -> Option<Viewer> {
    let loaded = match accounts.session(req).await {
        Ok(Some((_, learner))) => load_for(site, &accounts.store, learner).await.map(Some),
        Ok(None) => Ok(None),
        Err(e) => Err(e),
    };
    loaded.unwrap_or_else(|e| {
        tracing::error!("viewer for {}: {e}", req.path());
        None
    })
}
