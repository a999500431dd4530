//! What the workspace reads from and writes into a course folder: the hash of the text a
//! narrator reads, and an accepted recording with its `.narration.toml`, each written to a
//! temporary file and renamed, so the compiler and a running server never see half a file.

use crate::site::error::AppError;
use hocvu_content::Locale;
use hocvu_content::narration::SIDECAR_SUFFIX;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file read aloud in `locale` (as the compiler judges staleness): the translation when it
/// exists, else the Vietnamese lesson.
pub fn text_path(dir: &Path, slug: &str, locale: Locale) -> PathBuf {
    let translation = dir.join(format!("{slug}.{locale}.md"));
    if locale != Locale::SOURCE && translation.is_file() {
        translation
    } else {
        dir.join(format!("{slug}.md"))
    }
}

/// `source_hash` of the text read aloud, as `hocvu i18n hash` gives it.
pub fn text_hash(dir: &Path, slug: &str, locale: Locale) -> Result<String, AppError> {
    let path = text_path(dir, slug, locale);
    let mut diags = hocvu_content::Diagnostics::default();
    hocvu_content::source::read_text(&path, &mut diags)
        .map(|f| hocvu_content::source::text_hash(&f.text))
        .ok_or_else(|| AppError::internal(format!("cannot read {}", path.display())))
}

/// `<slug>.<locale>.<ext>` for the lesson, `<slug>.<locale>.<qN>.<ext>` for a question.
pub fn audio_name(slug: &str, locale: Locale, part: &str, ext: &str) -> String {
    if part == "lesson" {
        format!("{slug}.{locale}.{ext}")
    } else {
        format!("{slug}.{locale}.{part}.{ext}")
    }
}

#[derive(serde::Serialize)]
struct Sidecar<'a> {
    source_hash: &'a str,
    narrator: &'a str,
    reviewed_by: &'a str,
}

/// A recording a reviewer accepted, and who read and accepted it.
pub struct Accepted<'a> {
    pub slug: &'a str,
    pub locale: Locale,
    pub part: &'a str,
    pub ext: &'a str,
    pub audio: &'a [u8],
    pub source_hash: &'a str,
    pub narrator: &'a str,
    pub reviewer: &'a str,
}

/// An accepted recording into the course folder: the audio, then its `.narration.toml`; the
/// same part's file in another format (an older recording) is removed.
pub fn write_accepted(dir: &Path, a: &Accepted<'_>) -> Result<(), AppError> {
    let Accepted {
        slug,
        locale,
        part,
        ext,
        audio,
        source_hash,
        narrator,
        reviewer,
    } = *a;
    let name = audio_name(slug, locale, part, ext);
    write_atomic(&dir.join(&name), audio)?;
    for (other, ..) in hocvu_content::narration::probe::EXTENSIONS {
        let old = dir.join(audio_name(slug, locale, part, other));
        if other != ext && old.is_file() {
            std::fs::remove_file(&old)
                .map_err(|e| AppError::internal(format!("cannot remove {}: {e}", old.display())))?;
        }
    }
    let sidecar = toml::to_string(&Sidecar {
        source_hash,
        narrator,
        reviewed_by: reviewer,
    })
    .map_err(AppError::internal)?;
    let path = dir.join(format!("{slug}.{locale}{SIDECAR_SUFFIX}"));
    write_atomic(&path, sidecar.as_bytes())
}

/// Written beside its final name, flushed to disk, then renamed over it.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let fail =
        |e: std::io::Error| AppError::internal(format!("cannot write {}: {e}", path.display()));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("narration");
    let tmp = path.with_file_name(format!(".{name}.partial"));
    let mut file = std::fs::File::create(&tmp).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.sync_all().map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepting_replaces_an_older_format_and_writes_the_sidecar() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("01-a.rad.mp3"), b"old").unwrap();
        write_accepted(
            dir.path(),
            &Accepted {
                slug: "01-a",
                locale: Locale::Rad,
                part: "lesson",
                ext: "opus",
                audio: b"OggS",
                source_hash: "h",
                narrator: "A \"B\"",
                reviewer: "C",
            },
        )
        .unwrap();
        assert!(!dir.path().join("01-a.rad.mp3").exists());
        assert_eq!(
            std::fs::read(dir.path().join("01-a.rad.opus")).unwrap(),
            b"OggS"
        );
        let toml: toml::Table = std::fs::read_to_string(dir.path().join("01-a.rad.narration.toml"))
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(toml["narrator"].as_str(), Some("A \"B\""));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
        assert_eq!(
            audio_name("01-a", Locale::Vi, "q2", "webm"),
            "01-a.vi.q2.webm"
        );
    }
}
