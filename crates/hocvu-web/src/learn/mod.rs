//! The learning pages (catalogue, course, lesson with its quiz, "My learning") and recording a
//! learner's work, shared with the JSON API: the server grades, stores the attempt, and records
//! the course as completed when every lesson is.

pub mod handlers;
pub mod page;

use hocvu_content::Loaded;
use hocvu_content::grading::{self, Graded};
use hocvu_store::events::{EventAction, LessonKey};
use hocvu_store::progress::{Attempt, AttemptOutcome, LessonRef, completed_lessons};
use hocvu_store::{Store, StoreError};
use std::collections::{BTreeMap, BTreeSet};

pub fn lesson_ref(loaded: &Loaded, index: usize) -> LessonRef<'_> {
    let lesson = &loaded.bundle.lessons[index];
    LessonRef {
        course_id: &loaded.bundle.course.id,
        course_version: &loaded.bundle.course.version,
        bundle_hash: &loaded.entry.hash,
        slug: &lesson.slug,
        lesson_hash: &lesson.source_hash,
    }
}

pub fn attempt<'a>(loaded: &'a Loaded, index: usize, graded: &Graded) -> Attempt<'a> {
    Attempt {
        lesson: lesson_ref(loaded, index),
        answers_json: serde_json::to_string(&graded.chosen).unwrap_or_default(),
        right: graded.right as i32,
        total: graded.total as i32,
        passed: graded.passed,
    }
}

/// Grades `chosen` against the lesson's (Vietnamese) answer key.
pub fn grade(loaded: &Loaded, index: usize, chosen: BTreeMap<String, BTreeSet<String>>) -> Graded {
    let quiz = loaded.bundle.lessons[index]
        .source()
        .map_or(&[][..], |s| &s.quiz[..]);
    grading::grade(quiz, chosen, loaded.bundle.course.pass_mark)
}

/// Answers as `(question, option)` pairs, validated against the lesson's quiz.
pub fn parse_answers(
    loaded: &Loaded,
    index: usize,
    pairs: &[(String, String)],
) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    let quiz = loaded.bundle.lessons[index]
        .source()
        .map_or(&[][..], |s| &s.quiz[..]);
    grading::parse(pairs, quiz)
}

/// After a lesson is newly complete: records the course when every lesson now is.
pub async fn complete_course_if_done(
    store: &Store,
    loaded: &Loaded,
    learner: i64,
) -> Result<bool, StoreError> {
    let rows = store.progress_of(learner).await?;
    let current: Vec<(&str, &str)> = loaded
        .bundle
        .lessons
        .iter()
        .map(|l| (l.slug.as_str(), l.source_hash.as_str()))
        .collect();
    let done = completed_lessons(&rows, &loaded.bundle.course.id, &current);
    if done.len() < loaded.bundle.lessons.len() {
        return Ok(false);
    }
    // Completed when its last lesson was: an answer synced later keeps the day it was given.
    let at = rows
        .iter()
        .filter(|r| r.course_id == loaded.bundle.course.id && done.contains(&r.lesson_slug))
        .filter_map(|r| r.completed_at)
        .max()
        .unwrap_or_else(hocvu_store::now_ms);
    let c = &loaded.bundle.course;
    store
        .complete_course_at(learner, &c.id, &c.version, &loaded.entry.hash, at)
        .await
}

/// Stores a graded attempt and its consequences.
pub async fn record(
    store: &Store,
    loaded: &Loaded,
    index: usize,
    learner: i64,
    graded: &Graded,
) -> Result<AttemptOutcome, StoreError> {
    let outcome = store
        .record_attempt(learner, attempt(loaded, index, graded))
        .await?;
    if outcome.newly_completed {
        complete_course_if_done(store, loaded, learner).await?;
    }
    Ok(outcome)
}

/// What a client event does to this lesson: opening it, or a graded quiz.
pub fn event_action(loaded: &Loaded, index: usize, graded: Option<&Graded>) -> EventAction {
    match graded {
        Some(g) => {
            let a = attempt(loaded, index, g);
            EventAction::Answered {
                lesson: LessonKey::from(a.lesson),
                answers_json: a.answers_json,
                right: a.right,
                total: a.total,
                passed: a.passed,
            }
        }
        None => EventAction::Opened {
            lesson: LessonKey::from(lesson_ref(loaded, index)),
            complete: loaded.bundle.lessons[index]
                .source()
                .is_some_and(|s| s.quiz.is_empty()),
        },
    }
}

/// The published lesson of the URL's `{lang}`, `{course}` and `{lesson}`; a 404 page otherwise.
pub struct LessonAt {
    pub site: actix_web::web::Data<crate::site::Site>,
    pub lang: hocvu_content::Locale,
    course: usize,
    pub index: usize,
}

impl LessonAt {
    pub fn loaded(&self) -> &Loaded {
        &self.site.courses[self.course]
    }
}

impl actix_web::FromRequest for LessonAt {
    type Error = crate::site::error::AppError;
    type Future = std::future::Ready<Result<LessonAt, Self::Error>>;

    fn from_request(req: &actix_web::HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        use crate::site::error::AppError;
        let found = || -> Result<LessonAt, AppError> {
            let site = crate::site::extract::app_data::<crate::site::Site>(req)?;
            let segment = |name: &str| req.match_info().get(name).unwrap_or_default();
            let lang = site
                .ui_locale(segment("lang"))
                .ok_or_else(|| AppError::not_found().because("error-language-unavailable"))?;
            let course = site
                .courses
                .iter()
                .position(|c| c.bundle.course.published && c.bundle.course.id == segment("course"))
                .ok_or_else(AppError::not_found)?;
            let index = site.courses[course]
                .bundle
                .lessons
                .iter()
                .position(|l| l.slug == segment("lesson"))
                .ok_or_else(AppError::not_found)?;
            Ok(LessonAt {
                site,
                lang,
                course,
                index,
            })
        };
        std::future::ready(found())
    }
}
