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

/// What the account page shows besides its forms.
pub struct AccountPage<'a> {
    pub username: &'a str,
    /// The "My details" form's values (as stored, or as typed after an error).
    pub details: &'a RegisterValues,
    pub communes: &'a [(String, String)],
    pub villages: &'a [serde_json::Value],
    pub notice: Option<&'a str>,
    /// How many certificates were re-issued with the corrected name.
    pub reissued: usize,
    pub errors: &'a [&'a str],
    /// The errors belong to the "My details" form (shown there, not above the page).
    pub details_errors: bool,
}

/// The account page: my details, change password, download data, delete the account.
pub fn account(ctx: &Ctx, viewer: &Viewer, page: &AccountPage) -> Result<String, RenderError> {
    ctx.renderer().page(
        "account.html",
        ctx.lang,
        Here::InLanguage("account/"),
        viewer,
        |vars| {
            vars.insert("username", page.username);
            vars.insert("form", page.details);
            vars.insert("communes", page.communes);
            vars.insert("villages", page.villages);
            vars.insert("notice", &page.notice);
            vars.insert("reissued", &page.reissued);
            vars.insert("errors", page.errors);
            vars.insert("details_errors", &page.details_errors);
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
    display_name: &str,
    errors: &[&str],
) -> Result<String, RenderError> {
    let data = serde_json::json!({
        "code": code, "username": username, "display_name": display_name, "errors": errors,
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
