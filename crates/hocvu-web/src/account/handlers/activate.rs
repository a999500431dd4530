//! POST `/{lang}/account/activate`: a civil servant whose unit imported them turns the one-time
//! code from their sheet into their own login (username and password only they know).

use crate::account::{CONSENT_VERSION, check_registration, pages};
use crate::site::Site;
use crate::site::accounts::Accounts;
use crate::site::auth;
use crate::site::error::AppError;
use crate::site::extract::{SameOrigin, UiLang};
use crate::site::respond;
use crate::site::viewer::Viewer;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use hocvu_store::staff::Activation;

#[derive(serde::Deserialize)]
pub struct ActivateForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    username: String,
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
    form: web::Form<ActivateForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let code_typed = form.code.trim().chars().take(20).collect::<String>();
    let again = |errors: &[&str]| -> Result<HttpResponse, AppError> {
        let html = pages::activate(
            site.renderer(&req),
            lang,
            &viewer,
            &code_typed,
            form.username.trim(),
            errors,
        )?;
        Ok(respond::html_with(&req, html, StatusCode::BAD_REQUEST))
    };
    // The name is already on file; the checks are the registration's.
    let username = match check_registration(
        &form.username,
        "-",
        &form.password,
        &form.password2,
        form.consent.as_deref(),
    ) {
        Ok(u) => u,
        Err(errors) => return again(&errors),
    };
    let Ok(code) = hocvu_certs::CertCode::parse(&code_typed) else {
        return again(&["activate-error-code"]);
    };
    // No per-address throttle: a commune hall behind one address would lock everyone out
    // after a few stale codes, and guessing a 45-bit code online is hopeless anyway.
    let password = form.password.clone();
    let hash = web::block(move || auth::hash_password(&password))
        .await?
        .ok_or_else(|| AppError::internal("password hashing failed"))?;
    let activation = accounts
        .store
        .activate(
            &code.grouped(),
            &username,
            &hash,
            lang.as_str(),
            CONSENT_VERSION,
        )
        .await?;
    match activation {
        Activation::Activated(person) => Ok(HttpResponse::SeeOther()
            .cookie(
                accounts
                    .keys
                    .cookie(&req, person.id, false, person.session_generation),
            )
            .insert_header(("Location", format!("/{lang}/learning/")))
            .finish()),
        Activation::Refused => again(&["activate-error-code"]),
        Activation::UsernameTaken => again(&["account-error-taken"]),
    }
}
