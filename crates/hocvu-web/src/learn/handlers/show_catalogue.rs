//! GET `/{lang}/`: the catalogue.

use crate::learn::page::{Target, show};
use crate::site::Site;
use crate::site::accounts::Accounts;
use crate::site::error::AppError;
use crate::site::extract::{Session, UiLang};
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    session: Session,
) -> Result<HttpResponse, AppError> {
    show(&site, &accounts, &req, lang, Target::Catalogue, session).await
}
