//! GET `/{lang}/manage/citizens/`: citizens by the commune they chose at registration —
//! registered, completed a course, hold a certificate — against the adults target. Groups
//! under five people are shown as "<5".

use crate::manage::access::Access;
use crate::manage::reports::commune_rows;
use crate::manage::{Targets, masked, masked_total, page, percent_text, share, target_json};
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use actix_web::{HttpResponse, web};
use hocvu_store::reports::CommuneTally;
use serde_json::json;

pub async fn handle(
    ctx: Ctx,
    targets: web::Data<Targets>,
    access: Access,
) -> Result<HttpResponse, AppError> {
    let rows = commune_rows(ctx.store(), &access).await?;
    let column = |f: fn(&CommuneTally) -> i64| {
        masked_total(&rows.iter().map(|(_, c)| f(c)).collect::<Vec<_>>())
    };
    let (registered, completed, certified) = (
        column(|c| c.registered),
        column(|c| c.completed),
        column(|c| c.certified),
    );
    let adults: i64 = rows.iter().map(|(u, _)| u.adults.unwrap_or(0)).sum();
    let communes: Vec<_> = rows
        .iter()
        .map(|(u, c)| {
            let pct = share(c.certified, u.adults);
            json!({
                "name": u.name, "code": u.code, "adults": u.adults, "registered": masked(c.registered),
                "completed": masked(c.completed), "certified": masked(c.certified), "percent": percent_text(pct),
                "met": pct.is_some_and(|p| p >= targets.adults_percent as f64),
            })
        })
        .collect();
    let data = json!({
        "communes": communes,
        "total": {"registered": registered.0, "completed": completed.0, "certified": certified.0,
                  "adults": (adults > 0).then_some(adults), "percent": percent_text(share(certified.1, (adults > 0).then_some(adults)))},
        "target": target_json(targets.adults_percent, &targets.adults_date),
    });
    page(&ctx, &access, "citizens.html", "manage/citizens/", &data)
}
