//! POST `/{lang}/account/activate`: a civil servant whose unit imported them turns the one-time
//! code from their sheet into their own login (username and password only they know).

use crate::account::{CONSENT_VERSION, NewLogin, normalise_name, pages};
use crate::site::auth;
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin};
use crate::site::viewer::Viewer;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use hocvu_store::staff::Activation;

/// Wrong activation codes per client address.
const ACTIVATION_THROTTLE: auth::Throttle = auth::Throttle {
    limit: 50,
    window: std::time::Duration::from_secs(15 * 60),
    kind: "activation",
};

#[derive(serde::Deserialize)]
pub struct ActivateForm {
    #[serde(default)]
    code: String,
    /// Optional: the person's own spelling, when the unit's list got it wrong.
    #[serde(default)]
    display_name: String,
    #[serde(flatten)]
    login: NewLogin,
}

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    web::Form(form): web::Form<ActivateForm>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let code_typed = form.code.trim().chars().take(20).collect::<String>();
    let again = |errors: &[&str]| -> Result<HttpResponse, AppError> {
        let html = pages::activate(
            &ctx,
            &viewer,
            &code_typed,
            form.login.username.trim(),
            form.display_name.trim(),
            errors,
        )?;
        Ok(ctx.html_with(html, StatusCode::BAD_REQUEST))
    };
    // The name is already on file (a correction is optional); the checks are the
    // registration's.
    let corrected = form.display_name.trim();
    let checked = form
        .login
        .check(if corrected.is_empty() { "-" } else { corrected });
    let username = match checked {
        Ok(u) => u,
        Err(errors) => return again(&errors),
    };
    let corrected = match corrected {
        "" => None,
        typed => normalise_name(typed).ok(),
    };
    let Ok(code) = hocvu_certs::CertCode::parse(&code_typed) else {
        return again(&["activate-error-code"]);
    };
    // Generous per address (a commune hall's phones share one), shared by every server:
    // guessing a 45-bit code stays hopeless and a hall is not locked out by a few stale codes.
    let throttle_key = [format!("activation:{}", auth::client_address(&ctx.req))];
    if ACTIVATION_THROTTLE
        .blocked(ctx.store(), &throttle_key)
        .await?
    {
        return again(&["activate-error-throttled"]);
    }
    let password = form.login.password.clone();
    let hash = web::block(move || auth::hash_password(&password))
        .await?
        .ok_or_else(|| AppError::internal("password hashing failed"))?;
    let activation = ctx
        .store()
        .activate(
            &code.grouped(),
            &username,
            &hash,
            lang.as_str(),
            CONSENT_VERSION,
            corrected.as_deref(),
        )
        .await?;
    match activation {
        Activation::Activated(person) => Ok(HttpResponse::SeeOther()
            .cookie(
                ctx.accounts
                    .keys
                    .cookie(&ctx.req, person.id, false, person.session_generation),
            )
            .insert_header(("Location", format!("/{lang}/learning/")))
            .finish()),
        Activation::Refused => {
            ACTIVATION_THROTTLE
                .failed(ctx.store(), &throttle_key)
                .await?;
            again(&["activate-error-code"])
        }
        Activation::UsernameTaken => again(&["account-error-taken"]),
    }
}
