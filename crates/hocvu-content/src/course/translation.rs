//! One lesson's translation: front matter, staleness and the quiz's shape.

use super::*;

#[allow(clippy::too_many_arguments)]
pub(super) fn translation(
    file: &SourceFile,
    locale: Locale,
    current_hash: &str,
    source: &LessonText,
    slugs: &BTreeSet<String>,
    images: &mut CourseImages,
    glossary: Option<&glossary::Glossary>,
    diags: &mut Diagnostics,
) -> Option<LessonText> {
    let allowed = [
        "title",
        "status",
        "source_hash",
        "translator",
        "reviewed_by",
        "review_notes",
    ];
    let (parsed, fields) = parse_lesson(file, &allowed, slugs, images, diags)?;
    let front = fields.get("@front").map_or(0, |(_, at)| *at);
    if let Some(g) = glossary {
        glossary::check_drift(file, &parsed.body, parsed.body_offset, g, diags);
    }
    let status = match fields.get("status") {
        Some((s, _)) if s == "draft" => TranslationStatus::Draft,
        Some((s, _)) if s == "reviewed" => TranslationStatus::Reviewed,
        Some((s, at)) => {
            diags.at(
                file,
                *at,
                Code::InvalidValue,
                format!("status `{s}` must be `draft` or `reviewed`"),
            );
            return None;
        }
        None => {
            diags.at(
                file,
                front,
                Code::MissingKey,
                "missing key `status` (`draft` or `reviewed`)",
            );
            return None;
        }
    };
    let reviewed_by = fields.get("reviewed_by").map(|(s, _)| s.clone());
    if status == TranslationStatus::Reviewed && reviewed_by.is_none() {
        let at = fields.get("status").map_or(front, |(_, at)| *at);
        diags.at(
            file,
            at,
            Code::ReviewerMissing,
            "a `reviewed` translation must name its reviewer in `reviewed_by`",
        );
    }
    let Some((source_hash, hash_at)) = fields.get("source_hash").cloned() else {
        diags.at(
            file,
            front,
            Code::MissingKey,
            format!("missing key `source_hash`: the hash of the Vietnamese text this was translated from (now `{current_hash}`)"),
        );
        return None;
    };
    let stale = source_hash != current_hash;
    if stale {
        diags.at(
            file,
            hash_at,
            Code::StaleTranslation,
            format!("stale translation: made from Vietnamese `{source_hash}`, the source is now `{current_hash}`; update the text, then set source_hash = \"{current_hash}\""),
        );
    }
    let source_quiz = &source.quiz;
    let mut quiz = parsed.rendered.quiz;
    let mut quiz_locale = locale;
    let mut html = parsed.rendered.html;
    let mut body_locale = locale;
    // A translation with an empty body translates only the title: body and quiz stay Vietnamese.
    if html.trim().is_empty() && quiz.is_empty() {
        html = source.html.clone();
        body_locale = Locale::SOURCE;
        quiz = source_quiz.clone();
        quiz_locale = Locale::SOURCE;
    } else if !same_quiz_shape(&quiz, source_quiz) {
        if stale {
            quiz = source_quiz.to_vec();
            quiz_locale = Locale::SOURCE;
        } else {
            diags.at(
                file,
                front,
                Code::TranslationQuizMismatch,
                format!(
                    "the quiz differs from the Vietnamese one ({} questions there, {} here): keep the same questions, options and right answers in the same order",
                    source_quiz.len(),
                    quiz.len()
                ),
            );
        }
    }
    Some(LessonText {
        locale,
        title: parsed.title,
        html,
        body_locale,
        quiz,
        quiz_locale,
        translation: Some(Translation {
            status,
            translator: fields.get("translator").map(|(s, _)| s.clone()),
            reviewed_by,
            source_hash,
            stale,
            review_notes: parsed.review_notes,
        }),
    })
}
