//! GET `/{lang}/narrate/{locale}/{course}/{lesson}/pending/{part}`: a recording waiting for
//! review, played back to narrators and reviewers of the locale (byte ranges, never cached).

use crate::narrate::Narrating;
use crate::site::audio::Audio;
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use actix_web::http::header;
use actix_web::{HttpResponse, web};

pub async fn handle(
    ctx: Ctx,
    n: Narrating,
    path: web::Path<(String, String, String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (_, locale, course, slug, part) = path.into_inner();
    let locale = n.locale(&locale)?;
    let rec = ctx
        .store()
        .recording(&course, &slug, &part, locale.as_str())
        .await?
        .filter(|r| !r.audio.is_empty())
        .ok_or_else(AppError::not_found)?;
    let probe = hocvu_content::narration::probe_any(&rec.audio)
        .map_err(|e| AppError::internal(format!("stored recording: {e}")))?;
    let audio = Audio::from_bytes(
        probe.container.content_type(),
        format!("{}-{}", rec.updated_at, rec.audio.len()),
        rec.audio,
    );
    let mut resp = audio.respond(&ctx.req);
    resp.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("private, no-store"),
    );
    Ok(resp)
}
