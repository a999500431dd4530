//! Signed-in learners' lesson, course and catalogue pages without rendering them per view.
//!
//! What such a page shows of its learner is small: the header's links (guest or account, the
//! sessions and management links), this page's progress (a lesson's best score and mark, a
//! course's done lessons and certificate, the catalogue's required courses) and the learner's
//! key for the offline script. A page is rendered once for each combination of those that
//! occurs — from a viewer holding only them, so nothing else of a learner can reach a page
//! other learners get — with a placeholder for the learner's key, and split there. A view then
//! joins the parts around the key; for gzip the parts are compressed once as separate deflate
//! blocks (`Z_SYNC_FLUSH`) and the key goes between them as a stored block, so the answer is
//! one valid gzip stream without compressing per view. (Brotli streams cannot be joined like
//! this: signed-in pages go as gzip.)
//!
//! Bounded by count ([`ENTRIES`], least recently used go first); a page and its gzip are
//! ~10 KB, so at most ~40 MB per site.

use crate::site::page_cache::{Encoding, HTML, PRIVATE, accepted_encoding};
use crate::site::viewer::Viewer;
use actix_web::http::header::{self, HeaderValue};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use std::io::Write;
use std::sync::Arc;

pub const ENTRIES: usize = 4_000;
/// The learner id a page is rendered with; its key is replaced in each view.
pub const PLACEHOLDER_ID: i64 = i64::MIN;
const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
/// An empty final block (fixed Huffman codes): ends the deflate stream.
const DEFLATE_END: [u8; 2] = [0x03, 0x00];

/// A page split around its learner key.
pub struct Spliced {
    parts: Vec<Bytes>,
    /// Each part as deflate blocks ending on a byte boundary, not final.
    deflated: Vec<Bytes>,
}

impl Spliced {
    /// Splits `html` (rendered for [`PLACEHOLDER_ID`]) at every `placeholder`.
    pub fn new(html: &str, placeholder: &str) -> Spliced {
        let parts: Vec<Bytes> = html
            .split(placeholder)
            .map(|p| Bytes::copy_from_slice(p.as_bytes()))
            .collect();
        let deflated = parts.iter().map(|p| Bytes::from(deflate(p))).collect();
        Spliced { parts, deflated }
    }

    fn plain(&self, key: &str) -> Vec<u8> {
        let len = self.parts.iter().map(Bytes::len).sum::<usize>() + key.len() * self.parts.len();
        let mut out = Vec::with_capacity(len);
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(key.as_bytes());
            }
            out.extend_from_slice(part);
        }
        out
    }

    /// The page for `key` as one gzip stream.
    fn gzip(&self, key: &str) -> Vec<u8> {
        let mut crc = crc32fast::Hasher::new();
        let mut len = 0usize;
        let mut out = Vec::with_capacity(
            GZIP_HEADER.len() + self.deflated.iter().map(Bytes::len).sum::<usize>() + 64,
        );
        out.extend_from_slice(&GZIP_HEADER);
        for (i, (part, deflated)) in self.parts.iter().zip(&self.deflated).enumerate() {
            if i > 0 {
                stored_block(&mut out, key.as_bytes());
                crc.update(key.as_bytes());
                len += key.len();
            }
            out.extend_from_slice(deflated);
            crc.update(part);
            len += part.len();
        }
        out.extend_from_slice(&DEFLATE_END);
        out.extend_from_slice(&crc.finalize().to_le_bytes());
        out.extend_from_slice(&(len as u32).to_le_bytes());
        out
    }

    /// The answer for the learner whose offline key is `key`: private, never stored.
    pub fn respond(&self, req: &HttpRequest, key: &str) -> HttpResponse {
        let mut resp = HttpResponse::Ok();
        // Also answered before the middleware that adds these (`site::fast_path`).
        for (name, value) in crate::site::headers::SECURITY_HEADERS {
            resp.insert_header((name, HeaderValue::from_static(value)));
        }
        resp.insert_header((header::CONTENT_TYPE, HeaderValue::from_static(HTML)))
            .insert_header((header::CACHE_CONTROL, HeaderValue::from_static(PRIVATE)))
            .insert_header((
                header::VARY,
                HeaderValue::from_static("Accept-Encoding, Cookie"),
            ));
        // Every browser that takes Brotli takes gzip too.
        let gzip = match accepted_encoding(req) {
            Some(Encoding::Gzip) => true,
            Some(Encoding::Brotli) => accepts_gzip(req),
            None => false,
        };
        if gzip {
            resp.insert_header((header::CONTENT_ENCODING, HeaderValue::from_static("gzip")))
                .body(self.gzip(key))
        } else {
            resp.body(self.plain(key))
        }
    }
}

