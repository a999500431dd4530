//! GET `/{lang}/certificates/{code}/`: the holder's page, with the picture and downloads.

use crate::certificates::holder::Holder;
use crate::certificates::{Issuer, pages, verification};
use crate::site::Site;
use crate::site::accounts::Accounts;
use crate::site::error::AppError;
use crate::site::extract::UiLang;
use crate::site::respond;
use crate::site::viewer;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    issuer: web::Data<Issuer>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    holder: Holder,
) -> Result<HttpResponse, AppError> {
    let viewer = viewer::load_for(&site, &accounts.store, holder.learner).await?;
    viewer.remember(&req);
    let cert = holder.certificate;
    let verify_url = issuer.verify_url(&req, &cert.code);
    let verification = verification(&cert.code.clone(), Some(cert));
    let html = pages::certificate(
        site.renderer(&req),
        lang,
        &viewer,
        &verification,
        &verify_url,
        issuer.public_url.is_some(),
    )?;
    Ok(respond::html(&req, html))
}
