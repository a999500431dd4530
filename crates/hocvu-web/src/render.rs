//! Turns bundles into pages with a theme's Tera templates. Every visible string comes from the
//! Fluent files through the templates' `t()` function.

use crate::quiz::{Graded, QuestionState};
use crate::theme::Theme;
use hocvu_content::{Audience, Bundle, Lesson, Locale, TranslationStatus};
use hocvu_i18n::{FluentValue, I18n};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use tera::{Context, Tera, Value};

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

pub struct Renderer {
    pub theme: Theme,
    tera: Tera,
    i18n: Arc<I18n>,
    /// `(name, label key)` of every theme, for the switcher.
    themes: Vec<String>,
}

/// Who is looking at a personalised page, and what they have done. Anonymous pages have none.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Viewer {
    pub guest: bool,
    pub name: Option<String>,
    /// Course id → lessons complete for the course as deployed now.
    #[serde(skip)]
    pub done: BTreeMap<String, BTreeSet<String>>,
    /// `(course, lesson)` → best `(right, total)`.
    #[serde(skip)]
    pub best: BTreeMap<(String, String), (i32, i32)>,
    #[serde(skip)]
    pub completed: BTreeSet<String>,
    /// `(course, lesson)` opened in their current version: opening them again writes nothing.
    #[serde(skip)]
    pub opened: BTreeSet<(String, String)>,
    /// Course id → code of the learner's certificate.
    #[serde(skip)]
    pub certificates: BTreeMap<String, String>,
    /// Assigned courses: `(course id, due YYYY-MM-DD, status)`, soonest due first.
    #[serde(skip)]
    pub required: Vec<(String, String, hocvu_store::assignments::Status)>,
    /// Has a manager or admin role: the navigation links to the management pages.
    pub manages: bool,
    /// Author or admin: sees unpublished courses.
    pub preview: bool,
}

impl Viewer {
    fn has_done(&self, course: &str, slug: &str) -> bool {
        self.done.get(course).is_some_and(|d| d.contains(slug))
    }
}

/// Values of the registration form to show again after an error (never the password).
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
pub struct RegisterValues {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub commune: String,
}

#[derive(Serialize)]
struct Link {
    href: String,
    code: String,
    name: String,
    label: String,
    current: bool,
}

