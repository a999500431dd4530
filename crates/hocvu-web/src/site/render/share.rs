//! What a link preview (Zalo, Facebook) reads from a page: Open Graph and Twitter card tags in
//! the page's language, and the share card picture they point to. Absolute URLs come only from
//! the configured `public_url`, never from request headers (a visitor could otherwise put any
//! site into pages cached for everyone); without it, pages carry no `og:url` or `og:image`.

use super::{Here, RenderError, Renderer};
use crate::site::viewer::Viewer;
use hocvu_certs::ShareCardView;
use hocvu_content::{Bundle, Locale};
use hocvu_i18n::FluentArgs;

/// Where share cards are served: `/share/{course or _}-{lang}-{fingerprint}.png`.
pub const CARD_PREFIX: &str = "/share/";
/// The catalogue's card stands in for "no course".
pub const CATALOGUE_CARD: &str = "_";

/// Facebook knows only its own list of locales; Ê Đê, Jarai and M'nông are not on it, so their
/// pages say Vietnamese (the country's language and these pages' fallback).
pub fn og_locale(lang: Locale) -> &'static str {
    match lang.as_str() {
        "en" => "en_US",
        _ => "vi_VN",
    }
}

impl Renderer {
    pub fn public_url(&self) -> Option<&str> {
        self.public_url.as_deref()
    }

    /// The card of a course (or of the catalogue, with its number of courses) in `lang`;
    /// `None` without `public_url` (the QR code needs an absolute address).
    pub fn share_card(
        &self,
        lang: Locale,
        course: Option<&Bundle>,
        course_count: usize,
    ) -> Option<ShareCardView> {
        let base = self.public_url()?;
        let programme = self.i18n.tr(lang, "site-tagline", None);
        Some(match course {
            Some(b) => {
                let mut args = FluentArgs::new();
                args.set("count", b.lessons.len());
                args.set("minutes", b.lessons.iter().map(|l| l.minutes).sum::<u32>());
                let meta = format!(
                    "{} · {}",
                    self.i18n.tr(lang, "course-lessons", Some(&args)),
                    self.i18n.tr(lang, "course-minutes", Some(&args))
                );
                ShareCardView {
                    programme,
                    title: b.course.title_in(lang).0.to_string(),
                    meta,
                    url: format!("{base}/c/{}", b.course.id),
                }
            }
            None => {
                let mut args = FluentArgs::new();
                args.set("count", course_count);
                ShareCardView {
                    programme,
                    title: self.i18n.tr(lang, "site-name", None),
                    meta: self.i18n.tr(lang, "share-course-count", Some(&args)),
                    url: format!("{base}/"),
                }
            }
        })
    }

    /// The card's immutable path: its name changes whenever what it shows would.
    pub fn share_card_path(
        &self,
        lang: Locale,
        course: Option<&Bundle>,
        course_count: usize,
    ) -> Option<String> {
        let card = self.share_card(lang, course, course_count)?;
        let id = course.map_or(CATALOGUE_CARD, |b| b.course.id.as_str());
        Some(format!(
            "{CARD_PREFIX}{id}-{lang}-{}.png",
            card.fingerprint()
        ))
    }

    /// The `share` variable of a page: its preview title, description, absolute URL and image.
    pub(super) fn share_tags(
        &self,
        lang: Locale,
        path: &str,
        title: &str,
        description: &str,
        image: Option<String>,
    ) -> serde_json::Value {
        let absolute = |p: &str| self.public_url().map(|base| format!("{base}{p}"));
        serde_json::json!({
            "title": title,
            "description": description,
            "locale": og_locale(lang),
            "url": absolute(path),
            "image": image.and_then(|p| absolute(&p)),
        })
    }

    /// A lesson on paper: its steps and callouts, and the quiz questions with their options
    /// but no answer key and no feedback.
    pub fn handout(
        &self,
        lang: Locale,
        bundle: &Bundle,
        index: usize,
        viewer: &Viewer,
        fill: impl FnOnce(&mut tera::Context),
    ) -> Result<String, RenderError> {
        let lesson = &bundle.lessons[index];
        let text = lesson
            .text_in(lang)
            .ok_or_else(|| RenderError(format!("lesson {} has no text", lesson.slug)))?;
        let id = &bundle.course.id;
        let here = format!("courses/{id}/{}/print", lesson.slug);
        let mut ctx = self.chrome(lang, Here::InLanguage(&here), viewer);
        let (course_title, course_title_lang) = bundle.course.title_in(lang);
        let quiz: Vec<serde_json::Value> = text
            .quiz
            .iter()
            .map(|q| {
                let options: Vec<&str> = q.options.iter().map(|o| o.html.as_str()).collect();
                serde_json::json!({
                    "prompt_html": q.prompt_html, "intro_html": q.intro_html,
                    "multiple": q.kind == hocvu_content::QuestionKind::Multiple,
                    "options": options,
                })
            })
            .collect();
        ctx.insert(
            "lesson",
            &serde_json::json!({
                "href": format!("/{lang}/courses/{id}/{}/", lesson.slug),
                "title": text.title, "title_lang": text.locale,
                "body_lang": text.body_locale, "quiz_lang": text.quiz_locale,
                "html": self.callout_labels(&text.html, lang),
                "number": index + 1, "total": bundle.lessons.len(),
                "minutes": lesson.minutes,
                "course_title": course_title, "course_title_lang": course_title_lang,
            }),
        );
        ctx.insert("quiz", &quiz);
        fill(&mut ctx);
        self.render("handout.html", &ctx)
    }
}
