//! GET "My learning": progress bars of every started course (guests too), from the learner's
//! state in memory and a page rendered once per state (`page_cache::member`).

use crate::site::error::AppError;
use crate::site::extract::{Ctx, Session};
use crate::site::page_cache::member;
use crate::site::session::SessionKeys;
use crate::site::viewer::Viewer;
use actix_web::HttpResponse;

pub async fn handle(ctx: Ctx, Session(session): Session) -> Result<HttpResponse, AppError> {
    let Some((claims, learner)) = session else {
        return Err(AppError::sign_in(ctx.lang));
    };
    let viewer = ctx.accounts.viewer_of(&ctx.site, &learner).await?;
    let render = |v: &Viewer| {
        let sessions: Vec<_> = v
            .attended
            .iter()
            .map(|s| crate::classes::pages::session_json(&ctx.site, ctx.lang, s, &s.place, 0))
            .collect();
        let bundles = ctx.site.bundles_for(v.preview);
        ctx.renderer().learning(ctx.lang, v, &bundles, &sessions)
    };
    let mut resp = if viewer.preview {
        viewer.remember(&ctx.req);
        ctx.html(render(&viewer)?)
    } else {
        let page_viewer = member::whole_page_viewer(&viewer);
        let key = member::page_key(&ctx.renderer().theme.name, ctx.req.path(), &page_viewer);
        let page = ctx
            .site
            .member_pages
            .get_or_render(key, &page_viewer, render)?;
        ctx.accounts.cache.remember_page(
            learner.id,
            &viewer,
            &ctx.renderer().theme.name,
            ctx.req.path(),
            page.clone(),
        );
        page.respond(&ctx.req, &viewer.learner_key())
    };
    if SessionKeys::needs_renewal(&claims) {
        let _ = resp.add_cookie(&ctx.accounts.keys.cookie(
            &ctx.req,
            claims.sub,
            claims.guest,
            claims.generation,
        ));
    }
    Ok(resp)
}
