//! The site's shared machinery, used by every feature area (learning pages, accounts,
//! certificates, management, the JSON API) and knowing none of them: the [`Site`] built once
//! at start (courses, themes, interface strings, the page cache), sessions and passwords, the
//! viewer and page chrome, errors, extractors and headers.

pub mod accounts;
pub mod app_icons;
pub mod audio;
pub mod auth;
pub mod error;
pub mod extract;
pub mod handlers;
pub mod headers;
pub mod learner_cache;
pub mod metrics;
pub mod packs;
pub mod page_cache;
pub mod render;
pub mod respond;
pub mod scripts;
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
/// What the offline page says, part of the build id (phones keep that page per build).
const OFFLINE_PAGE_STRINGS: [&str; 10] = [
    "offline-title",
    "offline-page-text",
    "offline-saved-list",
    "offline-saved-none",
    "offline-try-again",
    "offline-notice",
    "offline-queued",
    "site-name",
    "site-tagline",
    "footer-text",
];
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
    pub packs: packs::Packs,
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
    /// Narration audio, by content-hashed name.
    pub audio: HashMap<String, audio::Audio>,
    pub health: serde_json::Value,
    /// Offline learning: this build's id (the service worker's caches carry it), the worker's
    /// script, and the home-screen icons as (size, purpose, URL) for the manifest.
    pub offline: Offline,
    /// The configured public address (no trailing slash), for link previews and short links.
    pub public_url: Option<String>,
    /// Share cards drawn on first request, by path: at most one per course and language
    /// (plus the catalogue's), since only the current fingerprint is drawn.
    pub share_cards: std::sync::Mutex<HashMap<String, std::sync::Arc<Page>>>,
    /// Signed-in learners' lesson, course and catalogue pages, rendered once per state.
    pub member_pages: page_cache::member::MemberPages,
}

pub struct Offline {
    pub build: String,
    pub enabled: bool,
    pub service_worker: Page,
    pub icons: Vec<(u32, &'static str, String)>,
}

impl Site {
    pub fn build(
        mut courses: Vec<Loaded>,
        i18n: I18n,
        themes_dir: &Path,
        default_theme: &str,
        service_worker: bool,
        public_url: Option<String>,
    ) -> Result<Site, SiteError> {
        let public_url = public_url.map(|u| u.trim_end_matches('/').to_string());
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
        let mut loaded_themes = Vec::new();
        // The build's id changes with any script, stylesheet or icon, and with the version.
        let mut build = sha2::Sha256::new();
        use sha2::Digest as _;
        build.update(env!("CARGO_PKG_VERSION"));
        for script in scripts::all() {
            build.update(&script.file);
            assets.insert(
                script.file.clone(),
                Page::new(
                    "text/javascript; charset=utf-8",
                    script.source.into_bytes(),
                    &script.file,
                ),
            );
        }
        build.update(scripts::service_worker());
        let mut icons = Vec::new();
        for icon in app_icons::all() {
            let name = format!(
                "app-icon-{}-{}-{}.png",
                icon.size,
                icon.purpose,
                theme::short_hash(&icon.png)
            );
            build.update(&name);
            icons.push((icon.size, icon.purpose, format!("/static/{name}")));
            assets.insert(name.clone(), Page::new("image/png", icon.png, &name));
        }
        for name in &names {
            let t = theme::load(themes_dir, name)?;
            build.update(t.css_name());
            build.update(t.icon_name());
            // The shell (offline page) is kept per build: a template or wording change is one.
            for (file, f) in &t.templates {
                build.update(file);
                build.update(&f.text);
            }
            loaded_themes.push(t);
        }
        for lang in i18n.locales() {
            for key in OFFLINE_PAGE_STRINGS {
                build.update(i18n.tr(lang, key, None));
            }
        }
        let build = hex::encode(&build.finalize()[..6]);
        for t in loaded_themes {
            let name = &t.name.clone();
            assets.insert(
                t.css_name(),
                Page::new("text/css; charset=utf-8", t.css.clone().into_bytes(), name),
            );
            assets.insert(
                t.icon_name(),
                Page::new("image/svg+xml", t.icon.clone().into_bytes(), name),
            );
            let chrome = render::OfflineChrome {
                build: build.clone(),
                service_worker,
            };
            let renderer = Renderer::new(t, i18n.clone(), names.clone(), chrome)?
                .with_public_url(public_url.clone());
            // Unpublished courses are never pre-rendered: only previewers see them.
            let published: Vec<&Loaded> = courses
                .iter()
                .filter(|c| c.bundle.course.published)
                .collect();
            let cache = PageCache::prerender(&renderer, &published, &i18n)?;
            let packs = packs::Packs::new(&published, &i18n.locales());
            themes.push(SiteTheme {
                renderer,
                cache,
                packs,
            });
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
        let audio = courses
            .iter()
            .flat_map(|c| &c.bundle.audio)
            .map(|a| (a.name.clone(), audio::Audio::new(a)))
            .collect();
        let health = serde_json::json!({
            "status": "ok",
            "version": env!("CARGO_PKG_VERSION"),
            "courses": courses.iter().filter(|c| c.bundle.course.published).map(|c| serde_json::json!({
                "id": c.bundle.course.id, "version": c.bundle.course.version, "hash": c.entry.hash,
            })).collect::<Vec<_>>(),
        });
        let worker = format!(
            "const BUILD = '{build}';\nconst KILLED = {};\n{}",
            !service_worker,
            scripts::service_worker()
        );
        let offline = Offline {
            service_worker: Page::new(
                "text/javascript; charset=utf-8",
                worker.into_bytes(),
                &build,
            ),
            build,
            enabled: service_worker,
            icons,
        };
        Ok(Site {
            i18n,
            courses,
            themes,
            default_theme,
            assets,
            media,
            audio,
            health,
            offline,
            public_url,
            share_cards: std::sync::Mutex::default(),
            member_pages: page_cache::member::MemberPages::default(),
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

    /// The offline pack of a published course in `lang` for the visitor's theme.
    pub fn offline_pack(&self, req: &HttpRequest, lang: Locale, course: &str) -> Option<&Page> {
        let theme = self.theme_for(req);
        let loaded = self.loaded(course)?;
        let files = packs::Files {
            renderer: &theme.renderer,
            cache: &theme.cache,
            assets: &self.assets,
            media: &self.media,
        };
        theme.packs.get(files, lang, loaded)
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
/// patterns with regexes, which cost more than serving the page itself. A signed-in learner's
/// page already made for their state in memory is answered here too (`member::answer_known`).
/// Everything else goes through `routes::config` as usual.
pub fn fast_path<S>(req: ServiceRequest, next: &S) -> Next
where
    S: Service<ServiceRequest, Response = ServiceResponse<BoxBody>, Error = Error>,
    S::Future: 'static,
{
    if req.method() == actix_web::http::Method::GET {
        let answer = if req.cookie(session::COOKIE).is_none() {
            req.app_data::<web::Data<Site>>().and_then(|site| {
                let page = site.theme_for(req.request()).cache.page(req.path())?;
                Some(page.respond(req.request(), REVALIDATE))
            })
        } else {
            page_cache::member::answer_known(req.request())
        };
        if let Some(resp) = answer {
            metrics::page_cache_hit();
            actix_web::HttpMessage::extensions_mut(&req).insert(metrics::PageCacheHit);
            return Box::pin(ready(Ok(req.into_response(resp))));
        }
    }
    Box::pin(next.call(req))
}
