//! GET `/{lang}/certificates/{code}/badge.jwt`: the certificate as an Open Badges 3.0
//! credential (VC-JWT, EdDSA) for a wallet or another system; holder only.

use super::{held, issuer};
use crate::Accounts;
use crate::errors::error_page;
use crate::extract::UiLang;
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};
use hocvu_certs::{BadgeContext, CertificateClaims};

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
) -> HttpResponse {
    let cert = match held(&site, &accounts, &req).await {
        Ok((c, _)) => c,
        Err(resp) => return resp,
    };
    let issuer = match issuer(&req, &site) {
        Ok(i) => i,
        Err(resp) => return resp,
    };
    // The badge names the issuer's address inside a signed credential: only a configured one.
    if issuer.public_url.is_none() {
        let detail = site.i18n.tr(lang, "cert-badge-unavailable", None);
        return error_page(&site, &req, 404, Some(&detail));
    }
    if cert.revoked_at.is_some() {
        let detail = site.i18n.tr(lang, "cert-revoked-no-download", None);
        return error_page(&site, &req, 403, Some(&detail));
    }
    let claims = match hocvu_certs::verify(&cert.token, &issuer.ring.jwks()) {
        Ok(c) => c,
        Err(e) => {
            tracing::error!("certificate {} token no longer verifies: {e}", cert.code);
            return error_page(&site, &req, 500, None);
        }
    };
    let base = issuer.base_url(&req);
    let ctx = context(
        &site,
        lang,
        &base,
        &claims,
        issuer.verify_url(&req, &cert.code),
    );
    match hocvu_certs::open_badge_jwt(&issuer.ring, &claims, &ctx) {
        Ok(jwt) => HttpResponse::Ok()
            .content_type("application/vc+jwt")
            .insert_header(("Cache-Control", crate::http::PRIVATE))
            .insert_header((
                "Content-Disposition",
                format!("attachment; filename=\"hocvu-{}.jwt\"", cert.code),
            ))
            .body(jwt),
        Err(e) => {
            tracing::error!("certificate {} badge: {e}", cert.code);
            error_page(&site, &req, 500, None)
        }
    }
}

fn context(
    site: &Site,
    lang: hocvu_content::Locale,
    base: &str,
    claims: &CertificateClaims,
    verify_url: String,
) -> BadgeContext {
    let mut args = hocvu_i18n::FluentArgs::new();
    args.set("course", claims.course_title_vi.clone());
    BadgeContext {
        issuer_url: format!("{base}/"),
        verify_url,
        achievement_url: format!("{base}/vi/courses/{}/", claims.course_id),
        description: site.i18n.tr(lang, "cert-badge-description", Some(&args)),
        criteria: site.i18n.tr(lang, "cert-badge-criteria", None),
    }
}
