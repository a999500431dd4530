//! Certificate pictures drawn once and kept in the data folder (`certificate-pictures/`), one
//! file per code, layout and fingerprint of everything drawn (the texts in the picture's
//! language, the layout, the hocvu version): a name correction (a new code), a new course
//! title translation or a new renderer draws a new file. A revoked code's files are deleted on
//! its next request (which is refused). Downloads are answered from the file with an ETag; the
//! browser revalidates (the address stays the same when a translation changes the picture).

use actix_web::web::Bytes;
use hocvu_certs::{CertificateView, Layout};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::PathBuf;

pub struct Pictures {
    dir: PathBuf,
}

/// A picture as answered.
pub struct Picture {
    pub png: Bytes,
    /// Quoted, for `ETag`.
    pub etag: String,
    /// Drawn for this request (not found kept).
    pub drawn: bool,
}

impl Pictures {
    pub fn new(dir: PathBuf) -> Pictures {
        Pictures { dir }
    }

    fn fingerprint(view: &CertificateView, layout: Layout) -> String {
        let mut h = Sha256::new();
        h.update(env!("CARGO_PKG_VERSION"));
        h.update(format!("{layout:?}\n{view:?}"));
        hex::encode(&h.finalize()[..10])
    }

    /// The kept picture of `code`, drawing and keeping it first if needed. Drawing is ~50 ms
    /// of CPU: call from a blocking thread.
    pub fn get(
        &self,
        code: &str,
        view: &CertificateView,
        layout: Layout,
    ) -> Result<Picture, hocvu_certs::RenderError> {
        let print = Self::fingerprint(view, layout);
        let path = self.dir.join(format!("{code}-{print}.png"));
        let etag = format!("\"{print}\"");
        if let Ok(png) = std::fs::read(&path) {
            return Ok(Picture {
                png: Bytes::from(png),
                etag,
                drawn: false,
            });
        }
        let png = hocvu_certs::render_png(view, layout)?;
        if let Err(e) = self.keep(&path, &png) {
            // Still answered; drawn again next time.
            tracing::warn!("could not keep {}: {e}", path.display());
        }
        Ok(Picture {
            png: Bytes::from(png),
            etag,
            drawn: true,
        })
    }

    /// Written whole under a private name, then renamed: a reader never sees half a picture.
    fn keep(&self, path: &std::path::Path, png: &[u8]) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(png)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    }

    /// Deletes every kept picture of `code` (revoked); returns how many.
    pub fn forget(&self, code: &str) -> usize {
        let prefix = format!("{code}-");
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return 0;
        };
        entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            .filter(|e| std::fs::remove_file(e.path()).is_ok())
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(name: &str) -> CertificateView {
        CertificateView {
            heading: "Giấy chứng nhận".into(),
            name: name.into(),
            course_title: "VNeID".into(),
            verify_url: "https://example.org/verify/ABCDE".into(),
            ..CertificateView::default()
        }
    }

    #[test]
    fn drawn_once_then_read_and_forgotten_when_revoked() {
        let dir = tempfile::tempdir().unwrap();
        let pictures = Pictures::new(dir.path().join("pics"));
        let first = pictures.get("ABC", &view("H'Ngăm"), Layout::Share).unwrap();
        assert!(first.drawn);
        assert!(first.png.starts_with(b"\x89PNG"));
        let again = pictures.get("ABC", &view("H'Ngăm"), Layout::Share).unwrap();
        assert!(!again.drawn, "read from the data folder");
        assert_eq!(again.png, first.png);
        assert_eq!(again.etag, first.etag);
        let other = pictures
            .get("ABC", &view("H'Ngăm Niê"), Layout::Share)
            .unwrap();
        assert!(
            other.drawn && other.etag != first.etag,
            "other texts: another picture"
        );
        assert_eq!(pictures.forget("ABC"), 2);
        assert!(
            pictures
                .get("ABC", &view("H'Ngăm"), Layout::Share)
                .unwrap()
                .drawn
        );
    }
}
