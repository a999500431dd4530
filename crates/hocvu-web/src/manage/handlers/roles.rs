//! `/{lang}/manage/roles/`: province admins give and take roles (manager of a unit, admin,
//! author, translator or reviewer of a locale). Learners are found by username or phone number.

use crate::manage::access::Access;
use crate::manage::page;
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use actix_web::HttpResponse;
use hocvu_store::orgs::{NARRATION_LOCALES, Role};
use serde_json::json;

pub async fn handle(ctx: Ctx, access: Access) -> Result<HttpResponse, AppError> {
    access.require_admin()?;
    let roles = ctx.store().all_roles().await?;
    let mut list = Vec::new();
    for r in roles {
        let who = ctx.store().learner(r.learner_id).await?;
        list.push(json!({
            "learner": r.learner_id, "role": r.role, "unit_code": r.unit_code,
            "unit": access.unit(&r.unit_code).map(|u| u.name.clone()),
            "locale": Role::parse(&r.role).filter(|r| r.has_locale()).map(|_| r.unit_code.clone()),
            "username": who.as_ref().and_then(|l| l.username.clone()), "name": who.and_then(|l| l.display_name),
        }));
    }
    let units: Vec<_> = access.units.iter().map(|u| json!({"code": u.code, "name": u.name, "depth": u.path.matches('/').count().saturating_sub(2)})).collect();
    let data = json!({"roles": list, "units": units, "locales": NARRATION_LOCALES});
    page(&ctx, &access, "roles.html", "manage/roles/", &data)
}
