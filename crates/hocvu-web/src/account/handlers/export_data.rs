//! GET `/{lang}/account/data.json`: everything stored about the learner, as a download.

use crate::site::accounts::Accounts;
use crate::site::error::AppError;
use crate::site::extract::{SignedIn, UiLang};
use crate::site::respond;
use actix_web::{HttpResponse, web};

pub async fn handle(
    accounts: web::Data<Accounts>,
    _: UiLang,
    me: SignedIn,
) -> Result<HttpResponse, AppError> {
    let data = accounts.store.export(me.learner.id).await?;
    let body = serde_json::to_vec(&data).map_err(AppError::internal)?;
    Ok(respond::download(
        "application/json",
        "hocvu-my-data.json",
        body,
    ))
}
