//! The account area's pages, through the one page chrome.

use super::CONSENT_VERSION;
use crate::site::auth::MIN_PASSWORD_CHARS;
use crate::site::render::{Here, RenderError, Renderer};
use crate::site::viewer::Viewer;
use hocvu_content::Locale;
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
}

pub fn register(
    r: &Renderer,
    lang: Locale,
    viewer: &Viewer,
    form: &RegisterValues,
    errors: &[&str],
    communes: &[(String, String)],
) -> Result<String, RenderError> {
    r.page(
        "register.html",
        lang,
        Here::InLanguage("account/register"),
        viewer,
        |ctx| {
            ctx.insert("form", form);
            ctx.insert("communes", communes);
            ctx.insert("errors", errors);
            ctx.insert("min_password", &MIN_PASSWORD_CHARS);
            ctx.insert("consent_version", CONSENT_VERSION);
        },
    )
}

pub fn login(
    r: &Renderer,
    lang: Locale,
    viewer: &Viewer,
    username: &str,
    errors: &[&str],
) -> Result<String, RenderError> {
    r.page(
        "login.html",
        lang,
        Here::InLanguage("account/login"),
        viewer,
        |ctx| {
            ctx.insert("form", &serde_json::json!({"username": username}));
            ctx.insert("errors", errors);
        },
    )
}

/// The account page: change password, download data, delete the account.
pub fn account(
    r: &Renderer,
    lang: Locale,
    viewer: &Viewer,
    username: &str,
    notice: Option<&str>,
    errors: &[&str],
) -> Result<String, RenderError> {
    r.page(
        "account.html",
        lang,
        Here::InLanguage("account/"),
        viewer,
        |ctx| {
            ctx.insert("username", username);
            ctx.insert("notice", &notice);
            ctx.insert("errors", errors);
            ctx.insert("min_password", &MIN_PASSWORD_CHARS);
        },
    )
}

/// Staff activation: the one-time code and the new login.
pub fn activate(
    r: &Renderer,
    lang: Locale,
    viewer: &Viewer,
    code: &str,
    username: &str,
    errors: &[&str],
) -> Result<String, RenderError> {
    let data = serde_json::json!({
        "code": code, "username": username, "errors": errors,
        "min_password": MIN_PASSWORD_CHARS, "consent_version": CONSENT_VERSION,
    });
    r.page(
        "activate.html",
        lang,
        Here::InLanguage("account/activate"),
        viewer,
        |ctx| {
            ctx.insert("d", &data);
        },
    )
}
