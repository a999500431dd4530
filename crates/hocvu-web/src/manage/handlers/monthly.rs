//! GET `/{lang}/manage/monthly/?month=YYYY-MM&unit=CODE`: the monthly summary for the steering
//! committee — training against the civil-servant target, citizens certified, this month's
//! figures and a twelve-month trend chart (SVG drawn on the server).

use crate::manage::access::Access;
use crate::manage::chart::trend_svg;
use crate::manage::{Targets, masked, masked_total, page, share, tally_json, target_json};
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use actix_web::{HttpResponse, web};
use hocvu_dates::{month_of, twelve_months};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
pub struct Query {
    month: Option<String>,
    unit: Option<String>,
}

pub async fn handle(
    ctx: Ctx,
    targets: web::Data<Targets>,
    access: Access,
    query: web::Query<Query>,
) -> Result<HttpResponse, AppError> {
    let lang = access.lang;
    let today = hocvu_dates::today();
    let month = query
        .month
        .clone()
        .unwrap_or_else(|| today[..7].to_string());
    if !hocvu_dates::is_month(&month) || month.as_str() < "2000-01" {
        return Err(AppError::bad_request().detail("month must be YYYY-MM"));
    }
    let unit = match &query.unit {
        Some(code) => access.visible_unit(code)?,
        None => *access.scopes().first().ok_or_else(|| {
            AppError::not_found().detail("no units yet: import them with `hocvu org import`")
        })?,
    };
    let store = ctx.store();
    let rows = store.assignment_statuses(&unit.path, &today).await?;
    let trend = store.completion_times(&unit.path).await?;
    let communes = store.commune_tallies().await?;
    let sessions = store.sessions_under(&unit.path).await?;
    let tally = hocvu_store::reports::roll_up(&access.units, &rows)
        .remove(&unit.code)
        .unwrap_or_default();
    let months = twelve_months(&month);
    let count = |times: &[i64]| -> Vec<i64> {
        months
            .iter()
            .map(|m| times.iter().filter(|t| &month_of(**t) == m).count() as i64)
            .collect()
    };
    let (staff, citizens, certificates) = (
        count(&trend.staff),
        count(&trend.citizens),
        count(&trend.certificates),
    );
    let tr = |key: &str| ctx.site.i18n.tr(lang, key, None);
    let svg = trend_svg(
        &tr("monthly-chart-title"),
        &months,
        &[
            (
                &tr("monthly-staff-completions"),
                "#1d5c85",
                staff.clone(),
                false,
            ),
            (
                &tr("monthly-citizen-completions"),
                "#c77800",
                citizens.clone(),
                true,
            ),
            // Certificates go to citizens too: the same small-group rule.
            (
                &tr("monthly-certificates"),
                "#2e7d32",
                certificates.clone(),
                true,
            ),
        ],
    );
    let in_scope: Vec<_> = access
        .units
        .iter()
        .filter(|u| (u.kind == "commune" || u.kind == "ward") && u.path.starts_with(&unit.path))
        .collect();
    let column = |f: fn(&hocvu_store::reports::CommuneTally) -> i64| {
        masked_total(
            &in_scope
                .iter()
                .map(|u| communes.get(&u.code).map_or(0, f))
                .collect::<Vec<_>>(),
        )
    };
    let (registered, certified) = (column(|c| c.registered), column(|c| c.certified));
    let adults: i64 = in_scope.iter().filter_map(|u| u.adults).sum();
    let table: Vec<_> = months
        .iter()
        .enumerate()
        .map(|(i, m)| json!({"month": m, "staff": staff[i], "citizens": masked(citizens[i]), "certificates": masked(certificates[i])}))
        .collect();
    let last = months.len() - 1;
    let now = hocvu_store::now_ms();
    let in_month: Vec<_> = sessions
        .iter()
        .filter(|s| s.session.held(now, s.checkins) && month_of(s.session.starts_at) == month)
        .collect();
    let held_in_month = |kind: &str| in_month.iter().filter(|s| s.session.kind == kind).count();
    let participants_in_month: i64 = in_month.iter().map(|s| s.participants()).sum();
    let mut staff_target = target_json(targets.staff_percent, &targets.staff_date);
    staff_target["met"] = json!(
        tally
            .percent()
            .is_some_and(|p| p >= targets.staff_percent as f64)
    );
    let data = json!({
        "unit": {"code": unit.code, "name": unit.name}, "month": month,
        "staff": tally_json(&tally),
        "staff_target": staff_target,
        "citizens": {"registered": registered.0, "certified": certified.0, "adults": (adults > 0).then_some(adults), "percent": crate::manage::percent_text(share(certified.1, (adults > 0).then_some(adults)))},
        "adults_target": target_json(targets.adults_percent, &targets.adults_date),
        "this_month": {"staff": staff[last], "citizens": masked(citizens[last]), "certificates": masked(certificates[last]),
                       "classes": held_in_month("class"), "guidance": held_in_month("guidance"), "participants": masked(participants_in_month)},
        "svg": svg, "table": table,
        "scopes": access.scopes().iter().map(|u| json!({"code": u.code, "name": u.name})).collect::<Vec<_>>(),
    });
    page(&ctx, &access, "monthly.html", "manage/monthly/", &data)
}
