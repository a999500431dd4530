//! POST `/{lang}/manage/units/{code}/facilitators/{grant|revoke}`: a manager gives or takes the
//! facilitator role for a commune, ward or village of their subtree. Audit-logged by the store.

use crate::manage::access::UnitInScope;
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin};
use crate::site::respond;
use actix_web::{HttpResponse, web};
use hocvu_store::orgs::Role;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacilitatorForm {
    #[serde(default)]
    username: String,
    learner: Option<i64>,
    unit: String,
}

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    UnitInScope { access, unit }: UnitInScope,
    path: web::Path<(String, String, String)>,
    web::Form(form): web::Form<FacilitatorForm>,
) -> Result<HttpResponse, AppError> {
    let target = access.visible_unit(form.unit.trim())?;
    if !target.path.starts_with(&unit.path) {
        return Err(AppError::forbidden());
    }
    let by = Some(access.learner.id);
    match path.2.as_str() {
        "grant" => {
            let learner = crate::manage::learner_named(ctx.store(), &form.username).await?;
            ctx.store()
                .grant(learner.id, Role::Facilitator, Some(&target.code), by)
                .await?;
        }
        "revoke" => {
            let id = form.learner.ok_or_else(AppError::bad_request)?;
            ctx.store()
                .revoke_role(id, Role::Facilitator, &target.code, by)
                .await?;
        }
        _ => return Err(AppError::not_found()),
    }
    Ok(respond::see_other(format!(
        "/{}/manage/units/{}/facilitators/",
        access.lang, unit.code
    )))
}
