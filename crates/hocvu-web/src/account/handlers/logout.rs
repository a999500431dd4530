//! POST logout: the session cookie is removed (a form button, so no link can log you out).

use crate::site::extract::{Ctx, SameOrigin};
use crate::site::session::SessionKeys;
use actix_web::HttpResponse;

pub async fn handle(ctx: Ctx, _: SameOrigin) -> HttpResponse {
    HttpResponse::SeeOther()
        .cookie(SessionKeys::removal(&ctx.req))
        .insert_header(("Location", format!("/{}/", ctx.lang)))
        .finish()
}
