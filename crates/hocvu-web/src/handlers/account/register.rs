//! POST the registration form: validates, stores the account (turning the visitor's guest
//! record into it, so progress made before registering is kept), logs the consent, logs in.

use crate::auth;
use crate::errors::error_page;
use crate::extract::{SameOrigin, UiLang};
use crate::http::{PRIVATE, Page};
use crate::render::RegisterValues;
use crate::site::Site;
use crate::{Accounts, CONSENT_VERSION};
use actix_web::{HttpRequest, HttpResponse, web};
use hocvu_store::StoreError;
use hocvu_store::learners::NewAccount;

#[derive(serde::Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    commune: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
    consent: Option<String>,
}

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    _: SameOrigin,
    form: web::Form<RegisterForm>,
) -> HttpResponse {
    let form = form.into_inner();
    let values = RegisterValues {
        username: form.username.trim().to_string(),
        display_name: form.display_name.trim().to_string(),
        commune: form.commune.trim().to_string(),
    };
    let checked = auth::check_registration(
        &form.username,
        &form.display_name,
        &form.password,
        &form.password2,
        form.consent.as_deref(),
    );
    let renderer = &site.theme_for(&req).renderer;
    let communes = match super::show_register::commune_choices(&accounts.store).await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!("communes: {e}");
            return error_page(&site, &req, 500, None);
        }
    };
    let again = |errors: &[&str]| match renderer.register(lang, None, &values, errors, &communes) {
        Ok(html) => Page::dynamic(html).respond_with(
            &req,
            PRIVATE,
            actix_web::http::StatusCode::BAD_REQUEST,
        ),
        Err(e) => {
            tracing::error!("{e}");
            error_page(&site, &req, 500, None)
        }
    };
    let username = match checked {
        Ok(u) => u,
        Err(errors) => return again(&errors),
    };
    // The commune must be one of the list (when the province has loaded one).
    if !values.commune.is_empty()
        && !super::show_register::commune_allowed(&communes, &values.commune)
    {
        return again(&["account-error-commune"]);
    }
    let password = form.password;
    let Ok(Some(hash)) = web::block(move || auth::hash_password(&password)).await else {
        return error_page(&site, &req, 500, None);
    };
    let guest = accounts
        .keys
        .current(&req)
        .filter(|c| c.guest)
        .map(|c| c.sub);
    let commune =
        (!values.commune.is_empty()).then(|| values.commune.chars().take(64).collect::<String>());
    let account = NewAccount {
        username: &username,
        password_hash: &hash,
        display_name: &values.display_name,
        locale: lang.as_str(),
        commune: commune.as_deref(),
        consent_version: CONSENT_VERSION,
    };
    match accounts.store.register(account, guest).await {
        Ok(learner) => HttpResponse::SeeOther()
            .cookie(
                accounts
                    .keys
                    .cookie(&req, learner.id, false, learner.session_generation),
            )
            .insert_header(("Location", format!("/{lang}/learning/")))
            .finish(),
        Err(StoreError::UsernameTaken(_)) => again(&["account-error-taken"]),
        Err(e) => {
            tracing::error!("register: {e}");
            error_page(&site, &req, 500, None)
        }
    }
}
