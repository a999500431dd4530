//! Accounts: registering (turning the visitor's guest record into the account), logging in and
//! out, staff activation with a one-time code, the account page (password, download my data,
//! delete my account).

pub mod handlers;
pub mod pages;

use crate::site::auth::MIN_PASSWORD_CHARS;
pub use hocvu_store::learners::names::{MAX_NAME_CHARS, normalise_name, username_problem};

/// Version of the consent text learners accept when registering (logged with each consent).
pub const CONSENT_VERSION: &str = "2026-11-22";

/// Checks a registration; the normalised username, or the interface keys of every problem.
/// The name is checked with [`normalise_name`], as everywhere a name is typed.
pub fn check_registration(
    username: &str,
    display_name: &str,
    password: &str,
    password_again: &str,
    consent: Option<&str>,
) -> Result<String, Vec<&'static str>> {
    let normalised = hocvu_store::learners::normalise_username(username);
    let mut errors = Vec::new();
    if normalised.is_none() {
        errors.push(username_problem(username));
    }
    if let Err(problem) = normalise_name(display_name) {
        errors.push(problem.key());
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        errors.push("account-error-password-short");
    } else if password != password_again {
        errors.push("account-error-password-mismatch");
    }
    if consent != Some(CONSENT_VERSION) {
        errors.push("account-error-consent");
    }
    match normalised {
        Some(u) if errors.is_empty() => Ok(u),
        _ => Err(errors),
    }
}

/// A new login as the registration and activation forms send it.
#[derive(serde::Deserialize)]
pub struct NewLogin {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password2: String,
    pub consent: Option<String>,
}

impl NewLogin {
    /// [`check_registration`] of these fields.
    pub fn check(&self, display_name: &str) -> Result<String, Vec<&'static str>> {
        check_registration(
            &self.username,
            display_name,
            &self.password,
            &self.password2,
            self.consent.as_deref(),
        )
    }
}

/// `(code, name)` of every commune and ward, for the registration form's list.
pub async fn commune_choices(
    store: &hocvu_store::Store,
) -> Result<Vec<(String, String)>, hocvu_store::StoreError> {
    Ok(store
        .communes()
        .await?
        .into_iter()
        .map(|u| (u.code, u.name))
        .collect())
}

/// Villages grouped under their commune, for the registration form (communes without
/// villages are left out).
pub async fn village_groups(
    store: &hocvu_store::Store,
    communes: &[(String, String)],
) -> Result<Vec<serde_json::Value>, hocvu_store::StoreError> {
    let villages = store.villages().await?;
    Ok(communes
        .iter()
        .filter_map(|(code, name)| {
            let list: Vec<_> = villages
                .iter()
                .filter(|v| v.parent_code.as_deref() == Some(code.as_str()))
                .map(|v| serde_json::json!({"code": v.code, "name": v.name}))
                .collect();
            (!list.is_empty())
                .then(|| serde_json::json!({"commune": code, "name": name, "villages": list}))
        })
        .collect())
}

/// A village the form or API may store: one under the chosen commune.
pub async fn village_allowed(
    store: &hocvu_store::Store,
    commune: &str,
    village: &str,
) -> Result<bool, hocvu_store::StoreError> {
    Ok(store
        .unit(village)
        .await?
        .is_some_and(|v| v.kind == "village" && v.parent_code.as_deref() == Some(commune)))
}

/// A commune code the form or API may store: any code while the province has loaded no
/// units, else one of the list.
pub fn commune_allowed(choices: &[(String, String)], code: &str) -> bool {
    choices.is_empty() || choices.iter().any(|(c, _)| c == code)
}

/// The account page for `me`, with the "My details" form filled from `details` (or from what
/// is stored), the province's lists, and any notice or errors.
pub async fn account_page(
    ctx: &crate::site::extract::Ctx,
    me: &crate::site::extract::SignedIn,
    details: Option<&pages::RegisterValues>,
    notice: Option<&str>,
    reissued: usize,
    errors: &[&str],
    details_errors: bool,
) -> Result<String, crate::site::error::AppError> {
    let stored = pages::RegisterValues {
        username: String::new(),
        display_name: me.learner.display_name.clone().unwrap_or_default(),
        commune: me.learner.commune.clone().unwrap_or_default(),
        village: me.learner.village.clone().unwrap_or_default(),
    };
    let communes = commune_choices(ctx.store()).await?;
    let villages = village_groups(ctx.store(), &communes).await?;
    let username = me.learner.username.clone().unwrap_or_default();
    let page = pages::AccountPage {
        username: &username,
        details: details.unwrap_or(&stored),
        communes: &communes,
        villages: &villages,
        notice,
        reissued,
        errors,
        details_errors,
    };
    Ok(pages::account(ctx, &me.viewer, &page)?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_letter_bar_script_stays_within_its_budget() {
        let source = include_str!("../../scripts/letters.js");
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            ..Default::default()
        };
        let mut out = Vec::new();
        brotli::BrotliCompress(&mut source.as_bytes(), &mut out, &params).unwrap();
        assert!(out.len() <= 1536, "{} bytes brotli", out.len());
    }

    #[test]
    fn registration_reports_each_name_problem_at_the_field() {
        let check = |name: &str| {
            super::check_registration(
                "hhen",
                name,
                "Lan#2024ab",
                "Lan#2024ab",
                Some(super::CONSENT_VERSION),
            )
        };
        assert_eq!(check("H'E\u{306}\u{302} Niê"), Ok("hhen".into()));
        assert_eq!(check("\u{306}"), Err(vec!["account-error-name-marks"]));
        assert_eq!(check("Y\u{202E}"), Err(vec!["account-error-name-bidi"]));
        let lookalike = super::check_registration(
            "ho\u{430}ng",
            "Hoàng",
            "Lan#2024ab",
            "Lan#2024ab",
            Some(super::CONSENT_VERSION),
        );
        assert_eq!(lookalike, Err(vec!["account-error-username-lookalike"]));
    }
}
