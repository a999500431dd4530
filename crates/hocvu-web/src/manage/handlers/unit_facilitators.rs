//! GET `/{lang}/manage/units/{code}/facilitators/`: who runs classes and guidance sessions in
//! the unit's subtree; a manager adds or removes facilitators there (an admin also on the
//! roles page). Granting a role never marks anyone's learning.

use crate::manage::access::UnitInScope;
use crate::manage::page;
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use actix_web::HttpResponse;
use hocvu_store::orgs::Role;
use serde_json::json;

pub async fn handle(
    ctx: Ctx,
    UnitInScope { access, unit }: UnitInScope,
) -> Result<HttpResponse, AppError> {
    let mut people = Vec::new();
    for r in ctx.store().all_roles().await? {
        let Some(u) = access.unit(&r.unit_code) else {
            continue;
        };
        if r.role != Role::Facilitator.as_str() || !u.path.starts_with(&unit.path) {
            continue;
        }
        let who = ctx.store().learner(r.learner_id).await?;
        people.push(json!({
            "learner": r.learner_id, "unit_code": u.code, "unit": u.name,
            "name": who.as_ref().and_then(|l| l.display_name.clone()), "username": who.and_then(|l| l.username),
        }));
    }
    let units: Vec<_> = access
        .units
        .iter()
        .filter(|u| {
            u.path.starts_with(&unit.path)
                && matches!(u.kind.as_str(), "commune" | "ward" | "village")
        })
        .map(|u| json!({"code": u.code, "name": u.name}))
        .collect();
    let data =
        json!({"unit": {"code": unit.code, "name": unit.name}, "people": people, "units": units});
    let here = format!("manage/units/{}/facilitators/", unit.code);
    page(&ctx, &access, "facilitators.html", &here, &data)
}
