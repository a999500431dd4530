//! GET `/{lang}/manage/units/{code}/` (report, assignments, people) and its CSV exports
//! `units.csv` (every unit of the subtree with its roll-up) and `people.csv`.

use super::{csv_response, failed, page, targets};
use crate::Accounts;
use crate::extract::UiLang;
use crate::manage::{Access, tally_json, today, visible_unit};
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};
use hocvu_certs::date::day_month_year;
use hocvu_store::orgs::Unit;
use hocvu_store::reports::{PersonStatus, Tally, roll_up};
use serde_json::json;
use std::collections::BTreeMap;

/// Person rows shown on the page at most; bigger subtrees list their sub-units instead.
const MAX_PEOPLE_ROWS: usize = 400;

async fn load<'a>(
    site: &Site,
    accounts: &Accounts,
    req: &HttpRequest,
    access: &'a Access,
    code: &str,
) -> Result<(&'a Unit, Vec<PersonStatus>, BTreeMap<String, Tally>), HttpResponse> {
    let unit = visible_unit(site, req, access, code)?;
    let rows = accounts
        .store
        .assignment_statuses(&unit.path, &today())
        .await
        .map_err(|e| failed(site, req, e))?;
    let tally = roll_up(&access.units, &rows);
    Ok((unit, rows, tally))
}

fn unit_name<'a>(access: &'a Access, code: &'a str) -> &'a str {
    access.unit(code).map_or(code, |u| u.name.as_str())
}

fn course_title(site: &Site, lang: hocvu_content::Locale, id: &str) -> String {
    site.loaded(id).map_or_else(
        || id.to_string(),
        |l| l.bundle.course.title_in(lang).0.to_string(),
    )
}

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    access: Access,
    path: web::Path<(String, String)>,
) -> HttpResponse {
    let (unit, rows, tally) = match load(&site, &accounts, &req, &access, &path.1).await {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    let crumbs: Vec<_> = hocvu_store::reports::ancestors(&unit.path)
        .filter_map(|c| access.unit(c))
        .filter(|u| access.sees(u))
        .map(|u| json!({"code": u.code, "name": u.name}))
        .collect();
    let children: Vec<_> = access
        .units
        .iter()
        .filter(|u| u.parent_code.as_deref() == Some(unit.code.as_str()))
        .map(|u| json!({"code": u.code, "name": u.name, "kind": u.kind, "tally": tally_json(&tally.get(&u.code).cloned().unwrap_or_default())}))
        .collect();
    let assignments = match accounts.store.assignments_touching(&unit.path).await {
        Ok(a) => a,
        Err(e) => return failed(&site, &req, e),
    };
    let assignment_json: Vec<_> = assignments
        .iter()
        .map(|a| json!({
            "id": a.id, "course": course_title(&site, lang, &a.course_id), "unit": unit_name(&access, &a.unit_code),
            "position": a.position, "due": day_month_year(&a.due_on),
        }))
        .collect();
    // Assignments made within the caller's scope: theirs to exempt people from.
    let ours: Vec<i64> = assignments
        .iter()
        .filter(|a| access.unit(&a.unit_code).is_some_and(|u| access.sees(u)))
        .map(|a| a.id)
        .collect();
    let people: Option<Vec<_>> = (rows.len() <= MAX_PEOPLE_ROWS).then(|| {
        rows.iter()
            .map(|r| json!({
                "learner": r.learner_id, "name": r.name, "unit": unit_name(&access, &r.unit_code), "position": r.position,
                "activated": r.activated, "assignment": r.assignment_id, "course": course_title(&site, lang, &r.course_id),
                "due": day_month_year(&r.due_on), "status": r.status.as_str(),
                "can_exempt": !matches!(r.status, hocvu_store::assignments::Status::Completed | hocvu_store::assignments::Status::Exempt)
                    && r.learner_id != access.learner.id
                    && ours.contains(&r.assignment_id),
            }))
            .collect()
    });
    let courses: Vec<_> = site
        .bundles_for(false)
        .into_iter()
        .map(|b| json!({"id": b.course.id, "title": b.course.title_in(lang).0}))
        .collect();
    let t = targets(&req);
    let total = tally.get(&unit.code).cloned().unwrap_or_default();
    let data = json!({
        "unit": {"code": unit.code, "name": unit.name, "kind": unit.kind}, "crumbs": crumbs, "total": tally_json(&total),
        "target": {"percent": t.staff_percent, "date": day_month_year(&t.staff_date), "met": total.percent().is_some_and(|p| p >= t.staff_percent as f64)},
        "children": children, "assignments": assignment_json, "people": people, "rows": rows.len(), "courses": courses,
        "today": day_month_year(&today()),
    });
    page(
        &site,
        &req,
        "unit.html",
        lang,
        &format!("manage/units/{}/", unit.code),
        &data,
    )
}

pub async fn units_csv(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    access: Access,
    path: web::Path<(String, String)>,
) -> HttpResponse {
    let (unit, _, tally) = match load(&site, &accounts, &req, &access, &path.1).await {
        Ok(x) => x,
        Err(resp) => return resp,
    };
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
    csv_response(
        &format!("hocvu-units-{}.csv", unit.code),
        crate::csv_io::write(&header, &rows),
    )
}

pub async fn people_csv(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    access: Access,
    path: web::Path<(String, String)>,
) -> HttpResponse {
    let (unit, rows, _) = match load(&site, &accounts, &req, &access, &path.1).await {
        Ok(x) => x,
        Err(resp) => return resp,
    };
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
    csv_response(
        &format!("hocvu-people-{}.csv", unit.code),
        crate::csv_io::write(&header, &out),
    )
}
