//! GET `/{lang}/manage/monthly/?month=YYYY-MM&unit=CODE`: the monthly summary for the steering
//! committee — training against the civil-servant target, citizens certified, this month's
//! figures and a twelve-month trend chart (SVG drawn on the server).

use super::{failed, page, targets};
use crate::Accounts;
use crate::errors::error_page;
use crate::extract::UiLang;
use crate::manage::{
    Access, masked, masked_total, month_of, share, tally_json, today, trend_svg, twelve_months,
    visible_unit,
};
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
pub struct Query {
    month: Option<String>,
    unit: Option<String>,
}

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    access: Access,
    query: web::Query<Query>,
) -> HttpResponse {
    let today = today();
    let month = query
        .month
        .clone()
        .unwrap_or_else(|| today[..7].to_string());
    if !hocvu_store::assignments::is_date(&format!("{month}-01")) {
        return error_page(&site, &req, 400, Some("month must be YYYY-MM"));
    }
    let unit = match &query.unit {
        Some(code) => match visible_unit(&site, &req, &access, code) {
            Ok(u) => u,
            Err(resp) => return resp,
        },
        None => match access.scopes().first() {
            Some(u) => *u,
            None => {
                return error_page(
                    &site,
                    &req,
                    404,
                    Some("no units yet: import them with `hocvu org import`"),
                );
            }
        },
    };
    let store = &accounts.store;
    let figures = async {
        Ok::<_, hocvu_store::StoreError>((
            store.assignment_statuses(&unit.path, &today).await?,
            store.completion_times(&unit.path).await?,
            store.commune_tallies().await?,
        ))
    };
    let (rows, trend, communes) = match figures.await {
        Ok(x) => x,
        Err(e) => return failed(&site, &req, e),
    };
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
    let tr = |key: &str| site.i18n.tr(lang, key, None);
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
    let t = targets(&req);
    let table: Vec<_> = months
        .iter()
        .enumerate()
        .map(|(i, m)| json!({"month": m, "staff": staff[i], "citizens": masked(citizens[i]), "certificates": masked(certificates[i])}))
        .collect();
    let last = months.len() - 1;
    let data = json!({
        "unit": {"code": unit.code, "name": unit.name}, "month": month,
        "staff": tally_json(&tally),
        "staff_target": {"percent": t.staff_percent, "date": hocvu_certs::date::day_month_year(&t.staff_date), "met": tally.percent().is_some_and(|p| p >= t.staff_percent as f64)},
        "citizens": {"registered": registered.0, "certified": certified.0, "adults": (adults > 0).then_some(adults), "percent": crate::manage::percent_text(share(certified.1, (adults > 0).then_some(adults)))},
        "adults_target": {"percent": t.adults_percent, "date": hocvu_certs::date::day_month_year(&t.adults_date)},
        "this_month": {"staff": staff[last], "citizens": masked(citizens[last]), "certificates": masked(certificates[last])},
        "svg": svg, "table": table,
        "scopes": access.scopes().iter().map(|u| json!({"code": u.code, "name": u.name})).collect::<Vec<_>>(),
    });
    page(&site, &req, "monthly.html", lang, "manage/monthly/", &data)
}
