//! GET `/{lang}/checkin/{id}/{code}`: the address in the QR code on the facilitator's screen.
//! Opening it changes nothing: the participant confirms with one button (a POST), so a link
//! preview or a prefetch checks nobody in.

use crate::classes::code;
use crate::classes::pages::checkin_page;
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::viewer::Viewer;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use hocvu_certs::CertCode;

pub async fn handle(
    ctx: Ctx,
    viewer: Viewer,
    path: web::Path<(String, i64, String)>,
) -> Result<HttpResponse, AppError> {
    let session = ctx
        .store()
        .session(path.1)
        .await?
        .ok_or_else(AppError::not_found)?;
    let now = hocvu_store::now_ms();
    let typed = CertCode::parse(&path.2).ok();
    let valid = typed.is_some_and(|c| code::accepts(&session.code_secret, session.id, &c, now));
    if !session.is_open(now) {
        let problem = Some("classes-checkin-closed");
        return checkin_page(&ctx, &viewer, Some(&session), "", problem, StatusCode::GONE);
    }
    if !valid {
        let problem = Some("classes-checkin-wrong");
        return checkin_page(
            &ctx,
            &viewer,
            Some(&session),
            "",
            problem,
            StatusCode::BAD_REQUEST,
        );
    }
    let grouped = typed.map(|c| c.grouped()).unwrap_or_default();
    checkin_page(
        &ctx,
        &viewer,
        Some(&session),
        &grouped,
        None,
        StatusCode::OK,
    )
}