impl Renderer {
    pub fn new(
        theme: Theme,
        i18n: Arc<I18n>,
        themes: Vec<String>,
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
        })
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

    /// Variables every page has: language, switchers, assets.
    fn base(&self, lang: Locale, path_after_lang: &str, viewer: Option<&Viewer>) -> Context {
        self.base_at(
            lang,
            |l| format!("/{l}/{path_after_lang}"),
            &format!("/{lang}/{path_after_lang}"),
            viewer,
        )
    }

    /// `base` for a page whose address has no language in it (`here` in every language).
    fn base_at(
        &self,
        lang: Locale,
        in_language: impl Fn(Locale) -> String,
        here: &str,
        viewer: Option<&Viewer>,
    ) -> Context {
        let mut ctx = Context::new();
        ctx.insert("lang", lang.as_str());
        ctx.insert("viewer", &viewer);
        ctx.insert("ui_draft", &(self.i18n.status(lang) == "draft"));
        ctx.insert(
            "assets",
            &serde_json::json!({
                "css": format!("/static/{}", self.theme.css_name()),
                "icon": format!("/static/{}", self.theme.icon_name()),
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
                href: format!("/prefs?theme={t}&next={here}"),
                code: t.clone(),
                name: t.clone(),
                label: format!("theme-{t}"),
                current: *t == self.theme.name,
            })
            .collect();
        ctx.insert("themes", &themes);
        ctx
    }

    pub fn catalogue(
        &self,
        lang: Locale,
        courses: &[&Bundle],
        viewer: Option<&Viewer>,
    ) -> Result<String, RenderError> {
        let mut ctx = self.base(lang, "", viewer);
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
        self.render("catalogue.html", &ctx)
    }

    fn course_ctx(
        &self,
        lang: Locale,
        bundle: &Bundle,
        viewer: Option<&Viewer>,
    ) -> serde_json::Value {
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
                serde_json::json!({
                    "href": format!("/{lang}/courses/{}/{}/", bundle.course.id, l.slug),
                    "title": title, "title_lang": title_lang, "minutes": l.minutes,
                    "done": viewer.is_some_and(|v| v.has_done(&bundle.course.id, &l.slug)),
                })
            })
            .collect();
        let completed = viewer.is_some_and(|v| v.completed.contains(&bundle.course.id));
        let certificate = viewer.and_then(|v| v.certificates.get(&bundle.course.id));
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
        viewer: Option<&Viewer>,
    ) -> Result<String, RenderError> {
        let mut ctx = self.base(lang, &format!("courses/{}/", bundle.course.id), viewer);
        ctx.insert("course", &self.course_ctx(lang, bundle, viewer));
        self.render("course.html", &ctx)
    }

    /// A lesson page; with `graded`, the learner's answers, marks and feedback.
    pub fn lesson(
        &self,
        lang: Locale,
        bundle: &Bundle,
        index: usize,
        graded: Option<&Graded>,
        viewer: Option<&Viewer>,
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
        let mut ctx = self.base(lang, &format!("courses/{id}/{}/", lesson.slug), viewer);
        ctx.insert("course", &self.course_ctx(lang, bundle, viewer));
        let best = viewer
            .and_then(|v| v.best.get(&(id.clone(), lesson.slug.clone())))
            .map(|(right, total)| serde_json::json!({"right": right, "total": total}));
        let translation = text.translation.as_ref();
        ctx.insert(
            "lesson",
            &serde_json::json!({
                "href": href(lesson),
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
                "done": viewer.is_some_and(|v| v.has_done(id, &lesson.slug)),
                "best": best,
            }),
        );
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
                })
            })
            .collect();
        ctx.insert("quiz", &quiz);
        if let Some(g) = graded {
            ctx.insert(
                "result",
                &serde_json::json!({"right": g.right, "total": g.total, "needed": g.needed, "passed": g.passed}),
            );
        }
        self.render("lesson.html", &ctx)
    }

    pub fn register(
        &self,
        lang: Locale,
        viewer: Option<&Viewer>,
        form: &RegisterValues,
        errors: &[&str],
        communes: &[(String, String)],
    ) -> Result<String, RenderError> {
        let mut ctx = self.base(lang, "account/register", viewer);
        ctx.insert("form", form);
        ctx.insert("communes", communes);
        ctx.insert("errors", errors);
        ctx.insert("min_password", &crate::auth::MIN_PASSWORD_CHARS);
        ctx.insert("consent_version", crate::CONSENT_VERSION);
        self.render("register.html", &ctx)
    }

    pub fn login(
        &self,
        lang: Locale,
        viewer: Option<&Viewer>,
        username: &str,
        errors: &[&str],
    ) -> Result<String, RenderError> {
        let mut ctx = self.base(lang, "account/login", viewer);
        ctx.insert("form", &serde_json::json!({"username": username}));
        ctx.insert("errors", errors);
        self.render("login.html", &ctx)
    }

    /// The account page: change password, download data, delete the account.
    pub fn account(
        &self,
        lang: Locale,
        viewer: &Viewer,
        username: &str,
        notice: Option<&str>,
        errors: &[&str],
    ) -> Result<String, RenderError> {
        let mut ctx = self.base(lang, "account/", Some(viewer));
        ctx.insert("username", username);
        ctx.insert("notice", &notice);
        ctx.insert("errors", errors);
        ctx.insert("min_password", &crate::auth::MIN_PASSWORD_CHARS);
        self.render("account.html", &ctx)
    }

    /// "My learning": every course the learner has started, with a progress bar.
    pub fn learning(
        &self,
        lang: Locale,
        viewer: &Viewer,
        courses: &[&Bundle],
    ) -> Result<String, RenderError> {
        let mut ctx = self.base(lang, "learning/", Some(viewer));
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
        ctx.insert("required", &required_json(lang, Some(viewer), courses));
        self.render("learning.html", &ctx)
    }

    /// A page of the management area (`template` in the theme): its data is `d`.
    pub fn page(
        &self,
        template: &str,
        lang: Locale,
        path_after_lang: &str,
        viewer: Option<&Viewer>,
        data: &serde_json::Value,
    ) -> Result<String, RenderError> {
        let mut ctx = self.base(lang, path_after_lang, viewer);
        ctx.insert("d", data);
        self.render(template, &ctx)
    }

    /// The holder's certificate page: what it says, and its downloads.
    pub fn certificate(
        &self,
        lang: Locale,
        viewer: Option<&Viewer>,
        verification: &crate::certificates::Verification,
        verify_url: &str,
        badge: bool,
    ) -> Result<String, RenderError> {
        let code = &verification.code;
        let mut ctx = self.base(lang, &format!("certificates/{code}/"), viewer);
        ctx.insert("v", verification);
        ctx.insert("grouped", &grouped_code(code));
        ctx.insert("verify_url", verify_url);
        ctx.insert("badge", &badge);
        ctx.insert(
            "completed_on",
            &verification
                .certificate
                .as_ref()
                .map(|c| hocvu_certs::date::day_month_year(&c.completed_on)),
        );
        self.render("certificate.html", &ctx)
    }

    /// The public verification page: a form, and the answer for `typed` if a code was given.
    pub fn verify(
        &self,
        lang: Locale,
        typed: Option<&str>,
        found: Option<&crate::certificates::Verification>,
        bad_code: Option<&str>,
        viewer: Option<&Viewer>,
    ) -> Result<String, RenderError> {
        let here = match found {
            Some(v) => format!("/verify/{}", v.code),
            None => "/verify".to_string(),
        };
        let mut ctx = self.base_at(lang, |_| here.clone(), &here, viewer);
        ctx.insert("typed", &typed);
        ctx.insert("v", &found);
        ctx.insert("grouped", &found.map(|v| grouped_code(&v.code)));
        ctx.insert("bad_code", &bad_code);
        let dates = found.and_then(|v| v.certificate.as_ref()).map(|c| {
            serde_json::json!({
                "completed": hocvu_certs::date::day_month_year(&c.completed_on),
                "revoked": c.revoked_on.as_deref().map(hocvu_certs::date::day_month_year),
            })
        });
        ctx.insert("dates", &dates);
        self.render("verify.html", &ctx)
    }

    pub fn error(
        &self,
        lang: Locale,
        status: u16,
        detail: Option<&str>,
    ) -> Result<String, RenderError> {
        let mut ctx = self.base(lang, "", None);
        let code = if matches!(status, 400 | 403 | 404 | 413) {
            status
        } else {
            500
        };
        ctx.insert(
            "error",
            &serde_json::json!({
                "title": format!("error-title-{code}"),
                "text": format!("error-text-{code}"),
                "detail": detail,
            }),
        );
        self.render("error.html", &ctx)
    }

    /// The compiler marks callouts by kind only; their visible label is an interface string.
    fn callout_labels(&self, html: &str, lang: Locale) -> String {
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

fn lesson_title(lesson: &Lesson, lang: Locale) -> (&str, Locale) {
    match lesson.text_in(lang) {
        Some(t) => (&t.title, t.locale),
        None => ("", Locale::SOURCE),
    }
}

/// The learner's assigned courses for the catalogue and "My learning", soonest due first.
fn required_json(
    lang: Locale,
    viewer: Option<&Viewer>,
    courses: &[&Bundle],
) -> Vec<serde_json::Value> {
    let Some(v) = viewer else { return Vec::new() };
    v.required
        .iter()
        .filter_map(|(id, due, status)| {
            let b = courses.iter().find(|b| &b.course.id == id)?;
            let (title, title_lang) = b.course.title_in(lang);
            Some(serde_json::json!({
                "href": format!("/{lang}/courses/{id}/"), "title": title, "title_lang": title_lang,
                "due": hocvu_certs::date::day_month_year(due), "status": status.as_str(),
            }))
        })
        .collect()
}

fn grouped_code(code: &str) -> String {
    hocvu_certs::CertCode::parse(code).map_or_else(|_| code.to_string(), |c| c.grouped())
}

fn total_minutes(bundle: &Bundle) -> u32 {
    bundle.lessons.iter().map(|l| l.minutes).sum()
}

/// `&`, `<`, `>`, `"` and `'`: enough for text and quoted attributes.
fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
