//! Accounts: registering (turning the visitor's guest record into the account), logging in and
//! out, staff activation with a one-time code, the account page (password, download my data,
//! delete my account).

pub mod handlers;
pub mod pages;

use crate::site::auth::MIN_PASSWORD_CHARS;

/// Version of the consent text learners accept when registering (logged with each consent).
pub const CONSENT_VERSION: &str = "2026-11-22";

/// Checks a registration; the normalised username, or the interface keys of every problem.
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
        errors.push("account-error-username");
    }
    let name = display_name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        errors.push("account-error-name");
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
