//! The account area's pages, through the one page chrome.

use super::CONSENT_VERSION;
use crate::site::auth::MIN_PASSWORD_CHARS;
use crate::site::extract::Ctx;
use crate::site::render::{Here, RenderError};
use crate::site::viewer::Viewer;
use serde::Serialize;

/// Values of the registration form to show again after an error (never the password).
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
pub struct RegisterValues {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub commune: String,
    #[serde(default)]
    pub village: String,
}

pub fn register(
    ctx: &Ctx,
    viewer: &Viewer,
    form: &RegisterValues,
    errors: &[&str],
    communes: &[(String, String)],
    villages: &[serde_json::Value],
) -> Result<String, RenderError> {
    ctx.renderer().page(
        "register.html",
        ctx.lang,
        Here::InLanguage("account/register"),
        viewer,
        |vars| {
            vars.insert("form", form);
            vars.insert("communes", communes);
            vars.insert("villages", villages);
            vars.insert("errors", errors);
            vars.insert("min_password", &MIN_PASSWORD_CHARS);
            vars.insert("consent_version", CONSENT_VERSION);
        },
    )
}

pub fn login(
    ctx: &Ctx,
    viewer: &Viewer,
    username: &str,
    errors: &[&str],
) -> Result<String, RenderError> {
    ctx.renderer().page(
        "login.html",
        ctx.lang,
        Here::InLanguage("account/login"),
        viewer,
        |vars| {
            vars.insert("form", &serde_json::json!({"username": username}));
            vars.insert("errors", errors);
        },
    )
}

/// The account page: change password, download data, delete the account.
pub fn account(
    ctx: &Ctx,
    viewer: &Viewer,
    username: &str,
    notice: Option<&str>,
    errors: &[&str],
) -> Result<String, RenderError> {
    ctx.renderer().page(
        "account.html",
        ctx.lang,
        Here::InLanguage("account/"),
        viewer,
        |vars| {
            vars.insert("username", username);
            vars.insert("notice", &notice);
            vars.insert("errors", errors);
            vars.insert("min_password", &MIN_PASSWORD_CHARS);
        },
    )
}

/// Staff activation: the one-time code and the new login.
pub fn activate(
    ctx: &Ctx,
    viewer: &Viewer,
    code: &str,
    username: &str,
    errors: &[&str],
) -> Result<String, RenderError> {
    let data = serde_json::json!({
        "code": code, "username": username, "errors": errors,
        "min_password": MIN_PASSWORD_CHARS, "consent_version": CONSENT_VERSION,
    });
    ctx.renderer().page(
        "activate.html",
        ctx.lang,
        Here::InLanguage("account/activate"),
        viewer,
        |vars| {
            vars.insert("d", &data);
        },
    )
}
