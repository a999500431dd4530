//! Lesson images: decoded, oriented, resized to phone widths, re-encoded without metadata.

use crate::diag::Code;
use crate::markdown::{ImageRef, ImageResolver};
use crate::model::Media;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Component, Path, PathBuf};

/// Widths served to phones (1× and 2× of a 360 px screen); never upscaled.
pub const WIDTHS: [u32; 2] = [360, 720];
/// A processed image wider variant above this many bytes gets warning W101.
pub const BYTE_BUDGET: usize = 120 * 1024;
const JPEG_QUALITY: u8 = 78;
const MAX_SIDE: u32 = 12_000;

/// Resolves lesson image paths against one course folder, processing each file once.
pub struct CourseImages {
    course_dir: PathBuf,
    cache: BTreeMap<String, Result<ImageRef, (Code, String)>>,
    media: BTreeMap<String, Media>,
    /// `(relative path, message)` for images over budget, reported once per file.
    pub over_budget: Vec<(String, String)>,
}

impl CourseImages {
    pub fn new(course_dir: &Path) -> Self {
        CourseImages {
            course_dir: course_dir.to_path_buf(),
            cache: BTreeMap::new(),
            media: BTreeMap::new(),
            over_budget: Vec::new(),
        }
    }

    /// Every processed file, sorted by name.
    pub fn into_media(self) -> Vec<Media> {
        self.media.into_values().collect()
    }

    fn load(&mut self, rel: &str) -> Result<ImageRef, (Code, String)> {
        let path = self.course_dir.join(rel);
        let bytes = std::fs::read(&path).map_err(|e| {
            (
                Code::ImageMissing,
                format!("image `{rel}` cannot be read: {}", io_reason(&e)),
            )
        })?;
        let variants = process(&bytes).map_err(|e| {
            (
                Code::ImageUndecodable,
                format!("image `{rel}` cannot be decoded: {e}"),
            )
        })?;
        if let Some(largest) = variants.last()
            && largest.bytes.len() > BYTE_BUDGET
        {
            self.over_budget.push((
                rel.to_string(),
                format!(
                    "image `{rel}` is {} KB after processing, over the {} KB budget for phones on weak networks: crop it or simplify it",
                    largest.bytes.len() / 1024,
                    BYTE_BUDGET / 1024
                ),
            ));
        }
        let image = ImageRef {
            variants: variants
                .iter()
                .map(|m| (m.name.clone(), m.width, m.height))
                .collect(),
        };
        for m in variants {
            self.media.insert(m.name.clone(), m);
        }
        Ok(image)
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        _ => e.to_string(),
    }
}

impl ImageResolver for CourseImages {
    fn resolve(&mut self, url: &str) -> Result<ImageRef, (Code, String)> {
        let rel = normalise(url)?;
        if let Some(cached) = self.cache.get(&rel) {
            return cached.clone();
        }
        let result = self.load(&rel);
        self.cache.insert(rel, result.clone());
        result
    }
}

/// Keeps image paths inside the course folder.
fn normalise(url: &str) -> Result<String, (Code, String)> {
    let outside = |why: &str| {
        (
            Code::ImageOutsideCourse,
            format!(
                "image `{url}` {why}: put the file in the course's `images/` folder and write `images/name.png`"
            ),
        )
    };
    if url.contains("://") || url.starts_with("//") || url.contains(':') {
        return Err(outside("is not a file of this course"));
    }
    let path = Path::new(url);
    let mut parts = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => return Err(outside("leaves the course folder")),
        }
    }
    if parts.is_empty() {
        return Err(outside("is empty"));
    }
    Ok(parts.join("/"))
}

