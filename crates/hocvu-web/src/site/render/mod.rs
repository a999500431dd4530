//! Turns data into pages with a theme's Tera templates. Every visible string comes from the
//! Fluent files through the templates' `t()` function. Every HTML page goes through
//! [`Renderer::page`] (or a page method built on it), which adds the one page chrome: the
//! header for this viewer, the language and theme switchers, the footer.

mod learning;
mod listen;
mod share;

pub use listen::size as listen_size;
pub use share::{CARD_PREFIX, CATALOGUE_CARD, og_locale};

use crate::site::theme::Theme;
use crate::site::viewer::Viewer;
use hocvu_content::Locale;
use hocvu_i18n::{FluentValue, I18n};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use tera::{Context, Tera, Value};

pub use tera::Context as PageContext;

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct RenderError(pub String);

/// Tera's errors nest the useful part (file, line) in their sources.
fn describe(err: &tera::Error) -> String {
    let mut msg = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

/// The one HTML escaper of the web pages (the same as the lesson compiler's): `&`, `<`, `>`
/// and `"`, enough for text and double-quoted attributes.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

pub struct Renderer {
    pub theme: Theme,
    tera: Tera,
    i18n: Arc<I18n>,
    /// Name of every theme, for the switcher.
    themes: Vec<String>,
    offline: OfflineChrome,
    scripts: serde_json::Map<String, Value>,
    /// The configured public address, for link-preview tags and share cards.
    public_url: Option<String>,
}

/// What every page tells the offline script: the build (its caches' names) and whether the
/// service worker is on (off is the operator's kill switch).
pub struct OfflineChrome {
    pub build: String,
    pub service_worker: bool,
}

#[derive(Serialize)]
struct Link {
    href: String,
    code: String,
    name: String,
    label: String,
    current: bool,
}

/// Where a page is, for the language switcher: the same page in another language.
pub enum Here<'a> {
    /// `/{lang}/` followed by this.
    InLanguage(&'a str),
    /// An address without a language in it (`/verify/…`).
    Fixed(&'a str),
}

impl Renderer {
    pub fn new(
        theme: Theme,
        i18n: Arc<I18n>,
        themes: Vec<String>,
        offline: OfflineChrome,
    ) -> Result<Renderer, RenderError> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        // Tera's default also escapes `/`, which only bloats every link.
        tera.set_escape_fn(escape_html);
        let templates: Vec<(&str, &str)> = theme
            .templates
            .iter()
            .map(|(name, f)| (*name, f.text.as_str()))
            .collect();
        if let Err(e) = tera.add_raw_templates(templates) {
            let message = describe(&e);
            // "Failed to parse 'lesson.html'": name the file that was actually read.
            let origin = theme
                .templates
                .iter()
                .find(|(name, _)| message.contains(&format!("'{name}'")))
                .map_or_else(|| "templates".to_string(), |(_, f)| f.origin.clone());
            return Err(RenderError(format!(
                "theme `{}`: {origin}: {message}",
                theme.name
            )));
        }
        let strings = i18n.clone();
        tera.register_function("t", move |args: &HashMap<String, Value>| {
            let key = args
                .get("key")
                .and_then(Value::as_str)
                .ok_or("t() needs key=\"…\"")?;
            let lang = args
                .get("lang")
                .and_then(Value::as_str)
                .and_then(|l| Locale::parse(l).ok())
                .unwrap_or(Locale::SOURCE);
            let mut fluent_args = hocvu_i18n::FluentArgs::new();
            for (name, value) in args {
                let value: FluentValue<'_> = match value {
                    Value::Number(n) if n.is_i64() => n.as_i64().unwrap_or_default().into(),
                    Value::Number(n) => n.as_f64().unwrap_or_default().into(),
                    Value::String(s) => s.clone().into(),
                    _ => continue,
                };
                if name != "key" && name != "lang" {
                    fluent_args.set(name.clone(), value);
                }
            }
            Ok(Value::String(strings.tr(lang, key, Some(&fluent_args))))
        });
        Ok(Renderer {
            theme,
            tera,
            i18n,
            themes,
            offline,
            scripts: crate::site::scripts::urls(),
            public_url: None,
        })
    }

    /// Pages then carry absolute link-preview URLs built from `url` (no trailing slash).
    pub fn with_public_url(mut self, url: Option<String>) -> Renderer {
        self.public_url = url.map(|u| u.trim_end_matches('/').to_string());
        self
    }

    fn render(&self, template: &str, ctx: &Context) -> Result<String, RenderError> {
        self.tera.render(template, ctx).map_err(|e| {
            RenderError(format!(
                "theme `{}`, {template}: {}",
                self.theme.name,
                describe(&e)
            ))
        })
    }

    /// Any page of the site: the chrome for `viewer` at `here`, then `fill` adds the
    /// template's own variables.
    pub fn page(
        &self,
        template: &str,
        lang: Locale,
        here: Here<'_>,
        viewer: &Viewer,
        fill: impl FnOnce(&mut Context),
    ) -> Result<String, RenderError> {
        let mut ctx = self.chrome(lang, here, viewer);
        fill(&mut ctx);
        self.render(template, &ctx)
    }

    /// Variables every page has: language, viewer, switchers, assets.
    fn chrome(&self, lang: Locale, here: Here<'_>, viewer: &Viewer) -> Context {
        let in_language = |l: Locale| match here {
            Here::InLanguage(rest) => format!("/{l}/{rest}"),
            Here::Fixed(path) => path.to_string(),
        };
        let current = in_language(lang);
        let mut ctx = Context::new();
        ctx.insert("lang", lang.as_str());
        ctx.insert("viewer", &viewer.known());
        ctx.insert("ui_draft", &(self.i18n.status(lang) == "draft"));
        ctx.insert(
            "assets",
            &serde_json::json!({
                "css": format!("/static/{}", self.theme.css_name()),
                "icon": format!("/static/{}", self.theme.icon_name()),
                "scripts": self.scripts,
            }),
        );
        ctx.insert(
            "offline",
            &serde_json::json!({
                "build": self.offline.build,
                "sw": if self.offline.service_worker { "on" } else { "off" },
                // Whose answers a phone may send (a learner's own pages only).
                "learner": viewer.learner_key(),
            }),
        );
        let languages: Vec<Link> = self
            .i18n
            .locales()
            .into_iter()
            .map(|l| Link {
                href: format!("/prefs?lang={l}&next={}", in_language(l)),
                code: l.as_str().into(),
                name: l.native_name().into(),
                label: String::new(),
                current: l == lang,
            })
            .collect();
        ctx.insert("languages", &languages);
        let themes: Vec<Link> = self
            .themes
            .iter()
            .map(|t| Link {
                href: format!("/prefs?theme={t}&next={current}"),
                code: t.clone(),
                name: t.clone(),
                label: format!("theme-{t}"),
                current: *t == self.theme.name,
            })
            .collect();
        ctx.insert("themes", &themes);
        ctx
    }

    /// The error page for `status` (400, 403, 404, 413; anything else reads as 500).
    pub fn error(
        &self,
        lang: Locale,
        status: u16,
        detail: Option<&str>,
        viewer: &Viewer,
    ) -> Result<String, RenderError> {
        let code = if matches!(status, 400 | 403 | 404 | 413) {
            status
        } else {
            500
        };
        self.page("error.html", lang, Here::InLanguage(""), viewer, |ctx| {
            ctx.insert(
                "error",
                &serde_json::json!({
                    "title": format!("error-title-{code}"),
                    "text": format!("error-text-{code}"),
                    "detail": detail,
                }),
            );
        })
    }

    /// The compiler marks callouts by kind only; their visible label is an interface string.
    pub(crate) fn callout_labels(&self, html: &str, lang: Locale) -> String {
        let mut out = html.to_string();
        for kind in ["tip", "note", "warning", "scam"] {
            let key = format!("callout-{kind}");
            let label = escape_html(&self.i18n.tr(lang, &key, None));
            let label_lang = self.i18n.resolved_locale(lang, &key);
            let lang_attr = if label_lang == lang {
                String::new()
            } else {
                format!(" lang=\"{label_lang}\"")
            };
            out = out.replace(
                &format!("<aside class=\"callout callout-{kind}\">\n"),
                &format!("<aside class=\"callout callout-{kind}\">\n<p class=\"callout-label\"{lang_attr}>{label}</p>\n"),
            );
        }
        out
    }
}
