//! The page cache: every page that is the same for every visitor (catalogue, course and lesson
//! pages, error pages) rendered once at start for each language and theme, compressed once,
//! and answered by [`fast_path`] before the router runs. A learner with a session gets pages
//! rendered per request instead (their progress), through the same templates.

pub mod member;
mod page;

pub use page::{Encoding, HTML, IMMUTABLE, PRIVATE, Page, REVALIDATE, accepted_encoding};

use crate::site::render::{RenderError, Renderer};
use crate::site::viewer::Viewer;
use hocvu_content::{Bundle, Loaded, Locale};
use hocvu_i18n::I18n;
use std::collections::HashMap;

/// Error pages rendered in advance.
pub const ERROR_STATUSES: [u16; 5] = [400, 403, 404, 413, 500];

/// One theme's pre-rendered pages.
#[derive(Default)]
pub struct PageCache {
    /// By path, e.g. `/rad/courses/vneid/01-tai-ung-dung/`.
    pages: HashMap<String, Page>,
    errors: HashMap<(Locale, u16), Page>,
}

impl PageCache {
    /// Renders every visitor page of the published `courses` with `renderer`.
    pub fn prerender(
        renderer: &Renderer,
        courses: &[&Loaded],
        i18n: &I18n,
    ) -> Result<PageCache, RenderError> {
        let mut pages = HashMap::new();
        let mut errors = HashMap::new();
        let bundles: Vec<&Bundle> = courses.iter().map(|c| &c.bundle).collect();
        let all_hashes: String = courses.iter().map(|c| c.entry.hash.as_str()).collect();
        let theme = renderer.theme.name.clone();
        let visitor = Viewer::default();
        for lang in i18n.locales() {
            let version = format!("{all_hashes}/{lang}/{theme}");
            pages.insert(
                format!("/{lang}/"),
                Page::new(
                    HTML,
                    renderer.catalogue(lang, &bundles, &visitor)?.into_bytes(),
                    &version,
                ),
            );
            for c in courses.iter().copied() {
                let b = &c.bundle;
                let version = format!("{}/{lang}/{theme}", c.entry.hash);
                let path = format!("/{lang}/courses/{}/", b.course.id);
                let html = renderer.course(lang, b, &visitor)?;
                pages.insert(path.clone(), Page::new(HTML, html.into_bytes(), &version));
                for (i, lesson) in b.lessons.iter().enumerate() {
                    let html = renderer.lesson(lang, b, i, None, &visitor)?;
                    pages.insert(
                        format!("{path}{}/", lesson.slug),
                        Page::new(HTML, html.into_bytes(), &version),
                    );
                }
            }
            let offline = renderer.page(
                "offline.html",
                lang,
                crate::site::render::Here::InLanguage("offline"),
                &visitor,
                |_| {},
            )?;
            pages.insert(
                format!("/{lang}/offline"),
                Page::new(HTML, offline.into_bytes(), &format!("{lang}/{theme}")),
            );
            for status in ERROR_STATUSES {
                let html = renderer.error(lang, status, None, &visitor)?;
                errors.insert(
                    (lang, status),
                    Page::new(HTML, html.into_bytes(), &format!("{lang}/{theme}")),
                );
            }
        }
        Ok(PageCache { pages, errors })
    }

    pub fn page(&self, path: &str) -> Option<&Page> {
        self.pages.get(path)
    }

    pub fn error_page(&self, lang: Locale, status: u16) -> Option<&Page> {
        self.errors.get(&(lang, status))
    }
}
