//! POST `/{lang}/facilitate/sessions/{id}/headcount`: how many came without a phone or
//! account — numbers only, never names.

use crate::classes::Facilitation;
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin};
use crate::site::respond;
use actix_web::{HttpResponse, web};
use hocvu_store::sessions::Headcount;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadcountForm {
    others: String,
    #[serde(default)]
    women: String,
    #[serde(default)]
    minority: String,
}

/// A count typed into a form: empty is "not known" where allowed.
pub fn count(text: &str, required: bool) -> Result<Option<i32>, AppError> {
    let text = text.trim();
    if text.is_empty() && !required {
        return Ok(None);
    }
    text.parse::<i32>()
        .ok()
        .filter(|n| (0..=hocvu_store::sessions::MAX_HEADCOUNT).contains(n))
        .map(Some)
        .ok_or_else(|| AppError::bad_request().because("classes-error-headcount"))
}

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    f: Facilitation,
    path: web::Path<(String, i64)>,
    web::Form(form): web::Form<HeadcountForm>,
) -> Result<HttpResponse, AppError> {
    let session = f.session(&ctx.accounts, path.1).await?;
    let headcount = Headcount {
        others: count(&form.others, true)?.unwrap_or(0),
        women: count(&form.women, false)?,
        minority: count(&form.minority, false)?,
    };
    ctx.store()
        .set_headcount(session.id, headcount, Some(f.learner.id))
        .await?;
    Ok(respond::see_other(format!(
        "/{}/facilitate/sessions/{}/",
        f.lang, session.id
    )))
}
