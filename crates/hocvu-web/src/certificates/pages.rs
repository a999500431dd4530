//! The holder's certificate page and the public verification page.

use super::Verification;
use crate::site::extract::Ctx;
use crate::site::render::{Here, RenderError};
use crate::site::viewer::Viewer;
use hocvu_dates::day_month_year;

pub fn grouped_code(code: &str) -> String {
    hocvu_certs::CertCode::parse(code).map_or_else(|_| code.to_string(), |c| c.grouped())
}

/// What the certificate says, and its downloads.
pub fn certificate(
    ctx: &Ctx,
    viewer: &Viewer,
    verification: &Verification,
    verify_url: &str,
    badge: bool,
    reissue_as: Option<&str>,
) -> Result<String, RenderError> {
    let code = &verification.code;
    let here = format!("certificates/{code}/");
    ctx.renderer().page(
        "certificate.html",
        ctx.lang,
        Here::InLanguage(&here),
        viewer,
        |vars| {
            vars.insert("v", verification);
            vars.insert("grouped", &grouped_code(code));
            vars.insert("verify_url", verify_url);
            vars.insert("badge", &badge);
            vars.insert("reissue_as", &reissue_as);
            vars.insert(
                "replaced_by",
                &verification
                    .certificate
                    .as_ref()
                    .and_then(|c| c.replaced_by.as_deref())
                    .map(|code| serde_json::json!({"code": code, "grouped": grouped_code(code)})),
            );
            vars.insert(
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
    ctx: &Ctx,
    viewer: &Viewer,
    typed: Option<&str>,
    found: Option<&Verification>,
    bad_code: Option<&str>,
) -> Result<String, RenderError> {
    let here = match found {
        Some(v) => format!("/verify/{}", v.code),
        None => "/verify".to_string(),
    };
    ctx.renderer().page(
        "verify.html",
        ctx.lang,
        Here::Fixed(&here),
        viewer,
        |vars| {
            vars.insert("typed", &typed);
            vars.insert("v", &found);
            vars.insert("grouped", &found.map(|v| grouped_code(&v.code)));
            vars.insert("bad_code", &bad_code);
            let dates = found.and_then(|v| v.certificate.as_ref()).map(|c| {
                serde_json::json!({
                    "completed": day_month_year(&c.completed_on),
                    "revoked": c.revoked_on.as_deref().map(day_month_year),
                })
            });
            vars.insert("dates", &dates);
            let replaced = found
                .and_then(|v| v.certificate.as_ref())
                .and_then(|c| c.replaced_by.as_deref())
                .map(|code| serde_json::json!({"code": code, "grouped": grouped_code(code)}));
            vars.insert("replaced_by", &replaced);
        },
    )
}
