//! POST the registration form: validates, stores the account (turning the visitor's guest
//! record into it, so progress made before registering is kept), logs the consent, logs in.

use crate::account::pages::{self, RegisterValues};
use crate::account::{
    CONSENT_VERSION, NewLogin, commune_allowed, commune_choices, village_allowed, village_groups,
};
use crate::site::auth;
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin};
use crate::site::viewer::Viewer;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use hocvu_store::StoreError;
use hocvu_store::learners::NewAccount;

#[derive(serde::Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    commune: String,
    #[serde(default)]
    village: String,
    #[serde(flatten)]
    login: NewLogin,
}

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    viewer: Viewer,
    form: web::Form<RegisterForm>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let form = form.into_inner();
    let values = RegisterValues {
        username: form.login.username.trim().to_string(),
        display_name: form.display_name.trim().to_string(),
        commune: form.commune.trim().to_string(),
        village: form.village.trim().to_string(),
    };
    let checked = form.login.check(&form.display_name);
    let communes = commune_choices(ctx.store()).await?;
    let villages = village_groups(ctx.store(), &communes).await?;
    let again = |errors: &[&str]| -> Result<HttpResponse, AppError> {
        let html = pages::register(&ctx, &viewer, &values, errors, &communes, &villages)?;
        Ok(ctx.html_with(html, StatusCode::BAD_REQUEST))
    };
    let username = match checked {
        Ok(u) => u,
        Err(errors) => return again(&errors),
    };
    // The commune must be one of the list (when the province has loaded one).
    if !values.commune.is_empty() && !commune_allowed(&communes, &values.commune) {
        return again(&["account-error-commune"]);
    }
    // A village must be one of the chosen commune's.
    if !values.village.is_empty()
        && !village_allowed(ctx.store(), &values.commune, &values.village).await?
    {
        return again(&["account-error-village"]);
    }
    let password = form.login.password;
    let hash = web::block(move || auth::hash_password(&password))
        .await?
        .ok_or_else(|| AppError::internal("password hashing failed"))?;
    let guest = viewer.learner.filter(|_| viewer.guest);
    let commune =
        (!values.commune.is_empty()).then(|| values.commune.chars().take(64).collect::<String>());
    let account = NewAccount {
        username: &username,
        password_hash: &hash,
        display_name: &values.display_name,
        locale: ctx.lang.as_str(),
        commune: commune.as_deref(),
        village: (!values.village.is_empty()).then_some(values.village.as_str()),
        consent_version: CONSENT_VERSION,
    };
    match ctx.store().register(account, guest).await {
        Ok(learner) => Ok(HttpResponse::SeeOther()
            .cookie(ctx.accounts.keys.cookie(
                &ctx.req,
                learner.id,
                false,
                learner.session_generation,
            ))
            .insert_header(("Location", format!("/{lang}/learning/")))
            .finish()),
        Err(StoreError::UsernameTaken(_)) => again(&["account-error-taken"]),
        Err(e) => Err(e.into()),
    }
}
