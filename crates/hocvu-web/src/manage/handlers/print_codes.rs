//! POST `/{lang}/manage/units/{code}/codes`: a printable sheet of one-time activation codes
//! for the unit's staff who have not activated yet (valid 30 days).

use crate::certificates::Issuer;
use crate::manage::access::UnitInScope;
use crate::manage::page;
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin};
use actix_web::http::header::{CACHE_CONTROL, HeaderValue};
use actix_web::{HttpResponse, web};
use hocvu_dates::{day_month_year, vietnam_date};
use serde_json::json;

/// Days printed codes stay valid.
const CODE_DAYS: i64 = 30;

pub async fn handle(
    ctx: Ctx,
    issuer: web::Data<Issuer>,
    _: SameOrigin,
    UnitInScope { access, unit }: UnitInScope,
) -> Result<HttpResponse, AppError> {
    let issued = ctx
        .store()
        .issue_activation_codes(
            &unit.path,
            CODE_DAYS * 86_400_000,
            Some(access.learner.id),
            || {
                hocvu_certs::CertCode::generate()
                    .map(|c| c.grouped())
                    .unwrap_or_default()
            },
        )
        .await?;
    if issued.iter().any(|c| c.code.is_empty()) {
        return Err(AppError::internal("no randomness for activation codes"));
    }
    let cards: Vec<_> = issued
        .iter()
        .map(|c| {
            json!({
                "name": c.name, "position": c.position, "code": c.code,
                "unit": access.unit(&c.unit_code).map_or(c.unit_code.as_str(), |u| u.name.as_str()),
                "until": day_month_year(&vietnam_date(c.expires_at)),
            })
        })
        .collect();
    let activate_url = format!(
        "{}/{}/account/activate",
        issuer.base_url(&ctx.req),
        access.lang
    );
    let data = json!({"unit": {"code": unit.code, "name": unit.name}, "cards": cards, "activate_url": activate_url});
    let here = format!("manage/units/{}/", unit.code);
    let mut resp = page(&ctx, &access, "codes.html", &here, &data)?;
    resp.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(resp)
}
