//! Narration audio, served from memory with byte ranges (phones fetch audio in pieces and seek)
//! and cached for a year: names are content hashes. The Range header is parsed by actix-files.

use super::page_cache::IMMUTABLE;
use actix_files::HttpRange;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};

pub struct Audio {
    content_type: HeaderValue,
    etag: String,
    body: Bytes,
}

impl Audio {
    pub fn new(file: &hocvu_content::narration::AudioFile) -> Audio {
        Audio {
            content_type: HeaderValue::from_str(&file.content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream")),
            // The name is the content's hash already.
            etag: format!("\"{}\"", file.name),
            body: Bytes::from_owner(file.bytes.clone()),
        }
    }

    /// Audio that is not in a bundle (a recording waiting for review); `version` makes its ETag.
    pub fn from_bytes(content_type: &str, version: String, bytes: Vec<u8>) -> Audio {
        Audio {
            content_type: HeaderValue::from_str(content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream")),
            etag: format!("\"{version}\""),
            body: Bytes::from(bytes),
        }
    }

    pub fn respond(&self, req: &HttpRequest) -> HttpResponse {
        let size = self.body.len() as u64;
        let headers = req.headers();
        if headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|t| t.trim() == self.etag))
        {
            return self.base(StatusCode::NOT_MODIFIED).finish();
        }
        // If-Range with another validator means "send the whole file" (RFC 9110 §13.1.5).
        let if_range_ok = headers
            .get(header::IF_RANGE)
            .and_then(|v| v.to_str().ok())
            .is_none_or(|v| v.trim() == self.etag);
        let range = headers
            .get(header::RANGE)
            .filter(|_| if_range_ok)
            .and_then(|v| v.to_str().ok());
        let Some(range) = range else {
            return self.base(StatusCode::OK).body(self.body.clone());
        };
        match HttpRange::parse(range, size) {
            Ok(ranges) if !ranges.is_empty() => {
                // Like actix-files' NamedFile: the first range only.
                let r = ranges[0];
                let (start, end) = (r.start as usize, (r.start + r.length) as usize);
                self.base(StatusCode::PARTIAL_CONTENT)
                    .insert_header((
                        header::CONTENT_RANGE,
                        format!("bytes {}-{}/{size}", r.start, r.start + r.length - 1),
                    ))
                    .body(self.body.slice(start..end))
            }
            Ok(_) => self.base(StatusCode::OK).body(self.body.clone()),
            Err(_) => self
                .base(StatusCode::RANGE_NOT_SATISFIABLE)
                .insert_header((header::CONTENT_RANGE, format!("bytes */{size}")))
                .finish(),
        }
    }

    fn base(&self, status: StatusCode) -> actix_web::HttpResponseBuilder {
        let mut b = HttpResponse::build(status);
        b.insert_header((header::CONTENT_TYPE, self.content_type.clone()))
            .insert_header((header::CACHE_CONTROL, IMMUTABLE))
            .insert_header((header::ACCEPT_RANGES, "bytes"))
            .insert_header((header::ETAG, self.etag.as_str()));
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn audio() -> Audio {
        Audio::new(&hocvu_content::narration::AudioFile {
            name: "abc.opus".into(),
            content_type: "audio/ogg".into(),
            bytes: (0u8..100).collect::<Vec<u8>>().into(),
        })
    }

    #[actix_web::test]
    async fn ranges() {
        let a = audio();
        let r = a.respond(
            &TestRequest::default()
                .insert_header(("Range", "bytes=10-19"))
                .to_http_request(),
        );
        assert_eq!(r.status(), StatusCode::PARTIAL_CONTENT);
        assert_eq!(r.headers().get("content-range").unwrap(), "bytes 10-19/100");
        let body = actix_web::body::to_bytes(r.into_body()).await.unwrap();
        assert_eq!(&body[..], &(10u8..20).collect::<Vec<_>>()[..]);
        let r = a.respond(
            &TestRequest::default()
                .insert_header(("Range", "bytes=200-"))
                .to_http_request(),
        );
        assert_eq!(r.status(), StatusCode::RANGE_NOT_SATISFIABLE);
        assert_eq!(r.headers().get("content-range").unwrap(), "bytes */100");
        let r = a.respond(
            &TestRequest::default()
                .insert_header(("Range", "bytes=0-9"))
                .insert_header(("If-Range", "\"other\""))
                .to_http_request(),
        );
        assert_eq!(r.status(), StatusCode::OK);
        let r = a.respond(
            &TestRequest::default()
                .insert_header(("If-None-Match", "\"abc.opus\""))
                .to_http_request(),
        );
        assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
    }
}
