//! hocvu-content: compiles Markdown courses (Vietnamese source + translations) into versioned,
//! deterministic course bundles, and reports author diagnostics with exact positions.
//!
//! It knows nothing of HTTP or SQL: the server only loads what this crate writes.

pub mod bundle;
pub mod course;
pub mod diag;
pub mod frontmatter;
pub mod images;
pub mod locale;
pub mod markdown;
pub mod model;
pub mod source;

pub use bundle::{BundleError, Loaded};
pub use course::{CompileOptions, CompiledCourse};
pub use diag::{Code, Diagnostic, Diagnostics, Severity};
pub use locale::Locale;
pub use model::*;

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("cannot read content folder {path}: {source}")]
    ContentDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{errors} error(s) in the content; nothing was written (run `hocvu check` for the list)")]
    Invalid { errors: usize },
}

/// Compiles every course folder under `content_dir` (folders starting with `_` or `.` are not
/// courses). Returns what compiled, even partly, with every diagnostic.
pub fn compile_all(content_dir: &Path, options: &CompileOptions) -> Result<(Vec<CompiledCourse>, Diagnostics), BuildError> {
    let read_err = |source| BuildError::ContentDir {
        path: content_dir.to_path_buf(),
        source,
    };
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(content_dir)
        .map_err(read_err)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.starts_with('_') && !n.starts_with('.'))
        })
        .collect();
    dirs.sort();
    let mut diags = Diagnostics::default();
    let mut courses: Vec<CompiledCourse> = Vec::new();
    for dir in dirs {
        if !dir.join(course::MANIFEST).exists() {
            let has_lessons = std::fs::read_dir(&dir)
                .map(|rd| rd.filter_map(|e| e.ok()).any(|e| e.path().extension().is_some_and(|x| x == "md")))
                .unwrap_or(false);
            if has_lessons {
                diags.push(&dir.join(course::MANIFEST), 1, 1, Code::NoManifest, "this folder has lessons but no course.toml (folders starting with `_` are ignored)");
            }
            continue;
        }
        let Some(compiled) = course::compile_course(&dir, options, &mut diags) else {
            continue;
        };
        if let Some(other) = courses.iter().find(|c| c.bundle.course.id == compiled.bundle.course.id) {
            diags.push(
                &dir.join(course::MANIFEST),
                1,
                1,
                Code::DuplicateId,
                format!("course id `{}` is already used by {}", compiled.bundle.course.id, other.dir.display()),
            );
            continue;
        }
        courses.push(compiled);
    }
    Ok((courses, diags))
}

#[derive(Debug)]
pub struct BuildReport {
    pub index: Index,
    pub diagnostics: Vec<Diagnostic>,
    /// Bundle files actually (re)written; unchanged ones are left alone.
    pub written: Vec<PathBuf>,
}

/// Compiled bundles as bytes plus their index rows, without touching the disk.
pub fn encode_all(courses: &[CompiledCourse]) -> Result<Vec<(IndexEntry, Vec<u8>)>, BuildError> {
    courses
        .iter()
        .map(|c| {
            let bytes = bundle::encode(&c.bundle).map_err(|source| BuildError::Write {
                path: PathBuf::from(bundle::file_name(&c.bundle.course.id, &c.bundle.course.version)),
                source,
            })?;
            Ok((bundle::index_entry(&c.bundle, bundle::sha256_hex(&bytes)), bytes))
        })
        .collect()
}

/// `hocvu build`: compile, then write bundles and `index.json` only if there is no error.
pub fn build(content_dir: &Path, out_dir: &Path, options: &CompileOptions) -> Result<BuildReport, BuildError> {
    let (courses, diags) = compile_all(content_dir, options)?;
    if diags.has_errors() {
        return Err(BuildError::Invalid {
            errors: diags.error_count(),
        });
    }
    let write_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| BuildError::Write { path, source }
    };
    std::fs::create_dir_all(out_dir).map_err(write_err(out_dir))?;
    let mut written = Vec::new();
    let mut entries = Vec::new();
    for (entry, bytes) in encode_all(&courses)? {
        let path = out_dir.join(&entry.file);
        let unchanged = std::fs::read(&path).is_ok_and(|old| old == bytes);
        if !unchanged {
            write_atomic(&path, &bytes).map_err(write_err(&path))?;
            written.push(path);
        }
        entries.push(entry);
    }
    let index = Index {
        format: BUNDLE_FORMAT,
        bundles: entries,
    };
    let mut json = serde_json::to_vec_pretty(&index).map_err(|e| BuildError::Write {
        path: out_dir.join(bundle::INDEX),
        source: std::io::Error::other(e),
    })?;
    json.push(b'\n');
    let index_path = out_dir.join(bundle::INDEX);
    write_atomic(&index_path, &json).map_err(write_err(&index_path))?;
    for c in courses.iter().filter(|c| c.new_release) {
        course::record_release(&c.dir, &c.bundle.course.version, &c.bundle.course.content_hash)
            .map_err(write_err(&c.dir.join(course::RELEASES)))?;
    }
    Ok(BuildReport {
        index,
        diagnostics: diags.into_sorted(),
        written,
    })
}

/// Readers (a running server, a download) never see a half-written file.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
