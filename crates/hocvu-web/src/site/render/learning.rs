//! The learning pages: catalogue, course, lesson (with quiz results) and "My learning". The
//! page cache pre-renders the first three for visitors.

use super::{Here, RenderError, Renderer};
use crate::site::viewer::Viewer;
use hocvu_content::grading::{Graded, QuestionState};
use hocvu_content::{Audience, Bundle, Lesson, Locale, TranslationStatus};

impl Renderer {
    pub fn catalogue(
        &self,
        lang: Locale,
        courses: &[&Bundle],
        viewer: &Viewer,
    ) -> Result<String, RenderError> {
        let mut ctx = self.chrome(lang, Here::InLanguage(""), viewer);
        let groups: Vec<serde_json::Value> = Audience::ALL
            .iter()
            .filter_map(|audience| {
                let cards: Vec<serde_json::Value> = courses
                    .iter()
                    .filter(|b| b.course.audience == *audience)
                    .map(|b| {
                        let (title, title_lang) = b.course.title_in(lang);
                        let (description, description_lang) = b.course.description_in(lang);
                        serde_json::json!({
                            "href": format!("/{lang}/courses/{}/", b.course.id),
                            "title": title, "title_lang": title_lang,
                            "description": description, "description_lang": description_lang,
                            "lessons": b.lessons.len(),
                            "minutes": total_minutes(b),
                        })
                    })
                    .collect();
                (!cards.is_empty()).then(|| {
                    serde_json::json!({"label": format!("audience-{}", audience.as_str()), "courses": cards})
                })
            })
            .collect();
        ctx.insert("groups", &groups);
        ctx.insert("required", &required_json(lang, viewer, courses));
        let published = courses.iter().filter(|b| b.course.published).count();
        let share = self.share_tags(
            lang,
            &format!("/{lang}/"),
            &self.i18n.tr(lang, "site-name", None),
            &self.i18n.tr(lang, "site-tagline", None),
            self.share_card_path(lang, None, published),
        );
        ctx.insert("share", &share);
        self.render("catalogue.html", &ctx)
    }

    fn course_ctx(&self, lang: Locale, bundle: &Bundle, viewer: &Viewer) -> serde_json::Value {
        let (title, title_lang) = bundle.course.title_in(lang);
        let (description, description_lang) = bundle.course.description_in(lang);
        let title_draft = title_lang != Locale::SOURCE
            && bundle
                .course
                .translations
                .get(&lang)
                .is_some_and(|t| t.status == TranslationStatus::Draft);
        let lessons: Vec<serde_json::Value> = bundle
            .lessons
            .iter()
            .map(|l| {
                let (title, title_lang) = lesson_title(l, lang);
                // Provenance: a reviewed translation names the speaker who checked it.
                let reviewed_by = l
                    .locales
                    .get(&lang)
                    .and_then(|t| t.translation.as_ref())
                    .filter(|t| t.status == TranslationStatus::Reviewed && !t.stale)
                    .and_then(|t| t.reviewed_by.clone());
                serde_json::json!({
                    "href": format!("/{lang}/courses/{}/{}/", bundle.course.id, l.slug),
                    "title": title, "title_lang": title_lang, "minutes": l.minutes,
                    "reviewed_by": reviewed_by,
                    "done": viewer.has_done(&bundle.course.id, &l.slug),
                })
            })
            .collect();
        let completed = viewer.completed.contains(&bundle.course.id);
        let certificate = viewer.certificates.get(&bundle.course.id);
        serde_json::json!({
            "id": bundle.course.id, "completed": completed, "certificate": certificate,
            "published": bundle.course.published,
            "href": format!("/{lang}/courses/{}/", bundle.course.id),
            "title": title, "title_lang": title_lang, "title_draft": title_draft,
            "description": description, "description_lang": description_lang,
            "minutes": total_minutes(bundle), "lessons": lessons,
        })
    }

    pub fn course(
        &self,
        lang: Locale,
        bundle: &Bundle,
        viewer: &Viewer,
    ) -> Result<String, RenderError> {
        let here = format!("courses/{}/", bundle.course.id);
        let mut ctx = self.chrome(lang, Here::InLanguage(&here), viewer);
        ctx.insert("course", &self.course_ctx(lang, bundle, viewer));
        let (title, _) = bundle.course.title_in(lang);
        let (description, _) = bundle.course.description_in(lang);
        let share = self.share_tags(
            lang,
            &format!("/{lang}/{here}"),
            title,
            description,
            self.share_card_path(lang, Some(bundle), 0),
        );
        ctx.insert("share", &share);
        self.render("course.html", &ctx)
    }

