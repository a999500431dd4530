//! Headers every response carries.

/// Scripts, their requests, the service worker and the web app manifest: this site only.
pub const CSP: &str = "default-src 'none'; img-src 'self'; media-src 'self' blob:; style-src 'self'; script-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Sent with every response (by `page_cache::Page` itself on the pre-rendered fast path).
pub const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
];

/// Browsers that reached the site over HTTPS keep to it for a year (never sent over plain
/// HTTP, where it means nothing and could be injected).
pub const HSTS: (&str, &str) = ("Strict-Transport-Security", "max-age=31536000");

/// Adds [`HSTS`] when the request came over HTTPS: said by the proxy in front
/// (`X-Forwarded-Proto`/`Forwarded`, as for `Secure` cookies) or implied by an `https://`
/// `public_url`, which a plain-HTTP listener only gets behind a TLS proxy.
pub async fn hsts(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let https = HTTPS_PUBLIC_URL.load(std::sync::atomic::Ordering::Relaxed)
        || req.connection_info().scheme() == "https";
    let mut res = next.call(req).await?;
    if https {
        res.headers_mut().insert(
            actix_web::http::header::STRICT_TRANSPORT_SECURITY,
            actix_web::http::header::HeaderValue::from_static(HSTS.1),
        );
    }
    Ok(res)
}

/// Set at start from `public_url`.
pub static HTTPS_PUBLIC_URL: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);
