//! POST `/{lang}/account/details` ("My details"): the learner corrects their own name,
//! commune and village, checked as at registration. A corrected name re-issues their
//! certificates with it. Only the person themselves: no role can rename anyone.

use crate::account::pages::RegisterValues;
use crate::account::{
    account_page, commune_allowed, commune_choices, normalise_name, village_allowed,
};
use crate::certificates::Issuer;
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin, SignedIn};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use hocvu_store::learners::details::Details;

#[derive(serde::Deserialize)]
pub struct DetailsForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    commune: String,
    #[serde(default)]
    village: String,
}

pub async fn handle(
    ctx: Ctx,
    issuer: web::Data<Issuer>,
    _: SameOrigin,
    me: SignedIn,
    form: web::Form<DetailsForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let typed = RegisterValues {
        username: String::new(),
        display_name: form.display_name.trim().chars().take(400).collect(),
        commune: form.commune.trim().chars().take(64).collect(),
        village: form.village.trim().chars().take(32).collect(),
    };
    let mut errors = Vec::new();
    if let Err(problem) = normalise_name(&typed.display_name) {
        errors.push(problem.key());
    }
    let communes = commune_choices(ctx.store()).await?;
    if !typed.commune.is_empty() && !commune_allowed(&communes, &typed.commune) {
        errors.push("account-error-commune");
    }
    if !typed.village.is_empty()
        && !village_allowed(ctx.store(), &typed.commune, &typed.village).await?
    {
        errors.push("account-error-village");
    }
    if !errors.is_empty() {
        let html = account_page(&ctx, &me, Some(&typed), None, 0, &errors, true).await?;
        return Ok(ctx.html_with(html, StatusCode::BAD_REQUEST));
    }
    let details = Details {
        display_name: &typed.display_name,
        commune: (!typed.commune.is_empty()).then_some(typed.commune.as_str()),
        village: (!typed.village.is_empty()).then_some(typed.village.as_str()),
    };
    let changed = ctx.store().update_details(me.learner.id, details).await?;
    // A failure here leaves the certificate page offering the re-issue: the details stand.
    let reissued = if changed.name {
        match issuer.follow_name(ctx.store(), &changed.learner).await {
            Ok(issued) => issued.len(),
            Err(e) => {
                tracing::error!("re-issuing certificates of {}: {e}", me.learner.id);
                0
            }
        }
    } else {
        0
    };
    let notice = if changed.name || changed.commune || changed.village {
        "account-details-saved"
    } else {
        "account-details-unchanged"
    };
    // The header shows the new name too.
    let viewer = ctx.accounts.viewer_for(&ctx.site, &changed.learner).await?;
    let me = SignedIn {
        learner: changed.learner,
        viewer,
    };
    let html = account_page(&ctx, &me, None, Some(notice), reissued, &[], false).await?;
    Ok(ctx.html(html))
}
