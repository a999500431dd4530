//! GET `/{lang}/manage/units/{code}/people.csv`: everyone's assignments in the subtree.

use crate::manage::access::UnitInScope;
use crate::manage::csv;
use crate::manage::reports::{unit_figures, unit_name};
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use actix_web::HttpResponse;

pub async fn handle(
    ctx: Ctx,
    UnitInScope { access, unit }: UnitInScope,
) -> Result<HttpResponse, AppError> {
    let (rows, _) = unit_figures(ctx.store(), &access, &unit).await?;
    let out: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.unit_code.clone(),
                unit_name(&access, &r.unit_code).to_string(),
                r.name.clone(),
                r.position.clone().unwrap_or_default(),
                if r.activated { "yes" } else { "no" }.to_string(),
                r.course_id.clone(),
                r.due_on.clone(),
                r.status.as_str().to_string(),
            ]
        })
        .collect();
    let header = [
        "unit_code",
        "unit_name",
        "name",
        "position",
        "activated",
        "course",
        "due_on",
        "status",
    ];
    Ok(csv(
        &format!("hocvu-people-{}.csv", unit.code),
        &header,
        &out,
    ))
}
