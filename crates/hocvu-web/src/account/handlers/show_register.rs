//! GET the registration form (consent box unticked, in the learner's language).

use crate::account::commune_choices;
use crate::account::pages::{self, RegisterValues};
use crate::site::Site;
use crate::site::accounts::Accounts;
use crate::site::error::AppError;
use crate::site::extract::UiLang;
use crate::site::respond;
use crate::site::viewer::Viewer;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let communes = commune_choices(&accounts.store).await?;
    // A guest registering sees their own navigation ("My learning"), not a visitor's.
    let html = pages::register(
        site.renderer(&req),
        lang,
        &viewer,
        &RegisterValues::default(),
        &[],
        &communes,
    )?;
    Ok(respond::html(&req, html))
}
