//! Every lesson of every course with its state in one locale, for the workspace's overview:
//! stale and returned first (they need work), then missing, then the rest; within a state,
//! in catalogue order.

use crate::site::Site;
use hocvu_content::{Locale, TranslationStatus};
use hocvu_store::translations::Work;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    Stale,
    Returned,
    Submitted,
    Missing,
    TitleOnly,
    Draft,
    Reviewed,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub course: String,
    pub course_title: String,
    pub lesson: String,
    pub title: String,
    pub state: State,
}

/// The state of `locale`'s translation of each lesson, as served now and recorded in the store.
pub fn rows(site: &Site, locale: Locale, works: &[Work]) -> Vec<Row> {
    let mut rows = Vec::new();
    for (ci, c) in site.courses.iter().enumerate() {
        let course = &c.bundle.course;
        for (li, l) in c.bundle.lessons.iter().enumerate() {
            let source_title = l.source().map(|t| t.title.clone()).unwrap_or_default();
            let text = l.locales.get(&locale);
            let mut state = match text.and_then(|t| t.translation.as_ref().map(|tr| (t, tr))) {
                None => State::Missing,
                Some((_, tr)) if tr.stale => State::Stale,
                Some((t, _)) if t.body_locale == Locale::SOURCE => State::TitleOnly,
                Some((_, tr)) if tr.status == TranslationStatus::Reviewed => State::Reviewed,
                Some(_) => State::Draft,
            };
            let work = works
                .iter()
                .find(|w| w.course_id == course.id && w.item == l.slug);
            if let Some(w) = work
                && matches!(state, State::Draft | State::TitleOnly)
            {
                state = match w.state.as_str() {
                    "submitted" => State::Submitted,
                    "returned" => State::Returned,
                    _ => state,
                };
            }
            rows.push((
                (state, ci, li),
                Row {
                    course: course.id.clone(),
                    course_title: course.title_in(Locale::SOURCE).0.to_string(),
                    lesson: l.slug.clone(),
                    title: source_title,
                    state,
                },
            ));
        }
    }
    rows.sort_by_key(|(k, _)| *k);
    rows.into_iter().map(|(_, r)| r).collect()
}
