//! POST the registration form: validates, stores the account (turning the visitor's guest
//! record into it, so progress made before registering is kept), logs the consent, logs in.

use crate::account::pages::{self, RegisterValues};
use crate::account::{CONSENT_VERSION, check_registration, commune_allowed, commune_choices};
use crate::site::Site;
use crate::site::accounts::Accounts;
use crate::site::auth;
use crate::site::error::AppError;
use crate::site::extract::{SameOrigin, UiLang};
use crate::site::respond;
use crate::site::viewer::Viewer;
use actix_web::http::StatusCode;
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
    viewer: Viewer,
    form: web::Form<RegisterForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let values = RegisterValues {
        username: form.username.trim().to_string(),
        display_name: form.display_name.trim().to_string(),
        commune: form.commune.trim().to_string(),
    };
    let checked = check_registration(
        &form.username,
        &form.display_name,
        &form.password,
        &form.password2,
        form.consent.as_deref(),
    );
    let communes = commune_choices(&accounts.store).await?;
    let again = |errors: &[&str]| -> Result<HttpResponse, AppError> {
        let html = pages::register(
            site.renderer(&req),
            lang,
            &viewer,
            &values,
            errors,
            &communes,
        )?;
        Ok(respond::html_with(&req, html, StatusCode::BAD_REQUEST))
    };
    let username = match checked {
        Ok(u) => u,
        Err(errors) => return again(&errors),
    };
    // The commune must be one of the list (when the province has loaded one).
    if !values.commune.is_empty() && !commune_allowed(&communes, &values.commune) {
        return again(&["account-error-commune"]);
    }
    let password = form.password;
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
        locale: lang.as_str(),
        commune: commune.as_deref(),
        consent_version: CONSENT_VERSION,
    };
    match accounts.store.register(account, guest).await {
        Ok(learner) => Ok(HttpResponse::SeeOther()
            .cookie(
                accounts
                    .keys
                    .cookie(&req, learner.id, false, learner.session_generation),
            )
            .insert_header(("Location", format!("/{lang}/learning/")))
            .finish()),
        Err(StoreError::UsernameTaken(_)) => again(&["account-error-taken"]),
        Err(e) => Err(e.into()),
    }
}
