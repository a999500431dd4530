//! GET `/{lang}/manage/units/{code}/units.csv`: every unit of the subtree with its roll-up.

use crate::manage::access::UnitInScope;
use crate::manage::csv;
use crate::manage::reports::unit_figures;
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use actix_web::HttpResponse;

pub async fn handle(
    ctx: Ctx,
    UnitInScope { access, unit }: UnitInScope,
) -> Result<HttpResponse, AppError> {
    let (_, tally) = unit_figures(ctx.store(), &access, &unit).await?;
    let rows: Vec<Vec<String>> = access
        .units
        .iter()
        .filter(|u| u.path.starts_with(&unit.path))
        .map(|u| {
            let t = tally.get(&u.code).cloned().unwrap_or_default();
            vec![
                u.code.clone(),
                u.name.clone(),
                u.kind.clone(),
                u.parent_code.clone().unwrap_or_default(),
                t.people.to_string(),
                t.assigned.to_string(),
                t.started.to_string(),
                t.completed.to_string(),
                t.overdue.to_string(),
                t.exempt.to_string(),
                t.percent().map_or_else(String::new, |p| format!("{p:.1}")),
            ]
        })
        .collect();
    let header = [
        "code",
        "name",
        "kind",
        "parent_code",
        "people",
        "assigned",
        "started",
        "completed",
        "overdue",
        "exempt",
        "completed_percent",
    ];
    Ok(csv(
        &format!("hocvu-units-{}.csv", unit.code),
        &header,
        &rows,
    ))
}
