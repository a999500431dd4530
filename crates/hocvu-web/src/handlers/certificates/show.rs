//! GET `/{lang}/certificates/{code}/`: the holder's page, with the picture and downloads.

use super::{held, issuer};
use crate::Accounts;
use crate::errors::html_or_500;
use crate::extract::UiLang;
use crate::site::Site;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
) -> HttpResponse {
    let (cert, learner) = match held(&site, &accounts, &req).await {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    let issuer = match issuer(&req, &site) {
        Ok(i) => i,
        Err(resp) => return resp,
    };
    let viewer = crate::viewer::load_for(&site, &accounts.store, learner)
        .await
        .ok();
    let verification = crate::certificates::verification(&cert.code, Some(cert.clone()));
    let verify_url = issuer.verify_url(&req, &cert.code);
    html_or_500(
        &site,
        &req,
        site.theme_for(&req).renderer.certificate(
            lang,
            viewer.as_ref(),
            &verification,
            &verify_url,
            issuer.public_url.is_some(),
        ),
        StatusCode::OK,
    )
}
