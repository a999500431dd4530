#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! The shipped course set: what the province's plan asks for, honest translations, plain language.

use hocvu_content::course::answers_needed;
use hocvu_content::readability::Readability;
use hocvu_content::{
    Audience, CompileOptions, CompiledCourse, Locale, QuestionKind, TranslationStatus,
};
use std::path::Path;

fn content_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// What compiled; the diagnostics are checked by their own test, so that one problem in one
/// course does not hide what the other tests say.
fn courses() -> Vec<CompiledCourse> {
    let (courses, _) =
        hocvu_content::compile_all(&content_dir(), &CompileOptions::default()).unwrap();
    courses
}

#[test]
fn the_shipped_content_has_no_error_and_no_warning() {
    // As `hocvu check` runs it: today's date, so facts checked over 12 months ago fail (W109).
    let options = CompileOptions {
        today: Some(CompileOptions::utc_today()),
        ..CompileOptions::default()
    };
    let (_, diags) = hocvu_content::compile_all(&content_dir(), &options).unwrap();
    let lines: Vec<String> = diags.into_sorted().iter().map(|d| d.to_string()).collect();
    assert!(
        lines.is_empty(),
        "{} diagnostic(s):\n{}",
        lines.len(),
        lines.join("\n")
    );
}

const EXPECTED: &[(&str, Audience)] = &[
    ("ai-co-ban", Audience::Citizen),
    ("ai-cong-vu", Audience::CivilServant),
    ("ai-lanh-dao", Audience::Leader),
    ("an-toan-thong-tin", Audience::CivilServant),
    ("an-toan-zalo", Audience::Citizen),
    ("dich-vu-cong", Audience::Citizen),
    ("dien-thoai-buoc-dau", Audience::Citizen),
    ("du-lieu-ca-nhan", Audience::Citizen),
    ("hoc-sinh-huong-dan", Audience::Pupil),
    ("hoc-voi-hocvu", Audience::Citizen),
    ("huong-dan-khong-lam-thay", Audience::CivilServant),
    ("mang-xa-hoi", Audience::Citizen),
    ("thanh-toan-qr", Audience::Citizen),
    ("to-chuc-buoi-hoc", Audience::Facilitator),
    ("vneid", Audience::Citizen),
];

/// The five citizen courses of the plan (courses 1–5) must have Ê Đê drafts of every lesson.
const WITH_EDE: &[&str] = &[
    "vneid",
    "dich-vu-cong",
    "thanh-toan-qr",
    "an-toan-zalo",
    "ai-co-ban",
];

