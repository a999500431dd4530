//! The compiled course bundle: what `hocvu build` writes and the server loads.
//!
//! Everything a page needs is here, pre-rendered per locale; quiz answers are included, so a
//! bundle is never served raw.

use crate::locale::Locale;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Bumped whenever the bundle's JSON shape changes incompatibly.
pub const BUNDLE_FORMAT: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    Citizen,
    CivilServant,
    Leader,
    /// Secondary-school pupils (the family's digital guide).
    Pupil,
    /// Staff and community digital teams who guide others.
    Facilitator,
}

impl Audience {
    /// In catalogue order.
    pub const ALL: [Audience; 5] = [
        Audience::Citizen,
        Audience::CivilServant,
        Audience::Leader,
        Audience::Pupil,
        Audience::Facilitator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Citizen => "citizen",
            Audience::CivilServant => "civil-servant",
            Audience::Leader => "leader",
            Audience::Pupil => "pupil",
            Audience::Facilitator => "facilitator",
        }
    }

    pub fn parse(s: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bundle {
    pub format: u32,
    pub course: Course,
    pub lessons: Vec<Lesson>,
    /// Processed images; their bytes live beside the JSON in the bundle file.
    pub media: Vec<Media>,
    /// Narration audio, unchanged; bytes beside the JSON as `audio/<name>`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audio: Vec<crate::narration::AudioFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Course {
    pub id: String,
    pub version: String,
    pub audience: Audience,
    /// Position in the catalogue within its audience (smaller first), then by id.
    #[serde(default = "default_order")]
    pub order: u32,
    /// Percentage of quiz questions a learner must answer right in every lesson.
    pub pass_mark: u8,
    pub title: BTreeMap<Locale, String>,
    pub description: BTreeMap<Locale, String>,
    /// Status of the translated title and description, per locale (`[translations.<locale>]`).
    pub translations: BTreeMap<Locale, TitleTranslation>,
    /// Hash of the course's sources, version excluded: detects content changed without a version bump.
    pub content_hash: String,
    /// `false` (`published = false` in course.toml): only authors and admins see the course.
    #[serde(default = "published_default")]
    pub published: bool,
}

fn published_default() -> bool {
    true
}

impl Course {
    /// The title in `locale`, falling back to Vietnamese; the flag says whether it fell back.
    pub fn title_in(&self, locale: Locale) -> (&str, Locale) {
        localized(&self.title, locale)
    }

    pub fn description_in(&self, locale: Locale) -> (&str, Locale) {
        localized(&self.description, locale)
    }
}

fn localized(map: &BTreeMap<Locale, String>, locale: Locale) -> (&str, Locale) {
    match map.get(&locale) {
        Some(s) => (s, locale),
        None => (
            map.get(&Locale::SOURCE).map_or("", String::as_str),
            Locale::SOURCE,
        ),
    }
}

pub const DEFAULT_ORDER: u32 = 100;

fn default_order() -> u32 {
    DEFAULT_ORDER
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lesson {
    pub slug: String,
    pub minutes: u32,
    /// Hash of the Vietnamese source file; translations record the one they were made from.
    pub source_hash: String,
    /// When the lesson's facts were last checked (`checked` in its front matter), `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<String>,
    /// The author wants every question answered right (`all_questions_required = true`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub all_questions_required: bool,
    /// Always holds the source locale; other locales only where a translation exists.
    pub locales: BTreeMap<Locale, LessonText>,
    /// Recordings of the lesson read aloud, per locale (`vi` = the Vietnamese text).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub narrations: BTreeMap<Locale, crate::narration::Narration>,
}

impl Lesson {
    /// The text to show in `locale`: its translation, or the Vietnamese source as fallback.
    pub fn text_in(&self, locale: Locale) -> Option<&LessonText> {
        self.locales
            .get(&locale)
            .or_else(|| self.locales.get(&Locale::SOURCE))
    }

    pub fn source(&self) -> Option<&LessonText> {
        self.locales.get(&Locale::SOURCE)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonText {
    pub locale: Locale,
    pub title: String,
    pub html: String,
    /// Language of `html`: the source's for a title-only translation.
    pub body_locale: Locale,
    pub quiz: Vec<Question>,
    /// Language of `quiz`: the source's when a stale translation's quiz no longer matches it.
    pub quiz_locale: Locale,
    /// `None` for the Vietnamese source.
    pub translation: Option<Translation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TranslationStatus {
    Draft,
    Reviewed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TitleTranslation {
    pub status: TranslationStatus,
    pub translator: Option<String>,
    pub reviewed_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    pub status: TranslationStatus,
    pub translator: Option<String>,
    pub reviewed_by: Option<String>,
    pub source_hash: String,
    /// The Vietnamese source changed after this translation was made.
    pub stale: bool,
    /// Words or phrases a reviewer should look at first (`review_notes`); never shown to learners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub review_notes: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    /// Exactly one right option (radio buttons).
    Single,
    /// One or more right options (checkboxes).
    Multiple,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// `q1`, `q2`, … in lesson order; stable across locales.
    pub id: String,
    pub kind: QuestionKind,
    /// The question itself (inline HTML).
    pub prompt_html: String,
    /// Blocks between the question and its options, e.g. a message to judge (may be empty).
    pub intro_html: String,
    pub options: Vec<QuizOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizOption {
    /// `a`, `b`, … in order; stable across locales.
    pub id: String,
    pub html: String,
    pub feedback_html: String,
    pub correct: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Media {
    /// Content-hashed file name, served at `/media/{name}`.
    pub name: String,
    pub content_type: String,
    pub width: u32,
    pub height: u32,
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

/// One row of `dist/index.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    pub course: String,
    pub version: String,
    /// sha256 of the bundle file, hex.
    pub hash: String,
    pub file: String,
    pub audience: Audience,
    pub title: BTreeMap<Locale, String>,
    pub lessons: usize,
    pub locales: BTreeMap<Locale, LocaleStatus>,
    /// Lessons narrated / stale / missing per locale.
    #[serde(default)]
    pub narration: BTreeMap<Locale, crate::narration::NarrationCounts>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LocaleStatus {
    Source { source: bool },
    Translated(TranslationCounts),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationCounts {
    pub reviewed: usize,
    pub draft: usize,
    pub stale: usize,
    /// Only the title is translated; the body is shown in Vietnamese.
    pub title_only: usize,
    pub missing: usize,
    /// Slugs of stale lessons, for authors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale_lessons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub format: u32,
    pub bundles: Vec<IndexEntry>,
}

impl Bundle {
    /// Per-locale translation counts over all lessons; every supported locale is listed.
    pub fn locale_status(&self) -> BTreeMap<Locale, LocaleStatus> {
        let mut out = BTreeMap::new();
        for locale in Locale::ALL {
            if locale == Locale::SOURCE {
                out.insert(locale, LocaleStatus::Source { source: true });
                continue;
            }
            let mut counts = TranslationCounts::default();
            for lesson in &self.lessons {
                match lesson
                    .locales
                    .get(&locale)
                    .and_then(|t| t.translation.as_ref())
                {
                    None => counts.missing += 1,
                    Some(_)
                        if lesson
                            .locales
                            .get(&locale)
                            .is_some_and(|t| t.body_locale != locale) =>
                    {
                        counts.title_only += 1
                    }
                    Some(t) if t.stale => {
                        counts.stale += 1;
                        counts.stale_lessons.push(lesson.slug.clone());
                    }
                    Some(t) if t.status == TranslationStatus::Reviewed => counts.reviewed += 1,
                    Some(_) => counts.draft += 1,
                }
            }
            out.insert(locale, LocaleStatus::Translated(counts));
        }
        out
    }
}
