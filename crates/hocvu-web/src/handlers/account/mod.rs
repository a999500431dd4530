pub mod activate;
pub mod change_password;
pub mod delete_account;
pub mod export_data;
pub mod login;
pub mod logout;
pub mod register;
pub mod show_account;
pub mod show_login;
pub mod show_register;

use crate::Accounts;
use crate::render::Viewer;
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse};
use hocvu_store::entities::learners;

/// The logged-in account (not a guest) and its viewer, or the response to send instead:
/// the login page for anyone else.
pub async fn signed_in(
    site: &Site,
    accounts: &Accounts,
    req: &HttpRequest,
    lang: hocvu_content::Locale,
) -> Result<(learners::Model, Viewer), HttpResponse> {
    let login = || {
        HttpResponse::SeeOther()
            .insert_header(("Location", format!("/{lang}/account/login")))
            .finish()
    };
    let claims = accounts
        .keys
        .current(req)
        .filter(|c| !c.guest)
        .ok_or_else(login)?;
    let failed = |e: hocvu_store::StoreError| {
        tracing::error!("account {}: {e}", claims.sub);
        crate::errors::error_page(site, req, 500, None)
    };
    let learner = accounts
        .store
        .learner(claims.sub)
        .await
        .map_err(failed)?
        .ok_or_else(login)?;
    let viewer = crate::viewer::load(site, &accounts.store, &claims)
        .await
        .map_err(failed)?
        .ok_or_else(login)?;
    Ok((learner, viewer))
}
