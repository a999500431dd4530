//! GET `/api/v1/consent`: the consent text a learner accepts by registering, and its version
//! (the `consent_version` that `POST /api/v1/register` requires).

use crate::account::CONSENT_VERSION;
use crate::site::Site;
use crate::site::error::{ApiError, AppError};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Serialize, ToSchema)]
pub struct Consent {
    /// Send it as `consent_version` when registering.
    pub version: String,
    /// The language of `title` and `text`.
    pub lang: String,
    pub title: String,
    /// What the learner agrees to, as the registration page shows it.
    pub text: String,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConsentQuery {
    /// An interface language the site serves; without it, Accept-Language decides.
    pub lang: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/consent", params(ConsentQuery),
    responses((status = 200, body = Consent, description = "the current consent text"),
        (status = 400, body = ApiError, description = "a language this site does not serve (`bad_request`)")))]
pub async fn handle(
    site: web::Data<Site>,
    req: HttpRequest,
    query: web::Query<ConsentQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = match query.lang.as_deref() {
        Some(l) => site
            .ui_locale(l)
            .ok_or_else(|| AppError::bad_request().api("bad_request", "api-unknown-lang"))?,
        None => site.negotiate(&req),
    };
    Ok(HttpResponse::Ok().json(Consent {
        version: CONSENT_VERSION.to_string(),
        lang: lang.as_str().to_string(),
        title: site.i18n.tr(lang, "account-consent-title", None),
        text: site.i18n.tr(lang, "account-consent", None),
    }))
}
