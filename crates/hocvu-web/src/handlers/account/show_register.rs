//! GET the registration form (consent box unticked, in the learner's language).

use crate::errors::error_page;
use crate::extract::UiLang;
use crate::http::{PRIVATE, Page};
use crate::render::RegisterValues;
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<crate::Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
) -> HttpResponse {
    let communes = match commune_choices(&accounts.store).await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!("communes: {e}");
            return error_page(&site, &req, 500, None);
        }
    };
    // A guest registering sees their own navigation ("My learning"), not a visitor's.
    let viewer = crate::viewer::optional(&site, &accounts, &req).await;
    match site.theme_for(&req).renderer.register(
        lang,
        viewer.as_ref(),
        &RegisterValues::default(),
        &[],
        &communes,
    ) {
        Ok(html) => Page::dynamic(html).respond(&req, PRIVATE),
        Err(e) => {
            tracing::error!("{e}");
            error_page(&site, &req, 500, None)
        }
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

/// A commune code the form or API may store: any code while the province has loaded no
/// units, else one of the list.
pub fn commune_allowed(choices: &[(String, String)], code: &str) -> bool {
    choices.is_empty() || choices.iter().any(|(c, _)| c == code)
}
