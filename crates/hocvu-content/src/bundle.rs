//! The bundle file: an uncompressed tar with `bundle.json` and `media/<name>` entries, written
//! with fixed metadata so the same course always gives the same bytes.

use crate::model::{BUNDLE_FORMAT, Bundle, Index, IndexEntry};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

pub const EXTENSION: &str = "hocvu";
pub const INDEX: &str = "index.json";
const JSON_ENTRY: &str = "bundle.json";
const MEDIA_DIR: &str = "media/";
const AUDIO_DIR: &str = "audio/";

#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a hocvu bundle: {reason}")]
    Malformed { path: PathBuf, reason: String },
    #[error(
        "{path}: sha256 is {actual}, but index.json says {expected}: the file was changed or damaged after `hocvu build`"
    )]
    HashMismatch {
        path: PathBuf,
        expected: String,
        actual: String,
    },
    #[error(
        "{path}: bundle format {found} is not supported (this hocvu reads format {BUNDLE_FORMAT}): rebuild it with this hocvu"
    )]
    Format { path: PathBuf, found: u32 },
}

pub fn file_name(course: &str, version: &str) -> String {
    format!("{course}-{version}.{EXTENSION}")
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Serialises a bundle; infallible for our own types, but errors are passed up, never unwrapped.
pub fn encode(bundle: &Bundle) -> std::io::Result<Vec<u8>> {
    let json = serde_json::to_vec(bundle).map_err(std::io::Error::other)?;
    let mut builder = tar::Builder::new(Vec::new());
    append(&mut builder, JSON_ENTRY, &json)?;
    let mut media: Vec<_> = bundle.media.iter().collect();
    media.sort_by(|a, b| a.name.cmp(&b.name));
    for m in media {
        append(&mut builder, &format!("{MEDIA_DIR}{}", m.name), &m.bytes)?;
    }
    let mut audio: Vec<_> = bundle.audio.iter().collect();
    audio.sort_by(|a, b| a.name.cmp(&b.name));
    for a in audio {
        append(&mut builder, &format!("{AUDIO_DIR}{}", a.name), &a.bytes)?;
    }
    builder.into_inner()
}

fn append(builder: &mut tar::Builder<Vec<u8>>, path: &str, data: &[u8]) -> std::io::Result<()> {
    let mut header = tar::Header::new_ustar();
    header.set_path(path)?;
    header.set_size(data.len() as u64);
    header.set_mode(0o644);
    header.set_mtime(0);
    header.set_uid(0);
    header.set_gid(0);
    header.set_entry_type(tar::EntryType::Regular);
    header.set_cksum();
    builder.append(&header, data)
}

pub fn decode(path: &Path, bytes: &[u8]) -> Result<Bundle, BundleError> {
    let malformed = |reason: String| BundleError::Malformed {
        path: path.to_path_buf(),
        reason,
    };
    let mut archive = tar::Archive::new(bytes);
    let mut json = None;
    let mut media = BTreeMap::new();
    let mut audio = BTreeMap::new();
    let entries = archive.entries().map_err(|e| malformed(e.to_string()))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| malformed(e.to_string()))?;
        let name = entry
            .path()
            .map_err(|e| malformed(e.to_string()))?
            .to_string_lossy()
            .into_owned();
        let mut data = Vec::new();
        entry
            .read_to_end(&mut data)
            .map_err(|e| malformed(e.to_string()))?;
        if name == JSON_ENTRY {
            json = Some(data);
        } else if let Some(file) = name.strip_prefix(MEDIA_DIR) {
            media.insert(file.to_string(), data);
        } else if let Some(file) = name.strip_prefix(AUDIO_DIR) {
            audio.insert(file.to_string(), data);
        } else {
            return Err(malformed(format!("unexpected entry `{name}`")));
        }
    }
    let json = json.ok_or_else(|| malformed(format!("no `{JSON_ENTRY}` entry")))?;
    let format: serde_json::Value =
        serde_json::from_slice(&json).map_err(|e| malformed(e.to_string()))?;
    let found = format.get("format").and_then(|f| f.as_u64()).unwrap_or(0) as u32;
    if found != BUNDLE_FORMAT {
        return Err(BundleError::Format {
            path: path.to_path_buf(),
            found,
        });
    }
    let mut bundle: Bundle =
        serde_json::from_value(format).map_err(|e| malformed(e.to_string()))?;
    for m in &mut bundle.media {
        m.bytes = media
            .remove(&m.name)
            .ok_or_else(|| malformed(format!("media file `{}` is missing", m.name)))?;
    }
    for a in &mut bundle.audio {
        a.bytes = audio
            .remove(&a.name)
            .ok_or_else(|| malformed(format!("audio file `{}` is missing", a.name)))?
            .into();
    }
    Ok(bundle)
}

pub fn index_entry(bundle: &Bundle, hash: String) -> IndexEntry {
    IndexEntry {
        course: bundle.course.id.clone(),
        version: bundle.course.version.clone(),
        hash,
        file: file_name(&bundle.course.id, &bundle.course.version),
        audience: bundle.course.audience,
        title: bundle.course.title.clone(),
        lessons: bundle.lessons.len(),
        locales: bundle.locale_status(),
        narration: crate::narration::counts(&bundle.lessons),
    }
}

/// A bundle as loaded by the server, with the hash that identifies it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub entry: IndexEntry,
    pub bundle: Bundle,
}

/// Loads every bundle listed in `dir/index.json`, verifying each file's hash.
pub fn load_dir(dir: &Path) -> Result<Vec<Loaded>, BundleError> {
    let index_path = dir.join(INDEX);
    let read = |path: &Path| {
        std::fs::read(path).map_err(|source| BundleError::Io {
            path: path.to_path_buf(),
            source,
        })
    };
    let index: Index =
        serde_json::from_slice(&read(&index_path)?).map_err(|e| BundleError::Malformed {
            path: index_path.clone(),
            reason: e.to_string(),
        })?;
    let mut out = Vec::new();
    for entry in index.bundles {
        if entry.file.contains('/') || entry.file.contains('\\') || entry.file.starts_with('.') {
            return Err(BundleError::Malformed {
                path: index_path,
                reason: format!(
                    "bundle file name `{}` must be a plain file name",
                    entry.file
                ),
            });
        }
        let path = dir.join(&entry.file);
        let bytes = read(&path)?;
        let actual = sha256_hex(&bytes);
        if actual != entry.hash {
            return Err(BundleError::HashMismatch {
                path,
                expected: entry.hash,
                actual,
            });
        }
        let bundle = decode(&path, &bytes)?;
        out.push(Loaded { entry, bundle });
    }
    Ok(out)
}
