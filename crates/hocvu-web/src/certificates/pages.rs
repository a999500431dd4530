//! The holder's certificate page and the public verification page.

use super::Verification;
use crate::site::render::{Here, RenderError, Renderer};
use crate::site::viewer::Viewer;
use hocvu_content::Locale;
use hocvu_dates::day_month_year;

pub fn grouped_code(code: &str) -> String {
    hocvu_certs::CertCode::parse(code).map_or_else(|_| code.to_string(), |c| c.grouped())
}

/// What the certificate says, and its downloads.
pub fn certificate(
    r: &Renderer,
    lang: Locale,
    viewer: &Viewer,
    verification: &Verification,
    verify_url: &str,
    badge: bool,
) -> Result<String, RenderError> {
    let code = &verification.code;
    let here = format!("certificates/{code}/");
    r.page(
        "certificate.html",
        lang,
        Here::InLanguage(&here),
        viewer,
        |ctx| {
            ctx.insert("v", verification);
            ctx.insert("grouped", &grouped_code(code));
            ctx.insert("verify_url", verify_url);
            ctx.insert("badge", &badge);
            ctx.insert(
                "completed_on",
                &verification
                    .certificate
                    .as_ref()
                    .map(|c| day_month_year(&c.completed_on)),
            );
        },
    )
}

/// A form, and the answer for `typed` if a code was given.
pub fn verify(
    r: &Renderer,
    lang: Locale,
    viewer: &Viewer,
    typed: Option<&str>,
    found: Option<&Verification>,
    bad_code: Option<&str>,
) -> Result<String, RenderError> {
    let here = match found {
        Some(v) => format!("/verify/{}", v.code),
        None => "/verify".to_string(),
    };
    r.page("verify.html", lang, Here::Fixed(&here), viewer, |ctx| {
        ctx.insert("typed", &typed);
        ctx.insert("v", &found);
        ctx.insert("grouped", &found.map(|v| grouped_code(&v.code)));
        ctx.insert("bad_code", &bad_code);
        let dates = found.and_then(|v| v.certificate.as_ref()).map(|c| {
            serde_json::json!({
                "completed": day_month_year(&c.completed_on),
                "revoked": c.revoked_on.as_deref().map(day_month_year),
            })
        });
        ctx.insert("dates", &dates);
    })
}
