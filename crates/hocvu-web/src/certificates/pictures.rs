//! Certificate pictures drawn once and kept in the data folder (`certificate-pictures/`), one
//! file per code, layout and fingerprint of everything drawn (the texts in the picture's
//! language, the layout, the hocvu version): a name correction (a new code), a new course
//! title translation or a new renderer draws a new file. A revoked code's files are deleted on
//! its next request (which is refused). Kept only when `public_url` is configured (the QR
//! code's address otherwise follows each request's Host). Downloads are answered from the file with an ETag; the
//! browser revalidates (the address stays the same when a translation changes the picture).

use actix_web::web::Bytes;
use hocvu_certs::{CertificateView, Layout};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::PathBuf;

pub struct Pictures {
    dir: PathBuf,
    /// Kept only with a configured public address: otherwise the verification address (drawn
    /// in the QR code) comes from each request's Host, and every new Host would add a file.
    keep: bool,
}

/// Unique temporary names within this process.
static TEMPORARY: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A picture as answered.
pub struct Picture {
    pub png: Bytes,
    /// Quoted, for `ETag`.
    pub etag: String,
    /// Drawn for this request (not found kept).
    pub drawn: bool,
}

impl Pictures {
    pub fn new(dir: PathBuf, keep: bool) -> Pictures {
        Pictures { dir, keep }
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
        if let Ok(png) = std::fs::read(&path).map_err(|_| ()).and_then(whole_png) {
            return Ok(Picture {
                png: Bytes::from(png),
                etag,
                drawn: false,
            });
        }
        let png = hocvu_certs::render_png(view, layout)?;
        if !self.keep {
            return Ok(Picture {
                png: Bytes::from(png),
                etag,
                drawn: true,
            });
        }
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
        let n = TEMPORARY.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = path.with_extension(format!("tmp-{}-{n}", std::process::id()));
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .and_then(|mut f| {
                f.write_all(png)?;
                f.sync_all()
            })
            .and_then(|()| std::fs::rename(&tmp, path));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written
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

/// A kept file that is a whole PNG (signature first, `IEND` chunk last); anything else is
/// drawn again.
fn whole_png(png: Vec<u8>) -> Result<Vec<u8>, ()> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    const END: &[u8] = b"IEND\xae\x42\x60\x82";
    (png.starts_with(SIGNATURE) && png.ends_with(END))
        .then_some(png)
        .ok_or(())
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
        let pictures = Pictures::new(dir.path().join("pics"), true);
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
        // A damaged kept file is drawn again.
        for kept in std::fs::read_dir(dir.path().join("pics")).unwrap() {
            let path = kept.unwrap().path();
            let len = std::fs::metadata(&path).unwrap().len();
            let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
            file.set_len(len / 2).unwrap();
        }
        assert!(
            pictures
                .get("ABC", &view("H'Ngăm"), Layout::Share)
                .unwrap()
                .drawn
        );
        assert!(
            !pictures
                .get("ABC", &view("H'Ngăm"), Layout::Share)
                .unwrap()
                .drawn
        );
        assert_eq!(pictures.forget("ABC"), 2);
        // Without a public address nothing is kept.
        let unkept = Pictures::new(dir.path().join("none"), false);
        assert!(unkept.get("ABC", &view("x"), Layout::Share).unwrap().drawn);
        assert!(unkept.get("ABC", &view("x"), Layout::Share).unwrap().drawn);
        assert!(!dir.path().join("none").exists());
        assert!(
            pictures
                .get("ABC", &view("H'Ngăm"), Layout::Share)
                .unwrap()
                .drawn
        );
    }
}
