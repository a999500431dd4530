//! GET `/{lang}/manage/`: the units the caller may see, with their totals.

use crate::manage::access::Access;
use crate::manage::reports::unit_figures;
use crate::manage::{Targets, page, tally_json, target_json};
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use actix_web::{HttpResponse, web};
use serde_json::json;

pub async fn handle(
    ctx: Ctx,
    targets: web::Data<Targets>,
    access: Access,
) -> Result<HttpResponse, AppError> {
    let mut scopes = Vec::new();
    for unit in access.scopes() {
        let (_, tally) = unit_figures(ctx.store(), &access, unit).await?;
        scopes.push(json!({
            "code": unit.code, "name": unit.name,
            "tally": tally_json(&tally.get(&unit.code).cloned().unwrap_or_default()),
        }));
    }
    let data = json!({
        "scopes": scopes, "admin": access.admin, "no_units": access.units.is_empty(),
        "target": target_json(targets.staff_percent, &targets.staff_date),
    });
    page(&ctx, &access, "manage.html", "manage/", &data)
}
