//! POST `/{lang}/manage/units/{code}/assignments`: assign a course to the unit's subtree (or
//! one position in it) with a due date.

use crate::manage::access::UnitInScope;
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin};
use crate::site::respond;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct AssignForm {
    course: String,
    #[serde(default)]
    position: String,
    due: String,
}

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    UnitInScope { access, unit }: UnitInScope,
    form: web::Form<AssignForm>,
) -> Result<HttpResponse, AppError> {
    if ctx.site.loaded(&form.course).is_none() {
        return Err(AppError::bad_request().detail(format!("unknown course `{}`", form.course)));
    }
    let position = Some(form.position.trim()).filter(|p| !p.is_empty());
    ctx.store()
        .create_assignment(
            &form.course,
            &unit.code,
            position,
            form.due.trim(),
            Some(access.learner.id),
        )
        .await?;
    Ok(respond::see_other(format!(
        "/{}/manage/units/{}/",
        access.lang, unit.code
    )))
}
