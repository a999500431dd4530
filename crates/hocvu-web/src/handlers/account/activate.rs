//! `/{lang}/account/activate`: a civil servant whose unit imported them turns the one-time code
//! from their sheet into their own login (username and password only they know).

use crate::errors::{error_page, html_or_500};
use crate::extract::{SameOrigin, UiLang};
use crate::site::Site;
use crate::{Accounts, CONSENT_VERSION, auth};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use hocvu_store::staff::Activation;
use serde_json::json;

fn form_page(
    site: &Site,
    req: &HttpRequest,
    lang: hocvu_content::Locale,
    code: &str,
    username: &str,
    errors: &[&str],
    status: StatusCode,
) -> HttpResponse {
    let data = json!({
        "code": code, "username": username, "errors": errors,
        "min_password": auth::MIN_PASSWORD_CHARS, "consent_version": CONSENT_VERSION,
    });
    html_or_500(
        site,
        req,
        site.theme_for(req)
            .renderer
            .page("activate.html", lang, "account/activate", None, &data),
        status,
    )
}

pub async fn show(site: web::Data<Site>, req: HttpRequest, UiLang(lang): UiLang) -> HttpResponse {
    form_page(&site, &req, lang, "", "", &[], StatusCode::OK)
}

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

pub async fn submit(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    _: SameOrigin,
    form: web::Form<ActivateForm>,
) -> HttpResponse {
    let form = form.into_inner();
    let code_typed = form.code.trim().chars().take(20).collect::<String>();
    let again = |errors: &[&str], status| {
        form_page(
            &site,
            &req,
            lang,
            &code_typed,
            form.username.trim(),
            errors,
            status,
        )
    };
    // The name is already on file; the checks are the registration's.
    let username = match auth::check_registration(
        &form.username,
        "-",
        &form.password,
        &form.password2,
        form.consent.as_deref(),
    ) {
        Ok(u) => u,
        Err(errors) => return again(&errors, StatusCode::BAD_REQUEST),
    };
    let Ok(code) = hocvu_certs::CertCode::parse(&code_typed) else {
        return again(&["activate-error-code"], StatusCode::BAD_REQUEST);
    };
    // No per-address throttle: a commune hall behind one address would lock everyone out
    // after a few stale codes, and guessing a 45-bit code online is hopeless anyway.
    let password = form.password;
    let Ok(Some(hash)) = web::block(move || auth::hash_password(&password)).await else {
        return error_page(&site, &req, 500, None);
    };
    match accounts
        .store
        .activate(
            &code.grouped(),
            &username,
            &hash,
            lang.as_str(),
            CONSENT_VERSION,
        )
        .await
    {
        Ok(Activation::Activated(person)) => HttpResponse::SeeOther()
            .cookie(
                accounts
                    .keys
                    .cookie(&req, person.id, false, person.session_generation),
            )
            .insert_header(("Location", format!("/{lang}/learning/")))
            .finish(),
        Ok(Activation::Refused) => again(&["activate-error-code"], StatusCode::BAD_REQUEST),
        Ok(Activation::UsernameTaken) => again(&["account-error-taken"], StatusCode::BAD_REQUEST),
        Err(e) => {
            tracing::error!("activate: {e}");
            error_page(&site, &req, 500, None)
        }
    }
}
