//! The site's shared machinery, used by every feature area (learning pages, accounts,
//! certificates, management, the JSON API) and knowing none of them: the [`Site`] built once
//! at start (courses, themes, interface strings, the page cache), sessions and passwords, the
//! viewer and page chrome, errors, extractors and headers.

pub mod accounts;
pub mod auth;
pub mod error;
pub mod extract;
pub mod handlers;
pub mod headers;
pub mod page_cache;
pub mod render;
pub mod respond;
pub mod session;
pub mod theme;
pub mod viewer;

use actix_web::HttpRequest;
use actix_web::body::BoxBody;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::{Error, web};
use hocvu_content::{Loaded, Locale};
use hocvu_i18n::I18n;
use page_cache::{Page, PageCache, REVALIDATE};
use render::{RenderError, Renderer};
use std::collections::HashMap;
use std::future::{Future, ready};
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use theme::ThemeError;

pub const THEME_COOKIE: &str = "theme";
pub const LANG_COOKIE: &str = "lang";

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error(transparent)]
    Theme(#[from] ThemeError),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("course `{0}` is loaded twice (two bundles with the same course id)")]
    DuplicateCourse(String),
}

pub struct SiteTheme {
    pub renderer: Renderer,
    pub cache: PageCache,
}

pub struct Site {
    pub i18n: Arc<I18n>,
    pub courses: Vec<Loaded>,
    pub themes: Vec<SiteTheme>,
    pub default_theme: usize,
    /// Content-hashed static files (CSS, icon) of every theme.
    pub assets: HashMap<String, Page>,
    /// Processed lesson images, by content-hashed name.
    pub media: HashMap<String, Page>,
    pub health: serde_json::Value,
}

impl Site {
    pub fn build(
        mut courses: Vec<Loaded>,
        i18n: I18n,
        themes_dir: &Path,
        default_theme: &str,
    ) -> Result<Site, SiteError> {
        let i18n = Arc::new(i18n);
        courses.sort_by(|a, b| {
            let key = |c: &Loaded| {
                (
                    c.bundle.course.audience,
                    c.bundle.course.order,
                    c.bundle.course.id.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        for pair in courses.windows(2) {
            if pair[0].bundle.course.id == pair[1].bundle.course.id {
                return Err(SiteError::DuplicateCourse(pair[0].bundle.course.id.clone()));
            }
        }
        let names = theme::available(themes_dir)?;
        // Fail at start, naming the theme, rather than on a visitor's first request.
        theme::load(themes_dir, default_theme)?;
        let mut themes = Vec::new();
        let mut assets = HashMap::new();
        for name in &names {
            let t = theme::load(themes_dir, name)?;
            assets.insert(
                t.css_name(),
                Page::new("text/css; charset=utf-8", t.css.clone().into_bytes(), name),
            );
            assets.insert(
                t.icon_name(),
                Page::new("image/svg+xml", t.icon.clone().into_bytes(), name),
            );
            let renderer = Renderer::new(t, i18n.clone(), names.clone())?;
            // Unpublished courses are never pre-rendered: only previewers see them.
            let published: Vec<&Loaded> = courses
                .iter()
                .filter(|c| c.bundle.course.published)
                .collect();
            let cache = PageCache::prerender(&renderer, &published, &i18n)?;
            themes.push(SiteTheme { renderer, cache });
        }
        let default_theme = names.iter().position(|n| n == default_theme).unwrap_or(0);
        let mut media = HashMap::new();
        for c in &courses {
            for m in &c.bundle.media {
                media.insert(
                    m.name.clone(),
                    Page::new(&m.content_type, m.bytes.clone(), &m.name),
                );
            }
        }
        let health = serde_json::json!({
            "status": "ok",
            "version": env!("CARGO_PKG_VERSION"),
            "courses": courses.iter().filter(|c| c.bundle.course.published).map(|c| serde_json::json!({
                "id": c.bundle.course.id, "version": c.bundle.course.version, "hash": c.entry.hash,
            })).collect::<Vec<_>>(),
        });
        Ok(Site {
            i18n,
            courses,
            themes,
            default_theme,
            assets,
            media,
            health,
        })
    }

    /// The learner's theme from its cookie, else the configured default.
    pub fn theme_for(&self, req: &HttpRequest) -> &SiteTheme {
        req.cookie(THEME_COOKIE)
            .and_then(|c| {
                self.themes
                    .iter()
                    .find(|t| t.renderer.theme.name == c.value())
            })
            .unwrap_or(&self.themes[self.default_theme])
    }

    /// The renderer of the learner's theme.
    pub fn renderer(&self, req: &HttpRequest) -> &Renderer {
        &self.theme_for(req).renderer
    }

    pub fn theme_named(&self, name: &str) -> Option<&SiteTheme> {
        self.themes.iter().find(|t| t.renderer.theme.name == name)
    }

    pub fn loaded(&self, id: &str) -> Option<&Loaded> {
        self.loaded_any(id).filter(|c| c.bundle.course.published)
    }

    /// The courses a visitor sees: published ones, or all of them for previewers.
    pub fn bundles_for(&self, preview: bool) -> Vec<&hocvu_content::Bundle> {
        self.courses
            .iter()
            .filter(|c| preview || c.bundle.course.published)
            .map(|c| &c.bundle)
            .collect()
    }

    /// Any course, published or not: for authors' and admins' previews.
    pub fn loaded_any(&self, id: &str) -> Option<&Loaded> {
        self.courses.iter().find(|c| c.bundle.course.id == id)
    }

    /// An interface language from a URL segment, if this site serves it.
    pub fn ui_locale(&self, segment: &str) -> Option<Locale> {
        Locale::parse(segment).ok().filter(|l| self.i18n.has(*l))
    }

    /// The language for pages outside `/{lang}/`: cookie, then Accept-Language, then Vietnamese.
    pub fn negotiate(&self, req: &HttpRequest) -> Locale {
        req.cookie(LANG_COOKIE)
            .and_then(|c| self.ui_locale(c.value()))
            .or_else(|| {
                req.headers()
                    .get(actix_web::http::header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| self.i18n.negotiate(v))
            })
            .unwrap_or(Locale::SOURCE)
    }
}

type Next = Pin<Box<dyn Future<Output = Result<ServiceResponse<BoxBody>, Error>>>>;

/// Answers a GET for a pre-rendered page before the router runs: the router matches `{param}`
/// patterns with regexes, which cost more than serving the page itself. Everything else,
/// including misses and learners with a session, goes through `routes::config` as usual.
pub fn fast_path<S>(req: ServiceRequest, next: &S) -> Next
where
    S: Service<ServiceRequest, Response = ServiceResponse<BoxBody>, Error = Error>,
    S::Future: 'static,
{
    if req.method() == actix_web::http::Method::GET
        && req.cookie(session::COOKIE).is_none()
        && let Some(site) = req.app_data::<web::Data<Site>>()
        && let Some(page) = site.theme_for(req.request()).cache.page(req.path())
    {
        let resp = page.respond(req.request(), REVALIDATE);
        return Box::pin(ready(Ok(req.into_response(resp))));
    }
    Box::pin(next.call(req))
}
