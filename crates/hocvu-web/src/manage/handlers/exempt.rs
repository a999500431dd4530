//! POST `/{lang}/manage/units/{code}/exemptions`: exempt a person from an assignment, with a
//! reason.

use crate::manage::access::{Access, UnitInScope};
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin};
use crate::site::respond;
use actix_web::{HttpResponse, web};
use hocvu_store::orgs::Unit;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ExemptForm {
    assignment: i64,
    learner: i64,
    #[serde(default)]
    reason: String,
}

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    UnitInScope { access, unit }: UnitInScope,
    web::Form(form): web::Form<ExemptForm>,
) -> Result<HttpResponse, AppError> {
    exemptable(&ctx, &access, &unit, form.assignment, form.learner).await?;
    ctx.store()
        .exempt(
            form.assignment,
            form.learner,
            &form.reason,
            Some(access.learner.id),
        )
        .await?;
    Ok(respond::see_other(format!(
        "/{}/manage/units/{}/",
        access.lang, unit.code
    )))
}

/// Only assignments made within the caller's own scope (a province assignment is the
/// province's to waive), for someone in this unit who has it, has not completed it, and is
/// not the caller.
async fn exemptable(
    ctx: &Ctx,
    access: &Access,
    unit: &Unit,
    assignment: i64,
    learner: i64,
) -> Result<(), AppError> {
    let store = ctx.store();
    let (Some(a), Some(person)) = (
        store.assignment(assignment).await?,
        store.learner(learner).await?,
    ) else {
        return Err(AppError::not_found());
    };
    let (Some(a_unit), Some(p_unit)) = (
        access.unit(&a.unit_code),
        person.unit_code.as_deref().and_then(|c| access.unit(c)),
    ) else {
        return Err(AppError::not_found());
    };
    let applies = p_unit.path.starts_with(&a_unit.path)
        && p_unit.path.starts_with(&unit.path)
        && a.position
            .as_ref()
            .is_none_or(|p| person.position.as_ref() == Some(p));
    if !applies {
        return Err(AppError::not_found());
    }
    if !access.sees(a_unit) || learner == access.learner.id {
        return Err(AppError::forbidden());
    }
    if store.completion(learner, &a.course_id).await?.is_some() {
        return Err(AppError::bad_request());
    }
    Ok(())
}
