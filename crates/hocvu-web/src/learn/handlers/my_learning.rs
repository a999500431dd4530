//! GET "My learning": progress bars of every started course (guests too).

use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::viewer::Viewer;
use actix_web::HttpResponse;

pub async fn handle(ctx: Ctx, viewer: Viewer) -> Result<HttpResponse, AppError> {
    if !viewer.is_known() {
        return Err(AppError::sign_in(ctx.lang));
    }
    let bundles = ctx.site.bundles_for(viewer.preview);
    let attended = match viewer.learner {
        Some(id) => ctx.store().sessions_attended(id).await?,
        None => Vec::new(),
    };
    let sessions: Vec<_> = attended
        .iter()
        .map(|s| crate::classes::pages::session_json(&ctx.site, ctx.lang, s, &s.place, 0))
        .collect();
    Ok(ctx.html(
        ctx.renderer()
            .learning(ctx.lang, &viewer, &bundles, &sessions)?,
    ))
}
