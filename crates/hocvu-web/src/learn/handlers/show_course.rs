//! GET `/{lang}/courses/{course}/`: a course and its lessons.

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
    path: web::Path<(String, String)>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let target = Target::Course(&path.1);
    show(&site, &accounts, &req, lang, target, session).await
}
