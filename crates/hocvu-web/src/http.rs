//! Responses for pages that are the same for everyone: pre-rendered once, compressed once,
//! answered with 304 when the browser already has them.

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

pub struct Page {
    pub content_type: String,
    pub body: Bytes,
    pub etag: String,
    compressible: bool,
    gzip: OnceLock<Bytes>,
    brotli: OnceLock<Bytes>,
}

impl Page {
    /// `version` identifies what the body was made from (bundle hashes, locale, theme).
    pub fn new(content_type: &str, body: Vec<u8>, version: &str) -> Page {
        let mut hasher = Sha256::new();
        hasher.update(version.as_bytes());
        hasher.update([0]);
        hasher.update(&body);
        let tag = hex::encode(&hasher.finalize()[..9]);
        Page {
            compressible: content_type.starts_with("text/")
                || content_type.starts_with("image/svg")
                || content_type.starts_with("application/json"),
            content_type: content_type.to_string(),
            body: Bytes::from(body),
            etag: format!("\"{tag}\""),
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
        }
    }

    fn gzip(&self) -> &Bytes {
        self.gzip.get_or_init(|| {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            let ok = enc.write_all(&self.body).is_ok();
            match enc.finish() {
                Ok(out) if ok => Bytes::from(out),
                _ => self.body.clone(),
            }
        })
    }

    fn brotli(&self) -> &Bytes {
        self.brotli.get_or_init(|| {
            let mut out = Vec::new();
            let params = brotli::enc::BrotliEncoderParams {
                quality: 11,
                lgwin: 22,
                ..Default::default()
            };
            match brotli::BrotliCompress(&mut &self.body[..], &mut out, &params) {
                Ok(_) => Bytes::from(out),
                Err(_) => self.body.clone(),
            }
        })
    }

    /// Compresses now rather than on the first request.
    pub fn warm(&self) {
        if self.compressible {
            self.gzip();
            self.brotli();
        }
    }

    pub fn respond(&self, req: &HttpRequest, cache_control: &str) -> HttpResponse {
        self.respond_with(req, cache_control, StatusCode::OK)
    }

    pub fn respond_with(
        &self,
        req: &HttpRequest,
        cache_control: &str,
        status: StatusCode,
    ) -> HttpResponse {
        let vary = "Accept-Encoding, Cookie";
        if status == StatusCode::OK && if_none_match(req, &self.etag) {
            return HttpResponse::NotModified()
                .insert_header((header::ETAG, self.etag.as_str()))
                .insert_header((header::CACHE_CONTROL, cache_control))
                .insert_header((header::VARY, vary))
                .finish();
        }
        let mut builder = HttpResponse::build(status);
        builder
            .insert_header((header::CONTENT_TYPE, self.content_type.as_str()))
            .insert_header((header::CACHE_CONTROL, cache_control))
            .insert_header((header::VARY, vary));
        if status == StatusCode::OK {
            builder.insert_header((header::ETAG, self.etag.as_str()));
        }
        let body = match (self.compressible, accepted_encoding(req)) {
            (true, Some(Encoding::Brotli)) => {
                builder.insert_header((header::CONTENT_ENCODING, "br"));
                self.brotli().clone()
            }
            (true, Some(Encoding::Gzip)) => {
                builder.insert_header((header::CONTENT_ENCODING, "gzip"));
                self.gzip().clone()
            }
            // "identity" stops the compression middleware from compressing it again per request.
            _ => {
                builder.insert_header((
                    header::CONTENT_ENCODING,
                    HeaderValue::from_static("identity"),
                ));
                self.body.clone()
            }
        };
        builder.body(body)
    }
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
