//! The narrators' workspace (`/{lang}/narrate/`): a narrator of a locale records a lesson and
//! each of its questions from the browser's microphone (or uploads a file), listens back and
//! records again; a reviewer of the locale (for Vietnamese, an author) accepts it into the
//! content folder — beside the lesson, as the compiler reads it — or returns it with a comment.
//! Nobody reviews their own recording. Needs a server running from `--content`.

pub mod files;
pub mod handlers;

use crate::site::error::AppError;
use crate::site::extract::{account_at, async_extractor};
use crate::site::viewer::{self, Viewer};
use actix_web::HttpRequest;
use hocvu_content::Locale;
use hocvu_store::entities::learners;
use hocvu_store::orgs::Role;

/// A recording longer than this is refused at upload (a lesson's narration may last 20 min).
pub const MAX_UPLOAD_BYTES: usize = 25 * 1024 * 1024;

/// A signed-in narrator or narration reviewer (of any locale), or a province admin (who may look).
pub struct Narrating {
    pub learner: learners::Model,
    pub viewer: Viewer,
    pub lang: Locale,
    pub narrates: Vec<Locale>,
    pub reviews: Vec<Locale>,
    pub admin: bool,
}

impl Narrating {
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
        let narrates = of(Role::Narrator);
        let mut reviews = of(Role::Reviewer);
        // Authors own the Vietnamese text: they accept its narration.
        if roles.iter().any(|r| r.role == Role::Author.as_str()) {
            reviews.push(Locale::SOURCE);
        }
        let admin = roles.iter().any(|r| r.role == Role::Admin.as_str());
        if narrates.is_empty() && reviews.is_empty() && !admin {
            return Err(AppError::forbidden().because("narrate-not-narrator"));
        }
        let viewer = viewer::load_for(&site.courses, &accounts.store, learner.clone()).await?;
        viewer.remember(&req);
        Ok(Narrating {
            learner,
            viewer,
            lang,
            narrates,
            reviews,
            admin,
        })
    }

    /// Locales this person works on (an admin sees every one).
    pub fn locales(&self) -> Vec<Locale> {
        let mut all: Vec<Locale> = if self.admin {
            Locale::ALL.to_vec()
        } else {
            self.narrates.iter().chain(&self.reviews).copied().collect()
        };
        all.sort();
        all.dedup();
        all
    }

    /// The URL's `{locale}`: 404 if it is not a locale, 403 without a role for it.
    pub fn locale(&self, tag: &str) -> Result<Locale, AppError> {
        let locale = Locale::parse(tag).map_err(|_| AppError::not_found())?;
        if self.locales().contains(&locale) {
            Ok(locale)
        } else {
            Err(AppError::forbidden().because("narrate-not-for-locale"))
        }
    }

    pub fn can_record(&self, l: Locale) -> bool {
        self.narrates.contains(&l)
    }

    pub fn can_review(&self, l: Locale) -> bool {
        self.reviews.contains(&l)
    }

    /// The name written into `.narration.toml` (`narrator`, `reviewed_by`).
    pub fn name(&self) -> String {
        display_name(&self.learner)
    }
}

pub fn display_name(learner: &learners::Model) -> String {
    learner
        .display_name
        .clone()
        .or_else(|| learner.username.clone())
        .unwrap_or_else(|| format!("#{}", learner.id))
}

async_extractor!(Narrating);
