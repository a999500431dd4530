//! "Save this course for offline": the files a phone keeps to learn one course without a
//! network, as JSON at `/{lang}/courses/{course}/offline.json` — the course and lesson pages in
//! that language (and the Vietnamese pages when a lesson is not translated yet), the theme's
//! stylesheet and icon, the page script and the course's images — with the bytes a phone
//! downloads (Brotli) and a hash that changes with any of them, so saved courses update.
//! Measuring compresses every page, so each pack is built on its first request, then kept.

use crate::site::page_cache::{Page, PageCache};
use crate::site::render::Renderer;
use crate::site::scripts;
use hocvu_content::{Loaded, Locale};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::OnceLock;

/// One theme's packs, by `{lang}/{course}`, each built once.
#[derive(Default)]
pub struct Packs {
    packs: HashMap<String, OnceLock<Page>>,
}

#[derive(Serialize)]
struct PackJson<'a> {
    key: String,
    #[serde(rename = "self")]
    self_url: String,
    title: &'a str,
    href: String,
    hash: String,
    bytes: usize,
    urls: Vec<String>,
    lessons: Vec<LessonJson<'a>>,
}

#[derive(Serialize)]
struct LessonJson<'a> {
    href: String,
    hash: &'a str,
    title: &'a str,
}

impl Packs {
    pub fn new(courses: &[&Loaded], locales: &[Locale]) -> Packs {
        let mut packs = HashMap::new();
        for lang in locales {
            for c in courses {
                packs.insert(format!("{lang}/{}", c.bundle.course.id), OnceLock::new());
            }
        }
        Packs { packs }
    }

    /// The pack of a published course in `lang`, if both are served.
    pub fn get(&self, files: Files<'_>, lang: Locale, loaded: &Loaded) -> Option<&Page> {
        let slot = self
            .packs
            .get(&format!("{lang}/{}", loaded.bundle.course.id))?;
        Some(slot.get_or_init(|| build(files, lang, loaded)))
    }
}

/// Where a pack's files are answered from.
#[derive(Clone, Copy)]
pub struct Files<'a> {
    pub renderer: &'a Renderer,
    pub cache: &'a PageCache,
    pub assets: &'a HashMap<String, Page>,
    pub media: &'a HashMap<String, Page>,
}

fn build(files: Files<'_>, lang: Locale, loaded: &Loaded) -> Page {
    let b = &loaded.bundle;
    let id = &b.course.id;
    let course_href = |l: Locale| format!("/{l}/courses/{id}/");
    let mut pages = vec![course_href(lang)];
    let mut lessons = Vec::new();
    let mut source_needed = false;
    for lesson in &b.lessons {
        let href = format!("{}{}/", course_href(lang), lesson.slug);
        let text = lesson.text_in(lang);
        source_needed |= text.is_some_and(|t| t.body_locale != lang || t.quiz_locale != lang);
        lessons.push(LessonJson {
            href: href.clone(),
            hash: &lesson.source_hash,
            title: text.map_or("", |t| t.title.as_str()),
        });
        pages.push(href);
    }
    // A learner reading a partly translated course may switch to the Vietnamese source.
    if source_needed && lang != Locale::SOURCE {
        pages.push(course_href(Locale::SOURCE));
        for lesson in &b.lessons {
            pages.push(format!("{}{}/", course_href(Locale::SOURCE), lesson.slug));
        }
    }
    let theme = &files.renderer.theme;
    let mut assets = vec![theme.css_name(), theme.icon_name()];
    assets.extend(scripts::all().into_iter().map(|s| s.file));
    let media: Vec<&str> = b.media.iter().map(|m| m.name.as_str()).collect();

    let mut hasher = Sha256::new();
    let mut bytes = 0;
    let mut urls = Vec::new();
    let mut count = |url: String, page: Option<&Page>| {
        if let Some(page) = page {
            bytes += page.transfer_len();
            hasher.update(page.etag.as_bytes());
            urls.push(url);
        }
    };
    for p in pages {
        let page = files.cache.page(&p);
        count(p, page);
    }
    for a in assets {
        count(format!("/static/{a}"), files.assets.get(&a));
    }
    for m in media {
        count(format!("/media/{m}"), files.media.get(m));
    }
    let json = PackJson {
        key: format!("{lang}/{id}"),
        self_url: format!("{}offline.json", course_href(lang)),
        title: b.course.title_in(lang).0,
        href: course_href(lang),
        hash: hex::encode(&hasher.finalize()[..8]),
        bytes,
        urls,
        lessons,
    };
    let body = serde_json::to_vec(&json).unwrap_or_default();
    Page::new("application/json", body, &json.hash)
}