fn accepts_gzip(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',').any(|part| {
                let mut it = part.split(';');
                let coding = it.next().unwrap_or("").trim();
                let refused = it.any(|p| p.trim().replace(' ', "") == "q=0");
                coding.eq_ignore_ascii_case("gzip") && !refused
            })
        })
}

/// `data` deflated and flushed to a byte boundary, without a final block.
fn deflate(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into memory cannot fail.
    let _ = enc.write_all(data);
    let _ = enc.flush();
    enc.get_ref().clone()
}

/// `data` as uncompressed (stored) deflate blocks, not final.
fn stored_block(out: &mut Vec<u8>, data: &[u8]) {
    for chunk in data.chunks(u16::MAX as usize) {
        let len = chunk.len() as u16;
        out.push(0);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
}

/// A signed-in learner's page answered before the router runs: only when their session,
/// account and viewer are in memory and this page was already made for that viewer (so a
/// lesson's opening is already written down). Anything else goes the usual way.
pub fn answer_known(req: &HttpRequest) -> Option<HttpResponse> {
    use crate::site::accounts::Accounts;
    use crate::site::session::SessionKeys;
    if !req.query_string().is_empty() || req.headers().contains_key("hocvu-save") {
        return None;
    }
    let site = req.app_data::<actix_web::web::Data<crate::site::Site>>()?;
    let accounts = req.app_data::<actix_web::web::Data<Accounts>>()?;
    let claims = accounts.keys.current(req)?;
    if SessionKeys::needs_renewal(&claims) {
        return None;
    }
    let (known, viewer) = accounts.cache.served(claims.sub, &site.offline.build)?;
    if known.learner.session_generation != claims.generation
        || known.learner.is_guest != claims.guest
        || viewer.preview
    {
        return None;
    }
    let page = known.page(&site.theme_for(req).renderer.theme.name, req.path())?;
    Some(page.respond(req, &viewer.learner_key()))
}

/// The site's signed-in pages by theme, path and what they show of their learner.
pub struct MemberPages {
    pages: quick_cache::sync::Cache<String, Arc<Spliced>>,
}

impl Default for MemberPages {
    fn default() -> Self {
        MemberPages {
            pages: quick_cache::sync::Cache::new(ENTRIES),
        }
    }
}

impl MemberPages {
    /// The page for `key` (theme, path and the page's viewer), rendering it if not kept.
    pub fn get_or_render<E>(
        &self,
        key: String,
        viewer: &Viewer,
        render: impl FnOnce(&Viewer) -> Result<String, E>,
    ) -> Result<Arc<Spliced>, E> {
        if let Some(page) = self.pages.get(&key) {
            return Ok(page);
        }
        let html = render(viewer)?;
        let page = Arc::new(Spliced::new(&html, &viewer.learner_key()));
        self.pages.insert(key, page.clone());
        Ok(page)
    }

    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }
}

