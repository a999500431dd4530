//! GET `/{lang}/manage/citizens/` (and `citizens.csv`): citizens by the commune they chose at
//! registration — registered, completed a course, hold a certificate — against the adults
//! target. Groups under five people are shown as "<5".

use super::{csv_response, failed, page, targets};
use crate::Accounts;
use crate::extract::UiLang;
use crate::manage::{Access, masked, masked_total, percent_text, share};
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};
use hocvu_store::reports::CommuneTally;
use serde_json::json;

async fn rows(
    accounts: &Accounts,
    access: &Access,
) -> Result<Vec<(hocvu_store::orgs::Unit, CommuneTally)>, hocvu_store::StoreError> {
    let tallies = accounts.store.commune_tallies().await?;
    Ok(access
        .units
        .iter()
        .filter(|u| (u.kind == "commune" || u.kind == "ward") && access.sees(u))
        .map(|u| (u.clone(), tallies.get(&u.code).cloned().unwrap_or_default()))
        .collect())
}

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    access: Access,
) -> HttpResponse {
    let rows = match rows(&accounts, &access).await {
        Ok(r) => r,
        Err(e) => return failed(&site, &req, e),
    };
    let t = targets(&req);
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
                "met": pct.is_some_and(|p| p >= t.adults_percent as f64),
            })
        })
        .collect();
    let data = json!({
        "communes": communes,
        "total": {"registered": registered.0, "completed": completed.0, "certified": certified.0,
                  "adults": (adults > 0).then_some(adults), "percent": percent_text(share(certified.1, (adults > 0).then_some(adults)))},
        "target": {"percent": t.adults_percent, "date": hocvu_certs::date::day_month_year(&t.adults_date)},
    });
    page(
        &site,
        &req,
        "citizens.html",
        lang,
        "manage/citizens/",
        &data,
    )
}

pub async fn csv(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    access: Access,
) -> HttpResponse {
    let rows = match rows(&accounts, &access).await {
        Ok(r) => r,
        Err(e) => return failed(&site, &req, e),
    };
    let out: Vec<Vec<String>> = rows
        .iter()
        .map(|(u, c)| {
            vec![
                u.code.clone(),
                u.name.clone(),
                u.adults.map(|a| a.to_string()).unwrap_or_default(),
                masked(c.registered),
                masked(c.completed),
                masked(c.certified),
                share(c.certified, u.adults)
                    .map(|p| format!("{p:.1}"))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    let header = [
        "code",
        "name",
        "adults",
        "registered",
        "completed_a_course",
        "certified",
        "certified_percent_of_adults",
    ];
    csv_response("hocvu-citizens.csv", crate::csv_io::write(&header, &out))
}
