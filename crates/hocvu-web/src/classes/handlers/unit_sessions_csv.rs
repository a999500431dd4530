//! GET `/{lang}/manage/units/{code}/sessions.csv`: the same rows as the sessions report.

use crate::classes::report::{place_rows, shown_participants};
use crate::manage::access::UnitInScope;
use crate::manage::{Targets, csv};
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use actix_web::{HttpResponse, web};

pub async fn handle(
    ctx: Ctx,
    targets: web::Data<Targets>,
    UnitInScope { access, unit }: UnitInScope,
) -> Result<HttpResponse, AppError> {
    let now = hocvu_store::now_ms();
    let sessions = ctx.store().sessions_under(&unit.path).await?;
    let rows = place_rows(&access.units, &unit, &sessions, &targets, now);
    let (participants, _) = shown_participants(&rows);
    let out: Vec<Vec<String>> = rows
        .iter()
        .zip(participants)
        .map(|(r, p)| {
            vec![
                r.unit.code.clone(),
                r.unit.name.clone(),
                r.unit.kind.clone(),
                r.unit.parent_code.clone().unwrap_or_default(),
                r.kind.as_str().to_string(),
                r.tally.held.to_string(),
                r.target.to_string(),
                if r.met() { "yes" } else { "no" }.to_string(),
                p,
            ]
        })
        .collect();
    let header = [
        "code",
        "name",
        "kind",
        "parent_code",
        "sessions_of_kind",
        "held",
        "target",
        "target_met",
        "participants",
    ];
    Ok(csv(
        &format!("hocvu-sessions-{}.csv", unit.code),
        &header,
        &out,
    ))
}
