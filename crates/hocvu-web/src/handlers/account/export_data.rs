//! GET `/{lang}/account/data.json`: everything stored about the learner, as a download.

use super::signed_in;
use crate::Accounts;
use crate::errors::error_page;
use crate::extract::UiLang;
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
) -> HttpResponse {
    let (learner, _) = match signed_in(&site, &accounts, &req, lang).await {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    match accounts.store.export(learner.id).await {
        Ok(data) => HttpResponse::Ok()
            .insert_header(("Cache-Control", crate::http::PRIVATE))
            .insert_header((
                "Content-Disposition",
                "attachment; filename=\"hocvu-my-data.json\"",
            ))
            .json(data),
        Err(e) => {
            tracing::error!("export {}: {e}", learner.id);
            error_page(&site, &req, 500, None)
        }
    }
}