#[test]
fn the_courses_the_plan_asks_for_with_their_audiences() {
    let found: Vec<(String, Audience)> = courses()
        .iter()
        .map(|c| (c.bundle.course.id.clone(), c.bundle.course.audience))
        .collect();
    let expected: Vec<(String, Audience)> = EXPECTED
        .iter()
        .map(|(id, a)| (id.to_string(), *a))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn every_course_has_three_lessons_each_ending_with_three_questions() {
    for c in courses() {
        let id = &c.bundle.course.id;
        let min_lessons = if id == "hoc-voi-hocvu" { 2 } else { 3 };
        assert!(
            c.bundle.lessons.len() >= min_lessons,
            "{id}: {} lessons",
            c.bundle.lessons.len()
        );
        let mut multiple = 0;
        for lesson in &c.bundle.lessons {
            let quiz = &lesson.source().unwrap().quiz;
            assert!(
                quiz.len() >= 3,
                "{id}/{}: {} questions",
                lesson.slug,
                quiz.len()
            );
            multiple += quiz
                .iter()
                .filter(|q| q.kind == QuestionKind::Multiple)
                .count();
            for q in quiz {
                for o in &q.options {
                    assert!(
                        !o.feedback_html.is_empty(),
                        "{id}/{} {}: option without feedback",
                        lesson.slug,
                        q.id
                    );
                }
            }
            assert!((1..=10).contains(&lesson.minutes), "{id}/{}", lesson.slug);
        }
        assert!(multiple >= 1, "{id}: no multiple-choice question");
    }
}

#[test]
fn ede_drafts_exist_for_courses_one_to_five_and_none_claims_review() {
    for c in courses() {
        let id = c.bundle.course.id.as_str();
        for lesson in &c.bundle.lessons {
            if let Some(rad) = lesson.locales.get(&Locale::Rad) {
                let t = rad.translation.as_ref().unwrap();
                assert_eq!(t.status, TranslationStatus::Draft, "{id}/{}", lesson.slug);
                assert_eq!(
                    t.translator.as_deref(),
                    Some("machine-assisted draft"),
                    "{id}/{}",
                    lesson.slug
                );
                assert!(!t.stale, "{id}/{} is stale", lesson.slug);
            }
        }
        if let Some(t) = c.bundle.course.translations.get(&Locale::Rad) {
            assert_eq!(t.status, TranslationStatus::Draft, "{id}");
        }
        if !WITH_EDE.contains(&id) {
            continue;
        }
        assert!(
            c.bundle.course.title.contains_key(&Locale::Rad),
            "{id}: no Ê Đê title"
        );
        for (i, lesson) in c.bundle.lessons.iter().enumerate() {
            let rad = lesson
                .locales
                .get(&Locale::Rad)
                .unwrap_or_else(|| panic!("{id}/{}: no rad title", lesson.slug));
            assert_ne!(
                rad.title,
                lesson.source().unwrap().title,
                "{id}/{}",
                lesson.slug
            );
            if i == 0 {
                assert_eq!(
                    rad.body_locale,
                    Locale::Rad,
                    "{id}: first lesson not fully translated"
                );
                assert_eq!(
                    rad.quiz_locale,
                    Locale::Rad,
                    "{id}: first lesson's quiz not translated"
                );
            }
        }
    }
}

#[test]
fn plain_language_limits() {
    for c in courses() {
        let id = &c.bundle.course.id;
        let citizen = c.bundle.course.audience == Audience::Citizen;
        let mut total = Readability::default();
        for (slug, text) in &c.source_text {
            let r = Readability::of(text);
            total = total + r;
            assert!(
                r.slow_reading_minutes() <= 7.0,
                "{id}/{slug}: {:.1} min at a slow pace",
                r.slow_reading_minutes()
            );
        }
        let limit = if citizen { 20.0 } else { 25.0 };
        assert!(
            total.words_per_sentence() <= limit,
            "{id}: {:.1} words per sentence",
            total.words_per_sentence()
        );
    }
}

#[test]
fn ede_letters_use_the_combining_breve() {
    // ê̆ ô̆ ơ̆ ư̆ have no precomposed form: U+0306 must follow the Vietnamese letter.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let course = entry.unwrap().path();
        if !course.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&course).unwrap() {
            let path = file.unwrap().path();
            if !path.to_string_lossy().ends_with(".rad.md") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for bad in [
                "ĕ\u{302}",
                "ŏ\u{302}",
                "ŏ\u{31b}",
                "ŭ\u{31b}",
                "\u{306}\u{302}",
            ] {
                assert!(
                    !text.contains(bad),
                    "{}: breve typed before the other mark",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn no_pass_mark_demands_every_question_unless_the_author_says_so() {
    let mut found = Vec::new();
    for c in courses() {
        let pass_mark = c.bundle.course.pass_mark;
        for lesson in &c.bundle.lessons {
            let n = lesson.source().unwrap().quiz.len();
            if n >= 2 && !lesson.all_questions_required && answers_needed(pass_mark, n) >= n {
                found.push(format!(
                    "{}/{}: pass_mark {pass_mark} needs {n} of {n}",
                    c.bundle.course.id, lesson.slug
                ));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_lesson_of_the_five_citizen_courses_has_an_ede_body_and_quiz() {
    let mut missing = Vec::new();
    for c in courses() {
        let id = c.bundle.course.id.as_str();
        if !WITH_EDE.contains(&id) {
            continue;
        }
        if !c.bundle.course.description.contains_key(&Locale::Rad) {
            missing.push(format!("{id}: no Ê Đê description"));
        }
        for lesson in &c.bundle.lessons {
            let ok = lesson.locales.get(&Locale::Rad).is_some_and(|rad| {
                rad.body_locale == Locale::Rad
                    && !rad.html.trim().is_empty()
                    && rad.quiz_locale == Locale::Rad
            });
            if !ok {
                missing.push(format!("{id}/{}", lesson.slug));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "without an Ê Đê body and quiz: {}",
        missing.join(", ")
    );
}

#[test]
fn jarai_and_mnong_interfaces_are_complete_drafts() {
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let ui = hocvu_i18n::I18n::load(Some(&locales)).unwrap();
    for locale in [Locale::Jra, Locale::Mng] {
        assert!(ui.has(locale), "{locale}: not an interface language");
        assert_eq!(ui.status(locale), "draft", "{locale}: must stay a draft");
        assert_eq!(ui.missing()[&locale], Vec::<String>::new(), "{locale}");
        for c in courses() {
            if let Some(t) = c.bundle.course.translations.get(&locale) {
                assert_eq!(
                    t.status,
                    TranslationStatus::Draft,
                    "{}: {locale}",
                    c.bundle.course.id
                );
            }
            for lesson in &c.bundle.lessons {
                if let Some(text) = lesson.locales.get(&locale) {
                    let t = text.translation.as_ref().unwrap();
                    assert_eq!(
                        t.status,
                        TranslationStatus::Draft,
                        "{}/{}",
                        c.bundle.course.id,
                        lesson.slug
                    );
                }
            }
        }
    }
}

#[test]
fn every_lesson_records_when_its_facts_were_checked() {
    let mut missing = Vec::new();
    for c in courses() {
        for lesson in &c.bundle.lessons {
            if lesson.checked.is_none() {
                missing.push(format!("{}/{}", c.bundle.course.id, lesson.slug));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "no `checked` date: {}",
        missing.join(", ")
    );
}
