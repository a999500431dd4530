//! The translators' and reviewers' workspace (`/{lang}/translate/`): lessons translated unit
//! by unit beside the Vietnamese, previewed through the compiler, saved as the sibling files
//! the compiler reads (`<lesson>.<locale>.md`) and recorded in the store for review and
//! `hocvu i18n export`. A reviewer of the locale accepts or returns; never their own text.

pub mod editor;
pub mod handlers;
pub mod lessons;
pub mod strings;

use crate::Config;
use crate::reload::Reloader;
use crate::site::error::AppError;
use crate::site::extract::{account_at, async_extractor};
use crate::site::viewer::Viewer;
use actix_web::HttpRequest;
use hocvu_content::Locale;
use hocvu_store::entities::learners;
use hocvu_store::orgs::Role;
use std::path::PathBuf;

/// Where the workspace reads sources and writes translations.
pub struct Workspace {
    /// The content folder; `None` when the server loads prebuilt bundles (no sources).
    pub content: Option<PathBuf>,
    /// Interface strings are read from and written to `<locales>/<locale>/main.ftl`.
    pub locales: PathBuf,
    pub reloader: Reloader,
    /// One writer at a time, so the "changed since you opened it" check and the write are one.
    pub write_lock: tokio::sync::Mutex<()>,
}

impl Workspace {
    pub fn new(config: &Config, reloader: Reloader) -> Self {
        Workspace {
            content: config.bundles.is_none().then(|| config.content.clone()),
            locales: config.locales_dir.clone(),
            reloader,
            write_lock: tokio::sync::Mutex::new(()),
        }
    }

    /// The folder of course `id` (folders are named freely; `course.toml` holds the id).
    pub fn course_dir(&self, id: &str) -> Option<PathBuf> {
        let content = self.content.as_ref()?;
        let entries = std::fs::read_dir(content).ok()?;
        entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .find(|dir| {
                std::fs::read_to_string(dir.join("course.toml"))
                    .ok()
                    .and_then(|t| t.parse::<toml::Table>().ok())
                    .and_then(|t| t.get("id").and_then(|v| v.as_str().map(str::to_string)))
                    .is_some_and(|found| found == id)
            })
    }

    pub fn glossaries(&self) -> hocvu_content::glossary::Glossaries {
        let mut diags = hocvu_content::Diagnostics::default();
        match &self.content {
            Some(dir) => hocvu_content::glossary::load_all(dir, &mut diags),
            None => Default::default(),
        }
    }
}

/// A signed-in translator or reviewer (of any locale), or a province admin (who may look).
pub struct Translating {
    pub learner: learners::Model,
    pub viewer: Viewer,
    pub lang: Locale,
    pub translates: Vec<Locale>,
    pub reviews: Vec<Locale>,
    pub admin: bool,
}

impl Translating {
    async fn extract(req: HttpRequest) -> Result<Self, AppError> {
        let (site, accounts, lang, learner) = account_at(&req).await?;
        let roles = accounts.store.roles_of(learner.id).await?;
        let of = |role: Role| -> Vec<Locale> {
            roles
                .iter()
                .filter(|r| r.role == role.as_str())
                .filter_map(|r| Locale::parse(&r.unit_code).ok())
                .collect()
        };
        let (translates, reviews) = (of(Role::Translator), of(Role::Reviewer));
        let admin = roles.iter().any(|r| r.role == Role::Admin.as_str());
        if translates.is_empty() && reviews.is_empty() && !admin {
            return Err(AppError::forbidden().because("translate-not-translator"));
        }
        let viewer = accounts.viewer_for(&site, &learner).await?;
        viewer.remember(&req);
        Ok(Translating {
            learner,
            viewer,
            lang,
            translates,
            reviews,
            admin,
        })
    }

    /// Locales this person works on (an admin sees every one).
    pub fn locales(&self) -> Vec<Locale> {
        let mut all: Vec<Locale> = if self.admin {
            Locale::ALL
                .into_iter()
                .filter(|l| *l != Locale::SOURCE)
                .collect()
        } else {
            self.translates
                .iter()
                .chain(&self.reviews)
                .copied()
                .collect()
        };
        all.sort();
        all.dedup();
        all
    }

    /// The URL's `{locale}`: 404 if it is not a translation locale, 403 without a role for it.
    pub fn locale(&self, tag: &str) -> Result<Locale, AppError> {
        let locale = Locale::parse(tag)
            .ok()
            .filter(|l| *l != Locale::SOURCE)
            .ok_or_else(AppError::not_found)?;
        if self.locales().contains(&locale) {
            Ok(locale)
        } else {
            Err(AppError::forbidden().because("translate-not-for-locale"))
        }
    }

    pub fn can_translate(&self, l: Locale) -> bool {
        self.translates.contains(&l)
    }

    pub fn can_review(&self, l: Locale) -> bool {
        self.reviews.contains(&l)
    }

    /// The name written into files (`translator`, `reviewed_by`).
    pub fn name(&self) -> String {
        self.learner
            .display_name
            .clone()
            .or_else(|| self.learner.username.clone())
            .unwrap_or_else(|| format!("#{}", self.learner.id))
    }
}

async_extractor!(Translating);
