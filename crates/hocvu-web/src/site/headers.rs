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
