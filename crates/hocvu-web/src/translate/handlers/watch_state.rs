//! GET `/_watch` (only under `hocvu serve --watch`): the content's generation and last error,
//! polled by the development script to reload open pages or show the error in them.

use crate::reload::Reloader;
use crate::site::error::AppError;
use actix_web::{HttpResponse, web};

pub async fn handle(reloader: web::Data<Reloader>) -> Result<HttpResponse, AppError> {
    if !reloader.watching {
        return Err(AppError::not_found());
    }
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(reloader.state()))
}
