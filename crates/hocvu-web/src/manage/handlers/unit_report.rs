//! GET `/{lang}/manage/units/{code}/`: a unit's report against the target, its sub-units,
//! its assignments and its people (with exemptions where the caller may give them).

use crate::manage::access::UnitInScope;
use crate::manage::reports::{course_title, unit_figures, unit_name};
use crate::manage::{Targets, page, tally_json, target_json};
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use actix_web::{HttpResponse, web};
use hocvu_dates::day_month_year;
use hocvu_store::assignments::Status;
use serde_json::json;

/// Person rows shown on the page at most; bigger subtrees list their sub-units instead.
const MAX_PEOPLE_ROWS: usize = 400;

pub async fn handle(
    ctx: Ctx,
    targets: web::Data<Targets>,
    UnitInScope { access, unit }: UnitInScope,
) -> Result<HttpResponse, AppError> {
    let lang = access.lang;
    let (rows, tally) = unit_figures(ctx.store(), &access, &unit).await?;
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
    let assignments = ctx.store().assignments_touching(&unit.path).await?;
    let assignment_json: Vec<_> = assignments
        .iter()
        .map(|a| json!({
            "id": a.id, "course": course_title(&ctx.site, lang, &a.course_id), "unit": unit_name(&access, &a.unit_code),
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
                "activated": r.activated, "assignment": r.assignment_id, "course": course_title(&ctx.site, lang, &r.course_id),
                "due": day_month_year(&r.due_on), "status": r.status.as_str(),
                "can_exempt": !matches!(r.status, Status::Completed | Status::Exempt)
                    && r.learner_id != access.learner.id
                    && ours.contains(&r.assignment_id),
            }))
            .collect()
    });
    let courses: Vec<_> = ctx
        .site
        .bundles_for(false)
        .into_iter()
        .map(|b| json!({"id": b.course.id, "title": b.course.title_in(lang).0}))
        .collect();
    let total = tally.get(&unit.code).cloned().unwrap_or_default();
    let mut target = target_json(targets.staff_percent, &targets.staff_date);
    target["met"] = json!(
        total
            .percent()
            .is_some_and(|p| p >= targets.staff_percent as f64)
    );
    let data = json!({
        "unit": {"code": unit.code, "name": unit.name, "kind": unit.kind}, "crumbs": crumbs, "total": tally_json(&total),
        "target": target,
        "children": children, "assignments": assignment_json, "people": people, "rows": rows.len(), "courses": courses,
        "today": day_month_year(&hocvu_dates::today()),
    });
    let here = format!("manage/units/{}/", unit.code);
    page(&ctx, &access, "unit.html", &here, &data)
}
