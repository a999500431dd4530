//! Who is looking at a page — a visitor, a guest, a learner, a manager or an admin — and what
//! they have done. Every page's chrome (its header) is made from this. Handlers take
//! `viewer: Viewer` (the extractor is in `site::extract`) or an extractor that includes one;
//! it is also kept in the request so an error page shows the same header.

use actix_web::{HttpMessage, HttpRequest};
use hocvu_content::Loaded;
use hocvu_store::entities::learners;
use hocvu_store::progress::completed_lessons;
use hocvu_store::{Store, StoreError};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default, Serialize)]
pub struct Viewer {
    /// Has a valid session (a guest or an account); `false`: a visitor.
    #[serde(skip)]
    pub session: bool,
    /// The learner's id when they have a session.
    #[serde(skip)]
    pub learner: Option<i64>,
    pub guest: bool,
    pub name: Option<String>,
    /// Course id → lessons complete for the course as deployed now.
    #[serde(skip)]
    pub done: BTreeMap<String, BTreeSet<String>>,
    /// `(course, lesson)` → best `(right, total)`.
    #[serde(skip)]
    pub best: BTreeMap<(String, String), (i32, i32)>,
    #[serde(skip)]
    pub completed: BTreeSet<String>,
    /// `(course, lesson)` opened in their current version: opening them again writes nothing.
    #[serde(skip)]
    pub opened: BTreeSet<(String, String)>,
    /// Course id → code of the learner's certificate.
    #[serde(skip)]
    pub certificates: BTreeMap<String, String>,
    /// Assigned courses: `(course id, due YYYY-MM-DD, status)`, soonest due first.
    #[serde(skip)]
    pub required: Vec<(String, String, hocvu_store::assignments::Status)>,
    /// Sessions they checked in to ("My learning").
    #[serde(skip)]
    pub attended: Vec<hocvu_store::sessions::Session>,
    /// Has a manager or admin role: the navigation links to the management pages.
    pub manages: bool,
    /// Facilitator, manager or admin: the navigation links to the sessions they run.
    pub facilitates: bool,
    /// Author or admin: sees unpublished courses.
    pub preview: bool,
}

impl Viewer {
    /// Someone with a session; `None` for a visitor (the templates' `{% if viewer %}`).
    pub fn known(&self) -> Option<&Viewer> {
        self.session.then_some(self)
    }

    /// Names the learner to the offline script (which answers on this phone are theirs):
    /// `g…` a guest, `l…` an account, empty for a visitor.
    pub fn learner_key(&self) -> String {
        let kind = if self.guest { 'g' } else { 'l' };
        self.learner
            .map(|id| format!("{kind}{id}"))
            .unwrap_or_default()
    }

    pub fn is_known(&self) -> bool {
        self.session
    }

    pub fn has_done(&self, course: &str, slug: &str) -> bool {
        self.done.get(course).is_some_and(|d| d.contains(slug))
    }

    /// Kept with the request for the error page's header.
    pub fn remember(&self, req: &HttpRequest) {
        req.extensions_mut().insert(self.clone());
    }
}

/// The viewer of a learner already loaded (by the session check).
pub async fn load_for(
    courses: &[Loaded],
    store: &Store,
    learner: learners::Model,
) -> Result<Viewer, StoreError> {
    let rows = store.progress_of(learner.id).await?;
    let mut viewer = Viewer {
        session: true,
        learner: Some(learner.id),
        guest: learner.is_guest,
        name: learner.display_name,
        ..Viewer::default()
    };
    for c in courses {
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
        for r in rows.iter().filter(|r| &r.course_id == id) {
            let Some(lesson) = c.bundle.lessons.iter().find(|l| l.slug == r.lesson_slug) else {
                continue;
            };
            // Opening it again would write nothing new (a quizless lesson is complete once read).
            let quizless = lesson.source().is_some_and(|s| s.quiz.is_empty());
            if lesson.source_hash == r.lesson_hash && (!quizless || r.completed_at.is_some()) {
                viewer.opened.insert((id.clone(), r.lesson_slug.clone()));
            }
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
    viewer.attended = store.sessions_attended(learner.id).await?;
    viewer.completed = store
        .completions_of(learner.id)
        .await?
        .into_iter()
        .map(|c| c.course_id)
        .collect();
    if !viewer.guest {
        use hocvu_store::orgs::Role;
        let roles = store.roles_of(learner.id).await?;
        let has = |wanted: &[Role]| {
            roles
                .iter()
                .any(|r| wanted.iter().any(|w| w.as_str() == r.role))
        };
        viewer.manages = has(&[Role::Manager, Role::Admin]);
        viewer.facilitates = has(&[Role::Facilitator, Role::Manager, Role::Admin]);
        viewer.preview = has(&[Role::Author, Role::Admin]);
        if let Some(unit) = &learner.unit_code
            && let Some(u) = store.unit(unit).await?
        {
            viewer.required = store
                .required_of(learner.id, &u.path, &hocvu_dates::today())
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
