//! Who may see which units. Handlers take `access: Access` to require a manager or admin
//! (visitors and guests are sent to the login page, other learners get a 403), and
//! `scope: UnitInScope` when the URL names a unit (404 for an unknown code, 403 for a unit
//! outside the caller's subtrees).

use crate::site::error::AppError;
use crate::site::extract::{account_at, async_extractor};
use crate::site::viewer::Viewer;
use actix_web::HttpRequest;
use hocvu_content::Locale;
use hocvu_store::entities::learners;
use hocvu_store::orgs::{Role, Unit};

/// The signed-in person's management rights.
pub struct Access {
    pub learner: learners::Model,
    /// Their header on every management page.
    pub viewer: Viewer,
    pub admin: bool,
    pub author: bool,
    /// Units whose subtrees they manage.
    pub managed: Vec<Unit>,
    pub units: Vec<Unit>,
    /// The interface language of the URL.
    pub lang: Locale,
}

impl Access {
    pub fn sees(&self, unit: &Unit) -> bool {
        self.admin || self.managed.iter().any(|m| unit.path.starts_with(&m.path))
    }

    /// The top units of what they may see: the roots for an admin, else their own units.
    pub fn scopes(&self) -> Vec<&Unit> {
        if self.admin {
            self.units
                .iter()
                .filter(|u| u.parent_code.is_none())
                .collect()
        } else {
            self.managed.iter().collect()
        }
    }

    pub fn unit(&self, code: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.code == code)
    }

    /// The unit `code` if the caller may see it: 404 for an unknown code, 403 for another's.
    pub fn visible_unit(&self, code: &str) -> Result<&Unit, AppError> {
        let unit = self.unit(code).ok_or_else(AppError::not_found)?;
        if self.sees(unit) {
            Ok(unit)
        } else {
            Err(AppError::forbidden())
        }
    }

    /// Province admins only (roles, certificates): 403 for unit managers.
    pub fn require_admin(&self) -> Result<(), AppError> {
        if self.admin {
            Ok(())
        } else {
            Err(AppError::forbidden())
        }
    }
}

async fn access(req: HttpRequest) -> Result<Access, AppError> {
    let (site, accounts, lang, learner) = account_at(&req).await?;
    let viewer = accounts.viewer_for(&site, &learner).await?;
    viewer.remember(&req);
    let roles = accounts.store.roles_of(learner.id).await?;
    let units = accounts.store.units().await?;
    let has = |r: Role| roles.iter().any(|x| x.role == r.as_str());
    let managed: Vec<Unit> = roles
        .iter()
        .filter(|r| r.role == Role::Manager.as_str())
        .filter_map(|r| units.iter().find(|u| u.code == r.unit_code).cloned())
        .collect();
    let access = Access {
        lang,
        admin: has(Role::Admin),
        author: has(Role::Author),
        learner,
        viewer,
        managed,
        units,
    };
    if !access.admin && access.managed.is_empty() {
        return Err(AppError::forbidden());
    }
    Ok(access)
}

impl Access {
    async fn extract(req: HttpRequest) -> Result<Self, AppError> {
        access(req).await
    }
}

async_extractor!(Access);

/// The unit of the URL's `{code}`, within the caller's access.
pub struct UnitInScope {
    pub access: Access,
    pub unit: Unit,
}

impl UnitInScope {
    async fn extract(req: HttpRequest) -> Result<Self, AppError> {
        let code = req.match_info().get("code").unwrap_or_default().to_string();
        let access = access(req).await?;
        let unit = access.visible_unit(&code)?.clone();
        Ok(UnitInScope { access, unit })
    }
}

async_extractor!(UnitInScope);
