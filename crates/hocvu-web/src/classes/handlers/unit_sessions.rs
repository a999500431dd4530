//! GET `/{lang}/manage/units/{code}/sessions/`: classes and guidance sessions in the unit's
//! subtree against the plan's targets, facilitator activity and sessions by course.

use crate::classes::report::{by_course, by_facilitator, place_rows, shown_participants};
use crate::manage::access::UnitInScope;
use crate::manage::reports::course_title;
use crate::manage::{Targets, page, target_json};
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use actix_web::{HttpResponse, web};
use serde_json::json;

pub async fn handle(
    ctx: Ctx,
    targets: web::Data<Targets>,
    UnitInScope { access, unit }: UnitInScope,
) -> Result<HttpResponse, AppError> {
    let now = hocvu_store::now_ms();
    let lang = access.lang;
    let sessions = ctx.store().sessions_under(&unit.path).await?;
    let rows = place_rows(&access.units, &unit, &sessions, &targets, now);
    let (participants, total_participants) = shown_participants(&rows);
    let places: Vec<_> = rows
        .iter()
        .zip(&participants)
        .map(|(r, p)| json!({
            "code": r.unit.code, "name": r.unit.name, "kind": r.unit.kind, "session_kind": r.kind.as_str(),
            "held": r.tally.held, "target": r.target, "met": r.met(), "participants": p,
        }))
        .collect();
    let mut facilitators = Vec::new();
    for (learner, t) in by_facilitator(&sessions, now) {
        let name = ctx
            .store()
            .learner(learner)
            .await?
            .and_then(|l| l.display_name);
        facilitators.push(json!({"name": name, "held": t.held, "participants": t.shown()}));
    }
    let topics: Vec<_> = by_course(&sessions, now)
        .into_iter()
        .map(|(id, t)| json!({"title": course_title(&ctx.site, lang, &id), "held": t.held, "participants": t.shown()}))
        .collect();
    let classes_met = rows
        .iter()
        .filter(|r| r.kind.as_str() == "class" && r.met())
        .count();
    let villages_met = rows
        .iter()
        .filter(|r| r.kind.as_str() == "guidance" && r.met())
        .count();
    let data = json!({
        "unit": {"code": unit.code, "name": unit.name}, "places": places,
        "total": {"participants": total_participants, "sessions": sessions.iter().filter(|s| s.session.held(now, s.checkins)).count(),
                  "communes": rows.iter().filter(|r| r.kind.as_str() == "class").count(), "communes_met": classes_met,
                  "villages": rows.iter().filter(|r| r.kind.as_str() == "guidance").count(), "villages_met": villages_met},
        "classes_target": target_json(targets.classes_per_commune, &targets.sessions_date),
        "sessions_target": target_json(targets.sessions_per_village, &targets.sessions_date),
        "facilitators": facilitators, "topics": topics,
    });
    let here = format!("manage/units/{}/sessions/", unit.code);
    page(&ctx, &access, "unit-sessions.html", &here, &data)
}