    /// A lesson page; with `graded`, the learner's answers, marks and feedback.
    pub fn lesson(
        &self,
        lang: Locale,
        bundle: &Bundle,
        index: usize,
        graded: Option<&Graded>,
        viewer: &Viewer,
    ) -> Result<String, RenderError> {
        let lesson = &bundle.lessons[index];
        let Some(text) = lesson.text_in(lang) else {
            return Err(RenderError(format!(
                "lesson {} has no Vietnamese text",
                lesson.slug
            )));
        };
        let id = &bundle.course.id;
        let href = |l: &Lesson| format!("/{lang}/courses/{id}/{}/", l.slug);
        let here = format!("courses/{id}/{}/", lesson.slug);
        let mut ctx = self.chrome(lang, Here::InLanguage(&here), viewer);
        ctx.insert("course", &self.course_ctx(lang, bundle, viewer));
        let best = viewer
            .best
            .get(&(id.clone(), lesson.slug.clone()))
            .map(|(right, total)| serde_json::json!({"right": right, "total": total}));
        let translation = text.translation.as_ref();
        ctx.insert(
            "lesson",
            &serde_json::json!({
                "href": href(lesson),
                "slug": lesson.slug,
                "hash": lesson.source_hash,
                "title": text.title,
                "title_lang": text.locale,
                "draft": translation.is_some_and(|t| t.status == TranslationStatus::Draft),
                "stale": translation.is_some_and(|t| t.stale),
                "body_lang": text.body_locale,
                "quiz_lang": text.quiz_locale,
                "html": self.callout_labels(&text.html, lang),
                "number": index + 1,
                "total": bundle.lessons.len(),
                "prev": index.checked_sub(1).map(|i| serde_json::json!({"href": href(&bundle.lessons[i])})),
                "next": bundle.lessons.get(index + 1).map(|l| serde_json::json!({"href": href(l)})),
                "done": viewer.has_done(id, &lesson.slug),
                "best": best,
            }),
        );
        let listen = self.listen(lesson, lang);
        let quiz: Vec<serde_json::Value> = text
            .quiz
            .iter()
            .map(|q| {
                let chosen = graded.and_then(|g| g.chosen.get(&q.id));
                let state = graded.and_then(|g| g.states.get(&q.id)).map(|s| match s {
                    QuestionState::Right => "right",
                    QuestionState::Wrong => "wrong",
                    QuestionState::Unanswered => "unanswered",
                });
                let options: Vec<serde_json::Value> = q
                    .options
                    .iter()
                    .map(|o| {
                        let checked = chosen.is_some_and(|c| c.contains(&o.id));
                        // The answer key reaches the page only for options the learner chose.
                        serde_json::json!({
                            "id": o.id, "html": o.html, "checked": checked,
                            "correct": checked && o.correct,
                            "feedback_html": if checked { o.feedback_html.as_str() } else { "" },
                        })
                    })
                    .collect();
                serde_json::json!({
                    "id": q.id, "multiple": q.kind == hocvu_content::QuestionKind::Multiple,
                    "prompt_html": q.prompt_html, "intro_html": q.intro_html,
                    "state": state, "options": options,
                    "listen": listen["questions"].get(&q.id),
                })
            })
            .collect();
        ctx.insert("quiz", &quiz);
        ctx.insert("listen", &listen);
        let mut position = hocvu_i18n::FluentArgs::new();
        position.set("number", index + 1);
        position.set("total", bundle.lessons.len());
        let description = format!(
            "{} · {}",
            bundle.course.title_in(lang).0,
            self.i18n.tr(lang, "lesson-position", Some(&position))
        );
        let share = self.share_tags(
            lang,
            &format!("/{lang}/{here}"),
            &text.title,
            &description,
            self.share_card_path(lang, Some(bundle), 0),
        );
        ctx.insert("share", &share);
        if let Some(g) = graded {
            ctx.insert(
                "result",
                &serde_json::json!({"right": g.right, "total": g.total, "needed": g.needed, "passed": g.passed}),
            );
        }
        self.render("lesson.html", &ctx)
    }

    /// "My learning": every course the learner has started, with a progress bar.
    pub fn learning(
        &self,
        lang: Locale,
        viewer: &Viewer,
        courses: &[&Bundle],
        sessions: &[serde_json::Value],
    ) -> Result<String, RenderError> {
        let mut ctx = self.chrome(lang, Here::InLanguage("learning/"), viewer);
        ctx.insert("sessions", sessions);
        let started: Vec<serde_json::Value> = courses
            .iter()
            .filter(|b| {
                let id = &b.course.id;
                viewer.completed.contains(id)
                    || viewer.best.keys().any(|(c, _)| c == id)
                    || viewer.done.contains_key(id)
            })
            .map(|b| {
                let (title, title_lang) = b.course.title_in(lang);
                let done = b
                    .lessons
                    .iter()
                    .filter(|l| viewer.has_done(&b.course.id, &l.slug))
                    .count();
                serde_json::json!({
                    "href": format!("/{lang}/courses/{}/", b.course.id),
                    "title": title, "title_lang": title_lang,
                    "done": done, "total": b.lessons.len(),
                    "completed": viewer.completed.contains(&b.course.id),
                    "certificate": viewer.certificates.get(&b.course.id),
                })
            })
            .collect();
        ctx.insert("courses", &started);
        ctx.insert("required", &required_json(lang, viewer, courses));
        let packs: Vec<String> = viewer
            .required
            .iter()
            .filter(|(id, _, _)| {
                courses
                    .iter()
                    .any(|b| &b.course.id == id && b.course.published)
            })
            .map(|(id, _, _)| format!("/{lang}/courses/{id}/offline.json"))
            .collect();
        ctx.insert("required_packs", &packs);
        self.render("learning.html", &ctx)
    }
}

fn lesson_title(lesson: &Lesson, lang: Locale) -> (&str, Locale) {
    match lesson.text_in(lang) {
        Some(t) => (&t.title, t.locale),
        None => ("", Locale::SOURCE),
    }
}

/// The learner's assigned courses for the catalogue and "My learning", soonest due first.
fn required_json(lang: Locale, viewer: &Viewer, courses: &[&Bundle]) -> Vec<serde_json::Value> {
    viewer
        .required
        .iter()
        .filter_map(|(id, due, status)| {
            let b = courses.iter().find(|b| &b.course.id == id)?;
            let (title, title_lang) = b.course.title_in(lang);
            Some(serde_json::json!({
                "href": format!("/{lang}/courses/{id}/"), "title": title, "title_lang": title_lang,
                "due": hocvu_dates::day_month_year(due), "status": status.as_str(),
            }))
        })
        .collect()
}

fn total_minutes(bundle: &Bundle) -> u32 {
    bundle.lessons.iter().map(|l| l.minutes).sum()
}
