//! POST `/{lang}/manage/roles/{grant|revoke}`: a province admin gives or takes a role.

use crate::manage::access::Access;
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin};
use crate::site::respond;
use actix_web::{HttpResponse, web};
use hocvu_store::orgs::Role;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    learner: Option<i64>,
    role: String,
    #[serde(default)]
    unit: String,
    /// The language of a translator, reviewer or narrator.
    #[serde(default)]
    locale: String,
}

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    access: Access,
    action: web::Path<(String, String)>,
    form: web::Form<RoleForm>,
) -> Result<HttpResponse, AppError> {
    access.require_admin()?;
    let role = Role::parse(&form.role).ok_or_else(|| {
        AppError::bad_request().detail(
            "role must be manager, facilitator, translator, reviewer, narrator, admin or author",
        )
    })?;
    let scope = if role.has_locale() {
        &form.locale
    } else {
        &form.unit
    };
    let unit = Some(scope.trim()).filter(|u| !u.is_empty());
    let by = Some(access.learner.id);
    match action.1.as_str() {
        "grant" => {
            let learner = crate::manage::learner_named(ctx.store(), &form.username).await?;
            ctx.store().grant(learner.id, role, unit, by).await?;
        }
        "revoke" => {
            let id = form.learner.ok_or_else(AppError::bad_request)?;
            ctx.store()
                .revoke_role(id, role, unit.unwrap_or(""), by)
                .await?;
        }
        _ => return Err(AppError::not_found()),
    }
    Ok(respond::see_other(format!(
        "/{}/manage/roles/",
        access.lang
    )))
}
