//! GET `/{lang}/certificates/{code}/badge.jwt`: the certificate as an Open Badges 3.0
//! credential (VC-JWT, EdDSA) for a wallet or another system; holder only.

use crate::certificates::Issuer;
use crate::certificates::holder::Holder;
use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::respond;
use actix_web::{HttpResponse, web};
use hocvu_certs::BadgeContext;

pub async fn handle(
    ctx: Ctx,
    issuer: web::Data<Issuer>,
    Holder {
        certificate: cert, ..
    }: Holder,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    // The badge names the issuer's address inside a signed credential: only a configured one.
    if issuer.public_url.is_none() {
        return Err(AppError::not_found().because("cert-badge-unavailable"));
    }
    if cert.revoked_at.is_some() {
        return Err(AppError::forbidden().because("cert-revoked-no-download"));
    }
    let claims = hocvu_certs::verify(&cert.token, &issuer.ring.jwks())?;
    let base = issuer.base_url(&ctx.req);
    let mut args = hocvu_i18n::FluentArgs::new();
    args.set("course", claims.course_title_vi.clone());
    let ctx = BadgeContext {
        issuer_url: format!("{base}/"),
        verify_url: issuer.verify_url(&ctx.req, &cert.code),
        achievement_url: format!("{base}/vi/courses/{}/", claims.course_id),
        description: ctx
            .site
            .i18n
            .tr(lang, "cert-badge-description", Some(&args)),
        criteria: ctx.site.i18n.tr(lang, "cert-badge-criteria", None),
    };
    let jwt = hocvu_certs::open_badge_jwt(&issuer.ring, &claims, &ctx)?;
    Ok(respond::download(
        "application/vc+jwt",
        &format!("hocvu-{}.jwt", cert.code),
        jwt,
    ))
}
