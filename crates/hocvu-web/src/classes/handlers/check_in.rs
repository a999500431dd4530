//! POST `/{lang}/checkin`: a participant checks themselves in with the code on the screen
//! (typed, or from the QR code). The code names the session; the learner is whoever sends it —
//! there is no field for anyone else. A visitor without a session becomes a guest, whose
//! check-in carries over when they register. Wrong codes are throttled per address.

use crate::classes::pages::{Method, checked_in_page, checkin_page};
use crate::classes::{CheckinError, CheckinThrottle, Refusal, session_for_code};
use crate::site::auth::client_address;
use crate::site::error::AppError;
use crate::site::extract::{Ctx, SameOrigin, Session};
use crate::site::viewer::Viewer;
use actix_web::{HttpResponse, web};
use hocvu_store::sessions::CheckIn;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckinForm {
    #[serde(default)]
    code: String,
    session: Option<i64>,
    #[serde(default)]
    method: String,
}

pub async fn handle(
    ctx: Ctx,
    _: SameOrigin,
    throttle: web::Data<CheckinThrottle>,
    web::Form(form): web::Form<CheckinForm>,
    Session(session): Session,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let now = hocvu_store::now_ms();
    let given = match form.session {
        Some(id) => ctx.store().session(id).await?,
        None => None,
    };
    let typed = form.code.trim().chars().take(24).collect::<String>();
    let method = if form.method == "qr" {
        Method::Qr
    } else {
        Method::Typed
    };
    let refuse = |refusal: Refusal, session| {
        let problem = Some(refusal.key());
        checkin_page(
            &ctx,
            &viewer,
            session,
            &typed,
            method,
            problem,
            refusal.status(),
        )
    };
    let address = client_address(&ctx.req);
    let target = match session_for_code(
        &ctx.accounts,
        &throttle,
        &address,
        given.as_ref(),
        &typed,
        now,
    )
    .await
    {
        Ok(s) => s,
        Err(CheckinError::Refused(refusal)) => return refuse(refusal, given.as_ref()),
        Err(CheckinError::Failed(e)) => return Err(e),
    };
    let (learner, new_cookie) = match session {
        Some((_, learner)) => (learner, None),
        None => {
            let id = ctx.store().create_guest(ctx.lang.as_str()).await?;
            let learner = ctx
                .store()
                .learner(id)
                .await?
                .ok_or_else(|| AppError::internal(format!("guest {id} vanished")))?;
            (
                learner,
                Some(ctx.accounts.keys.cookie(&ctx.req, id, true, 0)),
            )
        }
    };
    let outcome = ctx
        .store()
        .check_in(&target, learner.id, method.as_str(), now)
        .await?;
    if outcome == CheckIn::NotOpen {
        return refuse(Refusal::Closed, Some(&target));
    }
    let viewer = ctx.accounts.viewer_for(&ctx.site, &learner).await?;
    let mut resp = checked_in_page(&ctx, &viewer, &target, outcome == CheckIn::Already)?;
    if let Some(cookie) = new_cookie {
        let _ = resp.add_cookie(&cookie);
    }
    Ok(resp)
}