/// What the page of `target` shows of `v`, and nothing else, with the placeholder id.
pub fn page_viewer(v: &Viewer, course: Option<&str>, lesson: Option<&str>) -> Viewer {
    let mut page = Viewer {
        session: true,
        learner: Some(PLACEHOLDER_ID),
        guest: v.guest,
        manages: v.manages,
        facilitates: v.facilitates,
        ..Viewer::default()
    };
    match (course, lesson) {
        (Some(c), Some(l)) => {
            if v.has_done(c, l) {
                page.done.insert(c.to_string(), [l.to_string()].into());
            }
            let key = (c.to_string(), l.to_string());
            if let Some(best) = v.best.get(&key) {
                page.best.insert(key, *best);
            }
        }
        (Some(c), None) => {
            if let Some(done) = v.done.get(c) {
                page.done.insert(c.to_string(), done.clone());
            }
            if v.completed.contains(c) {
                page.completed.insert(c.to_string());
            }
            if let Some(code) = v.certificates.get(c) {
                page.certificates.insert(c.to_string(), code.clone());
            }
        }
        _ => page.required = v.required.clone(),
    }
    page
}

/// A page that shows all of a learner's progress ("My learning"): everything but their name,
/// id and the lessons merely opened.
pub fn whole_page_viewer(v: &Viewer) -> Viewer {
    Viewer {
        learner: Some(PLACEHOLDER_ID),
        name: None,
        opened: Default::default(),
        preview: false,
        ..v.clone()
    }
}

/// The cache key of a page: theme, path, and everything `page` (a [`page_viewer`]) holds —
/// all of it, so no field can be forgotten.
pub fn page_key(theme: &str, path: &str, page: &Viewer) -> String {
    format!("{theme}\n{path}\n{page:?}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn joined_gzip_is_one_valid_stream_equal_to_the_plain_page() {
        let html = format!(
            "<html data-learner=\"KEY\">{}<p>KEY</p>{}",
            "Học vụ số ".repeat(500),
            "đuôi ".repeat(300)
        );
        let page = Spliced::new(&html, "KEY");
        let key = "l12345";
        let plain = page.plain(key);
        assert_eq!(plain, html.replace("KEY", key).into_bytes());
        let zipped = page.gzip(key);
        assert!(zipped.len() < plain.len() / 5, "{} bytes", zipped.len());
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&zipped[..])
            .read_to_end(&mut back)
            .expect("a valid gzip stream, its CRC and length checked");
        assert_eq!(back, plain);
        // A page without the placeholder is one part.
        let one = Spliced::new("<p>static</p>", "KEY");
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&one.gzip("x")[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, b"<p>static</p>");
    }

    #[test]
    fn a_page_viewer_holds_only_what_its_page_shows() {
        let mut v = Viewer {
            session: true,
            learner: Some(7),
            name: Some("H'Ngăm".into()),
            ..Viewer::default()
        };
        v.done
            .insert("vneid".into(), ["a".into(), "b".into()].into());
        v.done.insert("qr".into(), ["x".into()].into());
        v.best.insert(("vneid".into(), "a".into()), (2, 3));
        v.certificates.insert("qr".into(), "CODE".into());
        let lesson = page_viewer(&v, Some("vneid"), Some("a"));
        assert_eq!(lesson.name, None);
        assert_eq!(lesson.learner, Some(PLACEHOLDER_ID));
        assert_eq!(lesson.done.len(), 1);
        assert_eq!(lesson.done["vneid"].len(), 1);
        assert_eq!(lesson.best.len(), 1);
        assert!(lesson.certificates.is_empty());
        let course = page_viewer(&v, Some("qr"), None);
        assert_eq!(course.certificates["qr"], "CODE");
        assert!(!course.done.contains_key("vneid"));
        // Two learners in the same state share the page; another state does not.
        let mut w = v.clone();
        w.learner = Some(8);
        w.name = Some("Y Bhim".into());
        let key = |v: &Viewer| {
            page_key(
                "default",
                "/vi/courses/vneid/a/",
                &page_viewer(v, Some("vneid"), Some("a")),
            )
        };
        assert_eq!(key(&v), key(&w));
        w.best.insert(("vneid".into(), "a".into()), (3, 3));
        assert_ne!(key(&v), key(&w));
        w.guest = true;
        assert_ne!(key(&v), key(&w));
    }
}
