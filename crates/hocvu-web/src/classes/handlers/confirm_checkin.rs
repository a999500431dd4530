//! GET `/{lang}/checkin/{id}/{code}`: the address in the QR code on the facilitator's screen.
//! Opening it changes nothing: the participant confirms with one button (a POST), so a link
//! preview or a prefetch checks nobody in. The code is checked (and wrong ones throttled) the
//! same way as a typed one.

use crate::classes::pages::{Method, checkin_page};
use crate::classes::{CheckinError, CheckinThrottle, session_for_code};
use crate::site::auth::client_address;
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::viewer::Viewer;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

pub async fn handle(
    ctx: Ctx,
    throttle: web::Data<CheckinThrottle>,
    viewer: Viewer,
    path: web::Path<(String, i64, String)>,
) -> Result<HttpResponse, AppError> {
    let session = ctx
        .store()
        .session(path.1)
        .await?
        .ok_or_else(AppError::not_found)?;
    let now = hocvu_store::now_ms();
    let address = client_address(&ctx.req);
    match session_for_code(
        &ctx.accounts,
        &throttle,
        &address,
        Some(&session),
        &path.2,
        now,
    )
    .await
    {
        Ok(s) => {
            let grouped = hocvu_certs::CertCode::parse(&path.2)
                .map(|c| c.grouped())
                .unwrap_or_default();
            checkin_page(
                &ctx,
                &viewer,
                Some(&s),
                &grouped,
                Method::Qr,
                None,
                StatusCode::OK,
            )
        }
        Err(CheckinError::Refused(r)) => checkin_page(
            &ctx,
            &viewer,
            Some(&session),
            "",
            Method::Typed,
            Some(r.key()),
            r.status(),
        ),
        Err(CheckinError::Failed(e)) => Err(e),
    }
}
