//! GET `/{lang}/manage/`: the units the caller may see, with their totals.

use super::{failed, page, targets};
use crate::Accounts;
use crate::extract::UiLang;
use crate::manage::{Access, tally_json, today};
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};
use serde_json::json;

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    access: Access,
) -> HttpResponse {
    let today = today();
    let mut scopes = Vec::new();
    for unit in access.scopes() {
        let rows = match accounts.store.assignment_statuses(&unit.path, &today).await {
            Ok(r) => r,
            Err(e) => return failed(&site, &req, e),
        };
        let tally = hocvu_store::reports::roll_up(&access.units, &rows);
        scopes.push(json!({
            "code": unit.code, "name": unit.name,
            "tally": tally_json(&tally.get(&unit.code).cloned().unwrap_or_default()),
        }));
    }
    let t = targets(&req);
    let data = json!({
        "scopes": scopes, "admin": access.admin, "no_units": access.units.is_empty(),
        "target": {"percent": t.staff_percent, "date": hocvu_certs::date::day_month_year(&t.staff_date)},
    });
    page(&site, &req, "manage.html", lang, "manage/", &data)
}
