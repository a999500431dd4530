//! One page as answered: pre-rendered pages are compressed once and answered with 304 when the
//! browser already has them; per-request pages (quiz results) are compressed quickly.
//! Header values are built once per page, not per request: this is the hot path.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::sync::OnceLock;

pub const HTML: &str = "text/html; charset=utf-8";
/// Anonymous pages may be stored but must be revalidated (a new course version changes them).
pub const REVALIDATE: &str = "no-cache";
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Pages that show one person's answers or state.
pub const PRIVATE: &str = "private, no-store";
const VARY: HeaderValue = HeaderValue::from_static("Accept-Encoding, Cookie");

/// How hard to compress: once at start for shared pages, cheaply for one visitor's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effort {
    Once,
    PerRequest,
}

pub struct Page {
    content_type: HeaderValue,
    pub body: Bytes,
    pub etag: String,
    etag_value: HeaderValue,
    compressible: bool,
    effort: Effort,
    gzip: OnceLock<Bytes>,
    brotli: OnceLock<Bytes>,
}

impl Page {
    /// `version` identifies what the body was made from (bundle hashes, locale, theme).
    pub fn new(content_type: &str, body: Vec<u8>, version: &str) -> Page {
        Self::with_effort(content_type, body, version, Effort::Once)
    }

    /// A page rendered for one request (quiz results, error details): never stored.
    pub fn dynamic(body: String) -> Page {
        Self::with_effort(HTML, body.into_bytes(), "", Effort::PerRequest)
    }

    fn with_effort(content_type: &str, body: Vec<u8>, version: &str, effort: Effort) -> Page {
        let mut hasher = Sha256::new();
        hasher.update(version.as_bytes());
        hasher.update([0]);
        hasher.update(&body);
        let etag = format!("\"{}\"", hex::encode(&hasher.finalize()[..9]));
        Page {
            compressible: content_type.starts_with("text/")
                || content_type.starts_with("image/svg")
                || content_type.starts_with("application/json"),
            content_type: HeaderValue::from_str(content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream")),
            etag_value: HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"\"")),
            etag,
            body: Bytes::from(body),
            effort,
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
        }
    }

    fn gzip(&self) -> &Bytes {
        self.gzip.get_or_init(|| {
            let level = match self.effort {
                Effort::Once => flate2::Compression::best(),
                Effort::PerRequest => flate2::Compression::default(),
            };
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), level);
            let ok = enc.write_all(&self.body).is_ok();
            match enc.finish() {
                Ok(out) if ok => Bytes::from(out),
                _ => self.body.clone(),
            }
        })
    }

    /// Bytes a browser that accepts Brotli downloads for this page (compressing it if not yet).
    pub fn transfer_len(&self) -> usize {
        if self.compressible {
            self.brotli().len()
        } else {
            self.body.len()
        }
    }

    fn brotli(&self) -> &Bytes {
        self.brotli.get_or_init(|| {
            let mut out = Vec::new();
            let params = brotli::enc::BrotliEncoderParams {
                quality: if self.effort == Effort::Once { 11 } else { 5 },
                lgwin: 22,
                ..Default::default()
            };
            match brotli::BrotliCompress(&mut &self.body[..], &mut out, &params) {
                Ok(_) => Bytes::from(out),
                Err(_) => self.body.clone(),
            }
        })
    }

    pub fn respond(&self, req: &HttpRequest, cache_control: &'static str) -> HttpResponse {
        self.respond_with(req, cache_control, StatusCode::OK)
    }

    pub fn respond_with(
        &self,
        req: &HttpRequest,
        cache_control: &'static str,
        status: StatusCode,
    ) -> HttpResponse {
        let cache_control = HeaderValue::from_static(cache_control);
        let cacheable = status == StatusCode::OK && self.effort == Effort::Once;
        if cacheable && if_none_match(req, &self.etag) {
            return with_security_headers(HttpResponse::NotModified())
                .insert_header((header::ETAG, self.etag_value.clone()))
                .insert_header((header::CACHE_CONTROL, cache_control))
                .insert_header((header::VARY, VARY))
                .finish();
        }
        let mut builder = with_security_headers(HttpResponse::build(status));
        builder
            .insert_header((header::CONTENT_TYPE, self.content_type.clone()))
            .insert_header((header::CACHE_CONTROL, cache_control))
            .insert_header((header::VARY, VARY));
        if cacheable {
            builder.insert_header((header::ETAG, self.etag_value.clone()));
        }
        let body = match (self.compressible, accepted_encoding(req)) {
            (true, Some(Encoding::Brotli)) => {
                builder.insert_header((header::CONTENT_ENCODING, HeaderValue::from_static("br")));
                self.brotli().clone()
            }
            (true, Some(Encoding::Gzip)) => {
                builder.insert_header((header::CONTENT_ENCODING, HeaderValue::from_static("gzip")));
                self.gzip().clone()
            }
            _ => self.body.clone(),
        };
        builder.body(body)
    }
}

/// The fast path skips the middleware that adds these to every other response.
fn with_security_headers(
    mut builder: actix_web::HttpResponseBuilder,
) -> actix_web::HttpResponseBuilder {
    for (name, value) in crate::site::headers::SECURITY_HEADERS {
        builder.insert_header((name, HeaderValue::from_static(value)));
    }
    builder
}

fn if_none_match(req: &HttpRequest, etag: &str) -> bool {
    req.headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .map(|t| t.trim().trim_start_matches("W/"))
                .any(|t| t == etag || t == "*")
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
}

/// Brotli if accepted, else gzip, else none (a `q=0` refuses an encoding).
pub fn accepted_encoding(req: &HttpRequest) -> Option<Encoding> {
    let header = req.headers().get(header::ACCEPT_ENCODING)?.to_str().ok()?;
    let accepts = |name: &str| {
        header.split(',').any(|part| {
            let mut it = part.split(';');
            let coding = it.next().unwrap_or("").trim();
            let q = it
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            coding.eq_ignore_ascii_case(name) && q > 0.0
        })
    };
    if accepts("br") {
        Some(Encoding::Brotli)
    } else if accepts("gzip") {
        Some(Encoding::Gzip)
    } else {
        None
    }
}