/// Decodes and re-encodes one image into its phone variants, narrowest first.
pub fn process(bytes: &[u8]) -> Result<Vec<Media>, String> {
    let format = image::guess_format(bytes).map_err(|_| "not a PNG or JPEG file".to_string())?;
    if !matches!(format, ImageFormat::Png | ImageFormat::Jpeg) {
        return Err(format!("{format:?} is not supported; use PNG or JPEG"));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    // Metadata is dropped on re-encoding, so the camera's rotation must be applied first.
    let orientation = decoder.orientation().map_err(|e| e.to_string())?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    img.apply_orientation(orientation);
    let mut widths: Vec<u32> = WIDTHS.iter().map(|&w| w.min(img.width())).collect();
    widths.dedup();
    let mut out = Vec::new();
    for width in widths {
        let resized = if width == img.width() {
            img.clone()
        } else {
            let height = ((u64::from(img.height()) * u64::from(width)) / u64::from(img.width()))
                .max(1) as u32;
            img.resize_exact(width, height, FilterType::CatmullRom)
        };
        out.push(encode(&resized, format)?);
    }
    Ok(out)
}

fn encode(img: &DynamicImage, source: ImageFormat) -> Result<Media, String> {
    let mut bytes = Vec::new();
    let (ext, content_type) = if source == ImageFormat::Png {
        let encoder =
            PngEncoder::new_with_quality(&mut bytes, CompressionType::Best, PngFilter::Adaptive);
        if img.color().has_alpha() {
            img.to_rgba8().write_with_encoder(encoder)
        } else {
            img.to_rgb8().write_with_encoder(encoder)
        }
        .map_err(|e| e.to_string())?;
        ("png", "image/png")
    } else {
        let encoder = JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY);
        img.to_rgb8()
            .write_with_encoder(encoder)
            .map_err(|e| e.to_string())?;
        ("jpg", "image/jpeg")
    };
    let hash = hex::encode(Sha256::digest(&bytes));
    Ok(Media {
        name: format!("{}-{}.{ext}", &hash[..16], img.width()),
        content_type: content_type.to_string(),
        width: img.width(),
        height: img.height(),
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageBuffer, Rgb, Rgba};

    fn png(width: u32, height: u32, alpha: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        let encoder = PngEncoder::new(&mut bytes);
        if alpha {
            let img = ImageBuffer::from_fn(width, height, |x, y| Rgba([x as u8, y as u8, 90, 200]));
            img.write_with_encoder(encoder).unwrap();
        } else {
            let img = ImageBuffer::from_fn(width, height, |x, y| Rgb([x as u8, y as u8, 90]));
            img.write_with_encoder(encoder).unwrap();
        }
        bytes
    }

    /// A JPEG with an EXIF segment carrying a GPS-looking marker string.
    fn jpeg_with_exif(width: u32, height: u32) -> Vec<u8> {
        let mut plain = Vec::new();
        let img = ImageBuffer::from_fn(width, height, |x, y| Rgb([x as u8, y as u8, 30]));
        img.write_with_encoder(JpegEncoder::new(&mut plain))
            .unwrap();
        let payload = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\0GPS-SECRET-12.345N";
        let len = (payload.len() + 2) as u16;
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(payload);
        out.extend_from_slice(&plain[2..]);
        out
    }

    #[test]
    fn wide_image_gets_two_variants_narrowest_first() {
        let out = process(&png(1000, 500, false)).unwrap();
        let sizes: Vec<(u32, u32)> = out.iter().map(|m| (m.width, m.height)).collect();
        assert_eq!(sizes, vec![(360, 180), (720, 360)]);
        assert!(out.iter().all(|m| m.content_type == "image/png"));
        assert!(out[0].name.ends_with("-360.png"));
    }

    #[test]
    fn small_image_is_not_upscaled() {
        let out = process(&png(200, 100, true)).unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!((out[0].width, out[0].height), (200, 100));
        let decoded = image::load_from_memory(&out[0].bytes).unwrap();
        assert!(decoded.color().has_alpha());
    }

    #[test]
    fn exif_and_gps_are_stripped() {
        let source = jpeg_with_exif(800, 400);
        assert!(source.windows(10).any(|w| w == b"GPS-SECRET"));
        let out = process(&source).unwrap();
        assert_eq!(out.len(), 2);
        for m in &out {
            assert_eq!(m.content_type, "image/jpeg");
            assert!(!m.bytes.windows(4).any(|w| w == b"Exif"));
            assert!(!m.bytes.windows(10).any(|w| w == b"GPS-SECRET"));
        }
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(process(b"not an image").is_err());
        let mut truncated = png(100, 100, false);
        truncated.truncate(60);
        assert!(process(&truncated).is_err());
    }

    #[test]
    fn processing_is_deterministic() {
        let a = process(&png(900, 300, false)).unwrap();
        let b = process(&png(900, 300, false)).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn noisy_photo_over_budget_is_reported_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("images")).unwrap();
        // Pseudo-random noise does not compress: the 720 px PNG lands far over budget.
        let mut state = 12345u32;
        let img = ImageBuffer::from_fn(900, 600, |_, _| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let b = state.to_be_bytes();
            Rgb([b[0], b[1], b[2]])
        });
        img.save(dir.path().join("images/noise.png")).unwrap();
        let mut images = CourseImages::new(dir.path());
        let first = images.resolve("images/noise.png").unwrap();
        let second = images.resolve("./images/noise.png").unwrap();
        assert_eq!(first, second);
        assert_eq!(images.over_budget.len(), 1);
        assert!(
            images.over_budget[0].1.contains("budget"),
            "{}",
            images.over_budget[0].1
        );
        assert_eq!(images.into_media().len(), 2);
    }

    #[test]
    fn paths_stay_inside_the_course() {
        assert_eq!(normalise("./images/a.png").unwrap(), "images/a.png");
        assert_eq!(
            normalise("../x.png").unwrap_err().0,
            Code::ImageOutsideCourse
        );
        assert_eq!(
            normalise("/etc/passwd").unwrap_err().0,
            Code::ImageOutsideCourse
        );
        assert_eq!(
            normalise("https://x/y.png").unwrap_err().0,
            Code::ImageOutsideCourse
        );
    }
}
